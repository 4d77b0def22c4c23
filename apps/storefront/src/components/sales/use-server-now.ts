'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The server's time now, ticking. `serverTime` is the server's clock in the answer the page was
 * rendered from: until a measured offset arrives, the offset is estimated from it at mount.
 * `offsetMs` (server minus device, measured over a round trip) replaces the estimate. The first
 * render uses `serverTime` itself, so the server and the browser render the same text.
 */
export function useServerNow(serverTime: string | null, offsetMs?: number | null, tickMs = 250): number {
  const [now, setNow] = useState(() => (serverTime ? Date.parse(serverTime) : 0));
  const estimate = useRef<number | null>(null);
  useEffect(() => {
    if (estimate.current === null && serverTime) estimate.current = Date.parse(serverTime) - Date.now();
    const tick = () => setNow(Date.now() + (offsetMs ?? estimate.current ?? 0));
    tick();
    const timer = setInterval(tick, tickMs);
    return () => clearInterval(timer);
  }, [serverTime, offsetMs, tickMs]);
  return now;
}
