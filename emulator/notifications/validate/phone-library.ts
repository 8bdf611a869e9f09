import { createRequire } from 'node:module';
import type libphonenumber from 'google-libphonenumber';

const require = createRequire(import.meta.url);
let library: typeof libphonenumber | undefined;

/**
 * google-libphonenumber, loaded on first use: its metadata costs ~80 ms to load, which would otherwise be paid at
 * every start-up before the emulator is healthy. The server warms it up right after it starts listening.
 */
export function phoneLibrary(): typeof libphonenumber {
  library ??= require('google-libphonenumber') as typeof libphonenumber;
  return library;
}
