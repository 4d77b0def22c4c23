// When `npm start` (and the chaos suite) restarts a crashed service, and when it calls that a
// crash loop. Pure: the caller passes the crash times and the clock; scripts/lib/supervisor.mjs
// does the spawning. Plain JavaScript because it runs before `npm install` may have happened.
//
// Policy: restart after a backoff that doubles with each crash inside the window (0.5 s, 1 s,
// 2 s … capped at 30 s) and starts again from the bottom once the service has stayed up for a
// window. A service that crashes `loopCrashes` times within the window is in a crash loop: that
// is reported once, clearly, and it keeps being retried at the capped backoff — a loop is most
// often a dependency that is down (Postgres, Redis), and the service must come back by itself
// when the dependency does; the rest of the platform keeps running meanwhile.

/** @type {import('./restart-policy.d.mts').RestartPolicy} */
export const defaultRestartPolicy = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  windowMs: 60_000,
  loopCrashes: 5,
});

/**
 * The decision after a crash at `now`, given the earlier crash times (ms, any order).
 * @param {readonly number[]} earlierCrashes
 * @param {number} now
 * @param {import('./restart-policy.d.mts').RestartPolicy} [policy]
 * @returns {import('./restart-policy.d.mts').RestartDecision}
 */
export function decideRestart(earlierCrashes, now, policy = defaultRestartPolicy) {
  const recent = [...earlierCrashes.filter((t) => now - t < policy.windowMs && t <= now), now].sort((a, b) => a - b);
  const crashesInWindow = recent.length;
  const delayMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (crashesInWindow - 1));
  const crashLoop = crashesInWindow >= policy.loopCrashes;
  return { delayMs, crashesInWindow, crashLoop, newlyInCrashLoop: crashesInWindow === policy.loopCrashes, recentCrashes: recent };
}

/**
 * The one line the runner prints about a crash.
 * @param {string} name
 * @param {{ code: number | null, signal: string | null }} exit
 * @param {import('./restart-policy.d.mts').RestartDecision} decision
 * @param {import('./restart-policy.d.mts').RestartPolicy} [policy]
 */
export function describeRestart(name, exit, decision, policy = defaultRestartPolicy) {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const after = decision.delayMs < 100 ? `${decision.delayMs} ms` : `${(decision.delayMs / 1000).toFixed(1).replace(/\.0$/, '')} s`;
  const line = `${name} ${how}; restarting in ${after}`;
  if (!decision.crashLoop) return line;
  const window = Math.round(policy.windowMs / 1000);
  if (!decision.newlyInCrashLoop) return `${line} (crash loop: ${decision.crashesInWindow} crashes within ${window} s)`;
  return `${line} — CRASH LOOP: ${decision.crashesInWindow} crashes within ${window} s; it is retried every ${Math.round(policy.maxDelayMs / 1000)} s at most, the rest of the platform keeps running. Its log lines above say why.`;
}
