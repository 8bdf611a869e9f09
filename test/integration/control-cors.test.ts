import { afterEach, describe, expect, it } from 'vitest';
import { smsBody, smsPath, start } from '../support/emulator.js';
import { rawRequest, type RawResponse } from './helpers.js';

let emu: Awaited<ReturnType<typeof start>> | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const ui = 'http://localhost:3000';

function corsHeaders(res: RawResponse): Record<string, unknown> {
  return Object.fromEntries(Object.entries(res.headers).filter(([name]) => name.startsWith('access-control-')));
}

function get(path: string, origin?: string) {
  return rawRequest(emu!, { method: 'GET', path, headers: origin ? { Origin: origin } : {} });
}

function preflight(path: string, origin: string, method = 'DELETE', headers = 'content-type') {
  return rawRequest(emu!, {
    method: 'OPTIONS',
    path,
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
  });
}

describe('CORS without --cors (the default)', () => {
  it('sends no CORS headers on the control API, even to a preflight', async () => {
    emu = await start();
    expect(corsHeaders(await get('/_emulator/health', ui))).toEqual({});
    const pre = await preflight('/_emulator/messages', ui);
    expect(pre.status).not.toBe(204);
    expect(corsHeaders(pre)).toEqual({});
  });
});

describe('CORS with --cors ORIGIN', () => {
  it('allows that origin on control API responses, with Vary: Origin', async () => {
    emu = await start({ cors: ui });
    const res = await get('/_emulator/health', ui);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(ui);
    expect(res.headers['vary']).toBe('Origin');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('keeps the headers on problem responses, so that the page can read the error', async () => {
    emu = await start({ cors: ui });
    const res = await get('/_emulator/messages/nope', ui);
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe(ui);
    const unknownRoute = await get('/_emulator/nothing-here', ui);
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers['access-control-allow-origin']).toBe(ui);
  });

  it('answers a preflight from that origin with 204 and the allowed methods and headers', async () => {
    emu = await start({ cors: ui });
    const res = await preflight('/_emulator/messages', ui, 'DELETE', 'content-type');
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
    expect(res.headers['access-control-allow-origin']).toBe(ui);
    expect(String(res.headers['access-control-allow-methods']).split(/,\s*/)).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
    expect(res.headers['access-control-allow-headers']).toBe('content-type');
    expect(res.headers['vary']).toBe('Origin');
  });

  it('does not echo requested headers that are not header names', async () => {
    emu = await start({ cors: ui });
    const res = await preflight('/_emulator/reset', ui, 'POST', 'x-a, <b>="1"');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-headers']).toBe('Content-Type');
  });

  it('gives another origin no CORS headers, on requests and preflights alike', async () => {
    emu = await start({ cors: ui });
    for (const origin of ['http://evil.example', 'http://localhost:3001', 'null']) {
      expect(corsHeaders(await get('/_emulator/messages', origin))).toEqual({});
      const pre = await preflight('/_emulator/messages', origin);
      expect(pre.status).not.toBe(204);
      expect(corsHeaders(pre)).toEqual({});
    }
    expect(corsHeaders(await get('/_emulator/health'))).toEqual({});
  });

  it('never adds CORS headers to the emulated Altinn API, whose preflight stays a 405 as in Altinn', async () => {
    emu = await start({ cors: ui });
    const post = await rawRequest(emu, {
      method: 'POST',
      path: smsPath,
      headers: { Origin: ui, 'Content-Type': 'application/json' },
      body: JSON.stringify(smsBody()),
    });
    expect(post.status).toBe(201);
    expect(corsHeaders(post)).toEqual({});
    expect(post.headers['vary']).toBeUndefined();
    const pre = await preflight(smsPath, ui, 'POST');
    expect(pre.status).toBe(405);
    expect(corsHeaders(pre)).toEqual({});
  });

  it('treats the control prefix case-insensitively, as the router does', async () => {
    emu = await start({ cors: ui });
    const res = await get('/_EMULATOR/health', ui);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(ui);
  });
});
