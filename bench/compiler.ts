// Compiler front end: parse + check a generated ~5,000-line program (classes, enums, aliases,
// functions with prompts, clients, tests), several times, and print the median.

import { compile } from '../src/compiler/index.js';

const TARGET_LINES = 5_000;
const TARGET_MS = 200;
const WARMUP_RUNS = 3;
const RUNS = 21;

/** One "module" of about 60 lines: an enum, two classes, an alias, a function and a test. */
function module(i: number): string {
  return `/// Status of item ${i}.
enum Status${i} {
  ACTIVE @alias("active") @description("currently in use")
  INACTIVE
  PENDING @skip
  @@dynamic
}

class Address${i} {
  street string @description("street and number")
  city string
  zip string? @alias("postal_code")
  tags string[]
  meta map<string, int | string>
}

/// A record with every kind of field.
class Record${i} {
  id int @check(positive, {{ this > 0 }})
  name string @alias("full_name") @stream.not_null
  status Status${i}
  address Address${i}?
  history (Address${i} @stream.done)[]
  score float @assert(range, {{ this >= 0 and this <= 1 }})
  kind "a" | "b" | "c"
  notes string? @skip
  @@description("record number ${i}")
}

type Union${i} = Record${i} | Address${i} | null

function Extract${i}(text: string, hints: string[], limit: int?) -> Record${i}[] {
  client Main
  prompt #"
    {{ _.role("system") }}
    You extract records. Limit: {{ limit }}.
    {% for hint in hints %}
    - {{ hint }}
    {% endfor %}
    {{ _.role("user") }}
    {{ text }}
    {{ ctx.output_format }}
  "#
}

test Extract${i}Works {
  functions [Extract${i}]
  args {
    text "record ${i}"
    hints ["a", "b"]
    limit 3
  }
}
`;
}

const HEADER = `generator target {
  output_type "typescript"
  output_dir "../"
  version "0.226.2"
}

client<llm> Main {
  provider openai
  retry_policy Retry
  options {
    model "gpt-4o"
    api_key env.OPENAI_API_KEY
  }
}

retry_policy Retry {
  max_retries 2
}
`;

/** A program of about `lines` lines. */
export function generateProgram(lines: number): string {
  const parts = [HEADER];
  let count = HEADER.split('\n').length;
  for (let i = 0; count < lines; i++) {
    const text = module(i);
    parts.push(text);
    count += text.split('\n').length;
  }
  return parts.join('\n');
}

/** Prints the median time to parse and check the generated program. */
export default async function run(): Promise<void> {
  const text = generateProgram(TARGET_LINES);
  const lineCount = text.split('\n').length;
  const sources = [{ path: 'bench.baml', text }];
  const first = compile(sources);
  if (first.program === null) {
    throw new Error(`bench program does not compile: ${first.diagnostics[0]?.message}`);
  }
  for (let run = 0; run < WARMUP_RUNS; run++) compile(sources);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    compile(sources);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `compiler: parse+check ${lineCount.toLocaleString('en-US')} lines: ${median.toFixed(0)} ms (target < ${TARGET_MS} ms)`,
  );
}
