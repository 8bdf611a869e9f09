import { isAllowedHost } from '../http/host-check.js';

/**
 * Cross-site defence for the websocket (product §10): browsers let any page open a websocket to localhost, and
 * only the `Origin` tells who asks. No `Origin` is a non-browser client (a test, a harness) and is allowed; so is a
 * page served from a loopback or `--allow-host` name, or the `--cors` origin. `null` (sandboxed or file pages) and
 * everything else are refused.
 */
export function isAllowedOrigin(origin: string | undefined, rule: { allowedHosts: readonly string[]; cors: string | null }): boolean {
  if (origin === undefined) return true;
  const url = parseUrl(origin);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  if (rule.cors !== null && parseUrl(rule.cors)?.origin === url.origin) return true;
  return isAllowedHost(url.host, rule.allowedHosts);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
