// Inputs that exercise every rule of spec §3.1–3.2, with the tree stage A must give for the
// whole text (final, isDone = true). The notation is `showRaw` from tree-helpers.ts. The
// expectations follow the reference's behaviour, quirks included (noted per row).

/** [input, expected final tree]. */
export const FIXTURES: ReadonlyArray<readonly [string, string]> = [
  // stage 1: strict JSON
  ['{"a": 1}', 'AnyOf[{"a":1}]'],
  [
    '  {"a": [1, 2.5, -3e2, true, false, null, "x"]}  ',
    'AnyOf[{"a":[1,2.5,-3e2,true,false,null,"x"]}]',
  ],
  ['12', 'AnyOf[12~]'], // a top-level number is Incomplete: more digits could follow
  ['"hello"', 'AnyOf["hello"]'],
  ['true', 'AnyOf[true]'],
  ['{"name": "caf\\u00e9", "e": "\\ud83d\\ude00"}', 'AnyOf[{"name":"café","e":"😀"}]'], // strict decodes \u
  ['{"a": "x\\u00e9\\"y\\n"}', 'AnyOf[{"a":"xé\\"y\\n"}]'],
  ['{"k" : "v"}', 'AnyOf[{"k":"v"}]'],
  ['["a"  ]', 'AnyOf[["a"]]'],
  // stage 3 around the fixing parser: truncation closes everything as Incomplete
  ['[1, 2', 'AnyOf[Grep(AnyOf[Fixed([1,2~]~)])]'],
  ['[1, 2, [3', 'AnyOf[Grep(AnyOf[Fixed([1,2,[3~]~]~)])]'],
  ['{"a": {"b": "c", "d":', 'AnyOf[Grep(AnyOf[Fixed({"a":{"b":"c"}~}~)])]'], // key without value dropped
  ['{"name": "', 'AnyOf[Grep(AnyOf[Fixed({"name":""~}~)])]'],
  ['{"name": "Al', 'AnyOf[Grep(AnyOf[Fixed({"name":"Al"~}~)])]'],
  ['{"name": "Al"', 'AnyOf[Grep(AnyOf[Fixed({"name":"Al"}~)])]'], // quote at the end closes
  ['{"age": 30', 'AnyOf[Grep(AnyOf[Fixed({"age":30~}~)])]'],
  ['{"age": 30,', 'AnyOf[Grep(AnyOf[Fixed({"age":30}~)])]'],
  ['{"age": 30, ', 'AnyOf[Grep(AnyOf[Fixed({"age":30}~)])]'],
  ['{"ok": tr', 'AnyOf[Grep(AnyOf[Fixed({"ok":"tr"~}~)])]'],
  ['{"ok": true', 'AnyOf[Grep(AnyOf[Fixed({"ok":true}~)])]'],
  ['{"name": "Alice", "ag', 'AnyOf[Grep(AnyOf[Fixed({"name":"Alice"}~)])]'], // half-typed key ignored
  ['Sure! Here you go:\n{"na', 'AnyOf[Grep(AnyOf[Fixed({}~)])]'],
  // spec §9 item 1: compact JSON keeps the number as text until the object closes
  [
    '{"name":"Ada","age":36,"tags":["ma',
    'AnyOf[Grep(AnyOf[Fixed({"name":"Ada","age":"36,\\"tags\\":[\\"ma"~}~)])]',
  ],
  ['{"name":"Ada","age":36,', 'AnyOf[Grep(AnyOf[Fixed({"name":"Ada","age":36}~)])]'],
  // unquoted values: where they end (spec §9 item 7 quirks)
  [
    '{title: Hello world, count: 3, done: true}',
    'AnyOf[Grep(AnyOf[Fixed({"title":"Hello world, count: 3, done: true"})])]',
  ],
  [
    '{\n  title: Paris, France,\n  count: 2,\n  tags: []\n}',
    'AnyOf[Grep(AnyOf[Fixed({"title":"Paris","France,\\n  count":2,"tags":[]})])]',
  ],
  [
    '{ key: value with space, array: [1, 2, 3], object: { key: value } }',
    'AnyOf[Grep(AnyOf[Fixed({"key":"value with space, array: [1, 2, 3], object: { key: value"})])]',
  ],
  ['{a: x y, "b": 1}', 'AnyOf[Grep(AnyOf[Fixed({"a":"x y","b":1})])]'], // ", " then a quote ends it
  ['{a: x y, // c\n b: 1}', 'AnyOf[Grep(AnyOf[Fixed({"a":"x y","b":1})])]'], // ", " then a comment ends it
  ['{a: x y,\nb: 1}', 'AnyOf[Grep(AnyOf[Fixed({"a":"x y","b":1})])]'], // newline after the comma
  ['{"b": 2,}', 'AnyOf[Grep(AnyOf[Fixed({"b":"2,"})])]'], // comma directly before } is content
  ['[red apple, green pear, blue]', 'AnyOf[Grep(AnyOf[Fixed(["red apple","green pear","blue"])])]'],
  ['{5: "b", 2.17: "e", null: "n"}', 'AnyOf[Grep(AnyOf[Fixed({"5":"b","2.17":"e","null":"n"})])]'],
  // an unquoted key is read up to `:`; at the end of the text it is dropped, nothing re-read
  // (BAML 0.226.2 shows no entry for `{title`, `{5: "b", 2.1`, `…, null` in any partial)
  ['{abc', 'AnyOf[Grep(AnyOf[Fixed({}~)])]'],
  ['{ab}', 'AnyOf[Grep(AnyOf[Fixed({}~)])]'], // the `}` belongs to the key
  // quotes: when a quote really closes a string
  [
    '{ rec_one: "and then i said \\"hi\\", and also \\"bye\\"", rec_two: "and then i said "hi", and also "bye"", "also_rec_one": ok }',
    'AnyOf[Grep(AnyOf[Fixed({"rec_one":"and then i said \\"hi\\", and also \\"bye\\"","rec_two":"and then i said \\"hi\\", and also \\"bye\\"","also_rec_one":"ok"})])]',
  ],
  [
    '{"title": "he said "hi" to me", "count": 1}',
    'AnyOf[Grep(AnyOf[Fixed({"title":"he said \\"hi\\" to me","count":1})])]',
  ],
  ['"alpha" "beta" "gamma"', 'AnyOf[Fixed("alpha\\" \\"beta\\" \\"gamma")]'],
  [
    '{"title": "line1\nline2", "tags": []}',
    'AnyOf[Grep(AnyOf[Fixed({"title":"line1\\nline2","tags":[]})])]',
  ],
  ['{"a": "x"  // note\n}', 'AnyOf[Grep(AnyOf[Fixed({"a":"x"})])]'],
  ['{a: "x"\r\n}', 'AnyOf[Grep(AnyOf[Fixed({"a":"x\\"\\r\\n}"~}~)])]'], // \r is not a blank here
  ['{"a": "x"\r\n}', 'AnyOf[{"a":"x"}]'], // …but valid JSON wins at stage 1
  ['{"a":1,"b":[2,3]}', 'AnyOf[{"a":1,"b":[2,3]}]'],
  // other quote kinds, escapes
  [
    "{'title': 'A', 'tags': ['x', 'y']}",
    'AnyOf[Grep(AnyOf[Fixed({"title":"A","tags":["x","y"]})])]',
  ],
  ['["a", \'b\', c, `d`]', 'AnyOf[Grep(AnyOf[Fixed(["a","b","c","d"])])]'],
  [
    "{'name': 'caf\\u00e9', note: smile}",
    'AnyOf[Grep(AnyOf[Fixed({"name":"caf\\\\u00e9","note":"smile"})])]',
  ],
  // \u kept literally with 3 characters, the 4th dropped (recorded: "caf\u00e9" → caf\u00e)
  ['{"a": "caf\\u00e9", b: 1}', 'AnyOf[Grep(AnyOf[Fixed({"a":"caf\\\\u00e","b":1})])]'],
  ['{"a": "\\ud83d\\ude00", b: 1}', 'AnyOf[Grep(AnyOf[Fixed({"a":"\\\\ud83\\\\ude0","b":1})])]'],
  ['{"a": "x\\u12"', 'AnyOf[Grep(AnyOf[Fixed({"a":"x\\\\u12\\""~}~)])]'], // the quote is one of the 4
  ["{'a': 'caf\\u00e9'", 'AnyOf[Grep(AnyOf[Fixed({"a":"caf\\\\u00e9"}~)])]'], // only in "…" strings
  ['{"a": "t\\tb\\\\s\\/x", b: 1}', 'AnyOf[Grep(AnyOf[Fixed({"a":"t\\tb\\\\s\\\\/x","b":1})])]'],
  // triple quotes and backtick blocks
  [
    '{"t": """\n    line one\n      line two\n    """, "x": 1}',
    'AnyOf[Grep(AnyOf[Fixed({"t":"line one\\n  line two","x":1})])]',
  ],
  [
    '{"code": ```python\n    def f():\n        return 1\n    ```, "x": 1}',
    'AnyOf[Grep(AnyOf[Fixed({"code":"def f():\\n    return 1","x":1})])]',
  ],
  ['{"code": ```python\n    x = 1\n    ```}', 'AnyOf[Grep(AnyOf[Fixed({"code":"x = 1"})])]'], // nothing skipped after ```
  ['{"code": """\n    x = 1\n    """}', 'AnyOf[Grep(AnyOf[Fixed({"code":"x = 1"}~)])]'], // the } after """ is skipped
  // a backtick block closes only at three backticks: two at the end leave it open
  ['```json\nnull\n``', 'AnyOf[Fixed("null\\n``"~)]'],
  ['{"code": ```a\nb``, "x": 1}', 'AnyOf[Grep(AnyOf[Fixed({"code":"b``, \\"x\\": 1}"~}~)])]'],
  // comments, trailing commas, stray closers
  ['// c\n{"a": /* c */ 1, // x\n "b": 2,\n}', 'AnyOf[Grep(AnyOf[Fixed({"a":1,"b":2})])]'],
  [
    '{"title": "A", "tags": ["x", "y",],}',
    'AnyOf[Grep(AnyOf[Fixed({"title":"A","tags":["x","y"]})])]',
  ],
  ['}}] {"title": "A"}', 'AnyOf[Grep(AnyOf[{"title":"A"}])]'],
  ['{"a": [1, 2}', 'AnyOf[Fixed({"a":[1,"2}"~]~}~)]'], // mismatched brackets: stage 3 fails
  // stage 2: markdown
  ['```json\n{"a": 1}\n```', 'AnyOf[Md<json>~(AnyOf[{"a":1}])]'],
  [
    '```json\n{"a": 1',
    // the rest of the text after an unclosed block is the whole answer, read without JSON spans
    'AnyOf[Md<json>~(AnyOf[Grep(AnyOf[Fixed({"a":1~}~)])]), [Md<json>~(AnyOf[Grep(AnyOf[Fixed({"a":1~}~)])])]~, AnyOf[Fixed("{\\"a\\": 1"~)]]',
  ],
  ['```\n{"a": 1}\n```', 'AnyOf[Grep(AnyOf[{"a":1}])]'], // untagged fences are not blocks
  [
    'Sure:\n```json\n[1, 2]\n```\nDone.',
    'AnyOf[Md<json>(AnyOf[[1,2]]), [Md<json>(AnyOf[[1,2]])]~, "Done."~]',
  ],
  [
    'First:\n```json\n{"a":1}\n```\nSecond:\n```json\n{"b":2}\n```',
    'AnyOf[Md<json>(AnyOf[{"a":1}]), Md<json>(AnyOf[{"b":2}]), [Md<json>(AnyOf[{"a":1}]),Md<json>(AnyOf[{"b":2}])]~]',
  ],
  ['```json\n{"a": "uses ``` fences"}\n```', 'AnyOf[Md<json>~(AnyOf[{"a":"uses ``` fences"}])]'],
  [
    "```javascript\n{name: 'Ada', age: 36}\n```",
    'AnyOf[Md<javascript>~(AnyOf[Grep(AnyOf[Fixed({"name":"Ada","age":36})])])]',
  ],
  ['```json\r\n{"a": 1}\r\n```', 'AnyOf[Grep(AnyOf[{"a":1}])]'], // CRLF fences are not fences
  // stage 3: JSON in prose
  [
    'text {"a": 1} more {"b": 2}',
    'AnyOf[Grep(AnyOf[{"a":1}]), Grep(AnyOf[{"b":2}]), Grep([AnyOf[{"a":1}],AnyOf[{"b":2}]]~)]',
  ],
  [
    '<thinking>the user wants {a person}</thinking>\n{"name":"Ada"}',
    'AnyOf[Grep(AnyOf[Fixed({}~)]), Grep(AnyOf[{"name":"Ada"}]), Grep([AnyOf[Fixed({}~)],AnyOf[{"name":"Ada"}]]~)]',
  ],
  ['{"a": 1}\nHope that helps.', 'AnyOf[Grep(AnyOf[{"a":1}])]'],
  ['[a, b] is the output.', 'AnyOf[Grep(AnyOf[Fixed(["a","b"])])]'],
  [
    'x {"a": "b"} {"c": "d',
    'AnyOf[Grep(AnyOf[{"a":"b"}]), Grep(AnyOf[Fixed({"c":"d"~}~)]), Grep([AnyOf[{"a":"b"}],AnyOf[Fixed({"c":"d"~}~)]]~)]',
  ],
  // stages 4–5: prose
  ['The answer is true', '"The answer is true"'],
  ['1 cup unsalted butter, room temperature', '"1 cup unsalted butter, room temperature"'],
  ['hello', '"hello"'],
  ['', '""'],
];
