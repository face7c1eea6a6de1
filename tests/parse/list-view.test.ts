// List views behave as read-only arrays (they stand in for long lists in partials).
import { describe, expect, it } from 'vitest';
import { listView, viewState } from '../../src/runtime/parse/coerce/list-view.js';

describe('list views', () => {
  const backing = ['a', 'b', 'c'];
  const view = listView(backing, 2, ['x']);

  it('reads as an array', () => {
    expect(Array.isArray(view)).toBe(true);
    expect(view.length).toBe(3);
    expect([...view]).toEqual(['a', 'b', 'x']);
    expect(JSON.stringify(view)).toBe('["a","b","x"]');
    expect(view.map((s) => String(s).toUpperCase())).toEqual(['A', 'B', 'X']);
    expect(Object.keys(view)).toEqual(['0', '1', '2']);
    expect(view).toEqual(['a', 'b', 'x']);
    expect(2 in view).toBe(true);
    expect(3 in view).toBe(false);
  });

  it('is a snapshot: growing the backing array does not change it, and writes are refused', () => {
    backing.push('d');
    expect([...view]).toEqual(['a', 'b', 'x']);
    expect(() => {
      (view as unknown[])[0] = 'z';
    }).toThrow(TypeError);
    expect(view[0]).toBe('a');
  });

  it('exposes its parts for structural sharing', () => {
    expect(viewState(view)?.frozen).toBe(2);
    expect(viewState(['a'])).toBeUndefined();
  });
});
