import { setFlagsFromString } from 'node:v8';

/**
 * V8 tuning for the emulator's own process (the CLI), never for a process that embeds the emulator.
 *
 * Allocation-site pretenuring is off. Once the heap holds a store's worth of messages, V8 pretenures some allocation
 * sites of mail parsing: their short-lived objects go straight to the old generation, where only a full GC frees them,
 * and meanwhile keep the young objects they point to alive through every scavenge. Measured (--trace-gc-nvp, the
 * bench's SMTP load): ~1.4 MB copied per scavenge instead of ~0.05 MB, pauses 3-4x longer; a bare smtp-server
 * holding 100,000 unrelated objects shows the same. With the flag off: +7% mails/s in `npm run bench`; the HTTP API
 * is unaffected. V8 reads the flag in each GC's allocation-site update (an early return when it is off), so setting it
 * at start-up, before any message, takes effect; `node --no-allocation-site-pretenuring` does the same at launch.
 */
export function tuneGarbageCollector(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
