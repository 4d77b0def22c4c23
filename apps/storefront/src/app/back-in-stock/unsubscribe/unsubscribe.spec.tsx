import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InvalidUnsubscribeLink } from '../../../components/unsubscribe/invalid-unsubscribe-link';
import { StopAlertForm } from './stop-alert-form';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').trim();

describe('the back-in-stock unsubscribe page', () => {
  it('says what the alert is for and asks before stopping it; the token stays out of every link', () => {
    const html = renderToStaticMarkup(<StopAlertForm token="bis.secret-token" name="Trail Runner — EU 42" productPath="/p/trail-runner?sku=TRAIL-42" />);
    expect(text(html)).toBe('You asked us to email you when Trail Runner — EU 42 is back in stock. Stop emails about it Keep it and see the product');
    expect(html).toContain('<button type="button" class="btn btn-primary">');
    expect(html).toContain('href="/p/trail-runner?sku=TRAIL-42"');
    expect(html).not.toContain('secret-token');
  });

  it('has no product link when the product is not for sale', () => {
    const html = renderToStaticMarkup(<StopAlertForm token="t" name="the product you asked about" productPath={null} />);
    expect(html).not.toContain('href=');
  });

  it('says a broken link does not work and what to do', () => {
    expect(text(renderToStaticMarkup(<InvalidUnsubscribeLink />))).toBe(
      "This unsubscribe link doesn't work. Open it again from the email, making sure you use the whole link. Go to the shop",
    );
  });
});
