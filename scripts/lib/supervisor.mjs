// Keeps one child process running: when it exits without being asked to, it is started again
// after the backoff of restart-policy.mjs, and one line says so. Used by `npm start` and by the
// chaos suite (e2e/src/chaos), so the suite exercises the same healing as the operator gets.
import { decideRestart, defaultRestartPolicy, describeRestart } from './restart-policy.mjs';

/**
 * @param {import('./supervisor.d.mts').SupervisorOptions} options
 * @returns {import('./supervisor.d.mts').Supervisor}
 */
export function supervise({ name, start, report = (line) => process.stderr.write(`${line}\n`), policy = defaultRestartPolicy, now = () => Date.now() }) {
  /** @type {number[]} */
  let crashes = [];
  let stopped = false;
  let restarts = 0;
  /** @type {NodeJS.Timeout | undefined} */
  let pending;
  /** @type {import('node:child_process').ChildProcess} */
  let child;

  function launch() {
    child = start();
    const current = child;
    // Without a listener a failed spawn or kill would throw in the runner itself.
    current.on('error', (err) => report(`${name}: ${err.message}`));
    current.once('exit', (code, signal) => {
      if (stopped || current !== child) return;
      const decision = decideRestart(crashes, now(), policy);
      crashes = decision.recentCrashes;
      report(describeRestart(name, { code, signal }, decision, policy));
      pending = setTimeout(() => {
        pending = undefined;
        if (stopped) return;
        restarts += 1;
        launch();
      }, decision.delayMs);
    });
  }
  launch();

  return {
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    /** Stops restarting and ends the child: `signal` first, SIGKILL after `graceMs`. */
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      stopped = true;
      if (pending) clearTimeout(pending);
      const current = child;
      if (current.exitCode !== null || current.signalCode !== null) return;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      current.kill(signal);
      const force = setTimeout(() => current.kill('SIGKILL'), graceMs);
      force.unref();
      await exited;
      clearTimeout(force);
    },
  };
}
