// `ctx.output_format`: the schema text BAML appends to prompts (spec §2.2, §2.3).
//
// The text must match BAML byte for byte: the conformance recordings compare the request body,
// and models are tuned to the exact wording. Nested types are rendered as strings and indented by
// re-indenting their newlines, which is how BAML's renderer builds the same layout.
//
// Hoisting: big or described enums, recursive classes and recursive aliases are printed once
// above the prefix and referred to by name. The sets fill up while rendering, so definitions are
// rendered in a worklist until nothing new appears.

import type { ClassDef, EnumDef, Program, Type } from '../../../ir/types.js';
import { BamlError } from '../../errors/index.js';
import { dedentDescription } from './description.js';
import {
  type OutputFormatOptions,
  type ResolvedOutputFormatOptions,
  resolveOutputFormatOptions,
} from './options.js';
import { recursiveClassNames } from './recursive-classes.js';

/** Enums with more values than this are hoisted. */
const MAX_INLINE_ENUM_VALUES = 6;
/** An inline enum list longer than this renders as a `[ … ]` block (BAML's quirk). */
const MAX_INLINE_ENUM_LIST_LENGTH = 15;

class OutputFormatRenderer {
  private readonly recursive: Set<string>;
  /** Hoisted enums in order of first use. */
  private readonly hoistedEnums: string[] = [];
  /** Hoisted classes in order of first use. */
  private readonly hoistedClasses: string[] = [];
  /** Recursive aliases in order of first use. */
  private readonly hoistedAliases: string[] = [];

  constructor(
    private readonly program: Program,
    private readonly options: ResolvedOutputFormatOptions,
  ) {
    this.recursive = recursiveClassNames(program);
  }

  render(target: Type): string {
    const resolved = this.resolveAlias(target);
    if (resolved.kind === 'primitive' && resolved.name === 'string') return '';
    if (resolved.kind === 'media')
      throw new BamlError(`${resolved.name} is not supported in outputs`);

    let schema: string;
    let defaultPrefix: string;
    const word = this.options.hoistedClassPrefix ?? 'schema';
    if (resolved.kind === 'enum') {
      // The target enum is always written out in full after the prefix, never hoisted.
      schema = this.enumBlock(this.enumDef(resolved.name));
      defaultPrefix = 'Answer with any of the categories:\n';
    } else if (resolved.kind === 'class' && this.isClassHoisted(resolved.name)) {
      schema = this.typeString(resolved);
      defaultPrefix = `Answer in JSON using this ${word}: `;
    } else if (resolved.kind === 'alias') {
      schema = this.typeString(resolved);
      defaultPrefix = `Answer in JSON using this ${word}: `;
    } else {
      schema = this.typeString(resolved);
      defaultPrefix = prefixFor(resolved);
    }

    // Definitions can pull in more hoisted classes, aliases and enums: drain until stable.
    const classDefs: string[] = [];
    const aliasDefs: string[] = [];
    for (let c = 0, a = 0; c < this.hoistedClasses.length || a < this.hoistedAliases.length; ) {
      if (c < this.hoistedClasses.length) {
        classDefs.push(this.hoistedClassDef(this.hoistedClasses[c++] as string));
      } else {
        const name = this.hoistedAliases[a++] as string;
        aliasDefs.push(`${name} = ${this.typeString(this.aliasDef(name).type)}`);
      }
    }

    let out = '';
    if (this.hoistedEnums.length > 0) {
      // BAML lists hoisted enums last-seen first (observed on 0.226.2, see prompt/class-everything).
      const blocks = [...this.hoistedEnums].reverse().map((n) => this.enumBlock(this.enumDef(n)));
      out += `${blocks.join('\n\n')}\n\n`;
    }
    if (classDefs.length > 0) out += `${classDefs.join('\n\n')}\n\n`;
    if (aliasDefs.length > 0) out += `${aliasDefs.join('\n')}\n\n`;
    const prefix = this.options.prefix === undefined ? defaultPrefix : (this.options.prefix ?? '');
    out += prefix + schema;
    return out.replace(/\n+$/, '');
  }

  // ---- definitions -------------------------------------------------------------------------

  private enumDef(name: string): EnumDef {
    const def = this.program.enums[name];
    if (!def) throw new BamlError(`output_format: unknown enum ${name}`);
    return def;
  }

  private classDef(name: string): ClassDef {
    const def = this.program.classes[name];
    if (!def) throw new BamlError(`output_format: unknown class ${name}`);
    return def;
  }

  private aliasDef(name: string) {
    const def = this.program.typeAliases[name];
    if (!def) throw new BamlError(`output_format: unknown type alias ${name}`);
    return def;
  }

  /** Follows non-recursive aliases to the type they stand for. */
  private resolveAlias(type: Type): Type {
    let t = type;
    for (let depth = 0; t.kind === 'alias' && depth < 100; depth++) {
      const def = this.aliasDef(t.name);
      if (def.recursive) return t;
      t = def.type;
    }
    return t;
  }

  private enumValues(def: EnumDef) {
    return def.values.filter((v) => !v.skip);
  }

  private isEnumHoisted(def: EnumDef): boolean {
    const values = this.enumValues(def);
    return (
      this.options.alwaysHoistEnums ||
      values.length > MAX_INLINE_ENUM_VALUES ||
      values.some((v) => v.description !== undefined && v.description !== '')
    );
  }

  private isClassHoisted(name: string): boolean {
    if (this.recursive.has(name)) return true;
    const h = this.options.hoistClasses;
    if (h === true) return true;
    if (Array.isArray(h)) return h.includes(name);
    return false;
  }

  private enumBlock(def: EnumDef): string {
    const lines = [def.alias ?? def.name, '----'];
    for (const v of this.enumValues(def)) {
      const desc = v.description ? `: ${dedentDescription(v.description)}` : '';
      lines.push(`${this.options.enumValuePrefix}${v.alias ?? v.name}${desc}`);
    }
    return lines.join('\n');
  }

  private hoistedClassDef(name: string): string {
    const def = this.classDef(name);
    const prefix = this.options.hoistedClassPrefix ? `${this.options.hoistedClassPrefix} ` : '';
    return `${prefix}${def.alias ?? def.name} ${this.classBody(def)}`;
  }

  private classBody(def: ClassDef): string {
    let out = '{\n';
    if (def.description) {
      for (const line of dedentDescription(def.description).split('\n')) out += `  // ${line}\n`;
      out += '\n';
    }
    for (const field of def.fields) {
      if (field.skip) continue;
      if (field.description) {
        for (const line of dedentDescription(field.description).split('\n'))
          out += `  // ${line}\n`;
      }
      const name = field.alias ?? field.name;
      const key = this.options.quoteClassFields ? JSON.stringify(name) : name;
      out += `  ${key}: ${indent(this.typeString(field.type))},\n`;
    }
    return `${out}}`;
  }

  // ---- inline type strings -----------------------------------------------------------------

  private typeString(type: Type): string {
    switch (type.kind) {
      case 'primitive':
        return type.name;
      case 'media':
        throw new BamlError(`${type.name} is not supported in outputs`);
      case 'literal':
        return typeof type.value === 'string' ? JSON.stringify(type.value) : String(type.value);
      case 'enum': {
        const def = this.enumDef(type.name);
        if (this.isEnumHoisted(def)) {
          if (!this.hoistedEnums.includes(type.name)) this.hoistedEnums.push(type.name);
          return def.alias ?? def.name;
        }
        return this.enumValues(def)
          .map((v) => `'${v.alias ?? v.name}'`)
          .join(this.options.orSplitter);
      }
      case 'class': {
        const def = this.classDef(type.name);
        if (this.isClassHoisted(type.name)) {
          if (!this.hoistedClasses.includes(type.name)) this.hoistedClasses.push(type.name);
          return def.alias ?? def.name;
        }
        return this.classBody(def);
      }
      case 'alias': {
        const def = this.aliasDef(type.name);
        if (!def.recursive) return this.typeString(def.type);
        if (!this.hoistedAliases.includes(type.name)) this.hoistedAliases.push(type.name);
        return type.name;
      }
      case 'list':
        return this.listString(type.item);
      case 'map': {
        const key = this.typeString(type.key);
        const value = this.typeString(type.value);
        return this.options.mapStyle === 'object' ? `{${key}: ${value}}` : `map<${key}, ${value}>`;
      }
      case 'union': {
        // BAML treats `A | null | B` as optional `(A | B)`: null always prints last, once.
        const isNull = (v: Type) => v.kind === 'primitive' && v.name === 'null';
        const rendered = type.variants.filter((v) => !isNull(v)).map((v) => this.typeString(v));
        if (type.variants.some(isNull)) rendered.push('null');
        return rendered.join(this.options.orSplitter);
      }
      case 'tuple':
        return `(${type.items.map((t) => this.typeString(t)).join(', ')})`;
    }
  }

  private listString(rawItem: Type): string {
    const item = this.resolveAlias(rawItem);
    const inner = this.typeString(item);
    let block: boolean;
    // BAML's rule: a block unless the item is a primitive, a short enum text, a hoisted class,
    // a recursive alias or a union with a primitive member; nested lists and literals are blocks.
    switch (item.kind) {
      case 'primitive':
      case 'alias':
      case 'media':
        block = false;
        break;
      case 'enum':
        block = inner.length > MAX_INLINE_ENUM_LIST_LENGTH;
        break;
      case 'class':
        block = !this.isClassHoisted(item.name);
        break;
      case 'union':
        block = item.variants.every((v) => !this.isPrimitiveLike(v));
        break;
      default:
        block = true;
    }
    if (block) return `[\n  ${indent(inner)}\n]`;
    return item.kind === 'union' ? `(${inner})[]` : `${inner}[]`;
  }

  /** Variants that keep a list of unions on one line: `(int or string)[]`. */
  private isPrimitiveLike(type: Type): boolean {
    const t = this.resolveAlias(type);
    return t.kind === 'primitive' || t.kind === 'literal';
  }
}

function indent(text: string): string {
  return text.replaceAll('\n', '\n  ');
}

function prefixFor(type: Type): string {
  switch (type.kind) {
    case 'primitive':
      if (type.name === 'int') return 'Answer as an ';
      if (type.name === 'null') return 'Answer ONLY with null:\n';
      return 'Answer as a ';
    case 'literal':
      return 'Answer using this specific value:\n';
    case 'list':
      return 'Answer with a JSON Array using this schema:\n';
    case 'union': {
      const nonNull = type.variants.filter((v) => !(v.kind === 'primitive' && v.name === 'null'));
      return nonNull.length === 1 && nonNull.length < type.variants.length
        ? 'Answer in JSON using this schema:\n'
        : 'Answer in JSON using any of these schemas:\n';
    }
    default:
      return 'Answer in JSON using this schema:\n';
  }
}

/**
 * Renders BAML's `ctx.output_format` text for `target`.
 *
 * @example
 * renderOutputFormat(program, { kind: 'list', item: { kind: 'primitive', name: 'string' } });
 * // 'Answer with a JSON Array using this schema:\nstring[]'
 */
export function renderOutputFormat(
  program: Program,
  target: Type,
  options?: OutputFormatOptions | Record<string, unknown>,
): string {
  return new OutputFormatRenderer(program, resolveOutputFormatOptions(options)).render(target);
}
