// What the conformance recorder appended to each case's BAML (see /work/shared/conformance/source.ts):
// a generator block and the `Fake` openai-generic client whose base_url comes from the env.

const GENERATOR_BLOCK = `generator oracle_ts {
  output_type "typescript"
  output_dir "../"
  version "0.226.2"
  default_client_mode async
}
`;

const FAKE_CLIENT_BLOCK = `client<llm> Fake {
  provider "openai-generic"
  options {
    base_url env.ORACLE_BASE_URL
    model "fake"
    api_key "x"
  }
}
`;

/** Adds the generator and the Fake client unless the source already declares them. */
export function completeBamlSource(src: string): string {
  let out = src;
  if (!/\bgenerator\s+\w+\s*\{/.test(out)) out = `${GENERATOR_BLOCK}\n${out}`;
  if (!/client\s*<\s*llm\s*>\s*Fake\b/.test(out)) out = `${out}\n${FAKE_CLIENT_BLOCK}`;
  return out;
}
