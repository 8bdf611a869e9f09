import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { request, smsBody, smsPath, tempDir } from '../support/emulator.js';

const root = new URL('../..', import.meta.url).pathname;

/** Runs the CLI as a user would (through tsx, so no build is needed) and collects its output. */
function runCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'emulator/cli.ts'), ...args], {
    cwd: root,
    // SMTP on a free port, so that a mail catcher already on 1025 (or a parallel run) does not fail the test.
    env: { ...process.env, ALTINN_EMULATOR_SMTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** Resolves with the first match of `pattern` in the CLI's output, as soon as it is printed. */
async function printed(run: ReturnType<typeof runCli>, pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    const m = pattern.exec(run.output().stdout);
    if (m) return m;
    const code = await Promise.race([run.exited, new Promise((r) => run.child.stdout!.once('data', r)).then(() => 'more')]);
    if (code !== 'more') throw new Error(`CLI exited (${code}) before printing ${pattern}: ${JSON.stringify(run.output())}`);
  }
}

/** The API base URL from the start-up banner. */
async function urlOf(run: ReturnType<typeof runCli>): Promise<string> {
  return (await printed(run, /API\s+(http:\/\/[^/\s]+)/))[1];
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

describe('the command line', () => {
  it('prints usage for --help, the package version for --version, and exits 2 on a bad flag', async () => {
    const help = runCli(['--help']);
    expect(await help.exited).toBe(0);
    for (const flag of ['--port', '--smtp-port', '--host', '--data', '--in-memory', '--auth', '--org', '--max-messages']) {
      expect(help.output().stdout).toContain(flag);
    }
    const version = runCli(['--version']);
    expect(await version.exited).toBe(0);
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    expect(version.output().stdout.trim()).toBe(pkg.version);
    const bad = runCli(['--auth', 'sometimes']);
    expect(await bad.exited).toBe(2);
    expect(bad.output().stderr).toContain('--auth must be lenient or strict');
  });

  it('takes its settings from environment variables, and a flag wins over the environment', async () => {
    const strict = runCli(['--port', '0', '--in-memory'], { ALTINN_EMULATOR_AUTH: 'strict' });
    children.push(strict.child);
    // strict from the environment: no token is 401 (contract §4.5)
    expect((await request({ url: await urlOf(strict) }, 'POST', smsPath, smsBody())).status).toBe(401);
    strict.child.kill('SIGTERM');
    expect(await strict.exited).toBe(0);

    const run = runCli(['--port', '0', '--in-memory', '--org', 'digdir'], { ALTINN_EMULATOR_ORG: 'nav' });
    children.push(run.child);
    const url = await urlOf(run);
    expect((await request({ url }, 'POST', smsPath, smsBody())).status).toBe(201);
    const latest = await request({ url }, 'GET', '/_emulator/messages/latest');
    expect(latest.json.order.org).toBe('digdir');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('flushes the store on SIGTERM, and a restart serves the same messages and cursor', async () => {
    const { dir, remove } = await tempDir();
    try {
      const data = join(dir, 'store', 'db.json');
      const first = runCli(['--port', '0', '--data', data]);
      children.push(first.child);
      const url = await urlOf(first);
      const created = await request({ url }, 'POST', smsPath, smsBody({ idempotencyId: 'cli-restart' }));
      expect(created.status).toBe(201);
      await printed(first, /SMS\s+#1 to \+4799999999/);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const snapshot = JSON.parse(await readFile(data, 'utf8'));
      expect(Object.keys(snapshot.state.messages)).toHaveLength(1);
      expect(await readFile(join(dir, 'store', 'journal.jsonl'), 'utf8')).toBe('');

      const second = runCli(['--port', '0', '--data', data]);
      children.push(second.child);
      const url2 = await urlOf(second);
      const health = await request({ url: url2 }, 'GET', '/_emulator/health');
      expect(health.json.cursor).toBe(1);
      const replay = await request({ url: url2 }, 'POST', smsPath, smsBody({ idempotencyId: 'cli-restart' }));
      expect(replay.status).toBe(200);
      expect(replay.json.notificationOrderId).toBe(created.json.notificationOrderId);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    } finally {
      await remove();
    }
  });
});
