'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

const INTERVAL_MS = 1_500;
/** After this long the page stops asking and says so; the order page can be reloaded any time. */
const GIVE_UP_AFTER_MS = 120_000;

/** Re-renders the order page from the server until the order has settled (the page then stops rendering this). */
export function StatusPoller() {
  const router = useRouter();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > GIVE_UP_AFTER_MS) {
        clearInterval(timer);
        setGaveUp(true);
        return;
      }
      router.refresh();
    }, INTERVAL_MS);
    return () => clearInterval(timer);
  }, [router]);
  return gaveUp ? (
    <p className="notice notice-warn" role="status">
      This is taking longer than usual. Your order is safe; refresh this page in a few minutes to see its status.
    </p>
  ) : null;
}
