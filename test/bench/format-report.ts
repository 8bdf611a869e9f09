import type { BenchResults, LoadSummary } from './bench-results.js';
import type { Bar } from './evaluate-bars.js';
import { formatTable } from './format-table.js';
import type { LatencySummary } from './latency-summary.js';
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

function barValue(b: Bar): string {
  if (b.unit === 'ms') return Number.isFinite(b.value) ? `${b.value.toFixed(2)} ms` : 'n/a';
  return b.kind === 'min' && b.limit < 1 && Number.isFinite(b.value) ? `${(b.value * 100).toFixed(1)}%` : x(b.value);
}

function barLimit(b: Bar): string {
  if (b.unit === 'ms') return `${b.limit} ms`;
  return b.kind === 'min' && b.limit < 1 ? `${b.limit * 100}%` : `${b.limit}x`;
}

function latencyRow(label: string, l: LatencySummary): string[] {
  return [label, ms(l.p50), ms(l.p90), ms(l.p99), ms(l.max), int(l.samples)];
}

/** The human-readable report printed at the end of `npm run bench`. */
export function formatReport(results: BenchResults): string {
  const out: string[] = [];
  if (results.baseline) out.push(...httpSection(results, results.baseline));
  else out.push('HTTP: skipped (BENCH_SKIP_HTTP=1)', '');
  if (results.smtp) out.push(...smtpSection(results));
  else out.push('SMTP ingest: skipped (BENCH_SKIP_SMTP=1)', '');
  if (results.events) out.push(...eventsSection(results, results.events));
  else out.push('201 to waiter: skipped (BENCH_SKIP_EVENTS=1)', '');

  out.push('Bars (product.md §11)', '');
  out.push(
    formatTable([
      ['bar', 'measured', 'limit', 'verdict'],
      ...results.bars.map((b) => [
        `${b.name}  [${b.formula}]`,
        barValue(b),
        { min: '>= ', max: '<= ', under: '< ' }[b.kind] + barLimit(b),
        b.verdict,
      ]),
    ]),
    '',
  );
  for (const b of results.bars) if (b.note) out.push(`  ${b.name}: N/A, ${b.note}`);
  if (results.bars.some((b) => b.note)) out.push('');
  out.push('Checks', '');
  for (const check of results.checks) out.push(`  ${check.pass ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  const failed = results.bars.filter((b) => b.verdict === 'FAIL');
  const notMeasured = results.bars.filter((b) => b.verdict === 'N/A');
  const measured = results.bars.length - notMeasured.length;
  const failedChecks = results.checks.filter((c) => !c.pass);
  const na = notMeasured.length ? `; N/A: ${notMeasured.map((b) => b.name).join('; ')}` : '';
  out.push(
    '',
    failed.length === 0 && failedChecks.length === 0
      ? `ALL ${measured} MEASURED BARS PASS${na}`
      : `${measured - failed.length} of ${measured} measured bars pass` +
          (failed.length ? `; FAIL: ${failed.map((b) => b.name).join('; ')}` : '') +
          (failedChecks.length ? `; FAILED CHECKS: ${failedChecks.map((c) => c.name).join('; ')}` : '') +
          na,
    `Total ${results.totalSeconds.toFixed(1)} s.`,
  );
  return out.join('\n');
}

function httpSection(results: BenchResults, baseline: NonNullable<BenchResults['baseline']>): string[] {
  const s = results.settings;
  const out: string[] = [];
  out.push(
    `Throughput and latency: ${s.connections} connections, ${s.seconds} s measured after a ${s.warmupSeconds} s warm-up, ` +
      `127.0.0.1, client (autocannon) in the bench process`,
    '',
  );
  const rows: string[][] = [
    ['run', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'non-2xx', 'errors', 'stored start -> end'],
    loadRow('bare Koa (before)', baseline.before, ''),
    loadRow('bare Koa (after)', baseline.after, ''),
    loadRow('bare Koa = baseline', baseline.combined, ''),
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
  if (st) {
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
  }
  return out;
}

function smtpSection(results: BenchResults): string[] {
  const smtp = results.smtp;
  if (!smtp) return [];
  const s = results.settings;
  const rows: string[][] = [['run', 'mails/s', 'p50 ms', 'p99 ms', 'max ms', '250s', 'errors', 'stored before -> after']];
  for (const run of smtp.runs) {
    const stored = run.target === 'emulator' ? `${run.emailsBefore ?? '?'} -> ${run.emailsAfter ?? '?'}` : '';
    const l = run.load;
    rows.push([run.label, int(l.mailsPerSec), ms(l.p50), ms(l.p99), ms(l.max), `${int(l.accepted)}/${int(l.mails)}`, String(l.errors), stored]);
  }
  rows.push(['bare smtp-server = baseline (mean)', int(smtp.bareMailsPerSec), '', '', '', '', '', '']);
  const out = [
    `SMTP ingest: ${s.smtpMails} mails (~1.6 KB, text + HTML) over ${s.smtpConnections} raw sessions without pipelining, ` +
      `after ${s.smtpWarmupMails} warm-up mails; latency from MAIL FROM to the 250 after the data`,
    '',
    formatTable(rows),
    '',
  ];
  if (smtp.emulatorError) out.push(`  emulator not measured: ${smtp.emulatorError}`, '');
  for (const run of smtp.runs) {
    if (run.load.errorSamples.length) out.push(`  ${run.label} errors: ${run.load.errorSamples.join('; ')}`);
  }
  if (smtp.maildevReason) out.push(`  MailDev not measured: ${smtp.maildevReason}`, '');
  return out;
}

function eventsSection(results: BenchResults, events: NonNullable<BenchResults['events']>): string[] {
  const out = [
    `201 to waiter: ${results.settings.wsMessages} instant-SMS POSTs one at a time (after ${results.settings.wsWarmup} untimed), ` +
      'each to its own number, file store',
    '',
  ];
  const rows: string[][] = [['series', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'samples']];
  const notes: string[] = [];
  const ws = events.websocket;
  if ('error' in ws) {
    notes.push(`  websocket not measured: ${ws.error}`);
  } else {
    rows.push(latencyRow('websocket frame after the 201 (the bar)', ws.afterResponse));
    rows.push(latencyRow('websocket: POST sent -> frame', ws.endToEnd));
    rows.push(latencyRow('POST sent -> 201 complete', ws.response));
    notes.push(
      `  websocket: ${ws.matched}/${ws.messages} frames matched, ${ws.eventBefore201} arrived before their 201, ` +
        `${ws.missing} missing, ${ws.non201} POSTs not 201${ws.firstFailure ? ` (first: ${ws.firstFailure})` : ''}`,
    );
  }
  const wait = events.wait;
  if ('error' in wait) {
    notes.push(`  long-poll not measured: ${wait.error}`);
  } else if (!wait.available) {
    notes.push(`  long-poll not measured: ${wait.reason}`);
  } else {
    rows.push(latencyRow('long-poll wait answered after the 201', wait.afterResponse));
    rows.push(latencyRow('long-poll: POST sent -> wait answered', wait.endToEnd));
    notes.push(
      `  long-poll: ${wait.matched}/${wait.messages} waits answered with their message, ${wait.answeredBefore201} before ` +
        `their 201, ${wait.failed} failed, ${wait.non201} POSTs not 201${wait.firstFailure ? ` (first: ${wait.firstFailure})` : ''}`,
    );
  }
  if (rows.length > 1) out.push(formatTable(rows), '');
  out.push(...notes, '');
  return out;
}
