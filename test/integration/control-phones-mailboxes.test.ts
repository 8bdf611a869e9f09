import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailBody, emailPath, request, smsBody, smsPath, start } from '../support/emulator.js';
import { storedMessage } from '../support/stored-message.js';

let emu: Awaited<ReturnType<typeof start>>;
beforeEach(async () => {
  emu = await start();
});
afterEach(async () => {
  await emu?.close();
});

async function sms(phoneNumber: string) {
  const res = await request(emu, 'POST', smsPath, smsBody({ recipientSms: { phoneNumber, timeToLiveInSeconds: 300, smsSettings: { body: 'Kode 123456' } } }));
  expect(res.status, res.text).toBe(201);
}

async function email(emailAddress: string) {
  const res = await request(emu, 'POST', emailPath, emailBody({ recipientEmail: { emailAddress, emailSettings: { subject: 'Hi', body: 'Hei', contentType: 'Plain' } } }));
  expect(res.status, res.text).toBe(201);
}

describe('GET /_emulator/phones', () => {
  it('lists one phone per number after a few orders, numbers normalised, newest activity first', async () => {
    await sms('+4799999999');
    await sms('+4740000001');
    await sms('0047 999 99 999');
    await email('user@example.com');
    const res = await request(emu, 'GET', '/_emulator/phones');
    expect(res.status).toBe(200);
    expect(res.json.cursor).toBe(4);
    const [first, second] = res.json.items;
    expect(res.json.items).toHaveLength(2);
    expect(first).toMatchObject({ number: '+4799999999', online: true, counts: { messages: 2 } });
    expect(second).toMatchObject({ number: '+4740000001', online: true, counts: { messages: 1 } });
    for (const phone of res.json.items) {
      const { messages, delivered, pending, failed } = phone.counts;
      expect(delivered + pending + failed).toBe(messages);
    }
    const [newest] = (await request(emu, 'GET', '/_emulator/messages?channel=sms&limit=1')).json.items;
    expect(first.lastMessageAt).toBe(newest.createdAt);
  });

  it('counts delivered, pending and failed messages by their current status', async () => {
    for (const status of ['SMS_Delivered', 'SMS_Accepted', 'SMS_Sending', 'SMS_Failed_Expired', 'SMS_Failed_TTL', 'SMS_Delivered']) {
      await emu.store.insertMessage(storedMessage(['+4799999999'], { status }));
    }
    const [phone] = (await request(emu, 'GET', '/_emulator/phones')).json.items;
    expect(phone.counts).toEqual({ messages: 6, delivered: 2, pending: 2, failed: 2 });
  });

  it('is empty before any SMS, and again after a reset', async () => {
    expect((await request(emu, 'GET', '/_emulator/phones')).json).toEqual({ items: [], cursor: 0 });
    await sms('+4799999999');
    await request(emu, 'POST', '/_emulator/reset');
    expect((await request(emu, 'GET', '/_emulator/phones')).json.items).toEqual([]);
  });
});

describe('GET /_emulator/mailboxes', () => {
  it('lists one mailbox per address, lower-cased, with counts, newest activity first', async () => {
    await email('Kari@Example.com');
    await email('ola@example.com');
    await email('kari@example.com');
    await sms('+4799999999');
    const res = await request(emu, 'GET', '/_emulator/mailboxes');
    expect(res.status).toBe(200);
    expect(res.json.items.map((b: any) => [b.address, b.counts])).toEqual([
      ['kari@example.com', { messages: 2 }],
      ['ola@example.com', { messages: 1 }],
    ]);
    const [newest] = (await request(emu, 'GET', '/_emulator/messages?channel=email&limit=1')).json.items;
    expect(res.json.items[0].lastMessageAt).toBe(newest.createdAt);
  });

  it('counts every recipient of a mail with several', async () => {
    await emu.store.insertMessage(storedMessage(['a@example.com', 'b@example.com', 'c@example.com'], { source: 'smtp' }));
    await emu.store.insertMessage(storedMessage(['b@example.com']));
    const res = await request(emu, 'GET', '/_emulator/mailboxes');
    expect(res.json.items.map((b: any) => [b.address, b.counts.messages])).toEqual([
      ['b@example.com', 2],
      ['a@example.com', 1],
      ['c@example.com', 1],
    ]);
  });
});
