import type Router from '@koa/router';
import type { Clock } from '../clock.js';
import { parseFaultRule } from '../delivery/parse-fault-rule.js';
import { controlProblem } from '../http/problems.js';
import { writeJson } from '../http/write-json.js';
import type { Store } from '../store/store.js';
import { readJsonBody } from './read-json-body.js';

export interface FaultRoutesDeps {
  store: Store;
  clock: Clock;
}

/** `GET/POST/DELETE /_emulator/faults`, `DELETE /_emulator/faults/{id}` (product §4). */
export function addFaultRoutes(router: Router, deps: FaultRoutesDeps): void {
  const { store } = deps;

  router.get('/faults', (ctx) => writeJson(ctx, 200, { items: store.faults() }));

  router.post('/faults', async (ctx) => {
    const parsed = parseFaultRule(await readJsonBody(ctx));
    if (!parsed.ok) throw controlProblem(400, 'Invalid fault rule', parsed.detail);
    writeJson(ctx, 201, await store.addFault(parsed.rule, deps.clock.now().toISOString()));
  });

  router.delete('/faults', async (ctx) => writeJson(ctx, 200, { deleted: (await store.deleteFaults(null)).length }));

  router.delete('/faults/:id', async (ctx) => {
    const deleted = await store.deleteFaults([ctx.params.id]);
    if (deleted.length === 0) throw controlProblem(404, 'No such fault rule', `There is no fault rule "${ctx.params.id}".`);
    writeJson(ctx, 200, { deleted: 1 });
  });
}
