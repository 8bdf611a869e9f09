import { describe, expect, it } from 'vitest';
import { filterKey, messageOf, parseStreamFilter } from '../../../emulator/ws/stream-filter.js';

describe('the event-stream filter', () => {
  it('reads channel and a normalised recipient, ignoring empty values', () => {
    expect(parseStreamFilter(new URLSearchParams(''))).toEqual({});
    expect(parseStreamFilter(new URLSearchParams('channel=&to=%20'))).toEqual({});
    expect(parseStreamFilter(new URLSearchParams('channel=sms&to=0047%20999%2099%20999'))).toEqual({ channel: 'sms', to: '+4799999999' });
    expect(parseStreamFilter(new URLSearchParams('to=%20User@Example.COM%20'))).toEqual({ to: 'user@example.com' });
  });

  it('words an error for a channel that does not exist', () => {
    expect(parseStreamFilter(new URLSearchParams('channel=fax'))).toEqual({ error: '"channel" must be sms or email; got "fax".' });
  });

  it('gives equal filters one key', () => {
    const a = parseStreamFilter(new URLSearchParams('to=99999999&channel=sms'));
    const b = parseStreamFilter(new URLSearchParams('channel=sms&to=%2B4799999999'));
    expect('error' in a || 'error' in b).toBe(false);
    if ('error' in a || 'error' in b) return;
    expect(filterKey(a)).toBe(filterKey(b));
    expect(filterKey({ channel: 'sms' })).not.toBe(filterKey({ to: 'sms' }));
  });

  it('finds the message an event is about, whatever the event type', () => {
    expect(messageOf({ message: { channel: 'sms', to: ['+4799999999'] } })).toEqual({ channel: 'sms', to: ['+4799999999'] });
    expect(messageOf({ ids: ['a'] })).toBeNull();
    expect(messageOf({ message: null })).toBeNull();
    expect(messageOf(null)).toBeNull();
  });
});
