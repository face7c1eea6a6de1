// Google's application default credentials when a `vertex-ai` client names none (no
// `credentials`, `credentials_content`, GOOGLE_APPLICATION_CREDENTIALS or …_CONTENT): BAML's
// `system_default` strategy, which tries, in this order, and keeps the first that yields a token:
//   1. the gcloud ADC file (`gcloud auth application-default login`):
//      $CLOUDSDK_CONFIG/application_default_credentials.json, else
//      ~/.config/gcloud/application_default_credentials.json (%APPDATA%\gcloud\… on Windows),
//      `authorized_user` credentials whose refresh token is exchanged for an access token;
//   2. the GCE / Cloud Run metadata server (GCE_METADATA_HOST overrides its host);
//   3. the gcloud CLI: `gcloud auth print-access-token --quiet`.
// The project id, when the client sets none, comes from the same source: the ADC file's
// `quota_project_id`, the metadata server's project, or `gcloud config get-value project`.
// Files and the CLI are used only where the platform has them (Node, Bun, Deno).

import { BamlError } from '../../errors/index.js';
import { builtinModule, nodeProcess } from '../local-file.js';
import {
  authorizedUserSource,
  type FetchedToken,
  type GoogleTokenSource,
  primeToken,
  readCredentialsFile,
  requestToken,
  toAuthorizedUser,
} from './google-token.js';

type Env = Record<string, string | undefined>;

const ADC_FILE = 'application_default_credentials.json';

function isWindows(): boolean {
  return nodeProcess()?.platform === 'win32';
}

/** Where gcloud keeps the ADC file on this platform. */
export function adcFilePath(env: Env): string {
  if (env.CLOUDSDK_CONFIG) return `${env.CLOUDSDK_CONFIG.replace(/[\\/]+$/, '')}/${ADC_FILE}`;
  if (isWindows()) {
    if (!env.APPDATA) throw new BamlError('APPDATA environment variable not found');
    return `${env.APPDATA}\\gcloud\\${ADC_FILE}`;
  }
  if (!env.HOME) throw new BamlError('home directory not found');
  return `${env.HOME}/.config/gcloud/${ADC_FILE}`;
}

/** The ADC file's user credentials; other credential types are refused like BAML refuses them. */
async function adcFileSource(env: Env): Promise<GoogleTokenSource> {
  const path = adcFilePath(env);
  const text = await readCredentialsFile(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BamlError(`Failed to parse credentials file ${path} as JSON`);
  }
  const type = (parsed as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && type !== 'authorized_user')
    throw new BamlError(
      `${path} holds "${type}" credentials; only "authorized_user" credentials (gcloud auth application-default login) are supported there`,
    );
  return authorizedUserSource(toAuthorizedUser(parsed, path), path);
}

function metadataBase(env: Env): string {
  return `http://${env.GCE_METADATA_HOST || 'metadata.google.internal'}/computeMetadata/v1`;
}

/** How long the metadata server may take to answer before it counts as absent. */
const METADATA_TIMEOUT_MS = 3000;

async function metadataGet(fetchFn: typeof fetch, url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      headers: { 'Metadata-Flavor': 'Google' },
      signal: AbortSignal.timeout(METADATA_TIMEOUT_MS),
    });
  } catch (error) {
    throw new BamlError(
      `GCP instance metadata server not reachable at ${url}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const text = await response.text();
  if (!response.ok)
    throw new BamlError(`GCP instance metadata server answered ${response.status} for ${url}`);
  return text;
}

/** The metadata server's default service account; reachable means it is the one to use. */
function metadataSource(env: Env): GoogleTokenSource {
  const base = metadataBase(env);
  let project: Promise<string> | undefined;
  return {
    key: `metadata\u0000${base}`,
    fetchToken: (fetchFn) =>
      requestToken(fetchFn, `${base}/instance/service-accounts/default/token`, {
        headers: { 'Metadata-Flavor': 'Google' },
        signal: AbortSignal.timeout(METADATA_TIMEOUT_MS),
      }),
    projectId(fetchFn) {
      project ??= metadataGet(fetchFn, `${base}/project/project-id`).then((id) => {
        if (!id.trim()) throw new BamlError('empty project ID from GCP instance metadata server');
        return id.trim();
      });
      project.catch(() => {
        project = undefined;
      });
      return project;
    },
    // Like gcp_auth, a metadata server that cannot tell its project is not used.
    probe(fetchFn) {
      return this.projectId(fetchFn);
    },
  };
}

type ExecFile = (
  file: string,
  args: string[],
  options: { env: Env; encoding: 'utf8'; shell?: boolean; windowsHide?: boolean },
  callback: (error: Error | null, stdout: string) => void,
) => unknown;

/** Runs gcloud with `args`, its output trimmed; where there are no processes, an error. */
function runGcloud(args: string[], env: Env): Promise<string> {
  const cp = builtinModule<{ execFile: ExecFile }>('node:child_process');
  if (!cp) return Promise.reject(new BamlError('`gcloud` cannot be run on this platform'));
  const windows = isWindows();
  return new Promise((resolve, reject) => {
    cp.execFile(
      windows ? 'gcloud.cmd' : 'gcloud',
      args,
      { env: { ...env }, encoding: 'utf8', shell: windows, windowsHide: true },
      (error, stdout) => {
        // gcloud's own message may quote configuration: only say that it failed.
        if (error)
          reject(
            new BamlError(
              (error as { code?: unknown }).code === 'ENOENT'
                ? 'failed to run `gcloud`: not found on PATH'
                : 'running `gcloud` command failed',
            ),
          );
        else resolve(stdout.trim());
      },
    );
  });
}

/** The gcloud CLI's current account. */
function gcloudSource(env: Env): GoogleTokenSource {
  let project: Promise<string> | undefined;
  return {
    key: `gcloud\u0000${env.PATH ?? ''}\u0000${env.CLOUDSDK_CONFIG ?? ''}`,
    async fetchToken() {
      const token = await runGcloud(['auth', 'print-access-token', '--quiet'], env);
      if (!token) throw new BamlError('`gcloud auth print-access-token` printed no token');
      return { token, expiresAt: Date.now() + 3600_000 };
    },
    projectId() {
      project ??= runGcloud(['config', 'get-value', 'project'], env).then(
        (id) => {
          if (!id) throw new BamlError('failed to get project ID from `gcloud`');
          return id;
        },
        () => {
          throw new BamlError('failed to get project ID from `gcloud`');
        },
      );
      return project;
    },
  };
}

const STRATEGIES: [string, (env: Env) => GoogleTokenSource | Promise<GoogleTokenSource>][] = [
  ['GcloudApplicationDefaultCredentials', adcFileSource],
  ['MetadataServiceAccount', metadataSource],
  ['GCloudAuthorizedUser', gcloudSource],
];

const resolved = new Map<string, Promise<GoogleTokenSource>>();

/** Forgets which default source was found. */
export function clearDefaultSource(): void {
  resolved.clear();
}

async function resolveDefault(env: Env, fetchFn: typeof fetch): Promise<GoogleTokenSource> {
  const errors: string[] = [];
  for (const [name, make] of STRATEGIES) {
    try {
      const source = await make(env);
      const token: FetchedToken = await source.fetchToken(fetchFn);
      await source.probe?.(fetchFn);
      primeToken(source.key, token);
      return source;
    } catch (error) {
      errors.push(
        `Failed to auth using ${name} strategy: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  throw new BamlError(
    `Failed to auth - system_default strategy did not resolve successfully. Errors encountered: [${errors.join(', ')}]`,
  );
}

/**
 * The first default source that yields a token, found once per environment (ADC location,
 * metadata host, PATH) and remembered; a failed search is not remembered.
 */
export function defaultTokenSource(env: Env, fetchFn: typeof fetch): Promise<GoogleTokenSource> {
  const key = [env.CLOUDSDK_CONFIG, env.HOME, env.APPDATA, env.GCE_METADATA_HOST, env.PATH].join(
    '\u0000',
  );
  let found = resolved.get(key);
  if (!found) {
    found = resolveDefault(env, fetchFn);
    resolved.set(key, found);
    found.catch(() => {
      if (resolved.get(key) === found) resolved.delete(key);
    });
  }
  return found;
}
