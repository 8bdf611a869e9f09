import { describe, expect, it } from 'vitest';
import { isValidEmailAddress } from '../../../emulator/notifications/validate/is-valid-email-address.js';
import { isValidMobileNumber } from '../../../emulator/notifications/validate/is-valid-mobile-number.js';
import { validateInstantRequest } from '../../../emulator/notifications/validate/validate-instant-request.js';
import { readVectors, ROUTE_BY_PATH } from './helpers.js';

const vectors = readVectors();

describe('the phone vectors of the contract', () => {
  it.each(vectors.phone.valid)('accepts %j as a mobile number (contract §3.2)', (phone) => {
    expect(isValidMobileNumber(phone)).toBe(true);
  });

  it.each(vectors.phone.invalid)('rejects %j as a mobile number (contract §3.2)', (phone) => {
    expect(isValidMobileNumber(phone)).toBe(false);
  });
});

describe('the email vectors of the contract', () => {
  it.each(vectors.email.valid)('accepts %j as an email address (contract §3.3)', (email) => {
    expect(isValidEmailAddress(email)).toBe(true);
  });

  it.each(vectors.email.invalid)('rejects %j as an email address (contract §3.3)', (email) => {
    expect(isValidEmailAddress(email)).toBe(false);
  });
});

describe('the request vectors of the contract', () => {
  it.each(vectors.requests.map((v) => [v.name, v] as const))('gives the vector "%s" its status and errors', (_, vector) => {
    const route = ROUTE_BY_PATH[vector.path]!;
    const result = validateInstantRequest(route, vector.rawBody ?? JSON.stringify(vector.body));
    if (vector.status === 201) {
      expect(result.ok).toBe(true);
      return;
    }
    // Exact keys, messages and key order of the 400 body (contract §3.1, §4.4, vectors.json).
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : Object.entries(result.errors)).toEqual(Object.entries(vector.errors!));
  });
});
