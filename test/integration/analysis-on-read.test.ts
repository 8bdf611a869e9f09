import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE_NAME } from '../../emulator/store/persistence/file-persistence.js';
import { subscribeEvents } from '../support/clock-driven.js';
import { request, smsBody, smsPath, tempDir } from '../support/emulator.js';
import { scopedEmulators } from '../support/scoped-emulators.js';
import { messageOfOrder } from './helpers.js';

// Product §5 fields are read out when a message is first read, not when it is stored (store/message.ts,
// StoredMessage): what a reader sees must not depend on when, or whether, that happened.

const { emulator, sockets, onCleanup } = scopedEmulators();
/** An emulator on a file store in `dir`; closing it before the test ends (a restart) is fine. */
const emulatorWithData = (dir: string) => emulator({ data: join(dir, 'db.json') });

function order(emu: { url: string }, body: string, idempotencyId = `a-${Math.random().toString(36).slice(2)}`, phoneNumber = '+4799999999') {
  return request(emu, 'POST', smsPath, smsBody({ idempotencyId, recipientSms: { phoneNumber, timeToLiveInSeconds: 300, smsSettings: { sender: 'Altinn', body } } }));
}

describe('analysis on first read', () => {
  it('journals an order without its analysis, and a reader gets it, also after a restart that replays the journal', async () => {
    const { dir, remove } = await tempDir();
    onCleanup(remove);
    const first = await emulatorWithData(dir);
    const created = await order(first, 'Din kode er 482913. Se https://example.com/hjelp');
    expect(created.status).toBe(201);

    const lines = (await readFile(join(dir, JOURNAL_FILE_NAME), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const insert = lines.find((line) => line.m.op === 'message.insert').m.message;
    expect(insert.body).toBe('Din kode er 482913. Se https://example.com/hjelp');
    for (const field of ['otp', 'links', 'segments', 'encoding', 'altinnSegments']) expect(insert).not.toHaveProperty(field);

    // Never read before the restart: the message comes back from disk without its analysis.
    await first.close();
    const second = await emulatorWithData(dir);
    const latest = await request(second, 'GET', '/_emulator/messages/latest'); // by id, before any list
    expect(latest.json.otp).toEqual({ code: '482913', candidates: ['482913'] });
    const message = await messageOfOrder(second, created.json.notificationOrderId);
    expect(message.otp).toEqual({ code: '482913', candidates: ['482913'] });
    expect(message.links).toEqual(['https://example.com/hjelp']);
    expect(message).toMatchObject({ segments: 1, encoding: 'GSM-7', altinnSegments: 1, warnings: [] });
  });

  it('gives the same warnings, in the same order, whether the message was read before a mismatching replay or not', async () => {
    const emu = await emulator();
    // A landline (a warning when the order comes in) and a long text (a warning of the analysis).
    const long = `Din engangskode er 482913. ${'Denne meldingen er lang. '.repeat(8)}`;
    const landline = '+4722334455';
    const codes = async (notificationOrderId: string) =>
      ((await messageOfOrder(emu, notificationOrderId)).warnings as { code: string }[]).map((w) => w.code);

    const unread = await order(emu, long, 'replay-before-read', landline);
    expect((await order(emu, 'another body', 'replay-before-read', landline)).status).toBe(200);

    const read = await order(emu, long, 'replay-after-read', landline);
    expect(await codes(read.json.notificationOrderId)).toEqual(['recipient-not-mobile', 'sms-multiple-segments']);
    expect((await order(emu, 'another body', 'replay-after-read', landline)).status).toBe(200);

    const all = ['recipient-not-mobile', 'sms-multiple-segments', 'idempotency-payload-mismatch'];
    expect(await codes(unread.json.notificationOrderId)).toEqual(all);
    expect(await codes(read.json.notificationOrderId)).toEqual(all);
  });

  it('sends the analysis in message.created to whoever listens', async () => {
    const emu = await emulator();
    const events = await subscribeEvents(emu, sockets);
    expect((await order(emu, 'Koden din: 7391 (gjelder i 5 min)')).status).toBe(201);
    const frame = await events.nextOf('message.created');
    expect(frame.data.message.otp).toEqual({ code: '7391', candidates: ['7391'] });
    expect(frame.data.message).toMatchObject({ links: [], segments: 1, encoding: 'GSM-7', altinnSegments: 1 });
  });

  it('answers a wait with the analysis, also when the wait did not ask for a code', async () => {
    const emu = await emulator();
    expect((await order(emu, 'Bekreftelseskode: 55 31 20')).status).toBe(201);
    const res = await request(emu, 'GET', '/_emulator/messages/wait?after=0&to=%2B4799999999&timeout=0');
    expect(res.status, res.text).toBe(200);
    expect(res.json.otp).toEqual({ code: '553120', candidates: ['553120'] });
  });

  it('gives the same warnings after a crash that leaves only the journal of a replay read before it', async () => {
    const { dir, remove } = await tempDir();
    onCleanup(remove);
    const image = await tempDir();
    onCleanup(image.remove);
    const emu = await emulatorWithData(dir);
    const long = `Din engangskode er 482913. ${'Denne meldingen er lang. '.repeat(8)}`;
    const created = await order(emu, long, 'crash-replay', '+4722334455');
    // The mismatch warning is journaled with the warnings of the analysis, but not its other fields.
    expect((await order(emu, 'another body', 'crash-replay', '+4722334455')).status).toBe(200);
    const all = ['recipient-not-mobile', 'sms-multiple-segments', 'idempotency-payload-mismatch'];
    expect(((await messageOfOrder(emu, created.json.notificationOrderId)).warnings as { code: string }[]).map((w) => w.code)).toEqual(all);

    // A crash image: the journal as it is now, no snapshot.
    await copyFile(join(dir, JOURNAL_FILE_NAME), join(image.dir, JOURNAL_FILE_NAME));
    const after = await emulatorWithData(image.dir);
    const message = await messageOfOrder(after, created.json.notificationOrderId);
    expect((message.warnings as { code: string }[]).map((w) => w.code)).toEqual(all);
    expect(message.otp).toEqual({ code: '482913', candidates: ['482913'] });
  });

  it('reads the code of a message a wait passes over only when its other filters match it, or it is listed', async () => {
    const emu = await emulator();
    for (let i = 0; i < 30; i++) expect((await order(emu, `Kode ${1000 + i}`, `pass-${i}`, `+479000${String(i).padStart(4, '0')}`)).status).toBe(201);
    const res = await request(emu, 'GET', '/_emulator/messages/wait?after=0&to=%2B4711111111&otp=true&timeout=0');
    expect(res.status).toBe(404);
    expect(res.json.nearMisses).toHaveLength(20);
    expect(res.json.nearMisses[0].reasons).toEqual(['to is +4790000000, not +4711111111']);
    expect(res.json.nearMissesOmitted).toBe(10);
    const analysed = emu.store.listMessages({}, 100).filter((m) => m.otp !== undefined);
    expect(analysed.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
