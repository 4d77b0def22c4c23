/**
 * The lifecycle of a partition's actor, as data: which state it is in and what moves it on.
 * Pure; the actor applies an event with `nextState` and ignores a refused one (an event that
 * arrives late, e.g. a reload finishing after the lease was lost, changes nothing).
 *
 * - created → acquiring: `start`.
 * - acquiring → loading → ready: the lease is taken, then the snapshot loaded under it; a load that
 *   fails goes back to acquiring (the lease is taken again, with a new token, before loading again).
 * - ready: commands are decided and sent. A refused batch (`batchFailed`) or one that asks for it
 *   (`reloadNeeded`) moves to reloading: nothing new is sent until the snapshot is loaded again
 *   (`reloaded` → ready).
 * - reloading → acquiring: the commit's outcome is unknown (the database went away mid-commit, so
 *   the snapshot must be reloaded under a fresh lease before anything is decided), the reload
 *   failed, or another live owner holds the lease (`fenced`).
 * - ready / reloading → acquiring: the lease renewal found another token (`leaseLost`), or batch
 *   processing itself failed (`crashed`).
 * - any → stopping → stopped: handover; `released` once the lease is given up.
 */
export type ActorState = 'created' | 'acquiring' | 'loading' | 'ready' | 'reloading' | 'stopping' | 'stopped';

export type ActorEvent =
  | 'start'
  | 'leaseTaken'
  | 'loaded'
  | 'loadFailed'
  | 'batchFailed'
  | 'reloadNeeded'
  | 'reloaded'
  | 'outcomeUnknown'
  | 'reloadFailed'
  | 'fenced'
  | 'leaseLost'
  | 'crashed'
  | 'stop'
  | 'released';

export const ACTOR_TRANSITIONS: Readonly<Record<ActorState, Readonly<Partial<Record<ActorEvent, ActorState>>>>> = {
  created: { start: 'acquiring', stop: 'stopping' },
  acquiring: { leaseTaken: 'loading', stop: 'stopping' },
  loading: { loaded: 'ready', loadFailed: 'acquiring', stop: 'stopping' },
  ready: { batchFailed: 'reloading', reloadNeeded: 'reloading', leaseLost: 'acquiring', crashed: 'acquiring', stop: 'stopping' },
  reloading: {
    reloaded: 'ready',
    outcomeUnknown: 'acquiring',
    reloadFailed: 'acquiring',
    fenced: 'acquiring',
    leaseLost: 'acquiring',
    crashed: 'acquiring',
    stop: 'stopping',
  },
  stopping: { released: 'stopped' },
  stopped: {},
};

/** The state `event` leads to from `state`, or undefined when the event does not apply there. */
export function nextState(state: ActorState, event: ActorEvent): ActorState | undefined {
  return ACTOR_TRANSITIONS[state][event];
}

/**
 * Holds the lease and a loaded snapshot: counts as ready for callers (stock reads, lease renewal,
 * readiness); commands queue and are decided once a reload finishes.
 */
export function isServing(state: ActorState): boolean {
  return state === 'ready' || state === 'reloading';
}

/** Handed over or being handed over: commands are refused, nothing is taken again. */
export function isStopping(state: ActorState): boolean {
  return state === 'stopping' || state === 'stopped';
}
