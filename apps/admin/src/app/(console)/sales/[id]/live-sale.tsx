'use client';

import type { FlashSale, FlashSaleAnswer } from '@shop/contracts';
import { Button, ConfirmDialog } from '@shop/ui';
import { useEffect, useRef, useState } from 'react';
import { formatDuration, saleClock } from '../../../../lib/merch/sale-countdown';
import { useConsoleAction } from '../../../../lib/merch/use-console-action';
import { notEditableReason } from '../../../../lib/merch/pricing-forms';
import { EditFlashSale } from '../flash-sale-edit';
import { STATUS_BADGES, STATUS_LABELS } from '../flash-sales';

const POLL_MS = 1000;

/**
 * The sale as it runs: its status and units left read every second from the platform (the same
 * figures shoppers get), and a countdown on the server's clock (the answer's serverTime), so a
 * wrong device clock cannot move it.
 */
export function LiveSale({ initial }: { initial: FlashSale }) {
  const [sale, setSale] = useState<Pick<FlashSale, 'status' | 'unitsRemaining' | 'unitsTotal' | 'startsAt' | 'endsAt'>>(initial);
  const [offsetMs, setOffsetMs] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [stale, setStale] = useState(false);
  const stopped = useRef(false);

  useEffect(() => {
    stopped.current = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`/api/merch/flash-sales/${initial.id}/live`, { cache: 'no-store' });
        if (!response.ok) throw new Error(String(response.status));
        const answer = (await response.json()) as FlashSaleAnswer;
        setSale(answer);
        setOffsetMs(Date.parse(answer.serverTime) - Date.now());
        setStale(false);
      } catch {
        setStale(true);
      }
      if (!stopped.current) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => {
      stopped.current = true;
      if (timer) clearTimeout(timer);
      clearInterval(tick);
    };
  }, [initial.id]);

  const clock = saleClock(sale, now + offsetMs);
  return (
    <section className="card" style={{ padding: 20 }} aria-labelledby="live">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 16 }}>
        {/* The figures of any sale, followed live: "Live" as a heading read as the sale's status. */}
        <h2 id="live" style={{ marginTop: 0 }}>
          Sale progress
        </h2>
        {/* An open sale only (live, or sold out with units that may come back): pricing refuses any other with 409 FLASH_SALE_NOT_LIVE. */}
        {(sale.status === 'live' || sale.status === 'sold_out') && <StopSale sale={initial} onStopped={setSale} />}
        {/* Pricing changes a sale only while it is scheduled (409 FLASH_SALE_NOT_SCHEDULED after): the terms it opens with. */}
        {sale.status === 'scheduled' && <EditFlashSale sale={initial} />}
      </div>
      {notEditableReason(sale.status) ? (
        <p className="muted" data-testid="sale-not-editable">
          {notEditableReason(sale.status)}
        </p>
      ) : null}
      {stale && (
        <p className="notice notice-warn" role="status">
          The platform did not answer; showing the last figures.
        </p>
      )}
      <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 16, margin: 0 }}>
        <div>
          <dt className="muted">Status</dt>
          <dd style={{ margin: 0 }} aria-live="polite">
            <span className={STATUS_BADGES[sale.status]} data-testid="sale-status">
              {STATUS_LABELS[sale.status]}
            </span>
          </dd>
        </div>
        <div>
          <dt className="muted">Units left</dt>
          <dd style={{ margin: 0, fontSize: 28, fontWeight: 700 }} data-testid="sale-units-left">
            {sale.unitsRemaining} / {sale.unitsTotal}
          </dd>
        </div>
        <div>
          <dt className="muted">{clock.label ?? 'Countdown'}</dt>
          <dd style={{ margin: 0, fontSize: 28, fontWeight: 700 }} data-testid="sale-countdown">
            {clock.label ? formatDuration(clock.secondsLeft) : '—'}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** The merchant's emergency stop: asks first, then ends the sale at once (pricing's `stop`). */
function StopSale({ sale, onStopped }: { sale: FlashSale; onStopped: (stopped: FlashSale) => void }) {
  const { busy, send } = useConsoleAction();
  const [asking, setAsking] = useState(false);

  async function stop() {
    const outcome = await send<FlashSale>('POST', `flash-sales/${sale.id}/stop`, {}, `Flash sale of ${sale.sku} stopped`);
    setAsking(false);
    if (outcome.ok) onStopped(outcome.value);
  }

  return (
    <>
      <Button variant="danger" onClick={() => setAsking(true)}>
        Stop sale now
      </Button>
      <ConfirmDialog
        open={asking}
        title={`Stop the flash sale of ${sale.sku} now?`}
        confirmLabel="Stop sale"
        cancelLabel="Keep it running"
        destructive
        busy={busy}
        onConfirm={() => void stop()}
        onCancel={() => setAsking(false)}
      >
        <p>It ends at once and cannot be restarted: from now on shoppers pay the regular price and its inventory limit is lifted.</p>
        <p>Shoppers holding a unit keep it, but checking out asks them to accept the regular price.</p>
      </ConfirmDialog>
    </>
  );
}
