// The shared AWS config and credentials files (`~/.aws/config`, `~/.aws/credentials`, or the
// files AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE name), read as the AWS SDKs read them:
// `[name]` sections in the credentials file, `[profile name]` (and `[default]`) in the config
// file, `[sso-session name]` sections for IAM Identity Center. A key set in both files takes
// the credentials file's value.

import { readOptionalFile } from '../local-file.js';

export type Section = Record<string, string>;

export interface ProfileFiles {
  /** Profiles by name, both files merged. */
  profiles: Map<string, Section>;
  /** `[sso-session name]` sections of the config file. */
  ssoSessions: Map<string, Section>;
  /** The paths read (for messages). */
  paths: string[];
}

type Env = Record<string, string | undefined>;

/** The user's home directory, from the environment (the runtime has no `os` module). */
export function homeDir(env: Env): string | undefined {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEDRIVE && env.HOMEPATH) return `${env.HOMEDRIVE}${env.HOMEPATH}`;
  return undefined;
}

/** `~/x` → `<home>/x`; undefined when it needs a home directory the environment lacks. */
export function expandHome(path: string, env: Env): string | undefined {
  if (path !== '~' && !path.startsWith('~/') && !path.startsWith('~\\')) return path;
  const home = homeDir(env);
  return home === undefined ? undefined : `${home}${path.slice(1)}`;
}

/** Sections of an INI file: `[header]` → keys. Comments start with `#` or `;`. */
export function parseIni(text: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\uFEFF/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]*)\]/.exec(trimmed);
    if (header) {
      const name = (header[1] ?? '').trim().replace(/\s+/g, ' ');
      current = sections.get(name) ?? {};
      sections.set(name, current);
      lastKey = undefined;
      continue;
    }
    if (!current) continue;
    // An indented line continues the previous value (nested `s3 =` style blocks).
    if (/^\s/.test(line) && lastKey !== undefined) {
      current[lastKey] = `${current[lastKey] ?? ''}\n${trimmed}`;
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    lastKey = trimmed.slice(0, eq).trim().toLowerCase();
    current[lastKey] = trimmed
      .slice(eq + 1)
      .replace(/\s[#;].*$/, '')
      .trim();
  }
  return sections;
}

function filePath(env: Env, variable: string, fallback: string): string | undefined {
  const set = env[variable];
  return expandHome(set !== undefined && set !== '' ? set : fallback, env);
}

/**
 * Both files, merged; undefined when neither exists or the platform has no file system.
 * An unreadable file (not a missing one) throws, naming the path only.
 */
export async function loadProfileFiles(env: Env): Promise<ProfileFiles | undefined> {
  const configPath = filePath(env, 'AWS_CONFIG_FILE', '~/.aws/config');
  const credentialsPath = filePath(env, 'AWS_SHARED_CREDENTIALS_FILE', '~/.aws/credentials');
  const [configText, credentialsText] = await Promise.all([
    configPath === undefined ? undefined : readOptionalFile(configPath),
    credentialsPath === undefined ? undefined : readOptionalFile(credentialsPath),
  ]);
  if (configText === undefined && credentialsText === undefined) return undefined;
  const profiles = new Map<string, Section>();
  const ssoSessions = new Map<string, Section>();
  const paths: string[] = [];
  if (configText !== undefined && configPath !== undefined) {
    paths.push(configPath);
    for (const [header, keys] of parseIni(configText)) {
      const [kind, ...rest] = header.split(' ');
      const name = rest.join(' ');
      if (header === 'default') profiles.set('default', { ...profiles.get('default'), ...keys });
      else if (kind === 'profile' && name) profiles.set(name, { ...profiles.get(name), ...keys });
      else if (kind === 'sso-session' && name) ssoSessions.set(name, keys);
    }
  }
  if (credentialsText !== undefined && credentialsPath !== undefined) {
    paths.push(credentialsPath);
    for (const [name, keys] of parseIni(credentialsText))
      profiles.set(name, { ...profiles.get(name), ...keys });
  }
  return { profiles, ssoSessions, paths };
}

/** The profile a client uses: its `profile` option, else AWS_PROFILE, else `default`. */
export function profileName(option: string | undefined, env: Env): string {
  if (option) return option;
  if (env.AWS_PROFILE) return env.AWS_PROFILE;
  return 'default';
}

/** The `region` of a profile, where the files say one. */
export async function profileRegion(name: string, env: Env): Promise<string | undefined> {
  const files = await loadProfileFiles(env);
  const region = files?.profiles.get(name)?.region;
  return region ? region : undefined;
}
