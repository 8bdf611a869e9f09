import type { Channel } from '../store/message.js';
import { recipientKey } from '../store/recipient-key.js';

/** What one websocket client asked to hear about (`?channel=&to=`); `to` is normalised (`recipientKey`). */
export interface StreamFilter {
  channel?: Channel;
  to?: string;
}

/** Reads the filter from the upgrade URL's query; a bad `channel` is an error text for a 400. */
export function parseStreamFilter(params: URLSearchParams): StreamFilter | { error: string } {
  const filter: StreamFilter = {};
  const channel = params.get('channel');
  if (channel !== null && channel !== '') {
    if (channel !== 'sms' && channel !== 'email') return { error: `"channel" must be sms or email; got "${channel}".` };
    filter.channel = channel;
  }
  const to = params.get('to');
  if (to !== null && to.trim() !== '') filter.to = recipientKey(to);
  return filter;
}

/** Clients with equal filters share one group (one check and one serialisation per event). */
export function filterKey(filter: StreamFilter): string {
  return `${filter.channel ?? ''}\n${filter.to ?? ''}`;
}

/** The message an event is about, if any: filters apply to such events only, every other type always passes. */
export function messageOf(data: unknown): { channel: string; to: string[] } | null {
  const message = (data as { message?: { channel?: unknown; to?: unknown } } | null)?.message;
  if (!message || typeof message.channel !== 'string' || !Array.isArray(message.to)) return null;
  return message as { channel: string; to: string[] };
}
