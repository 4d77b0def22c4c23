import { z } from 'zod';
import { Limit, pageOf } from '../common/pagination.js';

/** A logical event stream as named by `streamOf`: `events.orders`. */
export const StreamName = z
  .string()
  .max(100, 'must be at most 100 characters long')
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'must be a stream name such as events.orders');

/** The id of an entry in a Redis stream: `1733400000000-0`. */
export const StreamEntryId = z.string().regex(/^\d{1,20}-\d{1,20}$/, 'must be a stream entry id such as 1733400000000-0');

/** A message a consumer group gave up on, with why, as the admin console shows it. */
export const DeadLetterView = z.object({
  /** Its id in the stream's dead-letter stream (what retry and discard name). */
  id: StreamEntryId,
  stream: StreamName,
  /** The consumer group that failed it, and the last of its consumers that tried. */
  group: z.string(),
  consumer: z.string(),
  /** The original message's id in `stream`. */
  messageId: z.string(),
  error: z.string(),
  attempts: z.number().int(),
  deadAt: z.string(),
  /** The message as it was stored, unparsed: it may be what made it poison. */
  envelope: z.string(),
  /** From the envelope when it parses, else null. */
  eventId: z.string().nullable(),
  eventType: z.string().nullable(),
});
export type DeadLetterView = z.infer<typeof DeadLetterView>;

export const DeadLetterPage = pageOf(DeadLetterView);
export type DeadLetterPage = z.infer<typeof DeadLetterPage>;

/** `GET /api/admin/operations/dead-letters`: newest first, across every stream unless `stream` says. */
export const ListDeadLettersQuery = z
  .object({
    limit: Limit,
    /** The `nextCursor` of the previous page. */
    cursor: z.string().regex(/^\d{1,20}-\d{1,20}~[a-z0-9.-]{1,100}$/, 'is not a cursor of this listing').optional(),
    stream: StreamName.optional(),
  })
  .strict();
export type ListDeadLettersQuery = z.infer<typeof ListDeadLettersQuery>;

/** `GET /api/admin/operations/dead-letter-streams`: every stream with dead letters and how many. */
export const DeadLetterStreamList = z.object({ items: z.array(z.object({ stream: StreamName, count: z.number().int() })) });
export type DeadLetterStreamList = z.infer<typeof DeadLetterStreamList>;

/** What a retry did: the letter is gone and its message is back on its stream for `group` only. */
export const DeadLetterRetried = z.object({
  id: StreamEntryId,
  stream: StreamName,
  group: z.string(),
  /** The new message's id in `stream`. */
  redeliveredAs: StreamEntryId,
});
export type DeadLetterRetried = z.infer<typeof DeadLetterRetried>;
