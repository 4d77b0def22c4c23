import type { ReactNode } from 'react';
import styles from './unsubscribe.module.css';

/** The frame of an unsubscribe page: a narrow column under its heading, in the shop's look. */
export function UnsubscribePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className={`container page ${styles.page}`}>
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/**
 * What the link stops is off (just now, or already): the message, announced politely, and what
 * the shopper can do next.
 */
export function UnsubscribedNotice({ tone, testId, message, children }: { tone: 'good' | 'info'; testId: string; message: string; children?: ReactNode }) {
  return (
    <div className={`card ${styles.card}`}>
      <p className={`notice notice-${tone}`} role="status" data-testid={testId}>
        {message}
      </p>
      {children}
    </div>
  );
}
