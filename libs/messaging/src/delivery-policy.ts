/**
 * When a stream message is handled, retried or given up on. Attempts are the pending entry's
 * delivery count, which Redis keeps across consumers and crashes, so a message that kills its
 * consumer every time is given up on too.
 */

export type BeforeHandling = { action: 'handle' } | { action: 'dead-letter'; reason: string };

export function beforeHandling(deliveryCount: number, maxAttempts: number): BeforeHandling {
  if (deliveryCount > maxAttempts) {
    return {
      action: 'dead-letter',
      reason: `Delivered ${deliveryCount} times, more than maxAttempts (${maxAttempts}), without being acknowledged`,
    };
  }
  return { action: 'handle' };
}

export type AfterFailure = 'retry' | 'dead-letter';

export function afterFailure(deliveryCount: number, maxAttempts: number, poison: boolean): AfterFailure {
  return poison || deliveryCount >= maxAttempts ? 'dead-letter' : 'retry';
}
