import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageNotice } from '../../../components/page-notice';
import { InvalidUnsubscribeLink } from '../../../components/unsubscribe/invalid-unsubscribe-link';
import { UnsubscribedNotice, UnsubscribePage } from '../../../components/unsubscribe/unsubscribe-page';
import { ALERT_WORDS, alertProductName } from '../../../lib/back-in-stock-alert';
import { unsubscribeLinkDetails } from '../../../lib/unsubscribe-details';
import { AskAgain, StopAlertForm } from './stop-alert-form';

const TITLE = 'Back-in-stock alert';

export const metadata: Metadata = {
  title: TITLE,
  // The link's token is in this page's URL: no request from the page names it in a Referer
  // (next.config.ts sends `Referrer-Policy: no-referrer` with the page as well).
  referrer: 'no-referrer',
  robots: { index: false, follow: false },
};

/**
 * Where a back-in-stock mail's unsubscribe link lands (`?token=`; the API's link sends browsers
 * here too). Mail scanners open links, so arriving changes nothing: the page says which product
 * the alert is for and stops it only when the shopper presses the button.
 */
export default async function BackInStockUnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const link = await unsubscribeLinkDetails((await searchParams).token, (api, token) => api.backInStockAlert(token));
  if (link.kind === 'down') return <PageNotice title={TITLE}>{ALERT_WORDS.cannotLoad}</PageNotice>;
  if (link.kind === 'invalid') {
    return (
      <UnsubscribePage title={TITLE}>
        <InvalidUnsubscribeLink />
      </UnsubscribePage>
    );
  }
  const { details, token } = link;
  const name = alertProductName(details);
  return (
    <UnsubscribePage title={TITLE}>
      {details.subscribed ? (
        <StopAlertForm token={token} name={name} productPath={details.productPath} />
      ) : (
        <UnsubscribedNotice tone="info" testId="alert-stopped" message={ALERT_WORDS.alreadyStopped(name)}>
          <AskAgain productPath={details.productPath} />
        </UnsubscribedNotice>
      )}
    </UnsubscribePage>
  );
}
