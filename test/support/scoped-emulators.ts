import { afterEach } from 'vitest';
import type WebSocket from 'ws';
import { freezeClock } from './clock-driven.js';
import { start } from './emulator.js';

export type Emulator = Awaited<ReturnType<typeof start>>;

/**
 * In-process emulators, websockets and other clean-ups that end with each test of the file that calls this (at its
 * top level): websockets are terminated, emulators closed (closing twice is harmless), then the clean-ups run in
 * reverse order.
 */
export function scopedEmulators() {
  const running: Emulator[] = [];
  const sockets: WebSocket[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await Promise.all(running.splice(0).map((e) => e.close()));
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function emulator(options: Parameters<typeof start>[0] = {}): Promise<Emulator> {
    const emu = await start(options);
    running.push(emu);
    return emu;
  }

  return {
    emulator,
    /** An emulator whose clock is frozen, and the instant it froze at (ms): every timestamp is t0 plus something. */
    async frozenEmulator(options: Parameters<typeof start>[0] = {}): Promise<{ emu: Emulator; t0: number }> {
      const emu = await emulator(options);
      return { emu, t0: await freezeClock(emu) };
    },
    /** Websockets to terminate after the test (`subscribeEvents` pushes its socket here). */
    sockets,
    /** Runs after the test, once its emulators are closed (a temp folder's removal). */
    onCleanup: (cleanup: () => Promise<void>) => void cleanups.push(cleanup),
  };
}
