// `function Name(params) -> Type { client …  prompt #"…"# }` and `template_string`.

import type { ExprFunctionDecl, FunctionDecl, ParamDecl, TemplateStringDecl } from '../ast.js';
import { docsOf, type ParserState } from '../parser-state.js';
import { readAttributes } from './attributes.js';
import { readConfigBody } from './config.js';
import { isStatementBody, readExprFunctionBody } from './statements.js';
import { readStringLiteral } from './string-literal.js';
import { readType } from './types.js';

function readParams(p: ParserState): ParamDecl[] {
  p.expect('(', '`(`');
  const params: ParamDecl[] = [];
  while (!p.is(')')) {
    const name = p.expectName('a parameter name or `)`');
    p.expect(':', '`:` between the parameter name and its type');
    const type = readType(p);
    const attributes = readAttributes(p, '@', true);
    const param: ParamDecl = { name, type, start: name.start, end: p.previousEnd };
    if (attributes.length > 0) param.attributes = attributes;
    params.push(param);
    if (!p.is(',')) break;
    p.advance();
  }
  p.expect(')', '`,` or `)`');
  return params;
}

/** `function Name(params) -> Type @attrs { client …  prompt #"…"# }`. */
export function readFunction(p: ParserState): FunctionDecl | ExprFunctionDecl {
  const keyword = p.advance();
  const name = p.expectName('a function name');
  const params = readParams(p);
  if (p.is('{') && isStatementBody(p)) {
    p.sink.report('missing_return_type', keyword, {});
    return readExprFunctionBody(p, { keyword, name, params });
  }
  p.expect('->', '`->` and a return type');
  const returnType = readType(p);
  const returnAttributes = readAttributes(p, '@', false);
  if (p.is('{') && isStatementBody(p)) {
    return readExprFunctionBody(p, { keyword, name, params, returnType });
  }
  const body = readConfigBody(p, 'entry');
  return {
    kind: 'function',
    name,
    params,
    returnType,
    returnAttributes,
    body,
    start: keyword.start,
    end: p.previousEnd,
    ...docsOf(keyword),
  };
}

/** `template_string Name(params) #"…"#` (the parameter list may be left out). */
export function readTemplateString(p: ParserState): TemplateStringDecl {
  const keyword = p.advance();
  const name = p.expectName('a template string name');
  const params = p.is('(') ? readParams(p) : [];
  if (!p.is('raw_string') && !p.is('string')) p.fail('a block string `#"…"#`');
  const template = readStringLiteral(p);
  return {
    kind: 'template_string',
    name,
    params,
    template,
    start: keyword.start,
    end: p.previousEnd,
    ...docsOf(keyword),
  };
}
