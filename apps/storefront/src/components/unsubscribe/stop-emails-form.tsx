'use client';

import { type ReactNode, useState } from 'react';
import { stopAnswer, UNSUBSCRIBE_LINK_WORDS } from '../../lib/unsubscribe-link';
import { InvalidUnsubscribeLink } from './invalid-unsubscribe-link';
import { UnsubscribedNotice } from './unsubscribe-page';
import styles from './unsubscribe.module.css';

type Stage = { kind: 'ask' } | { kind: 'stopping' } | { kind: 'stopped' } | { kind: 'invalid-link' } | { kind: 'error'; message: string };

/**
 * The confirm button of an unsubscribe page: the link's token goes only in the body of
 * `POST /api/unsubscribe`; arriving on the page changed nothing. Says what stops, then that it
 * stopped (`stopped`), or that the link is dead, or to try again.
 */
export function StopEmailsForm(props: {
  token: string;
  /** What pressing the button stops, in words. */
  question: string;
  questionTestId: string;
  buttonLabel: string;
  /** Beside the button: the way out that keeps the emails. */
  keepLink?: ReactNode;
  /** Once stopped: the message, and what the shopper can do next. */
  stopped: { message: string; testId: string; next?: ReactNode };
}) {
  const [stage, setStage] = useState<Stage>({ kind: 'ask' });

  async function stop() {
    setStage({ kind: 'stopping' });
    try {
      const response = await fetch('/api/unsubscribe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: props.token }) });
      const answer = stopAnswer(response.status);
      setStage(answer === 'failed' ? { kind: 'error', message: UNSUBSCRIBE_LINK_WORDS.failed } : { kind: answer });
    } catch {
      setStage({ kind: 'error', message: UNSUBSCRIBE_LINK_WORDS.cannotReach });
    }
  }

  if (stage.kind === 'invalid-link') return <InvalidUnsubscribeLink />;
  if (stage.kind === 'stopped') {
    return (
      <UnsubscribedNotice tone="good" testId={props.stopped.testId} message={props.stopped.message}>
        {props.stopped.next}
      </UnsubscribedNotice>
    );
  }
  return (
    <div className={`card ${styles.card}`}>
      <p data-testid={props.questionTestId}>{props.question}</p>
      <div className={styles.actions}>
        <button type="button" className="btn btn-primary" disabled={stage.kind === 'stopping'} onClick={() => void stop()}>
          {stage.kind === 'stopping' ? <span className="spinner" aria-hidden="true" /> : null}
          {props.buttonLabel}
        </button>
        {props.keepLink}
      </div>
      {stage.kind === 'error' && (
        <p className="notice notice-error" role="alert">
          {stage.message}
        </p>
      )}
    </div>
  );
}
