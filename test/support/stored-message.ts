import { randomUUID } from 'node:crypto';
import type { Message, MessageDraft } from '../../emulator/store/message.js';

/** A stored message for pure-function tests; `seq` and everything else can be overridden. */
export function storedMessage(to: string[], overrides: Partial<Message> = {}): Message {
  const at = '2026-01-01T00:00:00.000Z';
  const sms = !to[0]?.includes('@');
  return {
    id: randomUUID(),
    seq: 1,
    channel: sms ? 'sms' : 'email',
    source: 'api',
    to,
    from: sms ? 'Altinn' : 'noreply@altinn.cloud',
    subject: sms ? null : 'Subject',
    body: 'Your code is 123456',
    contentType: sms ? null : 'Plain',
    text: 'Your code is 123456',
    html: null,
    createdAt: at,
    updatedAt: at,
    expiresAt: null,
    status: sms ? 'SMS_Delivered' : 'Email_Delivered',
    statusHistory: [],
    order: null,
    otp: null,
    links: [],
    warnings: [],
    segments: null,
    encoding: null,
    altinnSegments: null,
    attachments: [],
    smtp: null,
    fault: null,
    ...overrides,
  };
}

/** A new message as a test hands it to `store.insertMessage`: just sent (`*_Sending`), no order. */
export function messageDraft(to: string, overrides: Partial<MessageDraft> = {}): MessageDraft {
  const { seq: _seq, ...message } = storedMessage([to]);
  const status = message.channel === 'sms' ? 'SMS_Sending' : 'Email_Sending';
  return { ...message, status, statusHistory: [{ status, at: message.createdAt }], ...overrides };
}
