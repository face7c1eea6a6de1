// Stage 2 of spec §3.1 (markdown code blocks), tracked as text streams.
//
// A small per-line state machine recognises fence lines (`[ \t]*```tag` opening, `[ \t]*```
// closing) without keeping lines around: a line is "dead" as soon as it cannot be a fence, and
// dead lines are skipped with `indexOf('\n')`. The block being read has its own nested stage
// parser fed with the block's content as it arrives; trailing blanks and a line that may still
// turn out to be the closing fence are held back, which reproduces the reference's `trim()` of
// the content without re-reading it. The text after the last closed block (the reference's
// "remaining") gets a lazily created nested parser too.
//
// Bounded fallbacks:
// - while the text ends with one or two backticks at the start of a line inside a block, the
//   block's content is parsed again in one go (the backticks may still become the fence);
// - once a closed block's content failed to parse, the whole stage is re-run over the whole
//   text per `result` call (the reference then tries later closing fences, possibly swallowing
//   other blocks; this happens for non-JSON code blocks such as a python snippet whose
//   content is not a value). Such replies are quadratic here, as they are in the reference.

import {
  completionOf,
  type MarkdownBlock,
  markdownBlockMode,
  markdownRestMode,
  markdownStage,
  parseStages,
  type StageOptions,
} from './candidate-stages.js';
import { isWhitespace, trimWhitespace } from './char-codes.js';
import { GrowingCandidates } from './growing-candidates.js';
import type { RawMarkdown, RawValue } from './raw-value.js';
import { refreshRevs } from './stable-wrappers.js';
import type { StageParserLike } from './stage-parser-like.js';
import { WrapperMemo } from './wrapper-memo.js';

enum L {
  Blanks = 0,
  Tick1 = 1,
  Tick2 = 2,
  Tick3 = 3,
  Tag = 4,
  Dead = 5,
}

interface OpenBlock {
  tag: string;
  parser: StageParserLike & { readonly textValue: string };
  started: boolean;
  held: string;
}

/** Incremental stage 2. */
export class MarkdownTracker {
  private length = 0;
  private line: L = L.Blanks;
  private tag = '';
  private remaining = 0;
  private restHasText = false;
  private readonly blocks: MarkdownBlock[] = [];
  private block: OpenBlock | null = null;
  private rest: StageParserLike | null = null;
  private fallback = false;
  private feed = '';

  constructor(
    private readonly options: StageOptions,
    private readonly makeParser: (
      options: StageOptions,
      sharesParentText: boolean,
    ) => StageParserLike & { readonly textValue: string },
    /** The owner's text so far (read when the rest parser is created). */
    private readonly textSoFar: () => string,
  ) {}

  /** True once any opening fence line has been seen (before that the stage yields nothing). */
  get active(): boolean {
    return this.block !== null || this.blocks.length > 0 || this.fallback || this.line === L.Tag;
  }

  /** Feeds text. */
  push(chunk: string): void {
    this.length += chunk.length;
    if (this.fallback) return;
    const restBefore = this.rest;
    const base = this.length - chunk.length;
    let closedInChunk = false;
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.line === L.Dead && c !== 10) {
        let j = chunk.indexOf('\n', i);
        if (j < 0) j = n;
        this.content(chunk, i, j);
        i = j;
        continue;
      }
      if (c === 10) {
        if (this.endOfLine(base + i + 1)) closedInChunk = true;
        if (this.fallback) return;
        i++;
        continue;
      }
      this.lineChar(c, chunk, i);
      i++;
    }
    this.flushFeed();
    if (!this.restHasText) {
      const from = Math.max(0, this.remaining - base);
      for (let k = from; k < n; k++) {
        if (!isWhitespace(chunk.charCodeAt(k))) {
          this.restHasText = true;
          break;
        }
      }
    }
    if (restBefore !== null && this.rest === restBefore && !closedInChunk) restBefore.push(chunk);
  }

  /** A non-newline character on a line that may still be a fence. */
  private lineChar(c: number, chunk: string, i: number): void {
    const before = this.line;
    switch (this.line) {
      case L.Blanks:
        if (c === 96) this.line = L.Tick1;
        else if (c !== 32 && c !== 9) this.line = L.Dead;
        break;
      case L.Tick1:
        this.line = c === 96 ? L.Tick2 : L.Dead;
        break;
      case L.Tick2:
        this.line = c === 96 ? L.Tick3 : L.Dead;
        break;
      case L.Tick3:
      case L.Tag:
        if (isTagChar(c)) {
          if (this.line === L.Tick3) this.tag = '';
          this.tag += chunk[i] ?? '';
          this.line = L.Tag;
        } else {
          this.line = L.Dead;
        }
        break;
      default:
        break;
    }
    if (this.block === null) return;
    // inside a block: hold back what may still be the closing fence line (judged after this
    // character: a blank after one or two backticks ends that hope, and the backticks are content)
    const line = this.line;
    if (line === L.Blanks || line === L.Tick1 || line === L.Tick2 || line === L.Tick3) {
      this.block.held += chunk[i] ?? '';
      return;
    }
    if (before !== L.Tag && before !== L.Dead) this.settleHeld();
    this.content(chunk, i, i + 1);
  }

  /** Content characters (no newline) for the open block. */
  private content(chunk: string, start: number, end: number): void {
    const block = this.block;
    if (block === null || end <= start) return;
    let s = start;
    if (!block.started) {
      while (s < end && isWhitespace(chunk.charCodeAt(s))) s++;
      if (s === end) return;
      block.started = true;
      // what was held before the content started is leading blanks (dropped) and backticks
      let h = 0;
      while (h < block.held.length && isWhitespace(block.held.charCodeAt(h))) h++;
      block.held = block.held.slice(h);
    }
    let last = end - 1;
    while (last >= s && isWhitespace(chunk.charCodeAt(last))) last--;
    if (last < s) {
      block.held += chunk.slice(s, end);
      return;
    }
    this.feed += block.held + chunk.slice(s, last + 1);
    block.held = chunk.slice(last + 1, end);
  }

  /** The line held back cannot be a fence any more: its backticks are content after all. */
  private settleHeld(): void {
    const block = this.block;
    if (block === null) return;
    const held = block.held;
    let last = held.length - 1;
    while (last >= 0 && isWhitespace(held.charCodeAt(last))) last--;
    if (last < 0) return;
    let first = 0;
    if (!block.started) {
      // the held backticks are where the content starts (leading blanks are trimmed)
      while (isWhitespace(held.charCodeAt(first))) first++;
      block.started = true;
    }
    this.feed += held.slice(first, last + 1);
    block.held = held.slice(last + 1);
  }

  private flushFeed(): void {
    if (this.block !== null && this.feed.length > 0) this.block.parser.push(this.feed);
    this.feed = '';
  }

  /** A line ended at `next` (the offset after its newline). Returns true when a block closed. */
  private endOfLine(next: number): boolean {
    const state = this.line;
    this.line = L.Blanks;
    if (this.block === null) {
      if (state === L.Tag) {
        this.block = {
          tag: this.tag.trim(),
          parser: this.makeParser(markdownBlockMode(this.options), false),
          started: false,
          held: '',
        };
      }
      return false;
    }
    const block = this.block;
    if (state === L.Tick3) {
      this.flushFeed();
      const v = block.parser.result(false);
      if (v === null) {
        this.fallback = true;
        return false;
      }
      this.blocks.push({ tag: block.tag, value: v });
      this.block = null;
      this.remaining = next;
      this.restHasText = false;
      this.rest = null;
      return true;
    }
    if (state !== L.Tag && state !== L.Dead) this.settleHeld();
    if (block.started || block.held.length > 0) block.held += '\n';
    return false;
  }

  /** The stage result for the text so far, or null when the stage yields nothing. */
  result(text: string): RawValue | null {
    if (this.fallback) return markdownStage(text, this.options);
    const blocks = this.blocks;
    let open: MarkdownBlock | null = null;
    let hasRest = this.restHasText;
    const block = this.block;
    if (block !== null) {
      let v: RawValue | null;
      if (this.line === L.Tick3) {
        // the text ends with a closing fence line: the block is closed, nothing follows it
        v = block.parser.result(false);
        hasRest = false;
      } else if (this.line === L.Tick1 || this.line === L.Tick2) {
        // the text ends with one or two backticks that may still become the closing fence:
        // for now they are content (rare, and only this block is read again)
        v = parseStages(
          trimWhitespace(block.parser.textValue + block.held),
          markdownBlockMode(this.options),
          false,
        );
      } else {
        v = block.parser.result(false);
      }
      if (v !== null) open = { tag: block.tag, value: v };
    }
    // (an opening fence line cut by the end of the text has empty content: it adds nothing)
    const count = blocks.length + (open === null ? 0 : 1);
    if (count === 0) return null;
    if (count === 1 && !hasRest) return this.single(open ?? (blocks[0] as MarkdownBlock), text);
    let restValue: RawValue | null = null;
    if (hasRest) {
      if (this.rest === null) {
        this.rest = this.makeParser(markdownRestMode(this.options), false);
        this.rest.push(this.textSoFar().slice(this.remaining));
      }
      restValue = this.rest.result(false);
    }
    return this.shaper.shape(blocks, open, text, restValue);
  }

  private readonly shaper = new BlockShaper();
  private readonly singleMemo = new WrapperMemo();
  private readonly singleNodes = new WeakMap<RawValue, RawMarkdown>();

  /** One block and nothing after it: `AnyOf[Md(block)]`, the Markdown node always Incomplete. */
  private single(block: MarkdownBlock, text: string): RawValue {
    let md = this.singleNodes.get(block.value);
    if (md === undefined || md.tag !== block.tag) {
      md = {
        kind: 'markdown',
        tag: block.tag,
        inner: block.value,
        completion: 'incomplete',
        rev: 0,
      };
      this.singleNodes.set(block.value, md);
    }
    return this.singleMemo.anyOf1(md, text);
  }
}

/**
 * The stage's result for several blocks (or a block and text after it):
 * `AnyOf[Md(b1) … Md(bn), [Md(b1) … Md(bn)], rest?]`, kept up to date in place (see
 * `GrowingCandidates`). Closed blocks are frozen, so each call appends newly closed blocks and
 * redoes the open block's slot, the array and the rest.
 */
class BlockShaper {
  private readonly growing = new GrowingCandidates();
  private readonly closedNodes = new WeakMap<MarkdownBlock, RawMarkdown>();
  private readonly openNodes = new WeakMap<RawValue, RawMarkdown>();
  private lastOpen: RawMarkdown | null = null;
  private lastOpenRev = -1;
  private lastRest: RawValue | null = null;
  private lastRestRev = -1;

  shape(
    closed: MarkdownBlock[],
    open: MarkdownBlock | null,
    text: string,
    rest: RawValue | null,
  ): RawValue {
    const growing = this.growing;
    const openNode = open === null ? null : this.openNode(open);
    if (rest !== null) refreshRevs(rest);
    const changed =
      closed.length !== growing.frozen ||
      openNode !== this.lastOpen ||
      (openNode !== null && openNode.rev !== this.lastOpenRev) ||
      rest !== this.lastRest ||
      (rest !== null && rest.rev !== this.lastRestRev);
    if (changed) {
      growing.reopen();
      for (let i = growing.frozen; i < closed.length; i++) {
        const md = this.closedNode(closed[i] as MarkdownBlock);
        growing.add(md, md, true);
      }
      if (openNode !== null) growing.add(openNode, openNode, false);
      growing.addCandidate(growing.all);
      if (rest !== null) growing.addCandidate(rest);
      this.lastOpen = openNode;
      this.lastOpenRev = openNode === null ? -1 : openNode.rev;
      this.lastRest = rest;
      this.lastRestRev = rest === null ? -1 : rest.rev;
    }
    return growing.finish(changed, text);
  }

  private closedNode(block: MarkdownBlock): RawMarkdown {
    let md = this.closedNodes.get(block);
    if (md === undefined) {
      refreshRevs(block.value);
      md = mdNode(block);
      this.closedNodes.set(block, md);
    }
    return md;
  }

  /** The open block's node: one per value object, its completion and `rev` kept up to date. */
  private openNode(block: MarkdownBlock): RawMarkdown {
    refreshRevs(block.value);
    let md = this.openNodes.get(block.value);
    if (md === undefined) {
      md = mdNode(block);
      this.openNodes.set(block.value, md);
      refreshRevs(md);
      return md;
    }
    const completion = completionOf(block.value);
    if (md.completion !== completion) {
      md.completion = completion;
      md.rev++;
    }
    refreshRevs(md);
    return md;
  }
}

function mdNode(block: MarkdownBlock): RawMarkdown {
  return {
    kind: 'markdown',
    tag: block.tag,
    inner: block.value,
    completion: completionOf(block.value),
    rev: 0,
  };
}

function isTagChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 32;
}
