import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailBody, emailPath, request, smsBody, smsPath, start, tempDir } from '../support/emulator.js';
import { health, listMessages } from './helpers.js';

type Emulator = Awaited<ReturnType<typeof start>>;

let dir: string;
let removeDir: () => Promise<void>;
const running: Emulator[] = [];

async function emulator(options: Parameters<typeof start>[0] = {}): Promise<Emulator> {
  const emu = await start(options);
  running.push(emu);
  return emu;
}

async function stop(emu: Emulator): Promise<void> {
  running.splice(running.indexOf(emu), 1);
  await emu.close();
}

beforeEach(async () => {
  ({ dir, remove: removeDir } = await tempDir());
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
  vi.restoreAllMocks();
  await removeDir();
});

async function post(emu: Emulator, path: string, body: unknown) {
  const res = await request(emu, 'POST', path, body);
  expect(res.status, res.text).toBe(201);
  return res.json as { notificationOrderId: string; notification: { shipmentId: string; sendersReference?: string } };
}

describe('the file store', () => {
  it('refuses a second emulator on the same data folder and leaves the files of the first one alone', async () => {
    const data = join(dir, 'db.json');
    const first = await emulator({ data });
    await post(first, smsPath, smsBody());
    await expect(start({ data })).rejects.toThrow(/in use by another emulator/);
    await stop(first);
    const again = await emulator({ data }); // the lock went with the first one
    expect((await health(again)).json.cursor).toBe(1);
  });

  it('keeps messages, idempotency and the cursor across a restart', async () => {
    const data = join(dir, 'db.json');
    const a = await emulator({ data });
    const sms = await post(a, smsPath, smsBody({ idempotencyId: 'persisted', sendersReference: 'kept' }));
    await post(a, emailPath, emailBody());
    const before = await listMessages(a);
    await stop(a);

    const b = await emulator({ data });
    expect(await listMessages(b)).toEqual(before);
    expect((await health(b)).json.cursor).toBe(2);
    const replay = await request(b, 'POST', smsPath, smsBody({ idempotencyId: 'persisted', sendersReference: 'other' }));
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual({
      notificationOrderId: sms.notificationOrderId,
      notification: { shipmentId: sms.notification.shipmentId, sendersReference: 'kept' },
    });
    const next = await post(b, smsPath, smsBody());
    const [newest] = await listMessages(b, { limit: 1 });
    expect(newest.order.notificationOrderId).toBe(next.notificationOrderId);
    expect(newest.seq).toBe(3);
  });

  it('moves a corrupt db.json aside, still starts, and keeps the messages of the journal', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const data = join(dir, 'db.json');
    const a = await emulator({ data });
    const first = await post(a, smsPath, smsBody({ idempotencyId: 'journaled' }));
    // A 201 is sent only after its journal line is written (product §3): copy the journal as a crash would leave it.
    const journal = await readFile(join(dir, 'journal.jsonl'));
    expect(journal.length).toBeGreaterThan(0);
    await stop(a);

    const garbage = '{"lsn": 3, "state": {"messages": [truncated';
    await writeFile(data, garbage);
    await writeFile(join(dir, 'journal.jsonl'), journal);

    const b = await emulator({ data });
    expect((await health(b)).status).toBe(200);
    const files = await readdir(dir);
    const aside = files.filter((f) => f.startsWith('db.json.corrupt-'));
    expect(aside).toHaveLength(1);
    // Never overwrite what could not be read (product §3).
    expect(await readFile(join(dir, aside[0]), 'utf8')).toBe(garbage);
    const items = await listMessages(b);
    expect(items.map((m) => m.order.notificationOrderId)).toEqual([first.notificationOrderId]);
    expect((await request(b, 'POST', smsPath, smsBody({ idempotencyId: 'journaled' }))).status).toBe(200);
  });

  it('prunes the oldest messages beyond maxMessages but still replays a pruned order with its original ids', async () => {
    const emu = await emulator({ data: join(dir, 'db.json'), maxMessages: 3 });
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await post(emu, smsPath, smsBody({ idempotencyId: `retained-${i}` })));
    const items = await listMessages(emu);
    expect(items.map((m) => m.order.notificationOrderId)).toEqual(sent.slice(2).reverse().map((s) => s.notificationOrderId));
    const h = await health(emu);
    expect(h.json.cursor).toBe(5);
    expect(h.json.counts.messages).toBe(3);

    const replay = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'retained-0' }));
    expect(replay.status).toBe(200);
    expect(replay.json.notificationOrderId).toBe(sent[0].notificationOrderId);
    expect(replay.json.notification.shipmentId).toBe(sent[0].notification.shipmentId);
    expect((await health(emu)).json.cursor).toBe(5);
  });

  it('creates its files with mode 0600 in a folder with mode 0700', async () => {
    const folder = join(dir, 'state');
    const emu = await emulator({ data: join(folder, 'db.json') });
    await post(emu, smsPath, smsBody());
    await stop(emu); // close writes the snapshot
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const files = await readdir(folder);
    expect(files).toEqual(expect.arrayContaining(['db.json', 'journal.jsonl']));
    for (const file of files) {
      expect((await stat(join(folder, file))).mode & 0o777, file).toBe(0o600);
    }
  });

  it('writes nothing in memory mode', async () => {
    const emu = await emulator({ data: join(dir, 'db.json'), inMemory: true });
    await post(emu, smsPath, smsBody());
    await post(emu, emailPath, emailBody());
    await stop(emu);
    expect(await readdir(dir)).toEqual([]);
  });
});
