import type { BenchResults, LoadSummary } from './bench-results.js';
import { formatTable } from './format-table.js';
import { storedMessages } from './stored-messages.js';

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '-');
const x = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) + 'x' : 'n/a');

function loadRow(label: string, load: LoadSummary, stored: string): string[] {
  return [
    label,
    int(load.reqPerSec),
    ms(load.p50),
    ms(load.p99),
    ms(load.max),
    int(load.requests),
    String(load.non2xx),
    String(load.errors + load.timeouts),
    stored,
  ];
}

/** The human-readable report printed at the end of `npm run bench`. */
export function formatReport(results: BenchResults): string {
  const s = results.settings;
  const out: string[] = [];
  out.push(
    `Throughput and latency: ${s.connections} connections, ${s.seconds} s measured after a ${s.warmupSeconds} s warm-up, ` +
      `127.0.0.1, client (autocannon) in the bench process`,
    '',
  );
  const rows: string[][] = [
    ['run', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'non-2xx', 'errors', 'stored start -> end'],
    loadRow('bare Koa (before)', results.baseline.before, ''),
    loadRow('bare Koa (after)', results.baseline.after, ''),
    loadRow('bare Koa = baseline', results.baseline.combined, ''),
  ];
  for (const run of results.emulator) {
    const before = storedMessages(run.countsBefore);
    const after = storedMessages(run.countsAfter);
    rows.push(
      loadRow(`emulator @${run.stored}`, run.load, `${before ?? '?'} -> ${after ?? '?'}${run.resetOk ? '' : ' (no reset)'}`),
    );
  }
  out.push(formatTable(rows), '');

  const st = results.startup;
  out.push(
    `Start-up to healthy (spawn -> first 200 on the health path), median of ${st.emulatorMs.length}`,
    '',
    formatTable([
      ['server', 'median ms', 'samples ms'],
      ['emulator', int(st.emulatorMedianMs), st.emulatorMs.map((v) => Math.round(v)).join(' ')],
      ['bare Koa', int(st.bareKoaMedianMs), st.bareKoaMs.map((v) => Math.round(v)).join(' ')],
    ]),
    '',
  );

  out.push('Bars (product.md §11)', '');
  out.push(
    formatTable([
      ['bar', 'measured', 'limit', 'verdict'],
      ...results.bars.map((b) => [
        `${b.name}  [${b.formula}]`,
        b.kind === 'min' && b.limit < 1 && Number.isFinite(b.value) ? `${(b.value * 100).toFixed(1)}%` : x(b.value),
        (b.kind === 'min' ? '>= ' : '<= ') + (b.kind === 'min' && b.limit < 1 ? `${b.limit * 100}%` : `${b.limit}x`),
        b.verdict,
      ]),
    ]),
    '',
  );
  out.push('Checks', '');
  for (const check of results.checks) out.push(`  ${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  const failed = results.bars.filter((b) => b.verdict !== 'PASS');
  const failedChecks = results.checks.filter((c) => !c.pass);
  out.push(
    '',
    failed.length === 0 && failedChecks.length === 0
      ? `ALL ${results.bars.length} BARS PASS`
      : `${results.bars.length - failed.length} of ${results.bars.length} bars pass; ` +
          `NOT PASSING: ${[...failed.map((b) => `${b.name} (${b.verdict})`), ...failedChecks.map((c) => c.name)].join('; ')}`,
    `Total ${results.totalSeconds.toFixed(1)} s.`,
  );
  return out.join('\n');
}
