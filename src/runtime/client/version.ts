import { BamlError } from '../errors/index.js';

/**
 * The BAML language version this runtime implements. A generated client's `version` must have
 * the same major.minor (BAML's rule), so a client generated for another BAML fails loudly.
 */
export const BAML_LANGUAGE_VERSION = '0.226.2';

/** Throws when a client was generated for an incompatible BAML version. */
export function ThrowIfVersionMismatch(generatedVersion: string): void {
  const minor = (v: string) => v.split('.').slice(0, 2).join('.');
  if (minor(generatedVersion) !== minor(BAML_LANGUAGE_VERSION)) {
    throw new BamlError(
      `baml_client was generated for BAML ${generatedVersion}, but tsbaml implements ${BAML_LANGUAGE_VERSION}: ` +
        'change the generator version in your .baml files and run `tsbaml generate` again',
    );
  }
}
