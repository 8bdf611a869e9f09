import type { InstantRoute } from '../instant-request.js';

/**
 * The C# request models of contract §2, as System.Text.Json and MVC see them. Declaration order
 * matters: it is the order of names in the "missing required properties" message (§4.4).
 * Read from `Models/Orders/Instant*RequestExt.cs`, `Models/Sms/*.cs`, `Models/Email/*.cs` and
 * `Models/Recipient/InstantNotificationRecipientExt.cs` of Altinn/altinn-notifications.
 */

export type PropertyKind =
  | { readonly type: 'string' }
  | { readonly type: 'int32' }
  | { readonly type: 'emailContentType' }
  | { readonly type: 'object'; readonly schema: ObjectSchema };

export interface PropertySchema {
  /** `[JsonPropertyName]`. */
  readonly jsonName: string;
  /** The C# property name, which is what error keys are built from (contract §4.4). */
  readonly csName: string;
  readonly kind: PropertyKind;
  /**
   * The C# `required` modifier together with `[Required]`: in these models a property has both
   * or neither. A missing key fails layer 1; null (or a blank string) fails layer 2.
   */
  readonly required: boolean;
}

export interface ObjectSchema {
  /** The full CLR type name, as it appears in layer-1 messages (contract §4.4). */
  readonly clrName: string;
  readonly properties: readonly PropertySchema[];
}

/** A deserialized JSON object: C# property name to value (absent when the key was absent). */
export type JsonObjectValue = ReadonlyMap<string, DeserializedValue>;
export type DeserializedValue = string | number | null | JsonObjectValue;

export const CLR_STRING = 'System.String';
export const CLR_INT32 = 'System.Int32';
export const CLR_EMAIL_CONTENT_TYPE = 'Altinn.Notifications.Models.EmailContentTypeExt';

const text = (jsonName: string, csName: string, required: boolean): PropertySchema => ({
  jsonName,
  csName,
  kind: { type: 'string' },
  required,
});

const object = (jsonName: string, csName: string, schema: ObjectSchema): PropertySchema => ({
  jsonName,
  csName,
  kind: { type: 'object', schema },
  required: true,
});

const shortMessageContent: ObjectSchema = {
  clrName: 'Altinn.Notifications.Models.Sms.ShortMessageContentExt',
  properties: [text('sender', 'Sender', false), text('body', 'Body', true)],
};

const shortMessageDeliveryDetails: ObjectSchema = {
  clrName: 'Altinn.Notifications.Models.Sms.ShortMessageDeliveryDetailsExt',
  properties: [
    text('phoneNumber', 'PhoneNumber', true),
    { jsonName: 'timeToLiveInSeconds', csName: 'TimeToLiveInSeconds', kind: { type: 'int32' }, required: true },
    object('smsSettings', 'ShortMessageContent', shortMessageContent),
  ],
};

const instantEmailContent: ObjectSchema = {
  clrName: 'Altinn.Notifications.Models.Email.InstantEmailContentExt',
  properties: [
    text('subject', 'Subject', true),
    text('body', 'Body', true),
    text('senderEmailAddress', 'SenderEmailAddress', false),
    { jsonName: 'contentType', csName: 'ContentType', kind: { type: 'emailContentType' }, required: false },
  ],
};

const instantEmailDetails: ObjectSchema = {
  clrName: 'Altinn.Notifications.Models.Email.InstantEmailDetailsExt',
  properties: [text('emailAddress', 'EmailAddress', true), object('emailSettings', 'EmailSettings', instantEmailContent)],
};

const instantNotificationRecipient: ObjectSchema = {
  clrName: 'Altinn.Notifications.Models.Recipient.InstantNotificationRecipientExt',
  properties: [object('recipientSms', 'ShortMessageDeliveryDetails', shortMessageDeliveryDetails)],
};

const orderHead = [text('idempotencyId', 'IdempotencyId', true), text('sendersReference', 'SendersReference', false)];

const rootSchemas: Readonly<Record<InstantRoute, ObjectSchema>> = {
  sms: {
    clrName: 'Altinn.Notifications.Models.Orders.InstantSmsNotificationOrderRequestExt',
    properties: [...orderHead, object('recipientSms', 'RecipientSms', shortMessageDeliveryDetails)],
  },
  email: {
    clrName: 'Altinn.Notifications.Models.Orders.InstantEmailNotificationOrderRequestExt',
    properties: [...orderHead, object('recipientEmail', 'InstantEmailDetails', instantEmailDetails)],
  },
  deprecated: {
    clrName: 'Altinn.Notifications.Models.Orders.InstantNotificationOrderRequestExt',
    properties: [...orderHead, object('recipient', 'InstantNotificationRecipient', instantNotificationRecipient)],
  },
};

/** The body model bound on each route of contract §1. */
export function rootSchemaFor(route: InstantRoute): ObjectSchema {
  return rootSchemas[route];
}
