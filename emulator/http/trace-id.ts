import { randomUUID } from 'node:crypto';

const traceparentPattern = /^00-([0-9a-f]{32})-[0-9a-f]{16}-([0-9a-f]{2})$/;

/**
 * A W3C trace id in the form ASP.NET puts in `traceId` (`00-<trace>-<span>-<flags>`, contract §4.4). An incoming
 * `traceparent` is continued, as ASP.NET's activity would; otherwise a new, unsampled trace starts. (`randomUUID`
 * draws from a cached entropy pool: much cheaper per request than `randomBytes`.)
 */
export function createTraceId(traceparent: string | undefined): string {
  const span = randomUUID().replace(/-/g, '').slice(0, 16);
  const parent = traceparent ? traceparentPattern.exec(traceparent.trim()) : null;
  if (parent && !/^0+$/.test(parent[1])) return `00-${parent[1]}-${span}-${parent[2]}`;
  return `00-${randomUUID().replace(/-/g, '')}-${span}-00`;
}
