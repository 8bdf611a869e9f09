import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { controlRouter, type ControlRouterDeps } from '../../emulator/control/control-router.js';
import { request, start } from '../support/emulator.js';
import { packageVersion } from './helpers.js';

let emu: Awaited<ReturnType<typeof start>>;
beforeEach(async () => {
  emu = await start();
});
afterEach(async () => {
  await emu?.close();
});

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `METHOD /path` for every route the control router registers, in OpenAPI's `{param}` form (HEAD comes with GET). */
function registeredRoutes(): string[] {
  // Only listed, never called: the clock, scheduler and delivery are not reached.
  const unused = {} as Pick<ControlRouterDeps, 'clock' | 'scheduler' | 'delivery'>;
  const router = controlRouter({ store: emu.store, events: emu.events, version: packageVersion, startedAt: Date.now(), ...unused });
  return router.stack.flatMap((layer) =>
    layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
  );
}

function documentedRoutes(doc: any): string[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((k) => httpMethods.includes(k))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** Every `$ref` in the document, with where it points. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

async function getDoc() {
  const res = await request(emu, 'GET', '/_emulator/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return res.json;
}

describe('GET /_emulator/openapi.json', () => {
  it('documents every route of the control router, and only real routes', async () => {
    const doc = await getDoc();
    const registered = registeredRoutes();
    // Guards the introspection itself: a router walk that found nothing would make the comparison vacuous.
    expect(registered).toEqual(expect.arrayContaining(['GET /_emulator/health', 'GET /_emulator/messages/{id}/html', 'GET /_emulator/openapi.json']));
    expect(documentedRoutes(doc).sort()).toEqual([...new Set(registered)].sort());
  });

  it('is an OpenAPI 3.1 document with the package version, and every reference resolves', async () => {
    const doc = await getDoc();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: packageVersion });
    for (const ref of refs(doc)) {
      const target = ref.replace(/^#\//, '').split('/').reduce((node: any, key) => node?.[key], doc);
      expect(target, ref).toBeDefined();
    }
    for (const name of ['Message', 'Problem', 'Health']) expect(doc.components.schemas[name]).toBeDefined();
  });

  it('gives every operation a unique operationId, a summary and a success response, and declares its path parameters', async () => {
    const doc = await getDoc();
    const ids: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const method of Object.keys(item).filter((k) => httpMethods.includes(k))) {
        const op = item[method];
        ids.push(op.operationId);
        expect(op.summary, `${method} ${path}`).toEqual(expect.any(String));
        // 101 is the event stream's success: the switch to a WebSocket.
        expect(Object.keys(op.responses).some((s) => /^(2\d\d|101)$/.test(s)), `${method} ${path} has a 2xx`).toBe(true);
        const declared = [...(item.parameters ?? []), ...(op.parameters ?? [])].filter((p: any) => p.in === 'path').map((p: any) => p.name);
        expect(declared.sort(), `${method} ${path}`).toEqual(pathParams.sort());
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes the wait parameters, its 404 with near misses, and the event websocket', async () => {
    const doc = await getDoc();
    const wait = doc.paths['/_emulator/messages/wait'].get;
    const names = wait.parameters.map((p: any) => p.name ?? doc.components.parameters[p.$ref.split('/').pop()].name);
    expect(names.sort()).toEqual(['after', 'channel', 'contains', 'otp', 'timeout', 'to']);
    expect(wait.responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/WaitTimeout' });
    expect(doc['x-websockets']['/_emulator/events'].description).toContain('hello');
    expect(doc.info.description).toContain('/_emulator/events');
  });

  it('documents the list filters of GET /_emulator/messages', async () => {
    const doc = await getDoc();
    const params = doc.paths['/_emulator/messages'].get.parameters.map((p: any) => doc.components.parameters[p.$ref.split('/').pop()]);
    expect(params.map((p: any) => p.name).sort()).toEqual(['after', 'before', 'channel', 'limit', 'q', 'status', 'to']);
    expect(params.find((p: any) => p.name === 'limit').schema).toMatchObject({ maximum: 500, default: 50 });
  });
});
