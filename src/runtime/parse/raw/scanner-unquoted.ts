// Unquoted tokens of the fixing scanner (spec §3.2): reading a bare value or key up to its
// terminator, and the "does this comma end the value" rule after an unquoted object value.
import * as codes from './char-codes.js';
import { P, Pos, type ScannerState, type UnquotedFrame } from './scanner-state.js';
import * as unquotedModule from './unquoted-value.js';

// Local bindings: some loaders (tsx's CJS interop) read every use of an imported binding through
// a getter, which is measurable in the per-character loop.
const Ch = codes.Ch;
const isWhitespace = codes.isWhitespace;
const { rustParsesAsFloat } = unquotedModule;

// ---------------------------------------------------------------------------------------
// Unquoted tokens

export function readUnquoted(
  sc: ScannerState,
  frame: UnquotedFrame,
  text: string,
  start: number,
  end: number,
): number {
  // the token's terminators depend only on where it sits: at most two characters
  let stop1: number;
  let stop2: number;
  switch (frame.pos) {
    case Pos.Nothing:
      stop1 = Ch.OpenBrace;
      stop2 = Ch.OpenBracket;
      break;
    case Pos.Key:
      stop1 = Ch.Colon;
      stop2 = Ch.Colon;
      break;
    case Pos.Value:
      stop1 = Ch.CloseBrace;
      stop2 = Ch.Comma;
      break;
    default:
      stop1 = Ch.Comma;
      stop2 = Ch.CloseBracket;
      break;
  }
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === stop1 || c === stop2) {
      if (i > start) {
        frame.examined += i - start;
        frame.lastExamined = text.charCodeAt(i - 1);
        appendUnquoted(frame, text, start, i);
      }
      if (frame.pos === Pos.Value && c === Ch.Comma) {
        sc.pend = P.UnquotedComma;
        sc.stage = 0;
        sc.held = ',';
        return i + 1;
      }
      sc.closeTop();
      return i; // the terminator is read again by the parent
    }
    i++;
  }
  if (i > start) {
    frame.examined += i - start;
    frame.lastExamined = text.charCodeAt(i - 1);
    appendUnquoted(frame, text, start, i);
  }
  return i;
}

export function appendUnquoted(
  frame: UnquotedFrame,
  text: string,
  start: number,
  end: number,
): void {
  if (end <= start) return;
  let last = end - 1;
  while (last >= start && isWhitespace(text.charCodeAt(last))) last--;
  const contiguous = frame.source === text && frame.sourceEnd === start;
  if (last < start) {
    frame.blanks += text.slice(start, end);
    if (contiguous) frame.sourceEnd = end;
    return;
  }
  if (contiguous) {
    frame.content = text.slice(frame.sourceStart, last + 1);
    frame.sourceEnd = end;
  } else {
    frame.content += frame.blanks + text.slice(start, last + 1);
    frame.source = null;
  }
  frame.blanks = last + 1 < end ? text.slice(last + 1, end) : '';
}

function appendUnquotedString(frame: UnquotedFrame, s: string): void {
  appendUnquoted(frame, s, 0, s.length);
}

/** Is the unquoted value so far something a comma may end (reference `is_possible_value`)? */
function possibleValue(frame: UnquotedFrame): boolean {
  const raw = frame.content + frame.blanks;
  const trimmed = frame.content;
  if (rustParsesAsFloat(trimmed)) return true;
  const lower = trimmed.toLowerCase();
  if (lower === 'true' || lower === 'false' || lower === 'null') return true;
  return !(raw.includes(' ') || raw.includes('('));
}

export function pendingUnquotedComma(sc: ScannerState, c: number): boolean {
  const frame = sc.stack[sc.stack.length - 1] as UnquotedFrame;
  if (sc.stage === 0) {
    if (c === Ch.Newline) return commaCloses(sc, true);
    if (c === Ch.Space) {
      if (possibleValue(frame)) return commaCloses(sc, true);
      sc.stage = 1;
      sc.held = ',';
      sc.heldBlanks = ' ';
      sc.anythingButBlank = false;
      sc.sawSlashInBlanks = false;
      return true;
    }
    // any other character: the comma is content and reading goes on with this character
    sc.pend = P.None;
    sc.held = '';
    appendUnquotedString(frame, ',');
    return false;
  }
  // stage 1: the blank run after ", " (`held` keeps up to its last non-blank, `heldBlanks` the rest)
  if (sc.sawSlashInBlanks) {
    sc.sawSlashInBlanks = false;
    if (c === Ch.Slash || c === Ch.Asterisk) return commaCloses(sc, false);
  }
  if (!isWhitespace(c)) sc.anythingButBlank = true;
  switch (c) {
    case Ch.Space:
      sc.heldBlanks += ' ';
      return true;
    case Ch.Newline:
      if (!sc.anythingButBlank) return commaCloses(sc, true);
      sc.heldBlanks += '\n';
      return true;
    case Ch.Slash:
      sc.held += `${sc.heldBlanks}/`;
      sc.heldBlanks = '';
      sc.sawSlashInBlanks = true;
      return true;
    case Ch.DoubleQuote:
      return commaCloses(sc, false);
    default: {
      // anything else: the held text and this character are content, unchecked
      const held = sc.held + sc.heldBlanks + String.fromCharCode(c);
      sc.held = '';
      sc.heldBlanks = '';
      sc.pend = P.None;
      appendUnquotedString(frame, held);
      frame.examined++;
      frame.lastExamined = c;
      return true;
    }
  }
}

/**
 * The comma ended the unquoted value: close it; the reference then re-reads from the comma,
 * which only matters for held `/` characters (the comma and blanks mean nothing there).
 * `consume` says whether the current character is a blank the parent would skip anyway.
 */
function commaCloses(sc: ScannerState, consume: boolean): boolean {
  const held = sc.held;
  sc.held = '';
  sc.heldBlanks = '';
  sc.pend = P.None;
  sc.closeTop();
  if (held.includes('/')) sc.refeed(held);
  return consume;
}
