import type { Context, Next } from 'koa';
import { HttpError } from './http-error.js';
import { altinnProblem } from './problems.js';
import { traceIdOf } from './trace-id-of.js';

/**
 * Reads the request body as bytes into `ctx.state.rawBody`. The emulated routes need the bytes, not a decoded
 * string: System.Text.Json reports positions in UTF-8 bytes and rejects invalid UTF-8, which a decoder would hide.
 * Bodies above `limit` get Kestrel's empty 413 (product §10), before or while reading.
 */
export function readRawBody(limit: number) {
  return async function rawBody(ctx: Context, next: Next): Promise<void> {
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > limit) throw new HttpError(413, null, { Connection: 'close' });
    ctx.state.rawBody = await collect(ctx, limit);
    await next();
  };
}

/** The body's bytes, or a 413 past `limit` (a 499 if the client goes away meanwhile). */
export function collect(ctx: Context, limit: number): Promise<Buffer> {
  const req = ctx.req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume(); // drain the rest so the 413 can be written
        reject(new HttpError(413, null, { Connection: 'close' }));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    // The client went away mid-body: Altinn's OperationCanceledException → 499 (contract §4.1, §4.6).
    const onAborted = () => {
      cleanup();
      reject(altinnProblem('NOT-00002', traceIdOf(ctx)));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(req.destroyed ? altinnProblem('NOT-00002', traceIdOf(ctx)) : err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}
