import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** Runs the CLI as a user would (through tsx) and lets the test wait for what it prints. */
function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'emulator/cli.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const printed = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const m = pattern.exec(stdout);
      if (m) return m;
      const more = await Promise.race([exited.then(() => false), new Promise((r) => child.stdout!.once('data', r)).then(() => true)]);
      if (!more) throw new Error(`the CLI exited before printing ${pattern}: ${JSON.stringify({ stdout, stderr })}`);
    }
  };
  return { child, exited, printed, stderr: () => stderr };
}

describe('SMTP from the command line', () => {
  it('prints the SMTP port it picked for --smtp-port 0, takes a mail there and prints a line for it', async () => {
    const run = runCli(['--port', '0', '--smtp-port', '0', '--in-memory']);
    const port = Number((await run.printed(/SMTP\s+smtp:\/\/127\.0\.0\.1:(\d+)/))[1]);
    expect(port).toBeGreaterThan(0);
    const t = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
    await t.sendMail({ from: 's@example.com', to: 'kari@example.com', subject: 'From the CLI test', text: 'Code 123456' });
    t.close();
    await run.printed(/Email #1 to kari@example\.com \(smtp\): From the CLI test/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses to start, naming the flag, when the certificate file does not exist', async () => {
    const run = runCli(['--port', '0', '--smtp-port', '0', '--in-memory', '--smtp-cert', 'missing-cert.pem', '--smtp-key', 'missing-key.pem']);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/cannot start: cannot read --smtp-cert missing-cert\.pem/);
  });
});
