// Reading a local file from the runtime, which runs on Web APIs only: the file system is asked
// for through `process.getBuiltinModule` where the platform has one (Node, Bun, Deno), and is
// simply absent elsewhere (browsers, edge workers). Credentials files go through here (and the
// one write: a refreshed AWS SSO token back into its cache file).

interface FsPromises {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, options: { mode: number }): Promise<void>;
}

type PlatformProcess = { getBuiltinModule?: (id: string) => unknown; platform?: string };

/** Node's `process` (also in Bun and Deno), or undefined on platforms without one. */
export function nodeProcess(): PlatformProcess | undefined {
  return (globalThis as { process?: PlatformProcess }).process;
}

/** A built-in module (`node:fs/promises`, `node:child_process`) where the platform has one. */
export function builtinModule<M>(id: string): M | undefined {
  return nodeProcess()?.getBuiltinModule?.(id) as M | undefined;
}

/** `node:fs/promises` where the platform has it. */
function fsPromises(): FsPromises | undefined {
  return builtinModule<FsPromises>('node:fs/promises');
}

/** The platform's `readFile`, or undefined where there is no file system. */
export function localFileReader(): ((path: string) => Promise<string>) | undefined {
  const fs = fsPromises();
  if (!fs) return undefined;
  return (path) => fs.readFile(path, 'utf8');
}

/** Why reading failed, without the file's content: the error's code, else its message. */
export function fileErrorReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A file's text; undefined when the platform has no file system or the file does not exist.
 * Other failures (a directory, no permission) throw, naming the path and the reason only.
 */
export async function readOptionalFile(path: string): Promise<string | undefined> {
  const read = localFileReader();
  if (!read) return undefined;
  try {
    return await read(path);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new Error(`cannot read ${path}: ${fileErrorReason(error)}`, { cause: error });
  }
}

/**
 * Writes a file where the platform can, keeping its mode private (0600); false where there is no
 * file system or the write failed (callers treat the write as best effort).
 */
export async function writeLocalFile(path: string, text: string): Promise<boolean> {
  const fs = fsPromises();
  if (!fs) return false;
  try {
    await fs.writeFile(path, text, { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}
