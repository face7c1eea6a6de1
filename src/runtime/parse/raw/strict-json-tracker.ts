// Incremental strict-JSON validity tracking for stage 1 of spec §3.1 (serde_json::from_str).
// Fed characters once; `accepting` says whether the text so far is exactly one complete JSON
// document (surrounding blanks allowed). Once the text breaks the grammar the tracker switches
// itself off for good, so ordinary lenient replies pay one comparison per character after that.
// It also notes whether any string used an escape, which tells the caller whether the fixing
// scanner's tree (escapes handled differently) can stand in for serde's.

enum S {
  Value = 0,
  AfterValue = 1,
  InString = 2,
  Escape = 3,
  Hex = 4,
  NumSign = 5,
  NumZero = 6,
  NumInt = 7,
  NumDot = 8,
  NumFrac = 9,
  NumE = 10,
  NumESign = 11,
  NumExp = 12,
  Literal = 13,
  Key = 14,
  Colon = 15,
  Done = 16,
  Dead = 17,
}

/** serde_json's default recursion limit. */
const SERDE_DEPTH = 128;

/** Validates JSON incrementally. */
export class StrictJsonTracker {
  private state: S = S.Value;
  /** Open containers: true = object. */
  private readonly stack: boolean[] = [];
  private literal = '';
  private literalPos = 0;
  private hexLeft = 0;
  private hexValue = 0;
  private inKey = false;
  /** Lead surrogate awaiting its trail escape. */
  private wantTrail = false;
  /** Whether any string used an escape sequence. */
  sawEscape = false;

  /** True once the text can no longer be strict JSON. */
  get dead(): boolean {
    return this.state === S.Dead;
  }

  /** True when the text so far is exactly one complete JSON value. */
  get accepting(): boolean {
    switch (this.state) {
      case S.Done:
        return true;
      case S.NumZero:
      case S.NumInt:
      case S.NumFrac:
      case S.NumExp:
        return this.stack.length === 0;
      default:
        return false;
    }
  }

  /** Feeds text. */
  push(text: string): void {
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const state = this.state;
      let c = text.charCodeAt(i);
      switch (state) {
        case S.Dead:
          return;
        case S.InString:
          if (this.wantTrail) break;
          // fast path: plain string content needs no state change
          while (c >= 32 && c !== 34 && c !== 92 && i + 1 < n) c = text.charCodeAt(++i);
          if (c >= 32 && c !== 34 && c !== 92) continue;
          break;
        case S.Value:
        case S.AfterValue:
        case S.Key:
        case S.Colon:
        case S.Done:
          // fast path: blanks between tokens need no state change
          while ((c === 32 || c === 10 || c === 9 || c === 13) && i + 1 < n)
            c = text.charCodeAt(++i);
          if (c === 32 || c === 10 || c === 9 || c === 13) continue;
          break;
        case S.NumInt:
        case S.NumFrac:
        case S.NumExp:
          // fast path: more digits need no state change
          while (c >= 48 && c <= 57 && i + 1 < n) c = text.charCodeAt(++i);
          if (c >= 48 && c <= 57) continue;
          break;
      }
      this.step(c);
    }
  }

  private fail(): void {
    this.state = S.Dead;
  }

  private endValue(): void {
    this.state = this.stack.length === 0 ? S.Done : S.AfterValue;
  }

  private step(c: number): void {
    const blank = c === 32 || c === 9 || c === 10 || c === 13;
    switch (this.state) {
      case S.Value:
        if (blank) return;
        this.startValue(c);
        return;
      case S.Key:
        if (blank) return;
        if (c === 34) {
          this.inKey = true;
          this.state = S.InString;
          return;
        }
        if (c === 125 && this.stack[this.stack.length - 1] === true && this.emptyObject) {
          this.emptyObject = false;
          this.stack.pop();
          this.endValue();
          return;
        }
        this.fail();
        return;
      case S.Colon:
        if (blank) return;
        if (c === 58) {
          this.state = S.Value;
          return;
        }
        this.fail();
        return;
      case S.AfterValue:
        if (blank) return;
        if (c === 44) {
          const isObject = this.stack[this.stack.length - 1];
          this.state = isObject ? S.Key : S.Value;
          this.emptyObject = false;
          this.emptyArray = false;
          return;
        }
        if (c === 125 || c === 93) {
          const isObject = this.stack.pop();
          if (isObject !== (c === 125)) {
            this.fail();
            return;
          }
          this.endValue();
          return;
        }
        this.fail();
        return;
      case S.Done:
        if (blank) return;
        this.fail();
        return;
      case S.InString:
        if (this.wantTrail && c !== 92) {
          this.fail();
          return;
        }
        if (c === 34) {
          if (this.inKey) {
            this.inKey = false;
            this.state = S.Colon;
          } else {
            this.endValue();
          }
          return;
        }
        if (c === 92) {
          this.sawEscape = true;
          this.state = S.Escape;
          return;
        }
        if (c < 32) {
          this.fail();
          return;
        }
        return;
      case S.Escape:
        if (this.wantTrail && c !== 117) {
          this.fail();
          return;
        }
        if (c === 117) {
          this.state = S.Hex;
          this.hexLeft = 4;
          this.hexValue = 0;
          return;
        }
        if (
          c === 34 ||
          c === 92 ||
          c === 47 ||
          c === 98 ||
          c === 102 ||
          c === 110 ||
          c === 114 ||
          c === 116
        ) {
          this.state = S.InString;
          return;
        }
        this.fail();
        return;
      case S.Hex: {
        const h = hexDigit(c);
        if (h < 0) {
          this.fail();
          return;
        }
        this.hexValue = this.hexValue * 16 + h;
        if (--this.hexLeft > 0) return;
        const v = this.hexValue;
        this.state = S.InString;
        if (this.wantTrail) {
          this.wantTrail = false;
          if (v < 0xdc00 || v > 0xdfff) {
            this.fail();
            return;
          }
          return;
        }
        if (v >= 0xd800 && v <= 0xdbff) this.wantTrail = true;
        else if (v >= 0xdc00 && v <= 0xdfff) {
          this.fail();
          return;
        }
        return;
      }
      case S.NumSign:
        if (c === 48) this.state = S.NumZero;
        else if (c >= 49 && c <= 57) this.state = S.NumInt;
        else {
          this.fail();
          return;
        }
        return;
      case S.NumZero:
        if (c === 46) this.state = S.NumDot;
        else if (c === 101 || c === 69) this.state = S.NumE;
        else {
          this.afterNumber(c);
          return;
        }
        return;
      case S.NumInt:
        if (c >= 48 && c <= 57) return;
        if (c === 46) this.state = S.NumDot;
        else if (c === 101 || c === 69) this.state = S.NumE;
        else {
          this.afterNumber(c);
          return;
        }
        return;
      case S.NumDot:
        if (c >= 48 && c <= 57) this.state = S.NumFrac;
        else {
          this.fail();
          return;
        }
        return;
      case S.NumFrac:
        if (c >= 48 && c <= 57) return;
        if (c === 101 || c === 69) this.state = S.NumE;
        else {
          this.afterNumber(c);
          return;
        }
        return;
      case S.NumE:
        if (c === 43 || c === 45) this.state = S.NumESign;
        else if (c >= 48 && c <= 57) this.state = S.NumExp;
        else {
          this.fail();
          return;
        }
        return;
      case S.NumESign:
        if (c >= 48 && c <= 57) this.state = S.NumExp;
        else {
          this.fail();
          return;
        }
        return;
      case S.NumExp:
        if (c >= 48 && c <= 57) return;
        this.afterNumber(c);
        return;
      case S.Literal:
        if (c !== this.literal.charCodeAt(this.literalPos)) {
          this.fail();
          return;
        }
        if (++this.literalPos === this.literal.length) this.endValue();
        return;
      default:
        return;
    }
  }

  private emptyObject = false;
  private emptyArray = false;

  private afterNumber(c: number): void {
    this.endValue();
    this.step(c);
  }

  private startValue(c: number): void {
    switch (c) {
      case 123:
        if (this.stack.length >= SERDE_DEPTH) {
          this.fail();
          return;
        }
        this.stack.push(true);
        this.state = S.Key;
        this.emptyObject = true;
        return;
      case 91:
        if (this.stack.length >= SERDE_DEPTH) {
          this.fail();
          return;
        }
        this.stack.push(false);
        this.state = S.Value;
        this.emptyArray = true;
        return;
      case 93:
        if (this.emptyArray && this.stack[this.stack.length - 1] === false) {
          this.emptyArray = false;
          this.stack.pop();
          this.endValue();
          return;
        }
        this.fail();
        return;
      case 34:
        this.emptyArray = false;
        this.state = S.InString;
        return;
      case 45:
        this.emptyArray = false;
        this.state = S.NumSign;
        return;
      case 116:
        this.startLiteral('true');
        return;
      case 102:
        this.startLiteral('false');
        return;
      case 110:
        this.startLiteral('null');
        return;
      default:
        this.emptyArray = false;
        if (c === 48) this.state = S.NumZero;
        else if (c >= 49 && c <= 57) this.state = S.NumInt;
        else this.fail();
    }
  }

  private startLiteral(word: string): void {
    this.emptyArray = false;
    this.literal = word;
    this.literalPos = 1;
    this.state = S.Literal;
  }
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
