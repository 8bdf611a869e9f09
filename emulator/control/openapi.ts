import { defaultLimit, maxLimit } from './message-query.js';
import { defaultWaitTimeoutMs, maxWaitTimeoutMs } from './wait-route.js';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const problem = (description: string) => ({ description, ...json(ref('Problem')) });
const nullable = (type: string, extra: object = {}) => ({ type: [type, 'null'], ...extra });
const stringArray = { type: 'array', items: { type: 'string' } };

const listFilters = ['channel', 'to', 'after', 'before', 'q', 'status'].map(param);
const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'A message id, or `latest`: the newest message matching the list filters given in the query.',
  schema: { type: 'string' },
};
const byId = { parameters: [idParameter, ...listFilters] };
const notFound = problem('No message has this id, or (for `latest`) none matches the filters.');
const badQuery = problem('A query parameter is invalid.');

const websocket = {
  path: '/_emulator/events',
  description:
    'WebSocket (OpenAPI cannot describe one). The first frame is `{type:"hello", cursor}`, then one JSON frame per ' +
    'event: `message.created`, `message.updated`, `messages.deleted`, `phone.changed`, `clock.changed`, ' +
    '`faults.changed`, each `{type, data, cursor}`; a message in `data` leaves out `smtp.raw` and attachment `content`. Optional query filters `channel` and `to`. A doorbell: after a ' +
    'reconnect, read `GET /_emulator/messages?after=<last cursor>`. A foreign `Origin` is refused.',
};

/**
 * The OpenAPI 3.1 document of the control API (product §4). A test compares its paths with the routes the control
 * router registers, so a route added without its description fails the build.
 */
export function controlOpenApi(version: string): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Altinn Notifications emulator: control API',
      version,
      description:
        "The emulator's own routes under `/_emulator`, for tests and tools: read what was sent, wait for it, and reset. " +
        `Errors are RFC 9457 problem details. Event stream: \`GET ${websocket.path}\` (WebSocket; see \`x-websockets\`).`,
    },
    'x-websockets': { [websocket.path]: { description: websocket.description, parameters: [param('channel'), param('to')] } },
    paths: {
      '/_emulator/health': {
        get: {
          operationId: 'getHealth',
          summary: 'Readiness probe: version, uptime, cursor and counts',
          responses: { 200: { description: 'The emulator is up.', ...json(ref('Health')) } },
        },
      },
      '/_emulator/messages': {
        get: {
          operationId: 'listMessages',
          summary: 'Messages, newest first',
          parameters: [...listFilters, param('limit')],
          responses: { 200: { description: 'The matching messages and the current cursor. Items leave out `smtp.raw` and attachment `content` (read the message by id for them).', ...json(ref('MessageList')) }, 400: badQuery },
        },
        delete: {
          operationId: 'deleteMessages',
          summary: 'Delete all messages, or those matching the filters',
          parameters: listFilters,
          responses: {
            200: {
              description: 'How many were deleted.',
              ...json({ type: 'object', required: ['deleted', 'cursor'], properties: { deleted: { type: 'integer' }, cursor: { type: 'integer' } } }),
            },
            400: badQuery,
          },
        },
      },
      '/_emulator/messages/wait': {
        get: {
          operationId: 'waitForMessage',
          summary: 'Long-poll for the first message after a cursor that matches',
          description:
            'Answers at once if a matching message with `seq > after` exists, else when one arrives, else after ' +
            '`timeout` with 404 and `nearMisses`: what did arrive in the window and why it did not match.',
          parameters: [
            { ...param('after'), description: 'A cursor: only messages with a greater `seq`. Default: the cursor when the request arrives.' },
            param('channel'),
            param('to'),
            { name: 'contains', in: 'query', description: 'Text the subject or body must contain (case-insensitive).', schema: { type: 'string' } },
            { name: 'otp', in: 'query', description: '`true`: only a message with a one-time code.', schema: { type: 'boolean' } },
            {
              name: 'timeout',
              in: 'query',
              description: `How long to wait: milliseconds, or with a unit (\`500ms\`, \`10s\`, \`2m\`). Default ${defaultWaitTimeoutMs / 1000} s, at most ${maxWaitTimeoutMs / 1000} s; 0 looks once.`,
              schema: { type: 'string' },
            },
          ],
          responses: {
            200: { description: 'The first matching message.', ...json(ref('Message')) },
            400: badQuery,
            404: { description: 'Nothing matched within the timeout.', ...json(ref('WaitTimeout')) },
          },
        },
      },
      '/_emulator/messages/{id}': {
        ...byId,
        get: {
          operationId: 'getMessage',
          summary: 'One message',
          responses: { 200: { description: 'The message.', ...json(ref('Message')) }, 400: badQuery, 404: notFound },
        },
      },
      '/_emulator/messages/{id}/raw': {
        ...byId,
        get: {
          operationId: 'getMessageRaw',
          summary: 'The source of a message',
          description:
            'Email received over SMTP: the bytes as received. API email: an RFC 822 rendition (quoted-printable UTF-8 ' +
            'body, `X-Altinn-*` headers). SMS: a header block (From, To, Date), a blank line and the body. Served as ' +
            '`text/plain`; with `download=1` as an attachment (`message/rfc822` `.eml` for email).',
          parameters: [{ name: 'download', in: 'query', description: '`1`: answer as a file to save.', schema: { type: 'string', enum: ['1', 'true'] } }],
          responses: {
            200: {
              description: 'The source.',
              content: { 'text/plain': { schema: { type: 'string' } }, 'message/rfc822': { schema: { type: 'string' } } },
            },
            400: badQuery,
            404: notFound,
          },
        },
      },
      '/_emulator/messages/{id}/html': {
        ...byId,
        get: {
          operationId: 'getMessageHtml',
          summary: "An email's HTML body alone, for a sandboxed iframe",
          description:
            "Served with `Content-Security-Policy: sandbox; default-src 'none'; img-src data: cid:; style-src " +
            "'unsafe-inline'`. `cid:` images are rewritten to `data:` URIs from the message's attachments. Messages " +
            'without an HTML body (SMS, plain-text email) are 404.',
          responses: {
            200: { description: 'The HTML.', content: { 'text/html': { schema: { type: 'string' } } } },
            400: badQuery,
            404: problem('No such message, or it has no HTML body.'),
          },
        },
      },
      '/_emulator/reset': {
        post: {
          operationId: 'reset',
          summary: 'Everything back to empty (messages, orders, idempotency, phones, faults, clock); the cursor does not go back',
          responses: {
            200: {
              description: 'Reset.',
              ...json({ type: 'object', required: ['status', 'cursor'], properties: { status: { const: 'reset' }, cursor: { type: 'integer' } } }),
            },
          },
        },
      },
      '/_emulator/phones': {
        get: {
          operationId: 'listPhones',
          summary: 'One fake phone per number an SMS was sent to, newest activity first',
          responses: { 200: { description: 'The phones.', ...json(list('Phone')) } },
        },
      },
      '/_emulator/phones/{number}': {
        put: {
          operationId: 'setPhone',
          summary: 'Switch a fake phone on or off (also before its first SMS)',
          description:
            'Offline: new SMS stay `SMS_Accepted`. Online again before their `expiresAt`: they are delivered. At `expiresAt` ' +
            'the operator reports `SMS_Failed_Expired` (or, with `--operator-expiry-reports false`, the sweep sets `SMS_Failed_TTL`).',
          parameters: [{ name: 'number', in: 'path', required: true, description: 'E.164, or 8 Norwegian digits.', schema: { type: 'string' } }],
          requestBody: { required: true, ...json({ type: 'object', required: ['online'], properties: { online: { type: 'boolean' } } }) },
          responses: { 200: { description: 'The phone, after what fell due was applied.', ...json(ref('Phone')) }, 400: problem('Not a phone number, or not `{online}`.') },
        },
      },
      '/_emulator/clock': {
        get: { operationId: 'getClock', summary: 'The emulator clock', responses: { 200: { description: 'The clock.', ...json(ref('Clock')) } } },
        post: {
          operationId: 'changeClock',
          summary: 'Advance, set, freeze or reset the emulator clock; every transition that falls due fires, in order',
          requestBody: { required: true, ...json(ref('ClockChange')) },
          responses: { 200: { description: 'The clock, once what fell due is applied and written.', ...json(ref('Clock')) }, 400: problem('Not one valid change.') },
        },
      },
      '/_emulator/faults': {
        get: {
          operationId: 'listFaults',
          summary: 'Fault rules, oldest first',
          responses: { 200: { description: 'The rules.', ...json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('FaultRule') } } }) } },
        },
        post: {
          operationId: 'addFault',
          summary: 'Add a fault rule',
          description: 'Rules are checked oldest first; per order at most one latency, one gateway and one fate (final-status or never-deliver) rule fires.',
          requestBody: { required: true, ...json(ref('FaultRuleInput')) },
          responses: { 201: { description: 'The rule with its id.', ...json(ref('FaultRule')) }, 400: problem('Not a valid rule.') },
        },
        delete: {
          operationId: 'deleteFaults',
          summary: 'Remove every fault rule',
          responses: { 200: { description: 'How many went.', ...json({ type: 'object', required: ['deleted'], properties: { deleted: { type: 'integer' } } }) } },
        },
      },
      '/_emulator/faults/{id}': {
        delete: {
          operationId: 'deleteFault',
          summary: 'Remove one fault rule',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'Removed.', ...json({ type: 'object', required: ['deleted'], properties: { deleted: { const: 1 } } }) }, 404: problem('No such rule.') },
        },
      },
      '/_emulator/mailboxes': {
        get: {
          operationId: 'listMailboxes',
          summary: 'One fake mailbox per address an email was sent to, newest activity first',
          responses: { 200: { description: 'The mailboxes.', ...json(list('Mailbox')) } },
        },
      },
      '/_emulator/events': {
        get: {
          operationId: 'events',
          summary: 'The event stream: a WebSocket (see `x-websockets`)',
          responses: {
            101: { description: 'Switching Protocols: the WebSocket (see `x-websockets`).' },
            426: problem('Not a WebSocket upgrade: connect with a WebSocket client.'),
          },
        },
      },
      '/_emulator/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          responses: { 200: { description: 'OpenAPI 3.1.', ...json({ type: 'object' }) } },
        },
      },
    },
    components: { parameters: parameters(), schemas: schemas() },
  };
}

function list(item: string) {
  return { type: 'object', required: ['items', 'cursor'], properties: { items: { type: 'array', items: ref(item) }, cursor: { type: 'integer' } } };
}

function parameters() {
  const query = (name: string, description: string, schema: object) => ({ name, in: 'query', description, schema });
  return {
    channel: query('channel', 'Only this channel.', { type: 'string', enum: ['sms', 'email'] }),
    to: query('to', 'A recipient, matched normalised: phone numbers as E.164 (`0047 999 99 999` = `+4799999999`), email addresses trimmed and case-insensitive.', { type: 'string' }),
    after: query('after', 'A cursor: only messages with a greater `seq`.', { type: 'integer', minimum: 0 }),
    before: query('before', 'Only messages with a lower `seq` (paging back: pass the last `seq` of a page).', { type: 'integer', minimum: 0 }),
    q: query('q', 'Text in the subject or body (case-insensitive).', { type: 'string' }),
    status: query('status', 'Only messages whose current status is this, e.g. `SMS_Delivered`.', { type: 'string' }),
    limit: query('limit', 'Page size.', { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit }),
  };
}

function schemas() {
  const statusEntry = { type: 'object', required: ['status', 'at'], properties: { status: { type: 'string' }, at: { type: 'string', format: 'date-time' } } };
  return {
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details.',
      required: ['type', 'title', 'status', 'detail'],
      properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
    },
    WaitTimeout: {
      allOf: [
        ref('Problem'),
        {
          type: 'object',
          required: ['after', 'cursor', 'nearMisses', 'nearMissesOmitted'],
          properties: {
            after: { type: 'integer' },
            cursor: { type: 'integer' },
            nearMisses: { type: 'array', description: 'Messages that arrived after the cursor, each with why it did not match.', items: ref('NearMiss') },
            nearMissesOmitted: { type: 'integer', description: 'Near misses left out of the list.' },
          },
        },
      ],
    },
    Health: {
      type: 'object',
      required: ['status', 'version', 'uptimeMs', 'cursor', 'counts'],
      properties: {
        status: { const: 'ok' },
        version: { type: 'string' },
        uptimeMs: { type: 'integer' },
        cursor: { type: 'integer', description: 'The last `seq` handed out.' },
        counts: {
          type: 'object',
          required: ['messages', 'sms', 'email'],
          properties: { messages: { type: 'integer' }, sms: { type: 'integer' }, email: { type: 'integer' } },
        },
        waiters: { type: 'integer', description: 'Pending `messages/wait` requests.' },
        eventClients: { type: 'integer', description: 'Connected event-stream clients.' },
      },
    },
    NearMiss: {
      type: 'object',
      required: ['id', 'seq', 'channel', 'to', 'subject', 'preview', 'reasons'],
      properties: {
        id: { type: 'string' },
        seq: { type: 'integer' },
        channel: { type: 'string', enum: ['sms', 'email'] },
        to: stringArray,
        subject: nullable('string'),
        preview: { type: 'string' },
        reasons: { ...stringArray, description: 'One per filter it failed.' },
      },
    },
    MessageList: list('Message'),
    Phone: {
      type: 'object',
      required: ['number', 'online', 'since', 'counts', 'lastMessageAt'],
      properties: {
        number: { type: 'string', description: 'E.164.' },
        online: { type: 'boolean' },
        since: nullable('string', { format: 'date-time', description: 'When it was last switched (emulator time); null if never.' }),
        counts: {
          type: 'object',
          required: ['messages', 'delivered', 'pending', 'failed'],
          properties: { messages: { type: 'integer' }, delivered: { type: 'integer' }, pending: { type: 'integer' }, failed: { type: 'integer' } },
        },
        lastMessageAt: nullable('string', { format: 'date-time' }),
      },
    },
    Clock: {
      type: 'object',
      required: ['now', 'offsetMs', 'frozen'],
      properties: {
        now: { type: 'string', format: 'date-time', description: 'The emulator time.' },
        offsetMs: { type: 'integer', description: 'Emulator time minus real time.' },
        frozen: { type: 'boolean' },
      },
    },
    ClockChange: {
      description: 'Exactly one field.',
      oneOf: [
        { type: 'object', required: ['advance'], properties: { advance: { type: ['string', 'integer'], description: 'A duration: `"90s"`, `"5m"`, `"2h"`, `"1d"`, or milliseconds.' } } },
        { type: 'object', required: ['set'], properties: { set: { type: 'string', format: 'date-time', description: 'Not before now: the clock does not go back (use reset).' } } },
        { type: 'object', required: ['freeze'], properties: { freeze: { type: 'boolean' } } },
        { type: 'object', required: ['reset'], properties: { reset: { const: true, description: 'Back to real time, not frozen.' } } },
      ],
    },
    FaultRuleInput: {
      type: 'object',
      required: ['effect'],
      properties: {
        match: {
          type: 'object',
          description: 'Which API orders it applies to; an absent field matches all. SMTP mail is never affected.',
          properties: {
            channel: { type: 'string', enum: ['sms', 'email'] },
            to: { type: 'string', description: 'Matched normalised, like the `to` filter.' },
            idempotencyId: { type: 'string', description: 'Exact.' },
          },
        },
        effect: {
          description:
            '`gateway-unavailable`: 503 NOT-00004 and nothing stored. `latency`: the POST answers `ms` later (emulator clock). ' +
            "`final-status`: the notification ends in this failure status (one of Altinn's `SMS_Failed*` / `Email_Failed*`). " +
            '`never-deliver`: it stays pending until it expires (SMS) or the TTL sweep takes it (email).',
          oneOf: [
            { type: 'string', enum: ['gateway-unavailable', 'never-deliver'] },
            { type: 'object', required: ['type'], properties: { type: { enum: ['gateway-unavailable', 'never-deliver'] } } },
            { type: 'object', required: ['type', 'ms'], properties: { type: { const: 'latency' }, ms: { type: ['integer', 'string'] } } },
            { type: 'object', required: ['type', 'status'], properties: { type: { const: 'final-status' }, status: { type: 'string' } } },
          ],
        },
        times: { type: ['integer', 'null'], minimum: 1, description: 'How many orders it may affect; absent or null = unlimited.' },
      },
    },
    FaultRule: {
      type: 'object',
      required: ['id', 'match', 'effect', 'times', 'remaining', 'hits', 'createdAt'],
      properties: {
        id: { type: 'string' },
        match: { type: 'object' },
        effect: { type: 'object', description: 'Normalised: always an object with `type`; latency `ms` as a number.' },
        times: nullable('integer'),
        remaining: nullable('integer', { description: 'Uses left; the rule is removed when it reaches 0.' }),
        hits: { type: 'integer' },
        createdAt: { type: 'string', format: 'date-time' },
      },
    },
    Mailbox: {
      type: 'object',
      required: ['address', 'counts', 'lastMessageAt'],
      properties: {
        address: { type: 'string', description: 'Trimmed and lower-cased.' },
        counts: { type: 'object', required: ['messages'], properties: { messages: { type: 'integer' } } },
        lastMessageAt: { type: 'string', format: 'date-time' },
      },
    },
    Message: {
      type: 'object',
      required: ['id', 'seq', 'channel', 'source', 'to', 'body', 'createdAt', 'status', 'statusHistory'],
      properties: {
        id: { type: 'string' },
        seq: { type: 'integer', description: 'Strictly increasing across all messages; survives restarts.' },
        channel: { type: 'string', enum: ['sms', 'email'] },
        source: { type: 'string', enum: ['api', 'smtp'] },
        to: { ...stringArray, description: 'Recipients as submitted.' },
        from: nullable('string'),
        subject: nullable('string'),
        body: { type: 'string', description: 'As submitted.' },
        contentType: { type: ['string', 'null'], enum: ['Plain', 'Html', null] },
        text: nullable('string'),
        html: nullable('string'),
        createdAt: { type: 'string', format: 'date-time' },
        updatedAt: { type: 'string', format: 'date-time' },
        expiresAt: nullable('string', { format: 'date-time' }),
        status: { type: 'string', description: "Altinn's status name, e.g. `SMS_Delivered`." },
        statusHistory: { type: 'array', items: statusEntry },
        order: {
          type: ['object', 'null'],
          description: 'The Altinn order behind an API message.',
          properties: {
            notificationOrderId: { type: 'string' },
            shipmentId: { type: 'string' },
            idempotencyId: { type: 'string' },
            sendersReference: nullable('string'),
            org: { type: 'string' },
            status: { type: 'string' },
            statusHistory: { type: 'array', items: statusEntry },
            route: { type: 'string' },
            timeToLiveInSeconds: nullable('integer'),
          },
        },
        otp: {
          type: ['object', 'null'],
          properties: { code: { type: 'string' }, candidates: stringArray },
        },
        links: stringArray,
        warnings: {
          type: 'array',
          items: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
        },
        segments: nullable('integer'),
        encoding: { type: ['string', 'null'], enum: ['GSM-7', 'UCS-2', null] },
        altinnSegments: nullable('integer'),
        attachments: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              filename: nullable('string'),
              contentType: { type: 'string' },
              size: { type: 'integer' },
              contentId: nullable('string'),
              content: nullable('string', { contentEncoding: 'base64' }),
            },
          },
        },
        smtp: {
          type: ['object', 'null'],
          description: 'What the SMTP dialogue carried.',
          properties: {
            envelopeFrom: { type: 'string' },
            envelopeTo: stringArray,
            cc: stringArray,
            headers: { type: 'array', items: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'string' }], minItems: 2, maxItems: 2 } },
            messageId: nullable('string'),
            raw: { type: 'string', description: 'The mail as received, one character per byte (latin1).' },
          },
        },
      },
    },
  };
}
