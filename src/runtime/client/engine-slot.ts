// Where BamlRuntime finds the real engine. The package entry (src/runtime/index.ts) installs it;
// importing the orchestration alone (as the client unit tests do) does not load the parser and
// the LLM layer.
import { BamlError } from '../errors/index.js';
import type { Engine } from './engine.js';

let installed: Engine | null = null;

/** @internal Installs the engine used by runtimes created without one. */
export function installDefaultEngine(engine: Engine): void {
  installed = engine;
}

/** @internal The installed engine; throws when the package entry was bypassed. */
export function getDefaultEngine(): Engine {
  if (!installed) {
    throw new BamlError(
      'tsbaml: no engine installed; import the runtime from "tsbaml", not from an internal path',
    );
  }
  return installed;
}
