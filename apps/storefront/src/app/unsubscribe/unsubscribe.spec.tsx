import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { UnsubscribedNotice, UnsubscribePage } from '../../components/unsubscribe/unsubscribe-page';
import { ADDRESS_WORDS } from '../../lib/address-unsubscribe';
import { StopAddressForm } from './stop-address-form';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ').trim();

describe('the unsubscribe page of a sale reminder’s link', () => {
  it('names the masked address and what stops, and asks with a button; the token stays out of every link', () => {
    const html = renderToStaticMarkup(
      <UnsubscribePage title="Unsubscribe">
        <StopAddressForm token="YWRh.secret-mac" maskedEmail="a***@example.com" />
      </UnsubscribePage>,
    );
    expect(text(html)).toBe(
      'Unsubscribe Stop sale reminders and back-in-stock emails to a***@example.com? Emails about your orders are still sent. Unsubscribe Keep them and go to the shop',
    );
    expect(html).toContain('<h1>Unsubscribe</h1>');
    expect(html).toContain('<button type="button" class="btn btn-primary">');
    expect(html).toContain('href="/"');
    expect(html).not.toContain('secret-mac');
  });

  it('says when the address had already unsubscribed, announced as a status', () => {
    const html = renderToStaticMarkup(<UnsubscribedNotice tone="info" testId="unsubscribed" message={ADDRESS_WORDS.alreadyStopped('a***@example.com')} />);
    expect(html).toContain('class="notice notice-info" role="status" data-testid="unsubscribed"');
    expect(text(html)).toBe("You're already unsubscribed: we don't send sale reminders or back-in-stock emails to a***@example.com. Emails about your orders are still sent.");
  });
});
