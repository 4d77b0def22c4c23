import type { ReactNode } from 'react';

/**
 * A page that can only say one thing: something cannot be loaded right now (an error the
 * shopper is told to retry, announced to screen readers), or a plain notice such as an empty cart.
 */
export function PageNotice({ title, tone = 'error', children }: { title?: string; tone?: 'error' | 'info'; children: ReactNode }) {
  return (
    <div className="container page">
      {title && <h1>{title}</h1>}
      {tone === 'error' ? (
        <p className="notice notice-error" role="alert">
          {children}
        </p>
      ) : (
        <p className="notice">{children}</p>
      )}
    </div>
  );
}
