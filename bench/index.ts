// `npm run bench`: runs every bench module in this folder, in name order, in one process, so
// tsbaml and its peers are measured side by side on the same machine in the same run.
// A module is any `bench/*.ts` other than this file and `bench/lib/*`; it default-exports an
// async function that prints its own section. `npm run bench -- parser` runs only modules whose
// file name contains "parser".
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f.includes(filter))
  .sort();

console.log(`tsbaml bench: node ${process.version}, ${process.platform}/${process.arch}`);
for (const file of modules) {
  const mod = (await import(pathToFileURL(here + file).href)) as { default?: () => Promise<void> };
  if (typeof mod.default !== 'function') continue;
  console.log(`\n## ${file.replace(/\.ts$/, '')}`);
  await mod.default();
}
