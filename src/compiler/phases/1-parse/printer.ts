// Prints a syntax tree back to .baml text in a canonical layout (two-space indent, one member
// per line). Comments other than `///` doc comments are not in the tree and are not printed.
// Parsing the output gives the same tree (ignoring offsets); the round-trip test checks this.

import type {
  Attribute,
  AttributeArg,
  ConfigEntry,
  ConfigValueNode,
  Declaration,
  ParamDecl,
  SourceFileAst,
  StringLiteral,
  TypeExpr,
} from './ast.js';

const INDENT = '  ';

/**
 * The .baml text of a parsed file.
 *
 * @example
 * printFile(parseFile('a.baml', 'class A {\n  x   int\n}', sink)); // 'class A {\n  x int\n}\n'
 */
export function printFile(file: SourceFileAst): string {
  return file.declarations.map(printDeclaration).join('\n');
}

/** A type expression as it would be written, e.g. `map<string, (Item @stream.done)[]>`. */
export function printType(type: TypeExpr): string {
  switch (type.kind) {
    case 'named':
      return type.name;
    case 'literal':
      return type.raw;
    case 'optional':
      return `${printType(type.inner)}?`;
    case 'list':
      return `${printType(type.item)}[]`;
    case 'map':
      return `map<${printType(type.key)}, ${printType(type.value)}>`;
    case 'union':
      return type.variants.map(printType).join(' | ');
    case 'paren': {
      const attributes = type.attributes.map(printAttribute).join(' ');
      return `(${printType(type.inner)}${attributes ? ` ${attributes}` : ''})`;
    }
    case 'tuple':
      return `(${type.items.map(printType).join(', ')})`;
  }
}

function printDocs(docs: string[] | undefined, indent: string): string {
  return (docs ?? []).map((line) => `${indent}///${line ? ` ${line}` : ''}\n`).join('');
}

function printDeclaration(declaration: Declaration): string {
  const docs = printDocs(declaration.docs, '');
  const name = declaration.name.value;
  switch (declaration.kind) {
    case 'class': {
      const lines = declaration.fields.map(
        (field) =>
          `${printDocs(field.docs, INDENT)}${INDENT}${field.name.value} ${printType(field.type)}${printAttributes(field.attributes)}\n`,
      );
      for (const attribute of declaration.attributes)
        lines.push(`${INDENT}${printAttribute(attribute)}\n`);
      for (const method of declaration.methods ?? []) lines.push(`${INDENT}${method.text}\n`);
      return `${docs}class ${name} {\n${lines.join('')}}\n`;
    }
    case 'enum': {
      const lines = declaration.values.map(
        (value) =>
          `${printDocs(value.docs, INDENT)}${INDENT}${value.name.value}${printAttributes(value.attributes)}\n`,
      );
      for (const attribute of declaration.attributes)
        lines.push(`${INDENT}${printAttribute(attribute)}\n`);
      return `${docs}enum ${name} {\n${lines.join('')}}\n`;
    }
    case 'type_alias':
      return `${docs}type ${name} = ${printType(declaration.type)}${printAttributes(declaration.attributes)}\n`;
    case 'function':
      return `${docs}function ${name}(${printParams(declaration.params)}) -> ${printType(declaration.returnType)}${printAttributes(declaration.returnAttributes)} {\n${printEntries(declaration.body, INDENT)}}\n`;
    case 'template_string': {
      const params = declaration.params.length > 0 ? `(${printParams(declaration.params)})` : '';
      return `${docs}template_string ${name}${params} ${printString(declaration.template)}\n`;
    }
    case 'client':
    case 'retry_policy':
    case 'generator': {
      const keyword =
        declaration.kind === 'client'
          ? `client${declaration.clientType ? `<${declaration.clientType.value}>` : ''}`
          : declaration.kind;
      return `${docs}${keyword} ${name} {\n${printEntries(declaration.entries, INDENT)}}\n`;
    }
    case 'expr_function':
    case 'let':
      return `${docs}${declaration.text}\n`;
    case 'test': {
      let body = printEntries(declaration.entries, INDENT);
      for (const builder of declaration.typeBuilders)
        body += `${INDENT}type_builder ${builder.text}\n`;
      for (const attribute of declaration.attributes)
        body += `${INDENT}${printAttribute(attribute)}\n`;
      return `${docs}test ${name} {\n${body}}\n`;
    }
  }
}

function printParams(params: ParamDecl[]): string {
  return params
    .map(
      (param) =>
        `${param.name.value}: ${printType(param.type)}${printAttributes(param.attributes ?? [])}`,
    )
    .join(', ');
}

function printAttributes(attributes: Attribute[]): string {
  return attributes.map((attribute) => ` ${printAttribute(attribute)}`).join('');
}

function printAttribute(attribute: Attribute): string {
  const prefix = attribute.block ? '@@' : '@';
  const args = attribute.args ? `(${attribute.args.map(printAttributeArg).join(', ')})` : '';
  return `${prefix}${attribute.name.value}${args}`;
}

function printAttributeArg(arg: AttributeArg): string {
  switch (arg.kind) {
    case 'string':
      return printString(arg);
    case 'expression':
      return `{{ ${arg.text} }}`;
    case 'ident':
      return arg.name;
    case 'number':
      return arg.raw;
  }
}

/** A string literal in its original form: quoted with escapes, or a block string. */
export function printString(literal: StringLiteral): string {
  if (literal.hashes > 0) {
    const hashes = '#'.repeat(literal.hashes);
    return `${hashes}"${literal.value}"${hashes}`;
  }
  return `"${literal.value.replace(/[\\"\n\r\t]/g, (c) => ESCAPED[c] ?? c)}"`;
}

const ESCAPED: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function printEntries(entries: ConfigEntry[], indent: string): string {
  return entries.map((entry) => `${indent}${printEntry(entry, indent)}\n`).join('');
}

function printEntry(entry: ConfigEntry, indent: string): string {
  const key = entry.quotedKey ? printString({ ...entry.key, hashes: 0 }) : entry.key.value;
  return `${key} ${printConfigValue(entry.value, indent)}${printAttributes(entry.attributes ?? [])}`;
}

function printConfigValue(value: ConfigValueNode, indent: string): string {
  switch (value.kind) {
    case 'string':
      return printString(value);
    case 'bare':
      return value.text;
    case 'array':
      return `[${value.items.map((item) => printConfigValue(item, indent)).join(', ')}]`;
    case 'map':
      return `{\n${printEntries(value.entries, indent + INDENT)}${indent}}`;
    case 'call':
      return `${value.name.value}(${value.args.map((arg) => printConfigValue(arg, indent)).join(', ')})`;
  }
}
