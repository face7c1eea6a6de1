// String reading of the fixing scanner (spec §3.2): quoted and triple-quoted strings, the quote
// counting rule, and the pending decisions a character leaves open (does this quote close the
// string, an escape waiting for its characters, an opening quote that may be triple, a `/` that
// may start a comment). Each pending state holds only the characters since the undecided point
// and re-feeds them through the machine once decided (a bounded re-parse).
import * as codes from './char-codes.js';
import { appendTriple } from './scanner-nodes.js';
import { F, P, type ScannerState, type StrFrame, type TripleFrame } from './scanner-state.js';
import { appendUnquoted, pendingUnquotedComma } from './scanner-unquoted.js';

// Local bindings: some loaders (tsx's CJS interop) read every use of an imported binding through
// a getter, which is measurable in the per-character loop.
const Ch = codes.Ch;
const _isWhitespace = codes.isWhitespace;

// ---------------------------------------------------------------------------------------
// Strings

export function readString(
  sc: ScannerState,
  frame: StrFrame,
  text: string,
  start: number,
  end: number,
): number {
  const q = frame.quote;
  const escapes = q === Ch.DoubleQuote;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === q || (escapes && c === Ch.Backslash)) break;
    i++;
  }
  if (i > start) {
    frame.content += text.slice(start, i);
    if (escapes) frame.oddBackslashes = false;
    else trackRun(frame, text, start, i);
  }
  if (i < end) {
    const c = text.charCodeAt(i);
    if (c === q) {
      sc.pend = P.QuoteClose;
      sc.stage = 0;
      sc.held = '';
    } else {
      sc.pend = P.Escape;
    }
    return i + 1;
  }
  return i;
}

export function readTriple(
  sc: ScannerState,
  frame: TripleFrame,
  text: string,
  start: number,
  end: number,
): number {
  const q = frame.quote;
  let i = start;
  while (i < end && text.charCodeAt(i) !== q) i++;
  if (i > start) appendTriple(frame, text.slice(start, i));
  if (i < end) {
    sc.pend = P.TripleEnd;
    sc.heldCount = 1;
    return i + 1;
  }
  return i;
}

/** Keeps the quote/backslash parities right for content appended without escapes. */
function trackRun(frame: StrFrame, text: string, start: number, end: number): void {
  for (let k = start; k < end; k++) trackChar(frame, text.charCodeAt(k));
}

function trackChar(frame: StrFrame, c: number): void {
  if (c === Ch.DoubleQuote && !frame.oddBackslashes) frame.oddQuotes = !frame.oddQuotes;
  frame.oddBackslashes = c === Ch.Backslash ? !frame.oddBackslashes : false;
}

function appendDecoded(frame: StrFrame, s: string): void {
  frame.content += s;
  for (let k = 0; k < s.length; k++) trackChar(frame, s.charCodeAt(k));
}

/** Whether the quote just read closes the string, given the next character (stage 0). */
function closesRightAfter(sc: ScannerState, frame: StrFrame, c: number): boolean | 'blank' {
  const parent = sc.stack[sc.stack.length - 2];
  const inKey = parent !== undefined && parent.t === F.Object && !parent.inValue;
  const inValue = parent !== undefined && parent.t === F.Object && parent.inValue;
  const inArray = (parent !== undefined && parent.t === F.Array) || inValue;
  const hasParent = parent !== undefined;
  if ((c === Ch.Colon || c === Ch.CloseBrace) && inKey) return true;
  if (c === Ch.Comma && inArray) {
    const odd = frame.quote === Ch.DoubleQuote && frame.oddQuotes;
    if (!odd) return true;
    return false;
  }
  if (c === Ch.CloseBrace && inValue) return true;
  if (c === Ch.CloseBracket && inArray) return true;
  if (c === Ch.Space || c === Ch.Tab || c === Ch.Newline) return 'blank';
  if (c === frame.quote) return false;
  if (c === Ch.OpenBrace || c === Ch.DoubleQuote || c === Ch.SingleQuote || c === Ch.OpenBracket) {
    return !hasParent;
  }
  return false;
}

/** Stage 1: the first non-blank character after the blanks decides. */
function closesAfterBlanks(sc: ScannerState, c: number): boolean | 'slash' {
  const parent = sc.stack[sc.stack.length - 2];
  const inKey = parent !== undefined && parent.t === F.Object && !parent.inValue;
  const inValue = parent !== undefined && parent.t === F.Object && parent.inValue;
  const inArray = (parent !== undefined && parent.t === F.Array) || inValue;
  if (c === Ch.CloseBrace && (inKey || inValue)) return true;
  if (c === Ch.Colon && inKey) return true;
  if (c === Ch.Comma && inValue) return true;
  if ((c === Ch.Comma || c === Ch.CloseBracket) && inArray) return true;
  if (c === Ch.Slash) return 'slash';
  return false;
}

// ---------------------------------------------------------------------------------------
// Pending decisions

/**
 * Handles a character while a decision is pending. Returns false when the character was not
 * used up: the machine, now in its new state, reads it again (no strings are rebuilt).
 */
export function pending(sc: ScannerState, c: number, text: string, i: number): boolean {
  switch (sc.pend) {
    case P.QuoteClose:
      return pendingQuoteClose(sc, c);
    case P.Escape:
      return pendingEscape(sc, c);
    case P.Unicode: {
      sc.held += text.slice(i, i + 1);
      sc.heldCount++;
      if (sc.heldCount === 4) {
        const frame = sc.stack[sc.stack.length - 1] as StrFrame;
        sc.pend = P.None;
        // the reference keeps `\u` and the next 3 characters, then skips one more
        appendDecoded(frame, `\\u${sc.held.slice(0, 3)}`);
        sc.held = '';
      }
      return true;
    }
    case P.Open:
      return pendingOpen(sc, c);
    case P.TripleEnd: {
      const frame = sc.stack[sc.stack.length - 1] as TripleFrame;
      if (frame.quote === Ch.Backtick) {
        // a backtick string closes only at three backticks, and nothing after them is skipped
        if (c !== Ch.Backtick) {
          sc.pend = P.None;
          appendTriple(frame, '`'.repeat(sc.heldCount));
          return false;
        }
        if (++sc.heldCount === 3) {
          sc.pend = P.None;
          sc.closeTop();
        }
        return true;
      }
      sc.pend = P.None;
      if (c === frame.quote) {
        sc.closeTop();
        sc.pend = P.Skip;
        sc.heldCount = 2;
        return true;
      }
      appendTriple(frame, String.fromCharCode(frame.quote));
      return false;
    }
    case P.Skip:
      sc.heldCount--;
      if (sc.heldCount <= 0) sc.pend = P.None;
      return true;
    case P.Slash:
      return pendingSlash(sc, c, text, i);
    case P.UnquotedComma:
      return pendingUnquotedComma(sc, c);
    case P.Star:
      sc.pend = c === Ch.Asterisk ? P.Star : P.None;
      if (c === Ch.Slash) sc.closeTop();
      return true;
    default:
      sc.pend = P.None;
      return false;
  }
}

function pendingQuoteClose(sc: ScannerState, c: number): boolean {
  const frame = sc.stack[sc.stack.length - 1] as StrFrame;
  if (sc.stage === 0) {
    const d = closesRightAfter(sc, frame, c);
    if (d === 'blank') {
      sc.stage = 1;
      sc.held = String.fromCharCode(c);
      return true;
    }
    sc.pend = P.None;
    if (d) sc.closeTop();
    else appendDecoded(frame, String.fromCharCode(frame.quote));
    return false;
  }
  if (sc.stage === 1) {
    if (c === Ch.Space || c === Ch.Tab || c === Ch.Newline) {
      sc.held += String.fromCharCode(c);
      return true;
    }
    const d = closesAfterBlanks(sc, c);
    if (d === 'slash') {
      sc.stage = 2;
      sc.held += '/';
      return true;
    }
    return resolveQuote(sc, frame, d, c);
  }
  // stage 2: blanks then `/`: a comment closes the string
  return resolveQuote(sc, frame, c === Ch.Slash || c === Ch.Asterisk, c);
}

function resolveQuote(sc: ScannerState, frame: StrFrame, closes: boolean, c: number): boolean {
  const held = sc.held;
  sc.held = '';
  sc.pend = P.None;
  if (!closes) {
    appendDecoded(frame, String.fromCharCode(frame.quote) + held);
    return false;
  }
  sc.closeTop();
  // the held blanks mean nothing to the parent; a held `/` starts the comment `c` completes
  if (sc.stage === 2) {
    sc.stack.push({
      t: c === Ch.Slash ? F.LineComment : F.BlockComment,
      pos: sc.currentPos(),
    });
    return true;
  }
  return false;
}

function pendingEscape(sc: ScannerState, c: number): boolean {
  const frame = sc.stack[sc.stack.length - 1] as StrFrame;
  sc.pend = P.None;
  let decoded: string | null = null;
  switch (c) {
    case 110:
      decoded = '\n';
      break;
    case 116:
      decoded = '\t';
      break;
    case 114:
      decoded = '\r';
      break;
    case 98:
      decoded = '\b';
      break;
    case 102:
      decoded = '\f';
      break;
    case Ch.Backslash:
      decoded = '\\';
      break;
    case Ch.DoubleQuote:
      decoded = '"';
      break;
    case 117: // \u: kept literally with its next 3 characters; the 4th is dropped
      sc.pend = P.Unicode;
      sc.held = '';
      sc.heldCount = 0;
      return true;
  }
  if (decoded !== null) {
    appendDecoded(frame, decoded);
    return true;
  }
  appendDecoded(frame, '\\');
  return false;
}

function pendingOpen(sc: ScannerState, c: number): boolean {
  const q = sc.pendQuote;
  if (c === q && sc.heldCount === 0) {
    sc.heldCount = 1;
    return true;
  }
  sc.pend = P.None;
  if (c === q && sc.heldCount === 1) {
    sc.openTriple(q);
    return true;
  }
  sc.openString(q);
  if (sc.heldCount === 1) {
    // the second quote was read inside the new string: does it close it?
    sc.pend = P.QuoteClose;
    sc.stage = 0;
    sc.held = '';
  }
  return false;
}

function pendingSlash(sc: ScannerState, c: number, text: string, i: number): boolean {
  sc.pend = P.None;
  if (c === Ch.Slash || c === Ch.Asterisk) {
    sc.stack.push({
      t: c === Ch.Slash ? F.LineComment : F.BlockComment,
      pos: sc.currentPos(),
    });
    return true;
  }
  const top = sc.stack[sc.stack.length - 1];
  if (top !== undefined && top.t === F.Object) {
    // In an object a lone `/` starts an unquoted token (a path?); the next character joins
    // it without being checked as a terminator.
    const frame = sc.openUnquoted('/', 0, null);
    appendUnquoted(frame, text, i, i + 1);
    return true;
  }
  return false;
}
