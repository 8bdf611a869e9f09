import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from '../../../emulator/ws/is-allowed-origin.js';

const rule = { allowedHosts: ['emulator.test'], cors: 'https://app.example.com' };

describe('isAllowedOrigin', () => {
  it('allows a client that sends no Origin (not a browser)', () => {
    expect(isAllowedOrigin(undefined, rule)).toBe(true);
  });

  it('allows pages on loopback names, --allow-host names and the --cors origin', () => {
    for (const origin of [
      'http://localhost',
      'http://localhost:3000',
      'https://LOCALHOST:8443',
      'http://127.0.0.1:5173',
      'http://127.1.2.3',
      'http://[::1]:8080',
      'http://ui.localhost:5090',
      'http://emulator.test',
      'https://Emulator.Test:5090',
      'https://app.example.com',
      'https://app.example.com:443',
    ]) {
      expect(isAllowedOrigin(origin, rule), origin).toBe(true);
    }
  });

  it('refuses every other origin, null and non-web schemes', () => {
    for (const origin of [
      'https://evil.example',
      'http://app.example.com', // the --cors origin is a whole origin: scheme and port count
      'https://app.example.com:8443',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
      'http://emulator.test.evil.example',
      'null',
      '',
      'file://',
      'chrome-extension://abcdef',
      'not a url',
    ]) {
      expect(isAllowedOrigin(origin, rule), origin).toBe(false);
    }
  });

  it('without --cors or --allow-host, allows loopback only', () => {
    const strict = { allowedHosts: [], cors: null };
    expect(isAllowedOrigin('http://localhost:3000', strict)).toBe(true);
    expect(isAllowedOrigin('http://emulator.test', strict)).toBe(false);
    expect(isAllowedOrigin('https://app.example.com', strict)).toBe(false);
  });
});
