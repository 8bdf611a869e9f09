import { describe, expect, it } from 'vitest';
import { listMailboxes } from '../../../emulator/control/list-mailboxes.js';
import { storedMessage } from '../../support/stored-message.js';

describe('listMailboxes', () => {
  it('gives one mailbox per recipient address, trimmed and lower-cased, newest activity first', () => {
    const messages = [
      storedMessage(['Kari@Example.com'], { createdAt: '2026-01-01T00:00:03.000Z' }),
      storedMessage(['ola@example.com', ' kari@example.com '], { createdAt: '2026-01-01T00:00:02.000Z' }),
      storedMessage(['ola@example.com'], { createdAt: '2026-01-01T00:00:01.000Z' }),
    ];
    expect(listMailboxes(messages)).toEqual([
      { address: 'kari@example.com', counts: { messages: 2 }, lastMessageAt: '2026-01-01T00:00:03.000Z' },
      { address: 'ola@example.com', counts: { messages: 2 }, lastMessageAt: '2026-01-01T00:00:02.000Z' },
    ]);
  });

  it('counts a message once for an address it names twice', () => {
    const boxes = listMailboxes([storedMessage(['a@example.com', 'A@example.com'])]);
    expect(boxes.map((b) => [b.address, b.counts.messages])).toEqual([['a@example.com', 1]]);
  });
});
