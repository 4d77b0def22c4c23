'use client';

import Link from 'next/link';
import { useState } from 'react';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done' } | { kind: 'error'; message: string };

/**
 * "Remind me" (an upcoming sale) or "Notify me when back in stock" (a sold-out SKU): one POST to
 * the storefront's route, which asks the gateway for the signed-in shopper. Signed out: a sign-in
 * link that comes back here. `signedIn` unknown (a cached page): the button, and a 401 leads to sign-in.
 */
export function NotifyMeButton(props: { signedIn?: boolean; returnTo: string; endpoint: string; body: Record<string, string>; label: string; doneText: string; testId: string }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  if (props.signedIn === false) {
    return (
      <p data-testid={props.testId}>
        <Link href={`/account/login?next=${encodeURIComponent(props.returnTo)}`}>Sign in</Link> to get an email: {props.label.toLowerCase()}.
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
      if (response.status === 401) return void (window.location.href = `/account/login?next=${encodeURIComponent(props.returnTo)}`);
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
      {state.kind === 'error' && (
        <p className="notice notice-error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
