import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { htmlToText } from '../../emulator/analysis/html-to-text.js';
import { createMessageWaiter } from '../../emulator/control/create-message-waiter.js';
import { createMemoryPersistence } from '../../emulator/store/persistence/memory-persistence.js';
import { createStore } from '../../emulator/store/store.js';
import { applyMutation, emptyStoreState } from '../../emulator/store/store-state.js';
import { countingBus } from '../support/counting-bus.js';

// Counts the HTML-to-text conversions behind `contains` (a module mock, so this test has a file of its own).
vi.mock('../../emulator/analysis/html-to-text.js', async (original) => {
  const actual = await original<typeof import('../../emulator/analysis/html-to-text.js')>();
  return { htmlToText: vi.fn(actual.htmlToText) };
});

describe('the text a wait searches', () => {
  it('is made from a message once, however many waits look at it, and again when the message is changed', async () => {
    const { events } = countingBus();
    const store = createStore({
      persistence: createMemoryPersistence({ empty: emptyStoreState, apply: applyMutation }),
      events,
      maxMessages: 0,
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    await store.open();
    const at = '2026-01-01T00:00:00.000Z';
    const html = '<p>Din kode er <b>4321</b></p>';
    const message = await store.insertMessage({
      id: randomUUID(), channel: 'email', source: 'smtp', to: ['user@example.com'], from: null, subject: 'Hei', body: html,
      contentType: 'Html', text: null, html, createdAt: at, updatedAt: at, expiresAt: null, status: 'Email_Sending',
      statusHistory: [], order: null, otp: null, links: [], warnings: [], segments: null, encoding: null,
      altinnSegments: null, attachments: [], smtp: null, fault: null,
    });
    const waiter = createMessageWaiter({ store, events });
    const count = vi.mocked(htmlToText);
    count.mockClear();
    for (const contains of ['kode er 4321', 'din kode', 'nothing like it', 'KODE']) {
      await waiter.wait({ after: 0, contains }, { timeoutMs: 0 });
    }
    expect(count).toHaveBeenCalledTimes(2); // once to search in, once for the near-miss preview of "nothing like it"
    // A change replaces the message object, so the cache cannot serve the old text.
    const changed = '<p>Ny kode: <b>9876</b></p>';
    await store.updateMessage(message.id, { body: changed, html: changed });
    expect((await waiter.wait({ after: 0, contains: 'ny kode: 9876' }, { timeoutMs: 0 })).matched).toBe(true);
    expect(count).toHaveBeenCalledTimes(3);
  });
});
