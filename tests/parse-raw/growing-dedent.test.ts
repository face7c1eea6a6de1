// The open triple-string value kept incrementally (from the appended pieces) equals the dedent of
// the whole content so far.
import { describe, expect, it } from 'vitest';
import { dedent } from '../../src/runtime/parse/raw/dedent.js';
import { GrowingDedent } from '../../src/runtime/parse/raw/growing-dedent.js';

const reference = (content: string, skipFirstLine: boolean): string => {
  if (!skipFirstLine) return dedent(content);
  const nl = content.indexOf('\n');
  return nl < 0 ? content : dedent(content.slice(nl + 1));
};

const SAMPLES = [
  'json\n[\n  {"a": 1},\n  {"b": 2}\n]\n',
  'py\n    def f():\n        return 1\n    \n',
  '\n\n  x\n\ty\n   \n z\n\n',
  'tag only',
  '\n    a\n  b\nc\n  d',
  'sh\n\n\n',
  '   \n\t\n  k = 1\n    m = 2\r\n',
  'json\n{"a":[1,2,3],"b":{"c":"d e"}}',
  'json\r\n{\r\n  "a": 1\r\n}\r\n\r\n',
  '\u00a0\u00a0x\n\u00a0y\n',
  'json\n\n\n[\n]\n  \n',
];

describe('GrowingDedent', () => {
  it.each(SAMPLES)('matches dedent at every prefix of %j', (text) => {
    for (const skip of [true, false]) {
      for (const step of [1, 2, 5]) {
        const grow = new GrowingDedent(skip);
        let fed = 0;
        for (let end = 0; end <= text.length; end += step) {
          const content = text.slice(0, end);
          grow.append(content.slice(fed));
          fed = end;
          expect(grow.value(content), `${JSON.stringify(content)} skip=${skip}`).toBe(
            reference(content, skip),
          );
        }
      }
    }
  });
});
