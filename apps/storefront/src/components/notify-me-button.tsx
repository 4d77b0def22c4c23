'use client';

import Link from 'next/link';
import { useState } from 'react';
import { SIGNED_OUT_MESSAGE } from '../lib/session-ended';
import { signInHref, type SignInReason } from '../lib/sign-in-reasons';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'signed-out' } | { kind: 'error'; message: string };

/**
 * "Remind me" (an upcoming sale) or "Notify me when back in stock" (a sold-out SKU): one POST to
 * the storefront's route, which asks the gateway for the signed-in shopper. Signed out: says what
 * signing in gets them, with a sign-in link that comes back here (and says why on the sign-in
 * page when `signInReason` is given). `signedIn` unknown (a cached page): the button, and a 401
 * says to sign in, with the same link.
 */
export function NotifyMeButton(props: {
  signedIn?: boolean;
  returnTo: string;
  endpoint: string;
  body: Record<string, string>;
  label: string;
  doneText: string;
  testId: string;
  /** After the "Sign in" link, for a guest; by default "to get an email: <label>." */
  guestText?: string;
  signInReason?: SignInReason;
  /** Already asked (a reload, another visit): the done text instead of the button. */
  done?: boolean;
}) {
  const [state, setState] = useState<State>({ kind: props.done ? 'done' : 'idle' });
  const loginHref = signInHref(props.returnTo, props.signInReason);
  if (props.signedIn === false) {
    return (
      <p data-testid={props.testId}>
        <Link href={loginHref}>Sign in</Link> {props.guestText ?? `to get an email: ${props.label.toLowerCase()}.`}
      </p>
    );
  }
  if (state.kind === 'done') {
    return (
      <p className="notice notice-info" role="status" data-testid={props.testId}>
        {props.doneText}
      </p>
    );
  }

  async function ask() {
    setState({ kind: 'busy' });
    try {
      const response = await fetch(props.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(props.body) });
      if (response.ok) return setState({ kind: 'done' });
      if (response.status === 401) return setState({ kind: 'signed-out' });
      setState({ kind: 'error', message: response.status === 404 ? 'This no longer exists.' : 'That did not work; please try again in a moment.' });
    } catch {
      setState({ kind: 'error', message: 'That did not work; please try again in a moment.' });
    }
  }

  return (
    <div data-testid={props.testId}>
      <button type="button" className="btn btn-secondary" disabled={state.kind === 'busy'} onClick={() => void ask()}>
        {props.label}
      </button>
      {state.kind === 'signed-out' && (
        <p className="notice notice-error" role="alert">
          {SIGNED_OUT_MESSAGE} <Link href={loginHref}>Sign in →</Link>
        </p>
      )}
      {state.kind === 'error' && (
        <p className="notice notice-error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
