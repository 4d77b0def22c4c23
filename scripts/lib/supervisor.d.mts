import type { ChildProcess } from 'node:child_process';
import type { RestartPolicy } from './restart-policy.d.mts';

export interface SupervisorOptions {
  /** Names the service in the restart lines. */
  name: string;
  /** Starts (and restarts) the child. */
  start: () => ChildProcess;
  /** Where the one line per crash goes (stderr by default). */
  report?: (line: string) => void;
  policy?: RestartPolicy;
  now?: () => number;
}

export interface Supervisor {
  /** The current child (a new one after each restart). */
  readonly child: ChildProcess;
  readonly restarts: number;
  readonly running: boolean;
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export function supervise(options: SupervisorOptions): Supervisor;
