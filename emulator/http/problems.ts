import type { ValidationErrors } from '../notifications/instant-request.js';
import { HttpError } from './http-error.js';

/**
 * The real service's error bodies, in one place (architecture habit 1). Texts are Altinn's or ASP.NET's exactly;
 * each names its source.
 */

/** ASP.NET `ValidationProblemDetails` for a 400 (contract §4.4). */
export function validationProblem(errors: ValidationErrors, traceId: string): HttpError {
  return new HttpError(400, {
    type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
    title: 'One or more validation errors occurred.',
    status: 400,
    errors,
    traceId,
  });
}

/** Altinn's error descriptors (`Core/Errors/Problems.cs`, contract §4.6). */
export const altinnProblems = {
  'NOT-00002': { status: 499, title: 'The client disconnected or cancelled the request before the server could complete processing' },
  'NOT-00003': { status: 404, title: 'Shipment not found' },
  'NOT-00004': { status: 503, title: 'A temporary network failure occurred' },
} as const;

export type AltinnProblemCode = keyof typeof altinnProblems;

// The reason phrases ASP.NET puts in `statusDescription` (contract §4.6: 499 has none, so "" [fw]).
const reasonPhrases: Record<number, string> = { 404: 'Not Found', 499: '', 503: 'Service Unavailable' };

/** `AltinnProblemDetails` of Altinn.Authorization.ProblemDetails v5 (contract §4.6). */
export function altinnProblem(code: AltinnProblemCode, traceId: string): HttpError {
  const { status, title } = altinnProblems[code];
  return new HttpError(status, {
    type: `urn:altinn:error:${code}`,
    title,
    status,
    code,
    traceId,
    statusDescription: reasonPhrases[status],
  });
}

/** `[Consumes("application/json")]` refusing another content type (contract §4.7). */
export function unsupportedMediaType(traceId: string): HttpError {
  return new HttpError(415, {
    type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
    title: 'Unsupported Media Type',
    status: 415,
    traceId,
  });
}

/** The control API's own errors: RFC 9457 problem details with a `detail` (product §4). */
export function controlProblem(status: number, title: string, detail: string): HttpError {
  return new HttpError(status, { type: 'about:blank', title, status, detail });
}
