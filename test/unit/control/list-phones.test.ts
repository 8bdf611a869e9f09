import { describe, expect, it } from 'vitest';
import { listPhones } from '../../../emulator/control/list-phones.js';
import { storedMessage } from '../../support/stored-message.js';

describe('listPhones', () => {
  it('gives one phone per number, normalised to E.164, with counts by outcome', () => {
    const messages = [
      storedMessage(['004799999999'], { status: 'SMS_Accepted', createdAt: '2026-01-01T00:00:04.000Z' }),
      storedMessage(['+4799999999'], { status: 'SMS_Failed_Expired', createdAt: '2026-01-01T00:00:03.000Z' }),
      storedMessage(['+47 40 00 00 01'], { status: 'SMS_Delivered', createdAt: '2026-01-01T00:00:02.000Z' }),
      storedMessage(['99999999'], { status: 'SMS_Delivered', createdAt: '2026-01-01T00:00:01.000Z' }),
      storedMessage(['+4799999999'], { status: 'SMS_Sending', createdAt: '2026-01-01T00:00:00.000Z' }),
    ];
    expect(listPhones(messages)).toEqual([
      {
        number: '+4799999999',
        online: true,
        since: null,
        counts: { messages: 4, delivered: 1, pending: 2, failed: 1 },
        lastMessageAt: '2026-01-01T00:00:04.000Z',
      },
      {
        number: '+4740000001',
        online: true,
        since: null,
        counts: { messages: 1, delivered: 1, pending: 0, failed: 0 },
        lastMessageAt: '2026-01-01T00:00:02.000Z',
      },
    ]);
  });

  it('orders phones by their newest message, as the messages come (newest first)', () => {
    const messages = [storedMessage(['+4740000002']), storedMessage(['+4740000001']), storedMessage(['+4740000002'])];
    expect(listPhones(messages).map((p) => p.number)).toEqual(['+4740000002', '+4740000001']);
  });

  it('merges a phone state in, and lists a phone that has a state but no message yet last', () => {
    const since = '2026-01-01T00:00:05.000Z';
    const states = { '+4799999999': { online: false, since }, '+4740000009': { online: true, since } };
    const phones = listPhones([storedMessage(['+4799999999'])], states);
    expect(phones.map((p) => [p.number, p.online, p.since, p.counts.messages, p.lastMessageAt])).toEqual([
      ['+4799999999', false, since, 1, '2026-01-01T00:00:00.000Z'],
      ['+4740000009', true, since, 0, null],
    ]);
  });

  it('lists nothing when no SMS was sent', () => {
    expect(listPhones([])).toEqual([]);
  });
});
