// Stage A of spec §3.1 as one pass over a finished piece of text: the reference's `parse_func`.
// The stages are tried in order and the first that yields something wins:
//   1. strict JSON            → AnyOf([value])
//   2. markdown code blocks   → AnyOf([Markdown]) or AnyOf([each block, Array(blocks), rest…])
//   3. JSON spans in prose    → AnyOf([FixedJson(span, GreppedForJSON) …])
//   4. the fixing parser      → AnyOf([FixedJson(value) …])
//   5. the text as a string
// Nested parses (block contents, spans, the text after the last block) switch some stages off,
// exactly like the reference's parsing modes. `RawParser` (raw-parser.ts) produces the same
// trees incrementally and uses these helpers for the pieces it does not track itself.
import { isWhitespace, trimWhitespace } from './char-codes.js';
import { type FixingResult, FixingScanner } from './fixing-scanner.js';
import { type ClosingFence, findClosingFence, findOpeningFence } from './markdown-fences.js';
import type { Completion, RawArray, RawFix, RawFixed, RawValue } from './raw-value.js';
import { markWrapperArray } from './stable-wrappers.js';
import { StrictJsonTracker } from './strict-json-tracker.js';
import { strictJsonTree } from './strict-json-tree.js';
import { WrapperMemo } from './wrapper-memo.js';

/** Which stages a (nested) parse may use. */
export interface StageOptions {
  markdown: boolean;
  allJsonObjects: boolean;
  asString: boolean;
  /** Nesting of parses; the reference gives up beyond 100. */
  depth: number;
}

/** The options of a top-level parse. */
export const TOP_LEVEL: StageOptions = {
  markdown: true,
  allJsonObjects: true,
  asString: true,
  depth: 0,
};

/** Options for the contents of a fenced block (reference `ParsingMode::JsonMarkdown`). */
export function markdownBlockMode(parent: StageOptions): StageOptions {
  return {
    markdown: false,
    allJsonObjects: parent.allJsonObjects,
    asString: false,
    depth: parent.depth + 1,
  };
}

/**
 * Options for the text after the last block (reference `ParsingMode::JsonMarkdownString`): no
 * markdown and no JSON spans, only the fixing parser and the string. After an unclosed block
 * that text is the whole answer, so ```` ```json\n{ ```` also reads as a backtick string `{`
 * (the flags of BAML 0.226.2's error for a one-field class show that reading, not a span).
 */
export function markdownRestMode(parent: StageOptions): StageOptions {
  return {
    markdown: false,
    allJsonObjects: false,
    asString: true,
    depth: parent.depth + 1,
  };
}

/** Options for a span found in prose (reference `ParsingMode::AllJsonObjects`). */
export function jsonSpanMode(parent: StageOptions): StageOptions {
  return {
    markdown: parent.markdown,
    allJsonObjects: false,
    asString: false,
    depth: parent.depth + 1,
  };
}

/** The reference's recursion cap. */
export const MAX_PARSE_DEPTH = 100;

/**
 * Runs every stage over `text` at once. Returns null where the reference returns an error
 * (no stage produced anything and the string fallback is off).
 */
export function parseStages(text: string, options: StageOptions, isDone: boolean): RawValue | null {
  if (options.depth >= MAX_PARSE_DEPTH) return null;
  const strict = new StrictJsonTracker();
  strict.push(text);
  if (strict.accepting) return anyOf([strictJsonTree(text)], text);
  if (options.markdown) {
    const md = markdownStage(text, options);
    if (md !== null) return md;
  }
  if (options.allJsonObjects) {
    const spans = jsonSpanStage(text, options);
    if (spans !== null) return spans;
  }
  const scanner = new FixingScanner();
  scanner.push(text);
  scanner.finish();
  const fixed = fixingStage(scanner.view(), text);
  if (fixed !== null) return fixed;
  return options.asString ? stringValue(text, isDone) : null;
}

/** The top-level entry: all stages, then the final simplification. */
export function parseTopLevel(text: string, isDone: boolean): RawValue {
  return simplify(parseStages(text, TOP_LEVEL, isDone) ?? stringValue(text, isDone), text);
}

/** `AnyOf` whose only candidate is the raw text itself collapses to that string (spec §3.1). */
export function simplify(value: RawValue, text: string): RawValue {
  if (value.kind !== 'anyOf' || value.candidates.length !== 1) return value;
  const only = value.candidates[0];
  if (only !== undefined && only.kind === 'string' && only.value === text) return only;
  return value;
}

/** The whole text as a string: Complete once the stream is done. */
export function stringValue(text: string, isDone: boolean): RawValue {
  return { kind: 'string', value: text, completion: isDone ? 'complete' : 'incomplete', rev: 0 };
}

/** Builds an AnyOf node. */
export function anyOf(candidates: RawValue[], text: string): RawValue {
  return { kind: 'anyOf', candidates, text, rev: 0 };
}

/** Wraps a value as FixedJson. */
export function fixedJson(inner: RawValue, fixes: RawFixed['fixes']): RawFixed {
  return { kind: 'fixed', inner, fixes, rev: 0 };
}

const NO_FIXES: RawFix[] = [];
const GREPPED: RawFix[] = ['GreppedForJSON'];

/** Stage 4's result shape from the fixing scanner's values (spec §3.1, reference entry). */
export function fixingStage(
  result: FixingResult,
  text: string,
  memo: WrapperMemo = new WrapperMemo(),
): RawValue | null {
  const { count, first, containers } = result;
  if (count === 0 || first === undefined) return null;
  if (count === 1) {
    const only = first;
    // a lone string equal to the whole text adds nothing over the string fallback
    if (only.kind === 'string' && only.value === text) return null;
    return memo.anyOf1(memo.fixedJson(only, NO_FIXES), text);
  }
  if (containers.length === 0) return null;
  if (containers.length === 1)
    return memo.anyOf1(memo.fixedJson(containers[0] as RawValue, NO_FIXES), text);
  const items = containers.map((v) => memo.fixedJson(v, []));
  return memo.anyOf([...items, memo.allArray(items.slice())], text);
}

// ------------------------------------------------------------------------------------------
// Stage 2: markdown code blocks

/** One fenced block the markdown stage kept. */
export interface MarkdownBlock {
  tag: string;
  value: RawValue;
}

/** Stage 2 over the whole text (reference `markdown_parser::parse` + the entry's shaping). */
export function markdownStage(text: string, options: StageOptions): RawValue | null {
  const blocks: MarkdownBlock[] = [];
  let remaining = 0; // offset of the reference's `remaining`
  for (;;) {
    const open = findOpeningFence(text, remaining);
    if (open === null) break;
    let chosen: { value: RawValue; end: number } | null = null;
    let first: ClosingFence | null = null;
    for (
      let close = findClosingFence(text, open.end);
      close !== null;
      close = findClosingFence(text, close.end)
    ) {
      if (first === null) first = close;
      const content = trimWhitespace(text.slice(open.end, close.start));
      const v = parseStages(content, markdownBlockMode(options), false);
      if (v !== null) {
        chosen = { value: v, end: close.end };
        break;
      }
      if (close.end >= text.length) break;
    }
    if (first === null) {
      // unclosed: the rest of the text is the block; `remaining` does not move
      const v = parseStages(
        trimWhitespace(text.slice(open.end)),
        markdownBlockMode(options),
        false,
      );
      if (v !== null) blocks.push({ tag: open.tag, value: v });
      break;
    }
    if (chosen === null) {
      remaining = first.end;
      continue;
    }
    blocks.push({ tag: open.tag, value: chosen.value });
    remaining = chosen.end;
  }
  return shapeMarkdown(blocks, text, remaining, options);
}

/** The entry's shaping of the markdown stage's results. */
function shapeMarkdown(
  blocks: MarkdownBlock[],
  text: string,
  remaining: number,
  options: StageOptions,
): RawValue | null {
  if (blocks.length === 0) return null;
  const rest = text.slice(remaining);
  const hasRest = !isBlank(rest);
  const restValue = hasRest ? parseStages(rest, markdownRestMode(options), false) : null;
  return shapeMarkdownWith(blocks, text, hasRest, restValue);
}

/** Shaping with the rest of the text already parsed (null: it failed or there is none). */
function shapeMarkdownWith(
  blocks: MarkdownBlock[],
  text: string,
  hasRest: boolean,
  restValue: RawValue | null,
): RawValue | null {
  if (blocks.length === 0) return null;
  if (blocks.length === 1 && !hasRest) {
    const b = blocks[0] as MarkdownBlock;
    return anyOf(
      [{ kind: 'markdown', tag: b.tag, inner: b.value, completion: 'incomplete', rev: 0 }],
      text,
    );
  }
  const items: RawValue[] = blocks.map((b) => ({
    kind: 'markdown',
    tag: b.tag,
    inner: b.value,
    completion: completionOf(b.value),
    rev: 0,
  }));
  const all: RawArray = markWrapperArray({
    kind: 'array',
    items: items.slice(),
    completion: 'incomplete',
    rev: 0,
  });
  const candidates = [...items, all];
  if (restValue !== null) candidates.push(restValue);
  return anyOf(candidates, text);
}

/** A value's completion as the reference reports it (`completion_state()`). */
export function completionOf(value: RawValue): Completion {
  switch (value.kind) {
    case 'bool':
    case 'null':
      return 'complete';
    case 'fixed':
      return completionOf(value.inner);
    case 'anyOf': {
      const first = value.candidates[0];
      return first === undefined ? 'incomplete' : completionOf(first);
    }
    default:
      return value.completion;
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
}

// ------------------------------------------------------------------------------------------
// Stage 3: JSON objects and arrays in prose

/** Stage 3 over the whole text (reference `multi_json_parser::parse` + the entry's shaping). */
function jsonSpanStage(text: string, options: StageOptions): RawValue | null {
  const found: RawValue[] = [];
  const stack: number[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (stack.length === 0) start = i;
      stack.push(c);
    } else if (c === 125 || c === 93) {
      const last = stack[stack.length - 1];
      if (last !== undefined) {
        if (last !== (c === 125 ? 123 : 91)) return null; // mismatched brackets: stage fails
        stack.pop();
      }
      if (stack.length === 0) {
        const v = parseStages(text.slice(Math.max(0, start), i + 1), jsonSpanMode(options), false);
        if (v !== null) found.push(v);
      }
    }
  }
  if (stack.length > 0) {
    const v = parseStages(text.slice(start), jsonSpanMode(options), false);
    if (v !== null) {
      const lastIndex = found.length - 1;
      const last = found[lastIndex];
      if (last !== undefined) found[lastIndex] = completeDeeply(last);
      found.push(v);
    }
  }
  return shapeJsonSpans(found, text);
}

/** The entry's shaping of stage 3's results. */
function shapeJsonSpans(
  found: RawValue[],
  text: string,
  memo: WrapperMemo = new WrapperMemo(),
): RawValue | null {
  if (found.length === 0) return null;
  if (found.length === 1) {
    const only = found[0] as RawValue;
    if (only.kind === 'string' && only.value === text) return null;
    return memo.anyOf1(memo.fixedJson(only, GREPPED), text);
  }
  const all = memo.allArray(found.slice());
  return memo.anyOf(
    [...found, all].map((v) => memo.fixedJson(v, ['GreppedForJSON'])),
    text,
  );
}

/** `shapeJsonSpans` for exactly one span, without building a list. */
export function shapeJsonSpans1(only: RawValue, text: string, memo: WrapperMemo): RawValue | null {
  if (only.kind === 'string' && only.value === text) return null;
  return memo.anyOf1(memo.fixedJson(only, GREPPED), text);
}

/** A copy where every Incomplete node is Complete (complete subtrees are shared, not copied). */
export function completeDeeply(value: RawValue): RawValue {
  switch (value.kind) {
    case 'bool':
    case 'null':
      return value;
    case 'string':
    case 'number':
      return value.completion === 'complete' ? value : { ...value, completion: 'complete', rev: 0 };
    case 'object': {
      if (value.completion === 'complete' && value.entries.every((e) => isDeeplyComplete(e.value)))
        return value;
      return {
        kind: 'object',
        entries: value.entries.map((e) => ({ key: e.key, value: completeDeeply(e.value) })),
        completion: 'complete',
        rev: 0,
      };
    }
    case 'array': {
      if (value.completion === 'complete' && value.items.every(isDeeplyComplete)) return value;
      return {
        kind: 'array',
        items: value.items.map(completeDeeply),
        completion: 'complete',
        rev: 0,
      };
    }
    case 'markdown':
      return { ...value, inner: completeDeeply(value.inner), completion: 'complete', rev: 0 };
    case 'fixed':
      return { ...value, inner: completeDeeply(value.inner), rev: 0 };
    case 'anyOf':
      return { ...value, candidates: value.candidates.map(completeDeeply), rev: 0 };
  }
}

function isDeeplyComplete(value: RawValue): boolean {
  switch (value.kind) {
    case 'bool':
    case 'null':
      return true;
    case 'string':
    case 'number':
      return value.completion === 'complete';
    case 'object':
      return (
        value.completion === 'complete' && value.entries.every((e) => isDeeplyComplete(e.value))
      );
    case 'array':
      return value.completion === 'complete' && value.items.every(isDeeplyComplete);
    case 'markdown':
      return value.completion === 'complete' && isDeeplyComplete(value.inner);
    case 'fixed':
      return isDeeplyComplete(value.inner);
    case 'anyOf':
      return value.candidates.every(isDeeplyComplete);
  }
}
