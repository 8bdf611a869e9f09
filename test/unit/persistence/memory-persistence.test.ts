import { describe, expect, it, vi } from 'vitest';
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { createMemoryPersistence } from '../../../emulator/store/persistence/memory-persistence.js';

// Every function of node:fs and node:fs/promises becomes a spy (still calling the real one), to prove none is used.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const spied = Object.fromEntries(
    Object.entries(actual).map(([key, value]) => [key, typeof value === 'function' ? vi.fn(value as () => unknown) : value]),
  );
  return { ...spied, default: spied };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  const spied = Object.fromEntries(
    Object.entries(actual).map(([key, value]) => [key, typeof value === 'function' ? vi.fn(value as () => unknown) : value]),
  );
  return { ...spied, default: spied };
});

interface Counter {
  total: number;
}
type Add = { add: number };

function counter() {
  return createMemoryPersistence<Counter, Add>({
    empty: () => ({ total: 0 }),
    apply: (state, mutation) => {
      state.total += mutation.add;
    },
  });
}

function fsCalls(): string[] {
  const calls: string[] = [];
  for (const [name, module] of [
    ['fs', fs],
    ['fs/promises', fsPromises],
  ] as const) {
    for (const [key, value] of Object.entries(module)) {
      if (vi.isMockFunction(value) && value.mock.calls.length > 0) calls.push(`${name}.${key}`);
    }
  }
  return calls;
}

describe('memory persistence', () => {
  it('writes nothing: no file system function is called', async () => {
    expect(vi.isMockFunction(fsPromises.writeFile)).toBe(true);
    const p = counter();
    await p.open();
    await p.commit([{ add: 1 }, { add: 2 }]);
    await p.close();
    expect(fsCalls()).toEqual([]);
  });

  it('applies commits synchronously and keeps the state object open returned', async () => {
    const p = counter();
    const { state, warnings } = await p.open();
    expect(warnings).toEqual([]);
    const committed = p.commit([{ add: 5 }]);
    expect(state.total).toBe(5);
    expect(p.state).toBe(state);
    await committed;
  });

  it('rejects commits after close, and close is idempotent', async () => {
    const p = counter();
    await p.open();
    await p.close();
    await p.close();
    await expect(p.commit([{ add: 1 }])).rejects.toThrow(/closed/);
  });

  it('rejects a commit made before open', async () => {
    await expect(counter().commit([{ add: 1 }])).rejects.toThrow(/open/);
  });
});
