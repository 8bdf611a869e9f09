import type { Context, Next } from 'koa';
import { controlProblem } from './problems.js';

/**
 * DNS-rebinding defence (product §10): a page on another site that re-points its name at 127.0.0.1 still sends
 * its own name in `Host`, so only loopback names and names configured with `--allow-host` are served.
 */
export function hostCheck(allowed: string[]) {
  // Clients send the same few Host values again and again; remember the good ones (bounded).
  const seen = new Set<string>();
  // Not async: a throw here reaches koa-compose, which turns it into a rejection; no promise of its own per request.
  return function checkHost(ctx: Context, next: Next): Promise<void> {
    const host = ctx.get('host');
    if (host && !seen.has(host)) {
      if (!isAllowedHost(host, allowed)) {
        throw controlProblem(
          403,
          'Host not allowed',
          `The Host "${host}" is not a loopback name. Start the emulator with --allow-host ${hostName(host)} to serve it.`,
        );
      }
      if (seen.size < 100) seen.add(host);
    }
    return next();
  };
}

/**
 * The rule itself, shared with the websocket upgrade: does a `Host` value (port optional, IPv6 in brackets) name
 * loopback (`localhost`, `*.localhost`, `127.x.x.x`, `::1`) or one of the `allowed` names?
 */
export function isAllowedHost(host: string, allowed: readonly string[]): boolean {
  const name = hostName(host);
  const loopback = name === 'localhost' || name === '::1' || name.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
  return loopback || allowed.some((a) => a.toLowerCase() === name);
}

/** The name in a `Host` value, lower-cased, without port or IPv6 brackets. */
function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return h.replace(/:\d*$/, '');
}
