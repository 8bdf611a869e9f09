import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import { request, type JsonResponse } from '../support/emulator.js';

/** Helpers shared by the integration tests (not a test file itself). */

/** A lowercase, hyphenated GUID (contract §4: "GUIDs are lowercase with hyphens"). */
export const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The W3C activity id ASP.NET puts in `traceId` (contract §4.4). */
export const traceIdPattern = /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/;

/** The scope that lets a token create orders (contract §8). */
export const createScope = 'altinn:serviceowner/notifications.create';

/** The version in package.json, read here rather than through the emulator, so a test can check what it reports. */
export const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const controlMessagesPath = '/_emulator/messages';

/** Lists stored messages through the control API (product §4). */
export async function listMessages(emu: { url: string }, query: Record<string, string | number> = {}): Promise<any[]> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const res = await request(emu, 'GET', `${controlMessagesPath}${qs ? `?${qs}` : ''}`);
  expect(res.status).toBe(200);
  return res.json.items as any[];
}

/** The stored message of an order, read through `GET /_emulator/messages/{id}` (product §4). */
export async function messageOfOrder(emu: { url: string }, notificationOrderId: string): Promise<any> {
  const items = await listMessages(emu, { limit: 500 });
  const found = items.find((m) => m.order?.notificationOrderId === notificationOrderId);
  expect(found, `a stored message for order ${notificationOrderId}`).toBeDefined();
  const res = await request(emu, 'GET', `${controlMessagesPath}/${encodeURIComponent(found.id)}`);
  expect(res.status).toBe(200);
  return res.json;
}

export async function health(emu: { url: string }): Promise<JsonResponse> {
  return request(emu, 'GET', '/_emulator/health');
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/**
 * A request through node:http, for what fetch will not send: arbitrary `Host` headers, raw bytes, no content type.
 * Headers are sent exactly as given (no defaults besides what node:http itself adds: Host, Content-Length).
 */
export function rawRequest(
  emu: { url: string },
  options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<RawResponse> {
  const url = new URL(options.path, emu.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: url.pathname + url.search,
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}
