import type { Context } from 'koa';
import { HttpError } from '../http/http-error.js';
import { controlProblem } from '../http/problems.js';
import { collect } from '../http/read-raw-body.js';

/** Control bodies are a few fields; anything past this is not one. */
const maxControlBodyBytes = 64 * 1024;

/** A control route's JSON body: an empty body is `{}`; anything that does not parse is a 400 saying so. */
export async function readJsonBody(ctx: Context): Promise<unknown> {
  if (Number(ctx.get('content-length') || 0) > maxControlBodyBytes) throw new HttpError(413, null, { Connection: 'close' });
  const text = (await collect(ctx, maxControlBodyBytes)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw controlProblem(400, 'Invalid JSON', `The body is not JSON: ${(error as Error).message}.`);
  }
}
