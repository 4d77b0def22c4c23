'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ALERT_WORDS, stopAnswer } from '../../../lib/back-in-stock-alert';
import { InvalidAlertLink } from './invalid-alert-link';
import styles from './unsubscribe.module.css';

type Stage = { kind: 'ask' } | { kind: 'stopping' } | { kind: 'stopped' } | { kind: 'invalid-link' } | { kind: 'error'; message: string };

/**
 * The confirm button of a back-in-stock unsubscribe link: the link's token goes only in the body
 * of `POST /api/back-in-stock/unsubscribe`; arriving on the page changed nothing.
 */
export function StopAlertForm({ token, name, productPath }: { token: string; name: string; productPath: string | null }) {
  const [stage, setStage] = useState<Stage>({ kind: 'ask' });

  async function stop() {
    setStage({ kind: 'stopping' });
    try {
      const response = await fetch('/api/back-in-stock/unsubscribe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      const answer = stopAnswer(response.status);
      setStage(answer === 'failed' ? { kind: 'error', message: ALERT_WORDS.failed } : { kind: answer });
    } catch {
      setStage({ kind: 'error', message: ALERT_WORDS.cannotReach });
    }
  }

  if (stage.kind === 'invalid-link') return <InvalidAlertLink />;
  if (stage.kind === 'stopped') {
    return (
      <div className={`card ${styles.card}`}>
        <p className="notice notice-good" role="status" data-testid="alert-stopped">
          {ALERT_WORDS.stopped(name)}
        </p>
        {productPath && (
          <p>
            {ALERT_WORDS.askAgain} <Link href={productPath}>Go to the product →</Link>
          </p>
        )}
      </div>
    );
  }
  return (
    <div className={`card ${styles.card}`}>
      <p data-testid="alert-about">{ALERT_WORDS.ask(name)}</p>
      <div className={styles.actions}>
        <button type="button" className="btn btn-primary" disabled={stage.kind === 'stopping'} onClick={() => void stop()}>
          {stage.kind === 'stopping' ? <span className="spinner" aria-hidden="true" /> : null}
          Stop emails about it
        </button>
        {productPath && <Link href={productPath}>Keep it and see the product</Link>}
      </div>
      {stage.kind === 'error' && (
        <p className="notice notice-error" role="alert">
          {stage.message}
        </p>
      )}
    </div>
  );
}
