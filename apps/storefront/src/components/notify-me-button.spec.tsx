import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NotifyMeButton } from './notify-me-button';

/** The text as a reader gets it: tags out, whitespace collapsed. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').trim();

const backInStock = {
  returnTo: '/p/trail-runner?sku=TRAIL-42',
  endpoint: '/api/back-in-stock',
  body: { sku: 'TRAIL-42' },
  label: 'Notify me when back in stock',
  doneText: 'We will email you once when it is back in stock.',
  testId: 'back-in-stock',
  signInReason: 'back-in-stock' as const,
  guestText: "to get an email when it's back in stock.",
};

describe('NotifyMeButton', () => {
  it('tells a guest, before anything is pressed, that the email needs signing in, and links there and back', () => {
    const html = renderToStaticMarkup(<NotifyMeButton {...backInStock} signedIn={false} />);
    expect(text(html)).toBe("Sign in to get an email when it's back in stock.");
    expect(html).toContain('href="/account/login?next=%2Fp%2Ftrail-runner%3Fsku%3DTRAIL-42&amp;reason=back-in-stock"');
    expect(html).not.toContain('<button');
  });

  it('offers the button to a signed-in shopper', () => {
    const html = renderToStaticMarkup(<NotifyMeButton {...backInStock} signedIn />);
    expect(html).toContain('<button');
    expect(text(html)).toBe('Notify me when back in stock');
  });

  it('keeps the sale reminder’s words when no guest text is given', () => {
    const html = renderToStaticMarkup(
      <NotifyMeButton signedIn={false} returnTo="/sales/x" endpoint="/api/sales/remind" body={{ flashSaleId: 'x' }} label="Remind me when it starts" doneText="" testId="t" />,
    );
    expect(text(html)).toBe('Sign in to get an email: remind me when it starts.');
    expect(html).toContain('href="/account/login?next=%2Fsales%2Fx"');
  });
});
