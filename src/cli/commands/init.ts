import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { BAML_COMPAT_VERSION } from '../version.js';

/** Options of `tsbaml init`. */
export interface InitOptions {
  /** Folder to create, relative to `io.cwd` (default `baml_src`). */
  dest: string;
}

/**
 * `tsbaml init`: writes a starter `baml_src/` (a client, a generator and an example function
 * with a test). Refuses to touch a folder that already holds files, so it never overwrites work.
 */
export async function runInit(options: InitOptions, io: CliIo): Promise<number> {
  const dir = path.resolve(io.cwd, options.dest);
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) {
    throw new CliError(
      `${dir} already exists and is not empty; "tsbaml init" never overwrites files. Remove it or pass another folder with --dest.`,
    );
  }
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(STARTER_FILES)) {
    await writeFile(path.join(dir, name), text);
    io.out(`Created ${path.relative(io.cwd, path.join(dir, name))}\n`);
  }
  io.out(
    '\nNext: set OPENAI_API_KEY, then run "npx tsbaml generate" and import { b } from "./baml_client".\n',
  );
  return 0;
}

const STARTER_FILES: Record<string, string> = {
  'generators.baml': `// Where "tsbaml generate" writes the typed client (output_dir is relative to this folder).
generator target {
  output_type "typescript"
  output_dir "../"
  version "${BAML_COMPAT_VERSION}"
  default_client_mode async
}
`,
  'clients.baml': `client<llm> GPT4oMini {
  provider openai
  options {
    model "gpt-4o-mini"
    api_key env.OPENAI_API_KEY
  }
}
`,
  'resume.baml': `class Resume {
  name string
  email string?
  skills string[] @description("Technologies and tools, one per item")
}

function ExtractResume(resume: string) -> Resume {
  client GPT4oMini
  prompt #"
    Extract the candidate's details from this resume.

    {{ resume }}

    {{ ctx.output_format }}
  "#
}

test ExtractResumeExample {
  functions [ExtractResume]
  args {
    resume #"
      Ada Lovelace (ada@example.com)
      Skills: mathematics, the Analytical Engine, technical writing
    "#
  }
}
`,
};
