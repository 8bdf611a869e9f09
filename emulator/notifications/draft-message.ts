import { randomUUID } from 'node:crypto';
import { initialStatus, orderProcessed } from '../delivery/lifecycle.js';
import type { Message, MessageDraft, Warning } from '../store/message.js';
import type { InstantRequest, InstantRoute } from './instant-request.js';

/** Email orders have no TTL input; Altinn fixes their expiry at 48 h (contract §6). */
const emailExpiryMs = 48 * 3600 * 1000;

export interface DraftContext {
  org: string;
  route: InstantRoute;
  now: Date;
  defaultSmsSender: string;
  defaultEmailSender: string;
  warnings: Warning[];
  /** The fault rule that decides this message's fate, if one matched. */
  fault?: Message['fault'];
  newId?: () => string;
}

/** The stored message for an accepted instant order: order and shipment ids are fresh GUIDs (contract §4.2). */
export function draftMessage(request: InstantRequest, ctx: DraftContext): MessageDraft {
  const newId = ctx.newId ?? randomUUID;
  const created = ctx.now.toISOString();
  const sms = request.channel === 'sms';
  const expiresAt = new Date(ctx.now.getTime() + (sms ? request.timeToLiveInSeconds * 1000 : emailExpiryMs));
  const status = initialStatus[request.channel];
  // Null, empty or whitespace SMS sender → the configured default (contract §2.1); for email only null (§2.2).
  const from = sms
    ? request.sender?.trim() ? request.sender : ctx.defaultSmsSender
    : (request.senderEmailAddress ?? ctx.defaultEmailSender);
  const subject = sms ? null : request.subject;
  const contentType = sms ? null : request.contentType;
  const text = sms || request.contentType === 'Plain' ? request.body : null;
  const html = !sms && request.contentType === 'Html' ? request.body : null;
  return {
    id: newId(),
    channel: request.channel,
    source: 'api',
    to: [sms ? request.phoneNumber : request.emailAddress],
    from,
    subject,
    body: request.body,
    contentType,
    text,
    html,
    createdAt: created,
    updatedAt: created,
    expiresAt: expiresAt.toISOString(),
    status,
    statusHistory: [{ status, at: created }],
    order: {
      notificationOrderId: newId(),
      shipmentId: newId(),
      idempotencyId: request.idempotencyId,
      sendersReference: request.sendersReference,
      org: ctx.org,
      status: orderProcessed,
      statusHistory: [{ status: orderProcessed, at: created }],
      route: ctx.route,
      timeToLiveInSeconds: sms ? request.timeToLiveInSeconds : null,
    },
    // The code, links and segments are read out when the message is first read (`withAnalysis`), not here.
    warnings: ctx.warnings,
    attachments: [],
    smtp: null,
    fault: ctx.fault ?? null,
  };
}
