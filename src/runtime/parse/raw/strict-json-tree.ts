// Builds the stage-1 (strict JSON) tree from text the StrictJsonTracker accepted. Escapes are
// decoded like serde does (`\uXXXX` included); numbers keep their written text; entries keep
// their order and duplicates. A top-level number is Incomplete (more digits could follow), a
// top-level string is Complete (spec §3.1).
import type { RawEntry, RawValue } from './raw-value.js';

/** Parses valid JSON text into complete raw nodes. Throws on invalid input. */
export function strictJsonTree(text: string): RawValue {
  const reader = new Reader(text);
  reader.blanks();
  const value = reader.value();
  reader.blanks();
  if (reader.i !== text.length) throw new SyntaxError('strictJsonTree: trailing text');
  if (value.kind === 'number') value.completion = 'incomplete';
  return value;
}

class Reader {
  i = 0;
  /**
   * Items and entries of the containers being read, innermost last: each container's list is
   * copied out at its closing bracket, so the tree's arrays have no spare capacity (the tree
   * lives as long as the stream; arrays grown by `push` carry up to 16 empty slots).
   */
  private readonly items: RawValue[] = [];
  private itemsTop = 0;
  private readonly entries: RawEntry[] = [];
  private entriesTop = 0;

  constructor(private readonly text: string) {}

  blanks(): void {
    const t = this.text;
    const n = t.length;
    let i = this.i;
    while (i < n) {
      const c = t.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
    this.i = i;
  }

  value(): RawValue {
    const t = this.text;
    const c = t.charCodeAt(this.i);
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === 34) return { kind: 'string', value: this.string(), completion: 'complete', rev: 0 };
    if (c === 116 && t.startsWith('true', this.i)) {
      this.i += 4;
      return { kind: 'bool', value: true, rev: 0 };
    }
    if (c === 102 && t.startsWith('false', this.i)) {
      this.i += 5;
      return { kind: 'bool', value: false, rev: 0 };
    }
    if (c === 110 && t.startsWith('null', this.i)) {
      this.i += 4;
      return { kind: 'null', rev: 0 };
    }
    const start = this.i;
    const n = t.length;
    let i = start;
    while (i < n) {
      const d = t.charCodeAt(i);
      if ((d >= 48 && d <= 57) || d === 45 || d === 43 || d === 46 || d === 101 || d === 69) i++;
      else break;
    }
    this.i = i;
    if (i === start) throw new SyntaxError('strictJsonTree: unexpected character');
    const text = t.slice(start, i);
    return { kind: 'number', value: Number(text), text, completion: 'complete', rev: 0 };
  }

  private object(): RawValue {
    const t = this.text;
    this.i++;
    this.blanks();
    if (t.charCodeAt(this.i) === 125) {
      this.i++;
      return { kind: 'object', entries: [], completion: 'complete', rev: 0 };
    }
    const base = this.entriesTop;
    for (;;) {
      this.blanks();
      const key = this.string();
      this.blanks();
      this.i++; // ':'
      this.blanks();
      const entry: RawEntry = { key, value: this.value() };
      this.entries[this.entriesTop++] = entry;
      this.blanks();
      const d = t.charCodeAt(this.i++);
      if (d === 125) break;
      if (d !== 44) throw new SyntaxError('strictJsonTree: bad object');
    }
    const entries = this.entries.slice(base, this.entriesTop);
    this.entriesTop = base;
    return { kind: 'object', entries, completion: 'complete', rev: 0 };
  }

  private array(): RawValue {
    const t = this.text;
    this.i++;
    this.blanks();
    if (t.charCodeAt(this.i) === 93) {
      this.i++;
      return { kind: 'array', items: [], completion: 'complete', rev: 0 };
    }
    const base = this.itemsTop;
    for (;;) {
      this.blanks();
      const item = this.value();
      this.items[this.itemsTop++] = item;
      this.blanks();
      const d = t.charCodeAt(this.i++);
      if (d === 93) break;
      if (d !== 44) throw new SyntaxError('strictJsonTree: bad array');
    }
    const items = this.items.slice(base, this.itemsTop);
    this.itemsTop = base;
    return { kind: 'array', items, completion: 'complete', rev: 0 };
  }

  string(): string {
    const t = this.text;
    const n = t.length;
    let i = this.i + 1; // after the opening quote
    let out = '';
    let run = i;
    for (;;) {
      // plain content up to the next quote or backslash
      let c = i < n ? t.charCodeAt(i) : -1;
      while (c !== 34 && c !== 92 && c >= 0) c = ++i < n ? t.charCodeAt(i) : -1;
      if (c < 0) {
        this.i = i;
        throw new SyntaxError('strictJsonTree: unterminated string');
      }
      if (c === 34) {
        out += t.slice(run, i);
        this.i = i + 1;
        return out;
      }
      out += t.slice(run, i);
      const e = t.charCodeAt(i + 1);
      i += 2;
      switch (e) {
        case 110:
          out += '\n';
          break;
        case 116:
          out += '\t';
          break;
        case 114:
          out += '\r';
          break;
        case 98:
          out += '\b';
          break;
        case 102:
          out += '\f';
          break;
        case 117:
          out += String.fromCharCode(Number.parseInt(t.slice(i, i + 4), 16));
          i += 4;
          break;
        default:
          out += String.fromCharCode(e);
      }
      run = i;
    }
  }
}
