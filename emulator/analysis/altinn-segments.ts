import { dotnetUrlEncodedLength } from './dotnet-url-encoded-length.js';

const singleMessageLength = 160;
const concatenatedMessageLength = 134;
const maxMessages = 16;

/**
 * The segment figure Altinn stores with an instant SMS (for metrics; it is never returned), contract §6: the length
 * of the URL-encoded body; up to 160 → 1, else ceil(length / 134), at most 16.
 *
 * Which URL encoding: `InstantOrderRequestService.CalculateNumberOfMessages` (Altinn.Notifications.Core, Services)
 * calls `HttpUtility.UrlEncode(message)` from `System.Web`, so we reproduce that encoder's length exactly (see
 * `dotnetUrlEncodedLength`): a space counts 1 (`+`), `æøå` 6 each, `,:?` 3 each. This is why Altinn's figure is
 * usually higher than the phone's own segment count.
 */
export function altinnSegments(body: string): number {
  return altinnSegmentsOfLength(dotnetUrlEncodedLength(body));
}

/** altinnSegments from the URL-encoded length, for a caller that has measured it already (see scanSmsBody). */
export function altinnSegmentsOfLength(length: number): number {
  if (length <= singleMessageLength) return 1;
  return Math.min(maxMessages, Math.ceil(length / concatenatedMessageLength));
}
