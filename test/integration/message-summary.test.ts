import nodemailer from 'nodemailer';
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { request, start } from '../support/emulator.js';

let emu: Awaited<ReturnType<typeof start>>;
afterEach(() => emu?.close());

it('leaves the raw source and attachment contents out of lists and events, and keeps them on the message', async () => {
  emu = await start();
  const ws = new WebSocket(`${emu.url.replace('http', 'ws')}/_emulator/events`);
  const frames: any[] = [];
  const created = new Promise<any>((done) =>
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      frames.push(frame);
      if (frame.type === 'message.created') done(frame);
    }),
  );
  await new Promise((done) => ws.once('open', done));
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: emu.smtpPort, ignoreTLS: true });
  await transport.sendMail({
    from: 'app@example.com',
    to: 'kari@example.com',
    subject: 'Report',
    text: 'See the attachment.',
    attachments: [{ filename: 'report.txt', content: 'x'.repeat(10_000) }],
  });
  transport.close();

  const frame = await created;
  ws.close();
  expect(frame.data.message.smtp.envelopeTo).toEqual(['kari@example.com']);
  expect(frame.data.message.smtp).not.toHaveProperty('raw');
  expect(frame.data.message.attachments[0]).toMatchObject({ filename: 'report.txt', size: 10_000 });
  expect(frame.data.message.attachments[0]).not.toHaveProperty('content');

  const list = await request(emu, 'GET', '/_emulator/messages');
  const item = list.json.items[0];
  expect(item.smtp).not.toHaveProperty('raw');
  expect(item.attachments[0]).not.toHaveProperty('content');

  const whole = await request(emu, 'GET', `/_emulator/messages/${item.id}`);
  expect(whole.json.smtp.raw).toContain('Subject: Report');
  expect(Buffer.from(whole.json.attachments[0].content, 'base64').toString()).toBe('x'.repeat(10_000));
});
