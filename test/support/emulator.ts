import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';

export const smsPath = '/notifications/api/v1/future/orders/instant/sms';
export const emailPath = '/notifications/api/v1/future/orders/instant/email';
export const deprecatedPath = '/notifications/api/v1/future/orders/instant';
export const shipmentPath = (id: string) => `/notifications/api/v1/future/shipment/${id}`;
export const feedPath = '/notifications/api/v1/future/shipment/feed';

/** Starts an in-process emulator on a free port (in memory unless `data` is given). */
export function start(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  return startEmulator({ inMemory: options.data === undefined, ...options });
}

/** A fresh temporary folder, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'altinn-emulator-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Sends a request the way a client would; `body` objects are JSON-encoded, strings sent as they are. */
export async function request(
  emulator: { url: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
  }
  const res = await fetch(emulator.url + path, init);
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A valid instant SMS body; override any top-level field. */
export function smsBody(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyId: `sms-${Math.random().toString(36).slice(2)}`,
    sendersReference: 'ref-1',
    recipientSms: {
      phoneNumber: '+4799999999',
      timeToLiveInSeconds: 300,
      smsSettings: { sender: 'Altinn', body: 'Your code is 123456' },
    },
    ...overrides,
  };
}

/** A valid instant email body; override any top-level field. */
export function emailBody(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyId: `email-${Math.random().toString(36).slice(2)}`,
    sendersReference: 'ref-2',
    recipientEmail: {
      emailAddress: 'user@example.com',
      emailSettings: { subject: 'Your code', body: 'Code: 123456', contentType: 'Plain' },
    },
    ...overrides,
  };
}

/** An unsigned JWT with the given claims (the emulator does not check signatures). */
export function jwt(claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}.c2ln`;
}
