#!/usr/bin/env node
// `npm test`: runs every test runner with a JSON report, then prints the one closing line this workplace's CI
// reads ("N passed, N failed, N skipped"). Exits non-zero when anything failed or a runner crashed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let crashed = false;

// The type check counts as one test: the build (npm install's prepare) must not break on a type error, and the
// tests themselves are checked too (test/tsconfig.json: the build's files plus every test).
const typecheck = spawnSync('npx', ['tsc', '-p', 'test/tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (typecheck.status === 0) totals.passed += 1;
else totals.failed += 1;
console.log(`type check: ${typecheck.status === 0 ? 'passed' : 'FAILED'}`);

const vitestReport = join(reports, 'vitest.json');
rmSync(vitestReport, { force: true });
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'test/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file that fails to load has no tests but still fails the run.
  if (vitest.status !== 0 && r.numFailedTests === 0) crashed = true;
} else {
  crashed = true;
}

if (crashed) totals.failed += 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
