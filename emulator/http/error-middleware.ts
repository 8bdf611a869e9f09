import type { Context, Next } from 'koa';
import { HttpError } from './http-error.js';
import { altinnProblem, controlProblem } from './problems.js';
import { writeEmpty, writeJson } from './write-json.js';
import { traceIdOf } from './trace-id-of.js';

/**
 * The first middleware: everything below only throws; this renders. No input may produce a crash; an
 * unexpected error is logged and answered with an empty 500, which is what Altinn does (contract §4.1).
 */
export function errorMiddleware(log: (line: string) => void) {
  return async function renderErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (err) {
      render(ctx, toHttpError(ctx, err, log));
    }
  };
}

function render(ctx: Context, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
  if (error.body === null) writeEmpty(ctx, error.status);
  else writeJson(ctx, error.status, error.body);
}

function toHttpError(ctx: Context, err: unknown, log: (line: string) => void): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { status?: number; type?: string; message?: string };
  // Kestrel answers an oversized body with an empty 413 (contract §4.7, product §10).
  if (e.type === 'entity.too.large' || e.status === 413) return new HttpError(413);
  // The client went away mid-body: Altinn's OperationCanceledException path (contract §4.1).
  if (e.type === 'request.aborted') return altinnProblem('NOT-00002', traceIdOf(ctx));
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return controlProblem(e.status, 'Bad Request', e.message ?? 'The request could not be read.');
  }
  log(`internal error on ${ctx.method} ${ctx.path}: ${(err as Error)?.stack ?? String(err)}`);
  return new HttpError(500);
}
