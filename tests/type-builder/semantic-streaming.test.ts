// Semantic streaming on dynamic types (beyond BAML 0.226.2, which ignores `@@stream.done` on a
// class added by a type builder): a schema whose fields and classes come from a TypeBuilder
// (addBaml text and builder methods) streams exactly as the same schema declared statically, at
// every split point of the answer, and keeps the static invariants: partials only move forward,
// `@stream.done` values appear whole, `@stream.with_state` states go Pending → Incomplete →
// Complete.
import { describe, expect, it } from 'vitest';
import type { Program, Type } from '../../src/ir/types.js';
import { createStreamParser, UNCHANGED } from '../../src/runtime/parse/index.js';
import { programWithTypeBuilder } from '../../src/runtime/type-builder/type-builder.js';
import { TypeBuilder } from '../../src/type-builder/index.js';
import { forwardViolation, sameJson } from '../parse/support/forward.js';
import { compileProgram } from '../support/compile-program.js';

const STATIC = compileProgram(`
class Pet {
  kind string
  legs int
  @@stream.done
}
class Msg {
  text string
  kind "note" @stream.not_null
}
class Person {
  name string
  motto string @stream.done
  pet Pet?
  msgs Msg[]
  bio string @stream.with_state
  tags string[] @stream.with_state
  @@dynamic
}
`);

/** The same schema, with everything but `name` added at run time. */
function dynamicProgram(): Program {
  const base = compileProgram('class Person {\n  name string\n  @@dynamic\n}\n');
  class Tb extends TypeBuilder {
    readonly Person = this.classBuilder('Person');
  }
  const tb = new Tb(base);
  tb.addBaml(`
class Pet {
  kind string
  legs int
  @@stream.done
}
dynamic class Person {
  motto string @stream.done
  pet Pet?
}
`);
  const msg = tb.addClass('Msg');
  msg.addProperty('text', tb.string());
  msg.addProperty('kind', tb.literalString('note')).streamNotNull();
  tb.Person.addProperty('msgs', msg.type().list());
  tb.Person.addProperty('bio', tb.string()).streamWithState();
  tb.Person.addProperty('tags', tb.string().list()).streamWithState();
  return programWithTypeBuilder(base, tb);
}

const TARGET: Type = { kind: 'class', name: 'Person' };

const ANSWER = JSON.stringify(
  {
    name: 'Ola',
    motto: 'carpe diem',
    pet: { kind: 'cat', legs: 4 },
    msgs: [
      { text: 'hello there', kind: 'note' },
      { text: 'bye', kind: 'note' },
    ],
    bio: 'likes cats',
    tags: ['a', 'bc'],
  },
  null,
  1,
);
// The same answer as an LLM writes it around JSON: prose and a fence, unquoted keys, a trailing
// comma (the general path rather than the strict-JSON one).
const LOOSE = `Here you go:\n\`\`\`json\n{ name: "Ola", motto: "carpe diem", pet: {kind: cat, legs: 4},\n msgs: [{text: "hello there", kind: "note"}, {text: bye, kind: note},],\n bio: "likes it", tags: [a, "bc"] }\n\`\`\``;

/** The partial after every character, and the final value and partial. */
function run(program: Program, chunks: string[]) {
  const parser = createStreamParser(program, TARGET);
  const partials: unknown[] = [];
  for (const chunk of chunks) {
    const value = parser.push(chunk);
    if (value !== UNCHANGED) partials.push(value);
  }
  const finished = parser.finish();
  return { partials, final: finished.value, finalPartial: finished.partial };
}

const STATES = ['Pending', 'Incomplete', 'Complete'];

/** The value with `{ value, state }` wrappers replaced by their value. */
function unwrap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrap);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 2 && 'state' in value && 'value' in value)
      return unwrap((value as { value: unknown }).value);
    return Object.fromEntries(entries.map(([k, v]) => [k, unwrap(v)]));
  }
  return value;
}

const DYNAMIC = dynamicProgram();

describe.each([
  ['strict JSON', ANSWER],
  ['loose JSON in a fence', LOOSE],
])('dynamic fields stream as static ones: %s', (_name, text) => {
  it('gives the same partials and final value as the static schema at every split point', () => {
    const chars = [...text];
    expect(run(DYNAMIC, chars)).toEqual(run(STATIC, chars));
    for (let k = 1; k < text.length; k++) {
      const split = [text.slice(0, k), text.slice(k)];
      expect(run(DYNAMIC, split), `split at ${k}`).toEqual(run(STATIC, split));
    }
  });

  it('moves forward, shows done values whole and states in order', () => {
    const { partials, final } = run(DYNAMIC, [...text]);
    expect(partials.length).toBeGreaterThan(5);
    const whole = final as Record<string, unknown>;
    let previous: unknown = null;
    const rank = { bio: 0, tags: 0 };
    for (const partial of partials as Record<string, unknown>[]) {
      expect(forwardViolation(previous, unwrap(partial))).toBeNull();
      previous = unwrap(partial);
      // @stream.done and @@stream.done: absent, or exactly the final value.
      if (partial.motto !== null) expect(partial.motto).toBe(whole.motto);
      if (partial.pet !== null) expect(sameJson(partial.pet, whole.pet)).toBe(true);
      // @stream.not_null: a message appears only with its kind.
      for (const m of partial.msgs as { kind: unknown }[]) expect(m.kind).toBe('note');
      // @stream.with_state: always wrapped, and the state never goes back.
      for (const key of ['bio', 'tags'] as const) {
        const { state } = partial[key] as { state: string };
        const at = STATES.indexOf(state);
        expect(at, `${key} state ${state}`).toBeGreaterThanOrEqual(rank[key]);
        rank[key] = at;
      }
    }
    const first = partials[0] as Record<string, { state: string }>;
    expect(first.bio!.state).toBe('Pending');
    expect(rank).toEqual({ bio: 2, tags: 2 });
  });
});
