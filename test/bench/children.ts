import type { ChildProcess } from 'node:child_process';

/**
 * Every child process the bench started, so that none outlives it: on a normal end each is stopped
 * by its owner; on an error, SIGINT/SIGTERM or `process.exit` the rest are killed here.
 */
export const children = {
  live: new Set<ChildProcess>(),

  add(child: ChildProcess): void {
    this.live.add(child);
    child.once('exit', () => this.live.delete(child));
  },

  /** Synchronous, so it also works from a `process.on('exit')` handler. */
  killAll(signal: NodeJS.Signals = 'SIGKILL'): void {
    for (const child of this.live) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          child.kill(signal);
        } catch {
          // already gone
        }
      }
    }
    this.live.clear();
  },
};
