import type autocannon from 'autocannon';

let sequence = 0;
const runTag = `${process.pid.toString(36)}${Date.now().toString(36)}`;

/**
 * An autocannon request for an instant SMS order whose `idempotencyId` is fresh on every request
 * (a repeated id would be answered 200 from the idempotency store, which is not the measured path).
 * The same body goes to the baseline so that client-side work is identical.
 */
export function smsRequest(path: string, label: string): autocannon.Request {
  const head = '{"idempotencyId":"bench-' + runTag + '-' + label + '-';
  const tail =
    '","sendersReference":"bench","recipientSms":{"phoneNumber":"+4799999999","timeToLiveInSeconds":300,' +
    '"smsSettings":{"sender":"Altinn","body":"Your code is 123456"}}}';
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: head + '0' + tail,
    setupRequest: (request) => {
      request.body = head + (++sequence).toString(36) + tail;
      return request;
    },
  };
}
