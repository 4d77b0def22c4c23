import type { Metadata } from 'next';
import { connection } from 'next/server';
import { PageNotice } from '../../components/page-notice';
import { InvalidUnsubscribeLink } from '../../components/unsubscribe/invalid-unsubscribe-link';
import { UnsubscribedNotice, UnsubscribePage } from '../../components/unsubscribe/unsubscribe-page';
import { ADDRESS_WORDS } from '../../lib/address-unsubscribe';
import { unsubscribeLinkDetails } from '../../lib/unsubscribe-details';
import { StopAddressForm } from './stop-address-form';

const TITLE = 'Unsubscribe';

export const metadata: Metadata = {
  title: TITLE,
  // The link's token is in this page's URL: no request from the page names it in a Referer
  // (next.config.ts sends `Referrer-Policy: no-referrer` with the page as well).
  referrer: 'no-referrer',
  robots: { index: false, follow: false },
};

/**
 * Where a sale reminder's unsubscribe link lands (`?token=`; the API's link sends browsers here
 * too). Mail scanners open links, so arriving changes nothing: the page says what stops and for
 * which address (masked), and stops it only when the shopper presses the button.
 */
export default async function UnsubscribeAddressPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const link = await unsubscribeLinkDetails((await searchParams).token, (api, token) => api.addressUnsubscribeDetails(token));
  if (link.kind === 'down') return <PageNotice title={TITLE}>{ADDRESS_WORDS.cannotLoad}</PageNotice>;
  return (
    <UnsubscribePage title={TITLE}>
      {link.kind === 'invalid' ? (
        <InvalidUnsubscribeLink />
      ) : link.details.unsubscribed ? (
        <UnsubscribedNotice tone="info" testId="unsubscribed" message={ADDRESS_WORDS.alreadyStopped(link.details.maskedEmail)} />
      ) : (
        <StopAddressForm token={link.token} maskedEmail={link.details.maskedEmail} />
      )}
    </UnsubscribePage>
  );
}
