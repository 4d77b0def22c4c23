import { AdminOperationsApi, AdminOrdersApi } from '@shop/api-client';
import type { CheckoutPage, DeadLetterPage, DeadLetterStreamList } from '@shop/contracts';
import { EmptyState, PageHeader } from '@shop/ui';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ConfirmedAction } from '../../../components/confirmed-action';
import { requireAdmin } from '../../../lib/admin-session';
import { statusLabel } from '../../../lib/order-actions';
import { problemOf } from '../../../lib/problem';
import { param, type SearchParams } from '../../../lib/search-params';
import { formatDateTime } from '../../../lib/format-time';

export const metadata = { title: 'Operations' };
export const dynamic = 'force-dynamic';


/**
 * What went wrong in the background: events a consumer group gave up on (dead letters, from
 * every stream) and checkout sagas that died. Each can be retried or dropped, after a confirmation.
 */
export default async function OperationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { api } = await requireAdmin();
  const search = await searchParams;
  const stream = param(search.stream);
  const [letters, streams, dead] = await Promise.all([
    settle<DeadLetterPage>(new AdminOperationsApi(api).deadLetters({ stream, cursor: param(search.letters), limit: 25 })),
    settle<DeadLetterStreamList>(new AdminOperationsApi(api).streams()),
    settle<CheckoutPage>(new AdminOrdersApi(api).checkouts({ state: 'dead', cursor: param(search.sagas), limit: 25 })),
  ]);
  const pageLink = (name: 'letters' | 'sagas', cursor: string) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(search)) if (typeof value === 'string') next.set(key, value);
    next.set(name, cursor);
    return `/operations?${next.toString()}`;
  };

  return (
    <>
      <PageHeader title="Operations" description="Dead-lettered events and dead checkout sagas: retry them once the cause is fixed, or discard them." />

      <section aria-labelledby="dead-letters" style={{ marginBottom: 32 }}>
        <h2 id="dead-letters">Dead letters</h2>
        {streams.ok && streams.value.items.length > 0 ? (
          <nav aria-label="Dead letters by stream" style={{ display: 'flex', gap: 12, marginBottom: 12 }}>
            <Link href="/operations" aria-current={stream ? undefined : 'page'}>
              All streams
            </Link>
            {streams.value.items.map((s) => (
              <Link key={s.stream} href={`/operations?stream=${encodeURIComponent(s.stream)}`} aria-current={stream === s.stream ? 'page' : undefined}>
                {s.stream} ({s.count})
              </Link>
            ))}
          </nav>
        ) : null}
        <Listing
          result={letters}
          empty={<EmptyState title="No dead letters">Every event was handled by every consumer group.</EmptyState>}
          caption="Dead letters"
          testId="dead-letters"
          columns={['Event', 'Stream / group', 'Error', 'Attempts', 'Dead since', 'Actions']}
          older={letters.ok && letters.value.nextCursor ? { href: pageLink('letters', letters.value.nextCursor), label: 'Older dead letters' } : null}
        >
          {letters.ok &&
            letters.value.items.map((letter) => (
                    <tr key={`${letter.stream}/${letter.id}`} data-event-id={letter.eventId ?? ''} data-letter-id={letter.id} data-group={letter.group}>
                      <td>
                        <details>
                          <summary>{letter.eventType ?? 'unreadable envelope'}</summary>
                          <pre style={{ whiteSpace: 'pre-wrap', maxWidth: 480, fontSize: 12 }}>{pretty(letter.envelope)}</pre>
                        </details>
                      </td>
                      <td>
                        {letter.stream}
                        <br />
                        <span className="muted">{letter.group}</span>
                      </td>
                      <td>{letter.error}</td>
                      <td className="numeric">{letter.attempts}</td>
                      <td>{formatDateTime(letter.deadAt)}</td>
                      <td style={{ display: 'flex', gap: 8 }}>
                        <ConfirmedAction
                          small
                          label="Retry"
                          title="Retry this event?"
                          confirmLabel="Retry"
                          variant="primary"
                          endpoint={`/api/dead-letters/${encodeURIComponent(letter.stream)}/${encodeURIComponent(letter.id)}/retry`}
                          done={`${letter.eventType ?? 'The event'} is re-delivered to ${letter.group}`}
                        >
                          <p>
                            The event goes back to <strong>{letter.group}</strong> only (the other consumers already have it). If it fails again it comes back here.
                          </p>
                        </ConfirmedAction>
                        <ConfirmedAction
                          small
                          label="Discard"
                          title="Discard this event?"
                          confirmLabel="Discard"
                          destructive
                          method="DELETE"
                          endpoint={`/api/dead-letters/${encodeURIComponent(letter.stream)}/${encodeURIComponent(letter.id)}`}
                          done="The dead letter is discarded"
                        >
                          <p>
                            {letter.group} will never handle this event. This cannot be undone.
                          </p>
                        </ConfirmedAction>
                      </td>
                    </tr>
                  ))}
        </Listing>
      </section>

      <section aria-labelledby="dead-sagas">
        <h2 id="dead-sagas">Dead checkouts</h2>
        <Listing
          result={dead}
          empty={<EmptyState title="No dead checkouts">Every checkout saga finished or is still running.</EmptyState>}
          caption="Dead checkouts"
          testId="dead-sagas"
          columns={['Checkout', 'Died in', 'Step / error', 'Updated', 'Actions']}
          older={dead.ok && dead.value.nextCursor ? { href: pageLink('sagas', dead.value.nextCursor), label: 'Older dead checkouts' } : null}
        >
          {dead.ok &&
            dead.value.items.map((saga) => {
                    const failed = saga.steps.find((s) => s.status === 'failed') ?? saga.steps.at(-1);
                    return (
                      <tr key={saga.id}>
                        <td>
                          <code>{saga.id.slice(0, 8)}</code>
                          {saga.orderId ? (
                            <>
                              {' '}
                              <Link href={`/orders/${saga.orderId}`}>order</Link>
                            </>
                          ) : null}
                        </td>
                        <td>{saga.deadFrom ? statusLabel(saga.deadFrom) : '—'}</td>
                        <td>
                          {failed ? statusLabel(failed.step) : '—'}
                          {failed?.lastError ? <span className="muted">: {failed.lastError}</span> : null}
                          {saga.failure ? <span className="muted"> ({saga.failure.code})</span> : null}
                        </td>
                        <td>{formatDateTime(saga.updatedAt)}</td>
                        <td style={{ display: 'flex', gap: 8 }}>
                          <ConfirmedAction small label="Retry" title="Resume this checkout?" confirmLabel="Retry" variant="primary" endpoint={`/api/checkouts/${saga.id}/retry`} done="The checkout is resumed">
                            <p>The saga carries on from the step it died in.</p>
                          </ConfirmedAction>
                          <ConfirmedAction small label="Cancel" title="Cancel this checkout?" confirmLabel="Cancel checkout" cancelLabel="Keep it" destructive endpoint={`/api/checkouts/${saga.id}/cancel`} done="The checkout is being cancelled">
                            <p>Its compensations run: the stock is released, a payment is voided or refunded and the order is cancelled.</p>
                          </ConfirmedAction>
                        </td>
                      </tr>
                    );
                  })}
        </Listing>
      </section>
    </>
  );
}

type Settled<T> = { ok: true; value: T } | { ok: false; problem: string };

/** One section's table: why it cannot be shown, or that it is empty, or its rows and a link to older ones. */
function Listing({
  result,
  empty,
  caption,
  testId,
  columns,
  older,
  children,
}: {
  result: Settled<{ items: unknown[] }>;
  empty: ReactNode;
  caption: string;
  testId: string;
  columns: readonly string[];
  older: { href: string; label: string } | null;
  children: ReactNode;
}) {
  if (!result.ok) {
    return (
      <p role="alert" className="field-error">
        {result.problem}
      </p>
    );
  }
  if (result.value.items.length === 0) return <>{empty}</>;
  return (
    <div className="card">
      <div className="data-table-wrap">
        <table className="data-table" data-testid={testId}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col" className={column === 'Attempts' ? 'numeric' : undefined}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
      {older ? (
        <nav className="pager" aria-label={`${caption}: pages`}>
          <Link href={older.href}>{older.label}</Link>
        </nav>
      ) : null}
    </div>
  );
}

/** One section's data, or why it cannot be shown: a failing service hides only its own section. */
async function settle<T>(call: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call };
  } catch (err) {
    return { ok: false, problem: problemOf(err) };
  }
}

function pretty(envelope: string): string {
  try {
    return JSON.stringify(JSON.parse(envelope), null, 2);
  } catch {
    return envelope;
  }
}
