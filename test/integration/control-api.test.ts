import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailBody, emailPath, request, smsBody, smsPath, start } from '../support/emulator.js';
import { storedMessage } from '../support/stored-message.js';
import { health, listMessages, packageVersion } from './helpers.js';

let emu: Awaited<ReturnType<typeof start>>;
beforeEach(async () => {
  emu = await start();
});
afterEach(async () => {
  await emu?.close();
});


function smsTo(phoneNumber: string, text = 'Your code is 123456') {
  return smsBody({ recipientSms: { phoneNumber, timeToLiveInSeconds: 300, smsSettings: { sender: 'Altinn', body: text } } });
}

function emailTo(emailAddress: string) {
  return emailBody({ recipientEmail: { emailAddress, emailSettings: { subject: 'Hi', body: 'Code: 1234', contentType: 'Plain' } } });
}

async function post(path: string, body: unknown) {
  const res = await request(emu, 'POST', path, body);
  expect(res.status, res.text).toBe(201);
  return res.json;
}

function expectControlProblem(res: { status: number; json: any }, status: number) {
  expect(res.status).toBe(status);
  // Product §4: control API errors are problem details with `type`, `title`, `status`, `detail`.
  expect(res.json).toMatchObject({ status, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
  expect(res.json.detail.length).toBeGreaterThan(0);
}

describe('GET /_emulator/health', () => {
  it('reports status, version, uptime, cursor and counts', async () => {
    const empty = await health(emu);
    expect(empty.status).toBe(200);
    // Product §4: `{status, version, uptimeMs, cursor, counts}`.
    expect(empty.json).toEqual({
      status: 'ok',
      version: packageVersion,
      uptimeMs: expect.any(Number),
      cursor: 0,
      counts: { messages: 0, sms: 0, email: 0 },
      // Pending long-polls and connected event-stream clients.
      waiters: 0,
      eventClients: 0,
    });
    await post(smsPath, smsBody());
    await post(smsPath, smsBody());
    await post(emailPath, emailBody());
    const after = await health(emu);
    expect(after.json.cursor).toBe(3);
    expect(after.json.counts).toEqual({ messages: 3, sms: 2, email: 1 });
  });
});

describe('GET /_emulator/messages', () => {
  it('lists newest first with the cursor', async () => {
    const first = await post(smsPath, smsBody());
    const second = await post(emailPath, emailBody());
    const res = await request(emu, 'GET', '/_emulator/messages');
    expect(res.status).toBe(200);
    expect(res.json.cursor).toBe(2);
    expect(res.json.items.map((m: any) => m.order.notificationOrderId)).toEqual([second.notificationOrderId, first.notificationOrderId]);
    expect(res.json.items.map((m: any) => m.seq)).toEqual([2, 1]);
  });

  it('filters by channel', async () => {
    await post(smsPath, smsBody());
    await post(emailPath, emailBody());
    await post(smsPath, smsBody());
    expect((await listMessages(emu, { channel: 'sms' })).map((m) => m.channel)).toEqual(['sms', 'sms']);
    expect((await listMessages(emu, { channel: 'email' })).map((m) => m.channel)).toEqual(['email']);
  });

  it('matches phone numbers normalised to E.164', async () => {
    await post(smsPath, smsTo('+4799999999', 'one'));
    await post(smsPath, smsTo('004799999999', 'two'));
    await post(smsPath, smsTo('+4740000001', 'three'));
    const matched = await listMessages(emu, { to: '0047 999 99 999' });
    expect(matched.map((m) => m.body)).toEqual(['two', 'one']);
    // Stored values stay as submitted (product §2).
    expect(matched.map((m) => m.to[0])).toEqual(['004799999999', '+4799999999']);
    expect((await listMessages(emu, { to: '+4799999999' })).map((m) => m.body)).toEqual(['two', 'one']);
    expect((await listMessages(emu, { to: '+4740000001' })).map((m) => m.body)).toEqual(['three']);
  });

  it('matches email addresses trimmed and case-insensitively', async () => {
    await post(emailPath, emailTo('User@Example.com'));
    await post(emailPath, emailTo('other@example.com'));
    const matched = await listMessages(emu, { to: ' user@EXAMPLE.com ' });
    expect(matched.map((m) => m.to[0])).toEqual(['User@Example.com']);
  });

  it('returns only messages after a cursor', async () => {
    await post(smsPath, smsBody());
    const cursor = (await health(emu)).json.cursor;
    await post(smsPath, smsBody());
    await post(emailPath, emailBody());
    const items = await listMessages(emu, { after: cursor });
    expect(items.map((m) => m.seq)).toEqual([cursor + 2, cursor + 1]);
  });

  it('limits to 50 by default and to the given limit up to 500', async () => {
    for (let i = 0; i < 51; i += 17) {
      await Promise.all(Array.from({ length: Math.min(17, 51 - i) }, () => post(smsPath, smsBody())));
    }
    expect((await health(emu)).json.cursor).toBe(51);
    expect(await listMessages(emu)).toHaveLength(50);
    expect(await listMessages(emu, { limit: 2 })).toHaveLength(2);
    expect(await listMessages(emu, { limit: 500 })).toHaveLength(51);
  });

  it('answers 400 with a problem to limit=501', async () => {
    expectControlProblem(await request(emu, 'GET', '/_emulator/messages?limit=501'), 400);
  });
});

describe('GET /_emulator/messages: paging and search', () => {
  /** Stores messages straight through the store: only their listing is under test here. */
  async function insert(count: number, make: (i: number) => Parameters<typeof storedMessage>) {
    for (let i = 1; i <= count; i++) await emu.store.insertMessage(storedMessage(...make(i)));
  }

  it('pages back through 120 messages with before and limit, each exactly once, newest first', async () => {
    await insert(120, (i) => [[i % 3 === 0 ? `user${i}@example.com` : '+4799999999'], { body: `message ${i}` }]);
    const seen: number[] = [];
    let before: number | undefined;
    const pageSizes: number[] = [];
    for (;;) {
      const page = await listMessages(emu, { limit: 50, ...(before === undefined ? {} : { before }) });
      if (page.length === 0) break;
      pageSizes.push(page.length);
      seen.push(...page.map((m) => m.seq));
      before = page[page.length - 1].seq;
    }
    expect(pageSizes).toEqual([50, 50, 20]);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 120 - i));
  });

  it('pages with before under a filter, counting only the matching messages', async () => {
    await insert(120, (i) => [[i % 3 === 0 ? `user${i}@example.com` : '+4799999999'], { body: `message ${i}` }]);
    const first = await listMessages(emu, { channel: 'email', limit: 25 });
    const second = await listMessages(emu, { channel: 'email', limit: 25, before: first[24].seq });
    expect(first.map((m) => m.seq)).toEqual(Array.from({ length: 25 }, (_, i) => 120 - 3 * i));
    expect(second.map((m) => m.seq)).toEqual(Array.from({ length: 15 }, (_, i) => 45 - 3 * i));
  });

  it('combines after and before into a window', async () => {
    await insert(10, () => [['+4799999999']]);
    expect((await listMessages(emu, { after: 3, before: 7 })).map((m) => m.seq)).toEqual([6, 5, 4]);
  });

  it('finds text with q in the subject or the body, case-insensitively', async () => {
    await post(emailPath, emailBody({ recipientEmail: { emailAddress: 'a@example.com', emailSettings: { subject: 'Velkommen til Altinn', body: 'Hei', contentType: 'Plain' } } }));
    await post(emailPath, emailBody({ recipientEmail: { emailAddress: 'b@example.com', emailSettings: { subject: 'Kvittering', body: 'Takk, og VELKOMMEN tilbake', contentType: 'Plain' } } }));
    await post(smsPath, smsTo('+4799999999', 'Engangskode: 123456'));
    expect((await listMessages(emu, { q: 'velkommen' })).map((m) => m.to[0])).toEqual(['b@example.com', 'a@example.com']);
    expect((await listMessages(emu, { q: 'ENGANGSKODE' })).map((m) => m.channel)).toEqual(['sms']);
    expect((await listMessages(emu, { q: 'kvittering' })).map((m) => m.to[0])).toEqual(['b@example.com']);
    expect(await listMessages(emu, { q: 'nowhere' })).toEqual([]);
  });

  it('filters by the current status', async () => {
    await insert(6, (i) => [['+4799999999'], { status: ['SMS_Accepted', 'SMS_Delivered', 'SMS_Failed_Expired'][i % 3] }]);
    expect((await listMessages(emu, { status: 'SMS_Accepted' })).map((m) => m.seq)).toEqual([6, 3]);
    expect((await listMessages(emu, { status: 'SMS_Failed_Expired' })).map((m) => m.seq)).toEqual([5, 2]);
    expect(await listMessages(emu, { status: 'Email_Delivered' })).toEqual([]);
  });

  it('answers 400 with a problem to a before or after that is not a non-negative integer', async () => {
    expectControlProblem(await request(emu, 'GET', '/_emulator/messages?before=abc'), 400);
    expectControlProblem(await request(emu, 'GET', '/_emulator/messages?after=-1'), 400);
    expectControlProblem(await request(emu, 'GET', '/_emulator/messages?channel=fax'), 400);
  });
});

describe('GET /_emulator/messages/{id}', () => {
  it('answers one message by id, and latest as the newest matching the filters', async () => {
    await post(smsPath, smsBody());
    const email = await post(emailPath, emailBody());
    const sms = await post(smsPath, smsBody());
    const [newest] = await listMessages(emu, { limit: 1 });
    const byId = await request(emu, 'GET', `/_emulator/messages/${newest.id}`);
    expect(byId.status).toBe(200);
    expect(byId.json).toEqual(newest);

    const latest = await request(emu, 'GET', '/_emulator/messages/latest');
    expect(latest.json.order.notificationOrderId).toBe(sms.notificationOrderId);
    const latestEmail = await request(emu, 'GET', '/_emulator/messages/latest?channel=email');
    expect(latestEmail.status).toBe(200);
    expect(latestEmail.json.order.notificationOrderId).toBe(email.notificationOrderId);
  });

  it('answers latest under every list filter: to, q, status, before', async () => {
    await emu.store.insertMessage(storedMessage(['+4799999999'], { body: 'Kode 1111', status: 'SMS_Delivered' }));
    await emu.store.insertMessage(storedMessage(['+4740000001'], { body: 'Kode 2222', status: 'SMS_Accepted' }));
    await emu.store.insertMessage(storedMessage(['+4799999999'], { body: 'Hei', status: 'SMS_Accepted' }));
    await emu.store.insertMessage(storedMessage(['user@example.com'], { body: 'Kode 3333' }));
    const latest = async (query: string) => (await request(emu, 'GET', `/_emulator/messages/latest?${query}`)).json.body;
    expect(await latest(`to=${encodeURIComponent('0047 999 99 999')}`)).toBe('Hei');
    expect(await latest('to=%2B4799999999&q=kode')).toBe('Kode 1111');
    expect(await latest('channel=sms&q=kode')).toBe('Kode 2222');
    expect(await latest('status=SMS_Accepted&q=kode')).toBe('Kode 2222');
    expect(await latest('before=3')).toBe('Kode 2222');
    expect(await latest('q=kode')).toBe('Kode 3333');
    expectControlProblem(await request(emu, 'GET', '/_emulator/messages/latest?q=kode&status=SMS_Failed_Expired'), 404);
  });

  it('answers 404 with a problem and a detail for an unknown id, and for latest when nothing matches', async () => {
    expectControlProblem(await request(emu, 'GET', '/_emulator/messages/no-such-id'), 404);
    expectControlProblem(await request(emu, 'GET', '/_emulator/messages/latest'), 404);
    expectControlProblem(await request(emu, 'GET', '/_emulator/messages/__proto__'), 404);
  });
});

describe('DELETE /_emulator/messages', () => {
  it('deletes all messages', async () => {
    await post(smsPath, smsBody());
    await post(emailPath, emailBody());
    const res = await request(emu, 'DELETE', '/_emulator/messages');
    expect(res.status).toBe(200);
    expect(res.json.deleted).toBe(2);
    expect(await listMessages(emu)).toEqual([]);
    expect((await health(emu)).json.cursor).toBe(2);
  });

  it('deletes only the messages to a recipient, matched normalised', async () => {
    await post(smsPath, smsTo('+4799999999'));
    await post(smsPath, smsTo('+4740000001'));
    await post(emailPath, emailTo('user@example.com'));
    const res = await request(emu, 'DELETE', `/_emulator/messages?to=${encodeURIComponent('0047 999 99 999')}`);
    expect(res.status).toBe(200);
    expect(res.json.deleted).toBe(1);
    expect((await listMessages(emu)).map((m) => m.to[0])).toEqual(['user@example.com', '+4740000001']);
  });

  it('deletes with every list filter, not only to and channel', async () => {
    await post(smsPath, smsBody({ recipientSms: { phoneNumber: '+4799999999', timeToLiveInSeconds: 300, smsSettings: { body: 'Kode 1111' } } }));
    await post(smsPath, smsBody({ recipientSms: { phoneNumber: '+4799999999', timeToLiveInSeconds: 300, smsSettings: { body: 'Kode 2222' } } }));
    const none = await request(emu, 'DELETE', '/_emulator/messages?q=zzz');
    expect(none.json.deleted).toBe(0);
    const one = await request(emu, 'DELETE', '/_emulator/messages?q=2222');
    expect(one.json.deleted).toBe(1);
    expect((await listMessages(emu)).map((m) => m.body)).toEqual(['Kode 1111']);
  });
});

describe('POST /_emulator/reset', () => {
  it('empties messages and idempotency while the cursor does not go back', async () => {
    const first = await post(smsPath, smsBody({ idempotencyId: 'before-reset' }));
    await post(emailPath, emailBody());
    const reset = await request(emu, 'POST', '/_emulator/reset');
    expect(reset.status).toBe(200);
    expect(await listMessages(emu)).toEqual([]);
    const h = await health(emu);
    expect(h.json.cursor).toBe(2);
    expect(h.json.counts).toEqual({ messages: 0, sms: 0, email: 0 });

    const again = await request(emu, 'POST', smsPath, smsBody({ idempotencyId: 'before-reset' }));
    expect(again.status).toBe(201);
    expect(again.json.notificationOrderId).not.toBe(first.notificationOrderId);
    const [message] = await listMessages(emu);
    expect(message.seq).toBe(3);
  });
});
