/**
 * Everything below the error middleware throws this; the middleware renders it (architecture habit 1).
 * `body` null means an empty body, as ASP.NET sends for 401/403/404/405.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: object | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}
