import type { Context, Next } from 'koa';
import { controlProblem } from './problems.js';

/**
 * DNS-rebinding defence (product §10): a page on another site that re-points its name at 127.0.0.1 still sends
 * its own name in `Host`, so only loopback names and names configured with `--allow-host` are served.
 */
export function hostCheck(allowed: string[]) {
  const names = new Set(['localhost', '::1', ...allowed.map((h) => h.toLowerCase())]);
  // Clients send the same few Host values again and again; remember the good ones (bounded).
  const seen = new Set<string>();
  return async function checkHost(ctx: Context, next: Next): Promise<void> {
    const host = ctx.get('host');
    if (host && !seen.has(host)) {
      if (!isAllowed(hostName(host), names)) {
        throw controlProblem(
          403,
          'Host not allowed',
          `The Host "${host}" is not a loopback name. Start the emulator with --allow-host ${hostName(host)} to serve it.`,
        );
      }
      if (seen.size < 100) seen.add(host);
    }
    await next();
  };
}

function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  return h.replace(/:\d*$/, '');
}

function isAllowed(name: string, names: Set<string>): boolean {
  return names.has(name) || name.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
