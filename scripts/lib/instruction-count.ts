// Instructions per request, counted by valgrind's callgrind: the one figure of a process's work
// that other load on the machine does not move (CPU time here swings by ±15–25 % between runs;
// the same instructions counted twice agree within about 1 %). A bench starts the process under
// callgrind with counting off, warms it up, counts a fixed number of requests and reads the
// totals per thread. It counts user-space instructions only: what the kernel does for a process's
// syscalls is not in it, so it complements the /proc CPU figures rather than replacing them.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Whether valgrind (with callgrind_control) is installed here. */
export function callgrindAvailable(): boolean {
  const probe = (command: string) => spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
  return probe('valgrind') && probe('callgrind_control');
}

/**
 * Starts `node <args>` under callgrind with counting off. One output file per thread and dump
 * (`<outFile>.<dump>-<thread>`); thread 01 is the main thread (the event loop), the others are
 * V8's platform workers (concurrent compilation, GC helpers) and libuv's pool.
 */
export function spawnUnderCallgrind(nodeArgs: string[], outFile: string, options: SpawnOptions): ChildProcess {
  return spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      '--separate-threads=yes',
      // V8 writes and patches machine code at run time.
      '--smc-check=all-non-file',
      `--callgrind-out-file=${outFile}`,
      process.execPath,
      ...nodeArgs,
    ],
    options,
  );
}

function control(pid: number, ...args: string[]): void {
  const run = spawnSync('callgrind_control', [...args, String(pid)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`callgrind_control ${args.join(' ')} ${pid} failed: ${run.stderr || run.stdout}`);
}

export interface InstructionCount {
  /** User-space instructions per request on the main thread. */
  mainThread: number;
  /** The same on every other thread of the process. */
  otherThreads: number;
}

/** Counts the instructions `pid` executes while `work` runs `requests` requests, per request. */
export async function countInstructions(pid: number, outFile: string, requests: number, work: () => Promise<void>): Promise<InstructionCount> {
  control(pid, '-z'); // nothing counted before this point (there should be nothing: counting is off)
  control(pid, '-i', 'on');
  await work();
  control(pid, '-i', 'off');
  control(pid, '-d');
  return readTotals(outFile, requests);
}

/** Reads the per-thread totals of the last dump of `outFile`. */
export function readTotals(outFile: string, requests: number): InstructionCount {
  const dir = dirname(outFile);
  const prefix = `${basename(outFile)}.`;
  const files = readdirSync(dir)
    .map((name) => ({ name, match: /^(\d+)-(\d+)$/.exec(name.slice(prefix.length)) }))
    .filter((f) => f.name.startsWith(prefix) && f.match);
  const lastDump = Math.max(...files.map((f) => Number(f.match![1])));
  let mainThread = 0;
  let otherThreads = 0;
  for (const file of files.filter((f) => Number(f.match![1]) === lastDump)) {
    const totals = /^totals:\s+(\d+)/m.exec(readFileSync(join(dir, file.name), 'utf8'));
    const count = totals ? Number(totals[1]) : 0;
    if (Number(file.match![2]) === 1) mainThread += count;
    else otherThreads += count;
  }
  if (mainThread === 0) throw new Error(`no callgrind totals for the main thread in ${outFile}.*`);
  return { mainThread: mainThread / requests, otherThreads: otherThreads / requests };
}
