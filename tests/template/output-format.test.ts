import { describe, expect, it } from 'vitest';
import type { Type } from '../../src/ir/types.js';
import { renderOutputFormat } from '../../src/runtime/template/index.js';
import { makeProgram, t } from './program-fixture.js';

const program = makeProgram();
const CART_BODY =
  "{\n  customer: string,\n  items: [\n    {\n      name: string,\n      // in USD\n      price: float,\n    }\n  ],\n  color: 'RED' or 'GREEN' or 'BLUE',\n  many: Many,\n  tally: map<string, int>,\n}";
const MANY = 'Many\n----\n- V1\n- V2\n- V3\n- V4\n- V5\n- V6\n- V7';
const ITEM = '{\n  name: string,\n  // in USD\n  price: float,\n}';

// Expected strings are the ones real BAML 0.226.2 sent (tests/conformance/cases/prompt/*).
const shapes: [string, Type, Record<string, unknown> | undefined, string][] = [
  ['string target renders nothing', t.string, undefined, ''],
  ['int', t.int, undefined, 'Answer as an int'],
  ['float', t.float, undefined, 'Answer as a float'],
  ['bool', t.bool, undefined, 'Answer as a bool'],
  ['null', t.null, undefined, 'Answer ONLY with null:\nnull'],
  ['int literal', t.literal(2), undefined, 'Answer using this specific value:\n2'],
  ['string literal', t.literal('TWO'), undefined, 'Answer using this specific value:\n"TWO"'],
  [
    'literal union',
    t.union(t.literal('yes'), t.literal('no')),
    undefined,
    'Answer in JSON using any of these schemas:\n"yes" or "no"',
  ],
  [
    'mixed literal union',
    t.union(t.literal(1), t.literal(true), t.literal('THREE')),
    undefined,
    'Answer in JSON using any of these schemas:\n1 or true or "THREE"',
  ],
  [
    'string list',
    t.list(t.string),
    undefined,
    'Answer with a JSON Array using this schema:\nstring[]',
  ],
  [
    'class list',
    t.list(t.class('Item')),
    undefined,
    `Answer with a JSON Array using this schema:\n[\n  ${ITEM.replaceAll('\n', '\n  ')}\n]`,
  ],
  [
    'short inline enum list',
    t.list(t.enum('C2')),
    undefined,
    "Answer with a JSON Array using this schema:\n'R' or 'G'[]",
  ],
  [
    'long inline enum list',
    t.list(t.enum('Color')),
    undefined,
    "Answer with a JSON Array using this schema:\n[\n  'RED' or 'GREEN' or 'BLUE'\n]",
  ],
  [
    'union list with primitive',
    t.list(t.union(t.int, t.string)),
    undefined,
    'Answer with a JSON Array using this schema:\n(int or string)[]',
  ],
  [
    'enum target',
    t.enum('Color'),
    undefined,
    'Answer with any of the categories:\nColor\n----\n- RED\n- GREEN\n- BLUE',
  ],
  ['big enum target', t.enum('Many'), undefined, `Answer with any of the categories:\n${MANY}`],
  [
    'enum with aliases, descriptions, skip',
    t.enum('Code'),
    undefined,
    'Answer with any of the categories:\nCode\n----\n- k1: The first code of all\n- k-2-3.1_1\n- NUMBER THREE',
  ],
  [
    'optional enum',
    t.optional(t.enum('Color')),
    undefined,
    "Answer in JSON using this schema:\n'RED' or 'GREEN' or 'BLUE' or null",
  ],
  [
    'optional class',
    t.optional(t.class('Item')),
    undefined,
    `Answer in JSON using this schema:\n${ITEM} or null`,
  ],
  [
    'union',
    t.union(t.class('Item'), t.enum('Color')),
    undefined,
    `Answer in JSON using any of these schemas:\n${ITEM} or 'RED' or 'GREEN' or 'BLUE'`,
  ],
  [
    'or_splitter',
    t.union(t.class('Item'), t.enum('Color')),
    { or_splitter: ' | ' },
    `Answer in JSON using any of these schemas:\n${ITEM} | 'RED' | 'GREEN' | 'BLUE'`,
  ],
  [
    'map of classes',
    t.map(t.string, t.class('Item')),
    undefined,
    `Answer in JSON using this schema:\nmap<string, ${ITEM}>`,
  ],
  [
    'map with enum keys',
    t.map(t.enum('Color'), t.int),
    undefined,
    "Answer in JSON using this schema:\nmap<'RED' or 'GREEN' or 'BLUE', int>",
  ],
  [
    'class with hoisted enum',
    t.class('Cart'),
    undefined,
    `${MANY}\n\nAnswer in JSON using this schema:\n${CART_BODY}`,
  ],
  ['prefix', t.class('Cart'), { prefix: 'Reply with: ' }, `${MANY}\n\nReply with: ${CART_BODY}`],
  ['prefix null', t.int, { prefix: null }, 'int'],
  [
    'map_style object',
    t.class('Cart'),
    { map_style: 'object' },
    `${MANY}\n\nAnswer in JSON using this schema:\n${CART_BODY.replace('map<string, int>', '{string: int}')}`,
  ],
  [
    'always_hoist_enums',
    t.class('Cart'),
    { always_hoist_enums: true },
    `${MANY}\n\nColor\n----\n- RED\n- GREEN\n- BLUE\n\nAnswer in JSON using this schema:\n${CART_BODY.replace("'RED' or 'GREEN' or 'BLUE'", 'Color')}`,
  ],
  [
    'enum_value_prefix',
    t.enum('Color'),
    { enum_value_prefix: '* ' },
    'Answer with any of the categories:\nColor\n----\n* RED\n* GREEN\n* BLUE',
  ],
  [
    'enum_value_prefix null',
    t.enum('Color'),
    { enum_value_prefix: null },
    'Answer with any of the categories:\nColor\n----\nRED\nGREEN\nBLUE',
  ],
  [
    'quote_class_fields',
    t.class('Item'),
    { quote_class_fields: true },
    'Answer in JSON using this schema:\n{\n  "name": string,\n  // in USD\n  "price": float,\n}',
  ],
  [
    'hoist_classes',
    t.class('Cart'),
    { hoist_classes: true },
    `${MANY}\n\nCart {\n  customer: string,\n  items: Item[],\n  color: 'RED' or 'GREEN' or 'BLUE',\n  many: Many,\n  tally: map<string, int>,\n}\n\nItem ${ITEM}\n\nAnswer in JSON using this schema: Cart`,
  ],
  [
    'hoisted_class_prefix',
    t.class('Cart'),
    { hoist_classes: true, hoisted_class_prefix: 'interface' },
    `${MANY}\n\ninterface Cart {\n  customer: string,\n  items: Item[],\n  color: 'RED' or 'GREEN' or 'BLUE',\n  many: Many,\n  tally: map<string, int>,\n}\n\ninterface Item ${ITEM}\n\nAnswer in JSON using this interface: Cart`,
  ],
  [
    'hoist_classes by name',
    t.list(t.class('Item')),
    { hoist_classes: ['Item'] },
    `Item ${ITEM}\n\nAnswer with a JSON Array using this schema:\nItem[]`,
  ],
  [
    'recursive class',
    t.class('Node'),
    undefined,
    'Node {\n  val: int,\n  next: Node or null,\n}\n\nAnswer in JSON using this schema: Node',
  ],
  [
    'recursive class through a list',
    t.class('Dir'),
    undefined,
    'Dir {\n  name: string,\n  children: Dir[],\n}\n\nAnswer in JSON using this schema: Dir',
  ],
  [
    'recursive alias',
    t.alias('JsonValue'),
    undefined,
    'JsonValue = int or float or bool or string or JsonValue[] or map<string, JsonValue> or null\n\nAnswer in JSON using this schema: JsonValue',
  ],
  [
    'non-recursive alias is inlined',
    t.alias('Plain'),
    undefined,
    'Answer with a JSON Array using this schema:\nstring[]',
  ],
];

describe('renderOutputFormat', () => {
  it.each(shapes)('%s', (_name, target, options, expected) => {
    expect(renderOutputFormat(program, target, options)).toBe(expected);
  });

  it('renders the full class-everything case byte for byte', () => {
    const expected =
      "Described\n----\n- YES: it is so\n- NO\n\nBig\n----\n- A\n- B\n- C\n- D\n- E\n- F\n- G\n\nAnswer in JSON using this schema:\n{\n  // An outer thing\n\n  // the full name\n  full_name: string,\n  inner: {\n    // multi\n    // line desc\n    v: int,\n  },\n  inners: [\n    {\n      // multi\n      // line desc\n      v: int,\n    }\n  ],\n  color: 'RED' or 'GREEN' or 'BLUE',\n  colors: [\n    'RED' or 'GREEN' or 'BLUE'\n  ],\n  big: Big,\n  maybe: string or null,\n  u: int or string,\n  ul: (int or string)[],\n  lit: \"a\" or \"b\",\n  m: map<string, int>,\n  mm: map<'RED' or 'GREEN' or 'BLUE', {\n    // multi\n    // line desc\n    v: int,\n  }>,\n  d: Described,\n}";
    expect(renderOutputFormat(program, t.class('Outer'))).toBe(expected);
  });

  it('rejects unknown and badly typed options', () => {
    expect(() => renderOutputFormat(program, t.int, { prefx: 'x' })).toThrow(
      /unknown argument "prefx"/,
    );
    expect(() => renderOutputFormat(program, t.int, { map_style: 'round' })).toThrow(/map_style/);
  });
});
