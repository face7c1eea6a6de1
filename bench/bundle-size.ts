// What the runtime costs a browser or edge bundle: the "tsbaml" entry (everything a generated
// client imports: orchestration, providers, prompt rendering with its Jinja engine, the parser)
// against the schema-aligned parser alone, each bundled and minified by esbuild as an
// application's bundler would, then gzipped.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUNDLES: [string, string][] = [
  ['runtime ("tsbaml" entry)', 'src/runtime/index.ts'],
  ['parser alone (src/runtime/parse)', 'src/runtime/parse/index.ts'],
  ['prompt rendering alone (src/runtime/template)', 'src/runtime/template/index.ts'],
];

async function minified(entry: string): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [new URL(`../${entry}`, import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export default async function bundleSize(): Promise<void> {
  console.log('| bundle (esbuild --bundle --minify, esm) | minified | gzipped |');
  console.log('| --- | --- | --- |');
  for (const [name, entry] of BUNDLES) {
    const code = await minified(entry);
    console.log(`| ${name} | ${kb(code.length)} | ${kb(gzipSync(code, { level: 9 }).length)} |`);
  }
}
