import Link from 'next/link';
import { StopEmailsForm } from '../../components/unsubscribe/stop-emails-form';
import { ADDRESS_WORDS } from '../../lib/address-unsubscribe';

/** The confirm button of a sale reminder's unsubscribe link: names the (masked) address, stops its marketing emails. */
export function StopAddressForm({ token, maskedEmail }: { token: string; maskedEmail: string }) {
  return (
    <StopEmailsForm
      token={token}
      question={ADDRESS_WORDS.ask(maskedEmail)}
      questionTestId="unsubscribe-about"
      buttonLabel={ADDRESS_WORDS.button}
      keepLink={
        <Link href="/" prefetch={false}>
          {ADDRESS_WORDS.keep}
        </Link>
      }
      stopped={{ message: ADDRESS_WORDS.stopped(maskedEmail), testId: 'unsubscribed' }}
    />
  );
}
