import { describe, expect, it } from 'vitest';
import { decideAdd, decideRemove, inBookOrder, type BookEntry } from './address-book.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 10, minute));
const entry = (id: string, minute: number, isDefault = false): BookEntry => ({ id, createdAt: at(minute), isDefault });

describe('decideAdd', () => {
  it('makes the first address the default, whatever was asked', () => {
    expect(decideAdd([], false, 20)).toEqual({ ok: true, isDefault: true, takesDefault: false });
    expect(decideAdd([], true, 20)).toEqual({ ok: true, isDefault: true, takesDefault: false });
  });

  it('adds a later one beside the default, or as the new default when asked', () => {
    const book = [entry('a', 1, true)];
    expect(decideAdd(book, false, 20)).toEqual({ ok: true, isDefault: false, takesDefault: false });
    expect(decideAdd(book, true, 20)).toEqual({ ok: true, isDefault: true, takesDefault: true });
  });

  it('repairs a book without a default: the new address becomes it', () => {
    expect(decideAdd([entry('a', 1)], false, 20)).toEqual({ ok: true, isDefault: true, takesDefault: true });
  });

  it('refuses the address past the cap, saying the cap', () => {
    const full = Array.from({ length: 3 }, (_, i) => entry(`a${i}`, i, i === 0));
    expect(decideAdd(full, false, 3)).toEqual({ ok: false, reason: 'full', max: 3 });
    expect(decideAdd(full.slice(1), false, 3).ok).toBe(true);
  });
});

describe('decideRemove', () => {
  it('promotes the newest remaining address when the default goes', () => {
    const book = [entry('old', 1), entry('default', 2, true), entry('newest', 3), entry('mid', 2)];
    expect(decideRemove(book, 'default')).toEqual({ found: true, promote: 'newest' });
  });

  it('leaves the default alone when another address goes', () => {
    expect(decideRemove([entry('a', 1, true), entry('b', 2)], 'b')).toEqual({ found: true, promote: null });
  });

  it('promotes nobody when the last address goes, and knows no address it does not hold', () => {
    expect(decideRemove([entry('a', 1, true)], 'a')).toEqual({ found: true, promote: null });
    expect(decideRemove([entry('a', 1, true)], 'zzz')).toEqual({ found: false });
  });
});

describe('inBookOrder', () => {
  it('lists the default first, then newest first, ties by id', () => {
    const book = [entry('a', 1), entry('b', 3), entry('c', 2, true), entry('d', 3)];
    expect(inBookOrder(book).map((e) => e.id)).toEqual(['c', 'd', 'b', 'a']);
  });
});
