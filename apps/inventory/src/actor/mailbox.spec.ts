import { describe, expect, it } from 'vitest';
import { Mailbox } from './mailbox.js';

interface Item {
  id: string;
  queuedAt: number;
  kind?: 'reserve' | 'setStock';
}
const item = (id: string, queuedAt = 0, kind: Item['kind'] = 'reserve'): Item => ({ id, queuedAt, kind });
const ids = (items: Item[]) => items.map((i) => i.id);

describe('mailbox', () => {
  it('is full at its limit', () => {
    const box = new Mailbox<Item>(2);
    expect(box.isFull).toBe(false);
    box.push(item('a'));
    expect(box.isFull).toBe(false);
    box.push(item('b'));
    expect(box.isFull).toBe(true);
    expect(box.length).toBe(2);
    box.take(1);
    expect(box.isFull).toBe(false);
  });

  it('takes up to a batch of the oldest, in order', () => {
    const box = new Mailbox<Item>(10);
    for (const id of ['a', 'b', 'c']) box.push(item(id));
    expect(box.peek()?.id).toBe('a');
    expect(ids(box.take(2))).toEqual(['a', 'b']);
    expect(ids(box.take(5))).toEqual(['c']);
    expect(box.take(5)).toEqual([]);
    expect(box.peek()).toBeUndefined();
  });

  it('takes a run of matching items, stopping at the first that does not match or at the batch size', () => {
    const box = new Mailbox<Item>(10);
    box.push(item('a'));
    box.push(item('b'));
    box.push(item('s', 0, 'setStock'));
    box.push(item('c'));
    const reserve = (i: Item) => i.kind === 'reserve';
    expect(ids(box.takeWhile(1, reserve))).toEqual(['a']);
    expect(ids(box.takeWhile(5, reserve))).toEqual(['b']);
    expect(box.takeWhile(5, reserve)).toEqual([]);
    expect(ids(box.takeAll())).toEqual(['s', 'c']);
  });

  it('takes the items that waited since a time or longer', () => {
    const box = new Mailbox<Item>(10);
    box.push(item('a', 100));
    box.push(item('b', 200));
    box.push(item('c', 300));
    expect(box.takeQueuedBy(99)).toEqual([]);
    expect(ids(box.takeQueuedBy(200))).toEqual(['a', 'b']);
    expect(box.length).toBe(1);
  });

  it('puts items back at the head, in their order, even beyond the limit', () => {
    const box = new Mailbox<Item>(2);
    box.push(item('c'));
    box.push(item('d'));
    box.putBack([item('a'), item('b')]);
    expect(box.length).toBe(4);
    expect(box.isFull).toBe(true);
    expect(ids(box.takeAll())).toEqual(['a', 'b', 'c', 'd']);
    expect(box.length).toBe(0);
  });
});
