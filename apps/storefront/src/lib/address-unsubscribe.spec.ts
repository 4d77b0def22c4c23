import { describe, expect, it } from 'vitest';
import { ADDRESS_WORDS } from './address-unsubscribe';

describe('the unsubscribe page of a sale reminder’s link', () => {
  it('asks before anything stops, says what stops and that order emails go on', () => {
    expect(ADDRESS_WORDS.ask('a***@example.com')).toBe('Stop sale reminders and back-in-stock emails to a***@example.com? Emails about your orders are still sent.');
  });

  it('says it is done, and that order emails go on', () => {
    expect(ADDRESS_WORDS.stopped('a***@example.com')).toBe(
      "Done. We won't send sale reminders or back-in-stock emails to a***@example.com any more. Emails about your orders are still sent.",
    );
  });
});
