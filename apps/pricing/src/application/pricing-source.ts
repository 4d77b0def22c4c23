/** The outbox `source` of pricing's events and the consumer-group prefix of what it follows. */
export const PRICING_SOURCE = 'pricing';
