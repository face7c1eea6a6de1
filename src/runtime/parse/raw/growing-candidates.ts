// A stage result with several pieces (stage 2 with several code blocks, stage 3 with several
// JSON spans), kept up to date in place as text streams in: an AnyOf whose candidates are one
// per piece (pieces closed for good first, then the ones that may still change), then the
// "all of them" array or a wrapper of it, then any trailing candidate; and that array of all
// pieces. Both are one open node each for the whole stream. Frozen pieces are never revisited,
// so a call that redoes the changing slots costs O(1) amortized however many pieces there are.
// Their `rev` is kept here, so `refreshRevs` does not walk their (possibly many) children.
import type { RawAnyOf, RawArray, RawValue } from './raw-value.js';
import { markSelfManaged, markWrapperArray } from './stable-wrappers.js';

/** The AnyOf of a stage with several pieces and its "all of them" array. */
export class GrowingCandidates {
  readonly all: RawArray = markSelfManaged(
    markWrapperArray({ kind: 'array', items: [], completion: 'incomplete', rev: 0 }),
  );
  readonly node: RawAnyOf = markSelfManaged({
    kind: 'anyOf',
    candidates: [],
    text: '',
    rev: 0,
  });
  private synced = 0;

  /** How many leading pieces are in place for good. */
  get frozen(): number {
    return this.synced;
  }

  /** Starts redoing the slots: everything after the frozen pieces is dropped. */
  reopen(): void {
    const items = this.all.items;
    const candidates = this.node.candidates;
    while (items.length > this.synced) items.pop();
    while (candidates.length > this.synced) candidates.pop();
  }

  /** Appends a piece and its candidate (frozen ones first, right after `reopen`). */
  add(piece: RawValue, candidate: RawValue, frozen: boolean): void {
    this.all.items.push(piece);
    this.node.candidates.push(candidate);
    if (frozen) this.synced++;
  }

  /** Appends a candidate that is no piece (the array or its wrapper, the text after the blocks). */
  addCandidate(candidate: RawValue): void {
    this.node.candidates.push(candidate);
  }

  /** Ends a call: `changed` says whether the slots were redone; the AnyOf takes the text. */
  finish(changed: boolean, text: string): RawAnyOf {
    if (changed) this.all.rev++;
    if (changed || this.node.text !== text) {
      this.node.text = text;
      this.node.rev++;
    }
    return this.node;
  }
}
