import { FailureCode } from '@shop/contracts/failure';
import type { FetchInit, FetchLike } from '@shop/api-client';

/**
 * What the platform's Next.js apps do when the gateway refuses a user's access token that the
 * app still holds (the cookie outlives the token when a password change or reset, or an admin
 * disabling the account, ends every session at once): swap the refresh token for a new session
 * and try again; when the refresh is refused too, the session is over: the app forgets it (as
 * signing out does) and tells the user so, in words for people, never the gateway's words about
 * tokens.
 */

/** What a user is told when their session has ended elsewhere. */
export const SESSION_ENDED_MESSAGE = "You've been signed out. Please sign in again.";

/** What became of the session once its access token was refused. */
export type SessionRenewal =
  /** A new session (its cookies are written): try again with its access token. */
  | { kind: 'renewed'; accessToken: string }
  /** The refresh token was refused as well (revoked, expired, account disabled or gone): signed out. */
  | { kind: 'ended' }
  /** Nothing could be decided (the gateway did not answer the refresh, or a page render cannot write cookies). */
  | { kind: 'undecided' };

/**
 * The HTTP status of a gateway client's error, or null. Read by shape, not `instanceof`: the
 * refresh cache is shared by the proxy and the routes (session-refresh.ts), which Next.js bundles
 * apart, so an error may come from the other bundle's copy of the ApiError class.
 */
export function gatewayStatusOf(err: unknown): number | null {
  if (typeof err !== 'object' || err === null || (err as { name?: unknown }).name !== 'ApiError') return null;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' ? status : null;
}

/** Whether a refused refresh means the session is over (rather than a gateway that did not answer). */
export function refreshEndsSession(err: unknown): boolean {
  const status = gatewayStatusOf(err);
  return status === 400 || status === 401 || status === 403;
}

export type RecoveryStep =
  | { kind: 'retry'; accessToken: string | null }
  | { kind: 'session-ended' }
  | { kind: 'unavailable' };

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The next step after the gateway refused the access token and the session was renewed, or not:
 * a renewed session tries again; a read is asked again as the public (what anyone may see still
 * shows: a stock line, a search); a change is never made anonymously (a checkout must not become
 * a guest's): it answers that the session has ended, or, undecided, that it cannot go on now.
 */
export function recoveryStep(method: string, renewal: SessionRenewal): RecoveryStep {
  if (renewal.kind === 'renewed') return { kind: 'retry', accessToken: renewal.accessToken };
  if (SAFE_METHODS.has(method.toUpperCase())) return { kind: 'retry', accessToken: null };
  return renewal.kind === 'ended' ? { kind: 'session-ended' } : { kind: 'unavailable' };
}

/** The error body of an ended session (a 401 the browser's forms turn into "sign in again"). */
export function sessionEndedBody() {
  return { error: { code: FailureCode.UNAUTHORIZED, message: SESSION_ENDED_MESSAGE, details: { sessionEnded: true } } };
}

function jsonAnswer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export interface SessionRecoveryOptions {
  /** The fetch underneath (the global one by default). */
  fetch?: FetchLike;
  /**
   * Called when the gateway refuses the access token sent: renews the session or ends it. Called
   * at most once per client; its answer holds for every later call of that client.
   */
  renew: () => Promise<SessionRenewal>;
}

/**
 * A fetch for the gateway client of a signed-in user's request that recovers from a refused
 * access token (see the top of this file). Only answers to requests that carried a token are
 * looked at; whatever is not a 401 passes as it came.
 */
export function sessionRecoveringFetch(options: SessionRecoveryOptions): FetchLike {
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init as RequestInit));
  let renewal: Promise<SessionRenewal> | null = null;
  return async (input, init) => {
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const sentToken = typeof headers.authorization === 'string';
    const response = await fetchImpl(input, init);
    if (response.status !== 401 || !sentToken) return response;
    renewal ??= options.renew().catch((): SessionRenewal => ({ kind: 'undecided' }));
    const outcome = await renewal;
    const step = recoveryStep(init.method ?? 'GET', outcome);
    if (step.kind === 'session-ended') return jsonAnswer(401, sessionEndedBody());
    if (step.kind === 'unavailable') {
      return jsonAnswer(503, { error: { code: FailureCode.DEPENDENCY_UNAVAILABLE, message: 'Your sign-in could not be checked right now. Please try again in a moment.' } });
    }
    const { authorization: _refused, ...rest } = headers;
    const retried: FetchInit = { ...init, headers: step.accessToken ? { ...rest, authorization: `Bearer ${step.accessToken}` } : rest };
    const again = await fetchImpl(input, retried);
    // Asked as the public, the read needs an identity after all (an order, the own cart): the session is over.
    if (again.status === 401 && step.accessToken === null) return jsonAnswer(401, sessionEndedBody());
    return again;
  };
}
