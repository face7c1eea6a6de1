// `class`, `enum` and `type` declarations.

import type {
  Attribute,
  ClassDecl,
  EnumDecl,
  EnumValueDecl,
  ExprFunctionDecl,
  FieldDecl,
  TypeAliasDecl,
} from '../ast.js';
import { docsOf, type ParserState } from '../parser-state.js';
import { readAttribute, readAttributes } from './attributes.js';
import { isMethodStart, readMethod } from './statements.js';
import { readType } from './types.js';

/**
 * `class Name { field Type @attrs … @@attrs }`; `name: Type` is reported but accepted. As in
 * BAML's grammar, a block attribute may also follow a field or enum value on its line.
 */
export function readClass(p: ParserState, loose = false): ClassDecl {
  const keyword = p.advance();
  const name = p.expectName('a class name');
  const fields: FieldDecl[] = [];
  const attributes: Attribute[] = [];
  const methods: ExprFunctionDecl[] = [];
  p.block('field', () => {
    if (isMethodStart(p)) {
      methods.push(readMethod(p, name.value));
      return;
    }
    if (p.is('@@')) {
      attributes.push(readAttribute(p));
      return;
    }
    const start = p.token;
    const fieldName = p.expectName('a field name or `}`');
    if (p.is(':')) {
      // A common slip from TypeScript/Python: report it and read the field anyway.
      p.sink.report('field_colon', p.token, {});
      p.advance();
    }
    // `loose` (a `dynamic` block whose kind analysis checks): a member may lack its type.
    if (loose && (p.token.newlineBefore || p.is('}'))) {
      fields.push({
        name: fieldName,
        type: { kind: 'named', name: 'string', start: fieldName.start, end: fieldName.end },
        attributes: [],
        start: start.start,
        end: p.previousEnd,
      });
      return;
    }
    p.expectSameLine('a type after the field name');
    const type = readType(p);
    const fieldAttributes = readAttributes(p, '@', true);
    fields.push({
      name: fieldName,
      type,
      attributes: fieldAttributes,
      start: start.start,
      end: p.previousEnd,
      ...docsOf(start),
    });
    attributes.push(...readAttributes(p, '@@', false));
  });
  return {
    kind: 'class',
    name,
    fields,
    attributes,
    ...(methods.length > 0 ? { methods } : {}),
    start: keyword.start,
    end: p.previousEnd,
    ...docsOf(keyword),
  };
}

/** `enum Name { VALUE @attrs … @@attrs }`. */
export function readEnum(p: ParserState, loose = false): EnumDecl {
  const keyword = p.advance();
  const name = p.expectName('an enum name');
  const values: EnumValueDecl[] = [];
  const attributes: Attribute[] = [];
  p.block('enum value', () => {
    if (p.is('@@')) {
      attributes.push(readAttribute(p));
      return;
    }
    const start = p.token;
    const valueName = p.expectName('an enum value or `}`');
    // `loose`: a member written like a field (`c string`) has its type read and dropped.
    if (loose && !p.token.newlineBefore && !p.is('@') && !p.is('@@') && !p.is('}')) readType(p);
    values.push({
      name: valueName,
      attributes: readAttributes(p, '@', true),
      start: start.start,
      end: p.previousEnd,
      ...docsOf(start),
    });
    attributes.push(...readAttributes(p, '@@', false));
  });
  return {
    kind: 'enum',
    name,
    values,
    attributes,
    start: keyword.start,
    end: p.previousEnd,
    ...docsOf(keyword),
  };
}

/** `type Name = Type @attrs`. */
export function readTypeAlias(p: ParserState): TypeAliasDecl {
  const keyword = p.advance();
  const name = p.expectName('a type alias name');
  p.expect('=', '`=`');
  p.expectSameLine('a type after `=`');
  const type = readType(p);
  const attributes = readAttributes(p, '@', false);
  return {
    kind: 'type_alias',
    name,
    type,
    attributes,
    start: keyword.start,
    end: p.previousEnd,
    ...docsOf(keyword),
  };
}
