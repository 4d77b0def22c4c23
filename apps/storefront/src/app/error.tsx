'use client';

import { useEffect } from 'react';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="container page" style={{ maxWidth: 560 }}>
      <h1>Something went wrong</h1>
      <p className="notice notice-error" role="alert">
        This page could not be shown. It is probably temporary: please try again.
      </p>
      <button type="button" className="btn btn-primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
