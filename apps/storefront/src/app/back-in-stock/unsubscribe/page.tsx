import { isApiError } from '@shop/api-client';
import { type BackInStockAlertDetails, UnsubscribeQuery } from '@shop/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { PageNotice } from '../../../components/page-notice';
import { ALERT_WORDS, alertProductName } from '../../../lib/back-in-stock-alert';
import { shopperApi } from '../../../lib/gateway';
import { InvalidAlertLink } from './invalid-alert-link';
import { StopAlertForm } from './stop-alert-form';
import styles from './unsubscribe.module.css';

export const metadata: Metadata = {
  title: 'Back-in-stock alert',
  // The link's token is in this page's URL: no request from the page names it in a Referer
  // (next.config.ts sends `Referrer-Policy: no-referrer` with the page as well).
  referrer: 'no-referrer',
  robots: { index: false, follow: false },
};

type Load = { kind: 'found'; details: BackInStockAlertDetails } | { kind: 'invalid' } | { kind: 'down' };

async function load(token: string): Promise<Load> {
  try {
    return { kind: 'found', details: await (await shopperApi()).withAccessToken(null).backInStockAlert(token) };
  } catch (err) {
    return isApiError(err) && err.status === 400 ? { kind: 'invalid' } : { kind: 'down' };
  }
}

/**
 * Where a back-in-stock mail's unsubscribe link lands (`?token=`; the API's link sends browsers
 * here too). Mail scanners open links, so arriving changes nothing: the page says which product
 * the alert is for and stops it only when the shopper presses the button.
 */
export default async function BackInStockUnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const query = UnsubscribeQuery.safeParse({ token: (await searchParams).token });
  const loaded: Load = query.success ? await load(query.data.token) : { kind: 'invalid' };
  if (loaded.kind === 'down') return <PageNotice title="Back-in-stock alert">This alert cannot be loaded right now. Please try again in a moment.</PageNotice>;
  return (
    <div className={`container page ${styles.alert}`}>
      <h1>Back-in-stock alert</h1>
      {loaded.kind === 'invalid' || !query.success ? (
        <InvalidAlertLink />
      ) : loaded.details.subscribed ? (
        <StopAlertForm token={query.data.token} name={alertProductName(loaded.details)} productPath={loaded.details.productPath} />
      ) : (
        <div className={`card ${styles.card}`}>
          <p className="notice notice-info" role="status" data-testid="alert-stopped">
            {ALERT_WORDS.alreadyStopped(alertProductName(loaded.details))}
          </p>
          {loaded.details.productPath && (
            <p>
              {ALERT_WORDS.askAgain} <Link href={loaded.details.productPath}>Go to the product →</Link>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
