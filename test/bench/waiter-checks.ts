import type { BenchResults } from './bench-results.js';
import type { WaiterResults } from './measure-waiters.js';

/** Every 201 must have reached its waiter, else the latency figures leave out the worst cases. */
export function waiterChecks(waiters: WaiterResults): BenchResults['checks'] {
  const ws = waiters.websocket;
  const checks: BenchResults['checks'] = [
    {
      name: 'websocket: every 201 had its message.created frame',
      pass: !('error' in ws) && ws.matched === ws.messages,
      detail: 'error' in ws
        ? ws.error
        : `${ws.matched}/${ws.messages} matched, ${ws.missing} missing, ${ws.non201} POSTs not 201` +
          (ws.firstFailure ? ` (first: ${ws.firstFailure})` : ''),
    },
  ];
  const wait = waiters.wait;
  // Without the long-poll route there is nothing to check (the report says why).
  if ('error' in wait) {
    checks.push({ name: 'long-poll: every wait answered 200 with its message', pass: false, detail: wait.error });
  } else if (wait.available) {
    checks.push({
      name: 'long-poll: every wait answered 200 with its message',
      pass: wait.matched === wait.messages,
      detail: `${wait.matched}/${wait.messages} matched, ${wait.failed} failed, ${wait.non201} POSTs not 201` +
        (wait.firstFailure ? ` (first: ${wait.firstFailure})` : ''),
    });
  }
  return checks;
}
