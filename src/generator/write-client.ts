// Writes a generated client to disk so that a failure never leaves a half-written folder: the
// files go to a sibling temp folder first, which then replaces the old folder by rename.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { GeneratedFile } from './generated-file.js';

/**
 * Replaces `outDir` with exactly `files`. If writing fails, the previous client is left as it was.
 */
export async function writeClient(files: GeneratedFile[], outDir: string): Promise<void> {
  const target = resolve(outDir);
  const parent = dirname(target);
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const temp = join(parent, `.${basename(target)}.tmp-${stamp}`);
  const old = join(parent, `.${basename(target)}.old-${stamp}`);
  await mkdir(parent, { recursive: true });
  try {
    for (const file of files) {
      const path = join(temp, file.path);
      if (!path.startsWith(temp + sep))
        throw new Error(`generated file escapes the output folder: ${file.path}`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content, 'utf8');
    }
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  // Two renames: the old folder is moved aside (not deleted) until the new one is in place.
  let movedOld = false;
  try {
    await rename(target, old);
    movedOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }
  try {
    await rename(temp, target);
  } catch (error) {
    if (movedOld) await rename(old, target).catch(() => {});
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  if (movedOld) await rm(old, { recursive: true, force: true });
}
