'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * Re-renders the page from the server until what it waits for has happened (the page then stops
 * rendering this); the header is re-rendered too, so its cart count follows. Asks every
 * `intervalMs`, each wait `backoff` times the last, and after `giveUpAfterMs` stops and says so:
 * the page can be reloaded any time.
 */
export function StatusPoller({ intervalMs = 1_500, backoff = 1, giveUpAfterMs = 120_000 }: { intervalMs?: number; backoff?: number; giveUpAfterMs?: number }) {
  const router = useRouter();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    const started = Date.now();
    let wait = intervalMs;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      if (Date.now() - started > giveUpAfterMs) {
        setGaveUp(true);
        return;
      }
      router.refresh();
      wait *= backoff;
      timer = setTimeout(tick, wait);
    };
    timer = setTimeout(tick, wait);
    return () => clearTimeout(timer);
  }, [router, intervalMs, backoff, giveUpAfterMs]);
  return gaveUp ? (
    <p className="notice notice-warn" role="status">
      This is taking longer than usual. Your order is safe; refresh this page in a few minutes to see its status.
    </p>
  ) : null;
}
