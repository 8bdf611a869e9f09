import type { Context } from 'koa';
import type { Clock } from '../clock.js';
import type { Delivery } from '../delivery/delivery.js';
import { controlProblem } from '../http/problems.js';
import { writeJson } from '../http/write-json.js';
import { recipientKey } from '../store/recipient-key.js';
import type { Store } from '../store/store.js';
import { blankPhone, listPhones } from './list-phones.js';
import { readJsonBody } from './read-json-body.js';

export interface PhoneRouteDeps {
  store: Store;
  clock: Clock;
  delivery: Delivery;
}

/**
 * `PUT /_emulator/phones/{number}` `{online}` (product §2, §4). A phone can be switched before its first SMS. Coming
 * online delivers what waits for it (unless expired); going offline keeps new SMS at `SMS_Accepted`. Answers with the
 * phone once what fell due is applied.
 */
export function phoneRoute(deps: PhoneRouteDeps) {
  return async function putPhone(ctx: Context): Promise<void> {
    const number = recipientKey(ctx.params.number ?? '');
    if (!/^\+\d{6,15}$/.test(number)) {
      throw controlProblem(400, 'Invalid phone number', `"${ctx.params.number}" is not a phone number (E.164 such as +4799999999, or 8 Norwegian digits).`);
    }
    const body = await readJsonBody(ctx);
    const online = (body as { online?: unknown } | null)?.online;
    const keys = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : null;
    if (keys === null || typeof online !== 'boolean' || keys.length !== 1) {
      throw controlProblem(400, 'Invalid phone state', 'The body must be {"online": true} or {"online": false}.');
    }
    // Only a switch counts: the same state again keeps `since` (a phone already online does not start its pending
    // deliveries' countdown anew), and a phone never switched is online already.
    const phones = deps.store.phones();
    const current = Object.hasOwn(phones, number) ? phones[number].online : true;
    if (current !== online) {
      await deps.store.setPhone(number, { online, since: deps.clock.now().toISOString() });
      await deps.delivery.phoneChanged(number);
      await deps.store.settled();
    }
    const listed = listPhones(deps.store.listMessages({ channel: 'sms', to: number }, Number.MAX_SAFE_INTEGER), deps.store.phones());
    writeJson(ctx, 200, listed.find((phone) => phone.number === number) ?? blankPhone(number));
  };
}
