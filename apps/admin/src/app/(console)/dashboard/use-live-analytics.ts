'use client';

import type { AnalyticsWindow, DashboardSnapshot, SaleLiveView } from '@shop/contracts';
import { useEffect, useState } from 'react';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

export interface LiveAnalytics {
  status: LiveStatus;
  snapshot: DashboardSnapshot | null;
  sale: SaleLiveView | null;
  /** Why the figures are not fresh (the analytics service or Redis is away), if so. */
  problem: string | null;
}

/**
 * The dashboard's live figures: an EventSource on the console's own `/api/analytics/stream`
 * (which calls the gateway with the admin's cookie server-side). Each `snapshot` replaces the
 * last; the browser reconnects by itself after a drop (the stream's `retry`), no page reload.
 */
export function useLiveAnalytics(window: AnalyticsWindow, saleId?: string): LiveAnalytics {
  const [state, setState] = useState<LiveAnalytics>({ status: 'connecting', snapshot: null, sale: null, problem: null });

  useEffect(() => {
    const params = new URLSearchParams({ window, ...(saleId ? { sale: saleId } : {}) });
    const source = new EventSource(`/api/analytics/stream?${params}`);
    source.addEventListener('snapshot', (event) => {
      const snapshot = JSON.parse((event as MessageEvent<string>).data) as DashboardSnapshot;
      setState((s) => ({ ...s, status: 'live', snapshot, problem: null }));
    });
    source.addEventListener('sale', (event) => {
      const sale = JSON.parse((event as MessageEvent<string>).data) as SaleLiveView;
      setState((s) => ({ ...s, sale }));
    });
    const unavailable = (event: Event) => {
      const body = JSON.parse((event as MessageEvent<string>).data) as { error?: { message?: string } };
      setState((s) => ({ ...s, status: 'unavailable', problem: body.error?.message ?? 'The figures cannot be read right now.' }));
    };
    source.addEventListener('unavailable', unavailable);
    source.addEventListener('not-found', unavailable);
    source.onerror = () => setState((s) => ({ ...s, status: 'reconnecting' }));
    return () => source.close();
  }, [window, saleId]);

  return state;
}
