import { describe, expect, it } from 'vitest';
import { parseAutoClaimReply, parseGroupsReply, parsePendingReply, parseReadReply } from './stream-replies.js';

describe('stream reply parsers', () => {
  it('reads XREADGROUP replies per key, fields as an object', () => {
    const reply = [['k1', [['1-0', ['envelope', '{}', 'eventType', 'a.b.c.v1']], ['2-0', ['envelope', '[]']]]]];
    const byKey = parseReadReply(reply);
    expect(byKey.get('k1')).toEqual([
      { id: '1-0', fields: { envelope: '{}', eventType: 'a.b.c.v1' } },
      { id: '2-0', fields: { envelope: '[]' } },
    ]);
  });

  it('treats a timed-out blocking read (null) as no entries', () => {
    expect(parseReadReply(null).size).toBe(0);
  });

  it('reads XAUTOCLAIM replies with and without the deleted-ids part, and deleted entries', () => {
    expect(parseAutoClaimReply(['5-0', [['3-0', ['envelope', 'x']]], ['4-0']])).toEqual({
      cursor: '5-0',
      entries: [{ id: '3-0', fields: { envelope: 'x' } }],
      deletedIds: ['4-0'],
    });
    expect(parseAutoClaimReply(['0-0', [['3-0', null]]])).toEqual({
      cursor: '0-0',
      entries: [{ id: '3-0', fields: null }],
      deletedIds: [],
    });
  });

  it('reads extended XPENDING replies', () => {
    expect(parsePendingReply([['1-0', 'c1', 1500, 3]])).toEqual([{ id: '1-0', consumer: 'c1', idleMs: 1500, deliveryCount: 3 }]);
  });

  it('reads XINFO GROUPS replies: pending, and lag unless Redis cannot tell', () => {
    const reply = [
      ['name', 'search.catalog', 'consumers', 1, 'pending', 2, 'last-delivered-id', '7-0', 'entries-read', 7, 'lag', 3],
      ['name', 'pricing.catalog', 'consumers', 0, 'pending', 0, 'last-delivered-id', '0-0', 'entries-read', null, 'lag', null],
    ];
    expect(parseGroupsReply(reply)).toEqual([
      { name: 'search.catalog', pending: 2, lag: 3 },
      { name: 'pricing.catalog', pending: 0, lag: null },
    ]);
    expect(parseGroupsReply([])).toEqual([]);
  });
});
