import type { InstantRequest } from './instant-request.js';

/**
 * A digest of everything a client sent, to notice a replay that carries another payload (product §1.3). Not a
 * security boundary, so a fast 53-bit hash (cyrb53) of the canonical JSON serves; a cryptographic hash cost a
 * noticeable share of each order.
 */
export function requestFingerprint(request: InstantRequest): string {
  // The binder builds each request type with a fixed key order, so its JSON is already canonical.
  const canonical = JSON.stringify(request);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < canonical.length; i++) {
    const c = canonical.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
