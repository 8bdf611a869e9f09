import type { FaultEffect } from '../delivery/fault-rule.js';

/** The shapes the store keeps. Every field here is persisted; see product.md §2. */

export type Channel = 'sms' | 'email';
export type Source = 'api' | 'smtp';

export interface StatusEntry {
  status: string;
  at: string;
}

export interface Warning {
  /** Stable machine-readable code, e.g. `idempotency-payload-mismatch`. */
  code: string;
  message: string;
}

/** The Altinn order (shipment) behind an API message (contract §4.2, §7.1). */
export interface OrderInfo {
  notificationOrderId: string;
  shipmentId: string;
  idempotencyId: string;
  sendersReference: string | null;
  org: string;
  /** `Order_Processed` until the notification is final, then `Order_Completed`. */
  status: string;
  statusHistory: StatusEntry[];
  /** Which POST route created it (`sms`, `email`, `deprecated`). */
  route: string;
  /** SMS only: as submitted. */
  timeToLiveInSeconds: number | null;
}

export interface Message {
  id: string;
  seq: number;
  channel: Channel;
  source: Source;
  /** Recipients as submitted (Altinn shows the raw destination). */
  to: string[];
  from: string | null;
  subject: string | null;
  body: string;
  contentType: 'Plain' | 'Html' | null;
  text: string | null;
  html: string | null;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  status: string;
  statusHistory: StatusEntry[];
  order: OrderInfo | null;
  otp: { code: string; candidates: string[] } | null;
  links: string[];
  warnings: Warning[];
  /** SMS only: the segments a phone receives (GSM-7 or UCS-2 rules). */
  segments: number | null;
  encoding: 'GSM-7' | 'UCS-2' | null;
  /** SMS only: the figure Altinn itself stores for metrics (contract §6: URL-encoded length, 160 / 134, max 16). */
  altinnSegments: number | null;
  /** Email only; empty for API messages. */
  attachments: Attachment[];
  /** What the SMTP dialogue carried; null for API messages. */
  smtp: SmtpDetails | null;
  /**
   * The fault rule that decided this message's fate (`final-status` or `never-deliver`), kept with the message so
   * that its life cycle ends the same way after a restart; null for a normal one.
   */
  fault: { ruleId: string; effect: FaultEffect } | null;
}

/** A fake phone's switch (product §2); a phone never switched is online. */
export interface PhoneState {
  online: boolean;
  /** Emulator time of the last switch: a phone that comes online gets what waits for it from then on. */
  since: string;
}

export interface Attachment {
  filename: string | null;
  contentType: string;
  /** Bytes of the decoded content. */
  size: number;
  contentId: string | null;
  /** Base64 of the decoded content; null when it was not kept. */
  content: string | null;
}

export interface SmtpDetails {
  /** `MAIL FROM` of the envelope ('' for a null sender). */
  envelopeFrom: string;
  /** Every `RCPT TO`, in order. */
  envelopeTo: string[];
  cc: string[];
  /** Header lines as received, in order: `[name, value]`. */
  headers: [string, string][];
  messageId: string | null;
  /** The mail as received, one char per byte (latin1), so that `/raw` gives back the exact bytes. */
  raw: string;
}

/** The fields the analysis reads out of a message's content (product §5); see `StoredMessage`. */
export type AnalysisField = 'otp' | 'links' | 'segments' | 'encoding' | 'altinnSegments';

/**
 * A message as the store holds it. The analysis fields are filled in the first time the message is read out
 * (`withAnalysis`: the control API, the event stream, the long-poll), not when it is stored: they are a pure function
 * of the content, and most messages of a load test or a CI run are never read. Until then `warnings` holds only the
 * warnings of how the message came in; the analysis adds its own after them. A journal line carries what the message
 * held when it was written, so either form can come back at start.
 */
export type StoredMessage = Omit<Message, AnalysisField> & Partial<Pick<Message, AnalysisField>>;

/**
 * What a caller hands to `insertMessage`: everything but the store-assigned `seq`. The caller picks the `id`, so it
 * can start the message's life cycle before the insert's journal write has completed.
 */
export type MessageDraft = Omit<StoredMessage, 'seq'>;

/** Kept per (org, idempotencyId) so replays answer 200 even after the message is pruned (product §3). */
export interface IdempotencyRecord {
  org: string;
  idempotencyId: string;
  notificationOrderId: string;
  shipmentId: string;
  sendersReference: string | null;
  messageId: string;
  /** A digest of the normalised request, to warn on replays with another payload (product §1.3). */
  fingerprint: string;
  createdAt: string;
}

/** One entry of `GET /future/shipment/feed` (contract §7.2), written when an order completes. */
export interface FeedEntry {
  sequenceNumber: number;
  org: string;
  shipmentId: string;
  sendersReference: string | null;
  status: string;
  lastUpdate: string;
  shipmentType: string;
  recipients: { destination: string; status: string; lastUpdate: string }[];
}
