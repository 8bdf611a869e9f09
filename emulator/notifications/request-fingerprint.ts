import { createHash } from 'node:crypto';
import type { InstantRequest } from './instant-request.js';

/** A digest of everything a client sent, to notice a replay that carries another payload (product §1.3). */
export function requestFingerprint(request: InstantRequest): string {
  const canonical = Object.entries(request).sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url').slice(0, 22);
}
