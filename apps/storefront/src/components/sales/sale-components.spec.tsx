import type { FlashSaleAnswer } from '@shop/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PriceTag } from '../price-tag';
import { Countdown } from './countdown';
import { RemainingUnits } from './remaining-units';
import { BuyArea, HeldUnits, WaitingRoom } from './sale-states';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
/** The page's text as a reader gets it: tags out, whitespace collapsed. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

const sale: FlashSaleAnswer = {
  id: '6f1c2a9e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
  sku: 'TEE-1',
  productSlug: 'tee',
  title: 'Organic tee',
  image: null,
  listPrice: eur(3999),
  salePrice: eur(1999),
  unitsTotal: 500,
  unitsRemaining: 120,
  perCustomerLimit: 2,
  startsAt: '2026-12-05T12:00:00.000Z',
  endsAt: '2026-12-05T13:00:00.000Z',
  status: 'live',
  serverTime: '2026-12-05T12:10:00.000Z',
};

describe('PriceTag', () => {
  it('strikes the list price through and says "was" for screen readers', () => {
    const html = renderToStaticMarkup(<PriceTag now={eur(1999)} was={eur(3999)} showPercent testId="p" />);
    expect(html).toContain('<del');
    expect(text(html)).toBe('Sale price €19.99 , was €39.99 −50%');
  });

  it('is a plain price when nothing is struck', () => {
    expect(text(renderToStaticMarkup(<PriceTag now={eur(3999)} />))).toBe('€39.99');
  });
});

describe('Countdown', () => {
  it('shows the digits to the eye and a coarse live text to screen readers', () => {
    const html = renderToStaticMarkup(<Countdown label="Starts in" targetMs={Date.parse(sale.startsAt)} nowMs={Date.parse(sale.startsAt) - 125_000} />);
    expect(html).toMatch(/aria-hidden="true" data-testid="countdown">00:02:05</);
    expect(html).toMatch(/aria-live="polite" aria-atomic="true">Starts in 2 minutes</);
    expect(renderToStaticMarkup(<Countdown label="Ends in" targetMs={1000} nowMs={1000} />)).toContain('>Ends now<');
  });
});

describe('RemainingUnits', () => {
  it('announces the units left in steps only while live', () => {
    const live = renderToStaticMarkup(<RemainingUnits remaining={120} total={500} live />);
    expect(live).toContain('120 of 500 left');
    expect(live).toContain('aria-live="polite"');
    expect(text(live)).toContain('About 30% of 500 units left.');
    expect(renderToStaticMarkup(<RemainingUnits remaining={500} total={500} upcoming />)).not.toContain('aria-live');
    expect(text(renderToStaticMarkup(<RemainingUnits remaining={0} total={500} live />))).toContain('None left');
  });
});

describe('BuyArea', () => {
  const render = (phase: Parameters<typeof BuyArea>[0]['phase'], signedIn = true) =>
    renderToStaticMarkup(<BuyArea phase={phase} sale={sale} signedIn={signedIn} loginHref="/account/login?next=%2Fsales%2Fx" busy={false} onBuy={() => undefined} />);

  it('offers the buy button only while live and signed in', () => {
    expect(render('live')).toMatch(/<button[^>]*>Buy now<\/button>/);
    expect(render('upcoming')).toMatch(/<button[^>]*disabled=""[^>]*>Opens when the countdown ends<\/button>/);
    const anonymous = render('live', false);
    expect(anonymous).toContain('href="/account/login?next=%2Fsales%2Fx"');
    expect(anonymous).not.toContain('<button');
  });

  it('says sold out and ended plainly, with no buy button', () => {
    expect(text(render('sold_out'))).toContain('Sold out All 500 units at this price are taken.');
    expect(render('sold_out')).not.toContain('<button');
    expect(text(render('ended'))).toContain('This sale has ended');
    expect(render('ended')).toContain('href="/p/tee?sku=TEE-1"');
  });
});

describe('WaitingRoom', () => {
  it('says the shopper is let in on their own, not to refresh, and invents no queue position', () => {
    const html = renderToStaticMarkup(<WaitingRoom retryAt={null} reason="hold" onLeave={() => undefined} />);
    expect(text(html)).toContain('You will be let in automatically; don’t refresh');
    expect(text(html)).toContain('Trying again now…');
    expect(text(html)).not.toMatch(/position|in line|ahead of you|\d+(st|nd|rd|th)\b/i);
    expect(html).toContain('role="status"');
  });
});

describe('HeldUnits', () => {
  const now = Date.parse(sale.serverTime);
  const held = (units: number) => ({ units, until: new Date(now + 4 * 60_000 + 10_000).toISOString(), checkoutHref: '/checkout?hold=h&buy=c&sale=s' });
  const render = (units: number, limit: number) =>
    text(renderToStaticMarkup(<HeldUnits held={held(units)} limit={limit} nowMs={now} busy={false} onHoldAnother={() => undefined} />));

  it('says what is held, for how long and the limit, with the way on to its checkout instead of another "Buy now"', () => {
    const html = renderToStaticMarkup(<HeldUnits held={held(1)} limit={2} nowMs={now} busy={false} onHoldAnother={() => undefined} />);
    expect(html).toContain('href="/checkout?hold=h&amp;buy=c&amp;sale=s"');
    expect(text(html)).toBe(
      'You’re holding 1 unit of this sale It is held for you for about 5 more minutes: check out before then to buy it at the sale price. Limit: 2 per customer. Continue to checkout Hold another unit (1 of 2 held)',
    );
    expect(text(html)).not.toContain('Buy now');
  });

  it('offers no further unit at the limit', () => {
    expect(render(2, 2)).toContain('You’re holding 2 units of this sale');
    expect(render(2, 2)).not.toContain('Hold another unit');
    expect(render(1, 1)).not.toContain('Hold another unit');
  });
});
