import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type {
  InstantEmailRequest,
  InstantRoute,
  InstantSmsRequest,
} from '../../../emulator/notifications/instant-request.js';
import { validateInstantRequest } from '../../../emulator/notifications/validate/validate-instant-request.js';

/** The contract's test vectors, copied verbatim into the repository. */
export interface ContractVectors {
  phone: { valid: string[]; invalid: string[] };
  email: { valid: string[]; invalid: string[] };
  requests: Array<{
    name: string;
    path: string;
    body?: unknown;
    rawBody?: string;
    status: number;
    errors?: Record<string, string[]>;
  }>;
}

export function readVectors(): ContractVectors {
  const file = new URL('../../../fixtures/contract/vectors.json', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as ContractVectors;
}

export const ROUTE_BY_PATH: Readonly<Record<string, InstantRoute>> = {
  '/notifications/api/v1/future/orders/instant/sms': 'sms',
  '/notifications/api/v1/future/orders/instant/email': 'email',
  '/notifications/api/v1/future/orders/instant': 'deprecated',
};

export const SMS_TYPE = 'Altinn.Notifications.Models.Orders.InstantSmsNotificationOrderRequestExt';
export const EMAIL_TYPE = 'Altinn.Notifications.Models.Orders.InstantEmailNotificationOrderRequestExt';
export const DEPRECATED_TYPE = 'Altinn.Notifications.Models.Orders.InstantNotificationOrderRequestExt';
export const REQUEST_REQUIRED = ['request', ['The request field is required.']] as const;

export function smsBody(): Record<string, any> {
  return {
    idempotencyId: 'id-1',
    sendersReference: 'ref-1',
    recipientSms: {
      phoneNumber: '+4799999999',
      timeToLiveInSeconds: 300,
      smsSettings: { sender: 'Altinn', body: 'Your code is 123456' },
    },
  };
}

export function emailBody(): Record<string, any> {
  return {
    idempotencyId: 'id-2',
    sendersReference: 'ref-2',
    recipientEmail: {
      emailAddress: 'user@example.com',
      emailSettings: { subject: 'Your code', body: 'Code: 123456', senderEmailAddress: 'noreply@altinn.no', contentType: 'Plain' },
    },
  };
}

export function deprecatedBody(): Record<string, any> {
  const { recipientSms, ...head } = smsBody();
  return { ...head, recipient: { recipientSms } };
}

export const BODY_BY_ROUTE: Readonly<Record<InstantRoute, () => Record<string, any>>> = {
  sms: smsBody,
  email: emailBody,
  deprecated: deprecatedBody,
};

/** Bytes and text are posted as they are; anything else as its JSON. */
function asRawBody(body: unknown): Uint8Array | string {
  return typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
}

/** The errors of a rejected body as [key, messages] pairs, so that key order is compared too. */
export function errorEntries(route: InstantRoute, body: unknown): Array<[string, string[]]> {
  const result = validateInstantRequest(route, asRawBody(body));
  if (result.ok) throw new Error(`expected a 400, got ${JSON.stringify(result.request)}`);
  return Object.entries(result.errors);
}

/** The request of an accepted body; the route decides its channel (contract §2). */
export function accepted<R extends InstantRoute>(
  route: R,
  body: unknown,
): R extends 'email' ? InstantEmailRequest : InstantSmsRequest {
  const result = validateInstantRequest(route, asRawBody(body));
  expect(result.ok ? [] : result.errors).toEqual([]);
  if (!result.ok) throw new Error('unreachable');
  return result.request as R extends 'email' ? InstantEmailRequest : InstantSmsRequest;
}

/** Sets (or with `undefined`, removes) the value at a path of JSON names. */
export function withValue(body: Record<string, any>, path: readonly string[], value: unknown): Record<string, any> {
  const copy = structuredClone(body);
  let target = copy;
  for (const name of path.slice(0, -1)) target = target[name];
  const last = path.at(-1)!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}
