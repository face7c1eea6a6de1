// Media types and tuples exist in the grammar but an LLM answer cannot be parsed into them, so a
// function whose return type can reach one (directly, or through classes and aliases) gets a
// warning. It is a warning, not an error: the spec records the restriction but not whether the
// real compiler rejects the program.

import type { Program, Type } from '../../../ir/types.js';

/** What was found and where, e.g. `{ found: '`image`', path: 'Person.photo' }`. */
export interface UnsupportedOutput {
  found: string;
  path: string;
}

/** The first media type or tuple reachable from `type`, if any. */
export function findUnsupportedOutput(type: Type, program: Program): UnsupportedOutput | undefined {
  const visited = new Set<string>();
  const walk = (current: Type, path: string): UnsupportedOutput | undefined => {
    switch (current.kind) {
      case 'media':
        return { found: `\`${current.name}\``, path };
      case 'tuple':
        return { found: 'a tuple', path };
      case 'list':
        return walk(current.item, path);
      case 'map':
        return walk(current.value, path);
      case 'union':
        for (const variant of current.variants) {
          const found = walk(variant, path);
          if (found) return found;
        }
        return undefined;
      case 'class': {
        if (visited.has(`class:${current.name}`)) return undefined;
        visited.add(`class:${current.name}`);
        for (const field of program.classes[current.name]?.fields ?? []) {
          if (field.skip) continue;
          const found = walk(field.type, `${current.name}.${field.name}`);
          if (found) return found;
        }
        return undefined;
      }
      case 'alias': {
        if (visited.has(`alias:${current.name}`)) return undefined;
        visited.add(`alias:${current.name}`);
        const alias = program.typeAliases[current.name];
        return alias ? walk(alias.type, path) : undefined;
      }
      default:
        return undefined;
    }
  };
  return walk(type, '');
}
