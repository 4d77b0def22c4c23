import Link from 'next/link';
import { StopEmailsForm } from '../../../components/unsubscribe/stop-emails-form';
import { ALERT_WORDS } from '../../../lib/back-in-stock-alert';

/** "Ask again on the product page", once the alert is off (nothing when the product is not for sale). */
export function AskAgain({ productPath }: { productPath: string | null }) {
  if (!productPath) return null;
  return (
    <p>
      {ALERT_WORDS.askAgain} <Link href={productPath}>Go to the product →</Link>
    </p>
  );
}

/** The confirm button of a back-in-stock unsubscribe link: says which product, stops that one alert. */
export function StopAlertForm({ token, name, productPath }: { token: string; name: string; productPath: string | null }) {
  return (
    <StopEmailsForm
      token={token}
      question={ALERT_WORDS.ask(name)}
      questionTestId="alert-about"
      buttonLabel="Stop emails about it"
      keepLink={productPath ? <Link href={productPath}>Keep it and see the product</Link> : null}
      stopped={{ message: ALERT_WORDS.stopped(name), testId: 'alert-stopped', next: <AskAgain productPath={productPath} /> }}
    />
  );
}
