import type { Context, Next } from 'koa';
import { webOrigin } from './web-origin.js';

/** Every method the control API uses (product §4). */
const allowedMethods = 'GET, HEAD, POST, PUT, DELETE';
// Header names only: what is echoed back must not carry anything else.
const headerList = /^[\w-]+(\s*,\s*[\w-]+)*$/;

/**
 * CORS for the control API only, and only for the one origin given with `--cors` (product §10). The emulated Altinn
 * routes never get CORS headers: Altinn Notifications' `Program.cs` calls neither `AddCors` nor `UseCors`, so a
 * browser call from another origin fails there, and must fail here too.
 */
export function cors(origin: string) {
  // Compared as browsers serialise an origin (`http://LOCALHOST:80` is sent as `http://localhost`).
  const allowed = webOrigin(origin) ?? origin.toLowerCase();
  return async function controlCors(ctx: Context, next: Next): Promise<void> {
    if (!isControlPath(ctx.path)) return next();
    // The answer depends on Origin, so caches must key on it even when this origin gets no CORS headers.
    ctx.vary('Origin');
    const requestOrigin = ctx.get('Origin');
    if (requestOrigin.toLowerCase() !== allowed) return next();
    ctx.set('Access-Control-Allow-Origin', requestOrigin);
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      const requested = ctx.get('Access-Control-Request-Headers').trim();
      ctx.set('Access-Control-Allow-Methods', allowedMethods);
      ctx.set('Access-Control-Allow-Headers', headerList.test(requested) ? requested : 'Content-Type');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    // Set before `next`, so that problem responses rendered by the error middleware keep them and stay readable.
    ctx.set('Access-Control-Expose-Headers', 'Content-Disposition');
    await next();
  };
}

// @koa/router matches paths case-insensitively, so `/_EMULATOR/health` is a control route too.
function isControlPath(path: string): boolean {
  const p = path.toLowerCase();
  return p === '/_emulator' || p.startsWith('/_emulator/');
}
