import { describe, expect, it } from 'vitest';
import { ACTOR_TRANSITIONS, isServing, isStopping, nextState, type ActorEvent, type ActorState } from './actor-lifecycle.js';

const states: ActorState[] = ['created', 'acquiring', 'loading', 'ready', 'reloading', 'stopping', 'stopped'];
const events: ActorEvent[] = [
  'start',
  'leaseTaken',
  'loaded',
  'loadFailed',
  'batchFailed',
  'reloadNeeded',
  'reloaded',
  'outcomeUnknown',
  'reloadFailed',
  'fenced',
  'leaseLost',
  'crashed',
  'stop',
  'released',
];

/** Every transition the actor may make: [from, event, to]. */
const allowed: [ActorState, ActorEvent, ActorState][] = [
  ['created', 'start', 'acquiring'],
  ['created', 'stop', 'stopping'],
  ['acquiring', 'leaseTaken', 'loading'],
  ['acquiring', 'stop', 'stopping'],
  ['loading', 'loaded', 'ready'],
  ['loading', 'loadFailed', 'acquiring'],
  ['loading', 'stop', 'stopping'],
  ['ready', 'batchFailed', 'reloading'],
  ['ready', 'reloadNeeded', 'reloading'],
  ['ready', 'leaseLost', 'acquiring'],
  ['ready', 'crashed', 'acquiring'],
  ['ready', 'stop', 'stopping'],
  ['reloading', 'reloaded', 'ready'],
  ['reloading', 'outcomeUnknown', 'acquiring'],
  ['reloading', 'reloadFailed', 'acquiring'],
  ['reloading', 'fenced', 'acquiring'],
  ['reloading', 'leaseLost', 'acquiring'],
  ['reloading', 'crashed', 'acquiring'],
  ['reloading', 'stop', 'stopping'],
  ['stopping', 'released', 'stopped'],
];
const key = (from: ActorState, event: ActorEvent) => `${from}+${event}`;
const allowedKeys = new Set(allowed.map(([from, event]) => key(from, event)));
const refused = states.flatMap((from) => events.filter((event) => !allowedKeys.has(key(from, event))).map((event) => [from, event] as [ActorState, ActorEvent]));

describe('actor lifecycle', () => {
  it('allows exactly the documented transitions', () => {
    const table = Object.entries(ACTOR_TRANSITIONS).flatMap(([from, byEvent]) =>
      Object.entries(byEvent).map(([event, to]) => [from, event, to]),
    );
    expect(table).toHaveLength(allowed.length);
    expect(new Set(table.map(([from, event, to]) => `${from}+${event}->${to}`))).toEqual(new Set(allowed.map(([f, e, t]) => `${f}+${e}->${t}`)));
    expect(refused).toHaveLength(states.length * events.length - allowed.length);
  });

  it.each(allowed)('%s --%s--> %s', (from, event, to) => {
    expect(nextState(from, event)).toBe(to);
  });

  it.each(refused)('%s refuses %s', (from, event) => {
    expect(nextState(from, event)).toBeUndefined();
  });

  it('an unknown commit outcome reloads under a fresh lease before anything is decided again', () => {
    let state: ActorState = 'ready';
    const path: ActorState[] = [];
    for (const event of ['batchFailed', 'outcomeUnknown', 'leaseTaken', 'loaded'] as const) {
      state = nextState(state, event)!;
      path.push(state);
    }
    expect(path).toEqual(['reloading', 'acquiring', 'loading', 'ready']);
    // Nothing is decided on the way: the only state that sends batches is ready.
    expect(path.slice(0, -1).includes('ready')).toBe(false);
  });

  it('a refused batch reloads and goes back to deciding, with no new lease', () => {
    expect(nextState('ready', 'batchFailed')).toBe('reloading');
    expect(nextState('reloading', 'reloaded')).toBe('ready');
  });

  it('a late event changes nothing: a reload that finishes after the lease was lost does not make the actor ready', () => {
    const lost = nextState('reloading', 'leaseLost')!;
    expect(lost).toBe('acquiring');
    expect(nextState(lost, 'reloaded')).toBeUndefined();
  });

  it('stopping is reachable from every live state and leads only to stopped', () => {
    for (const state of states.filter((s) => !isStopping(s))) expect(nextState(state, 'stop')).toBe('stopping');
    expect(Object.values(ACTOR_TRANSITIONS.stopping)).toEqual(['stopped']);
    expect(ACTOR_TRANSITIONS.stopped).toEqual({});
  });

  it('knows which states serve (lease held, snapshot loaded) and which are handing over', () => {
    expect(states.filter(isServing)).toEqual(['ready', 'reloading']);
    expect(states.filter(isStopping)).toEqual(['stopping', 'stopped']);
  });
});
