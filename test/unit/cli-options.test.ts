import { describe, expect, it } from 'vitest';
import { parseCli } from '../../emulator/cli-options.js';

describe('command-line options', () => {
  it('defaults to port 5090 on loopback with the file store, lenient auth and org ttd', () => {
    const r = parseCli([], {});
    expect(r.kind).toBe('run');
    if (r.kind !== 'run') return;
    expect(r.options).toMatchObject({ port: 5090, host: '127.0.0.1', smtpPort: 1025, data: '.emulator/db.json', inMemory: false, auth: 'lenient', org: 'ttd', maxMessages: 5000 });
  });

  it('reads every setting from its environment variable, and flags win', () => {
    const env = {
      ALTINN_EMULATOR_PORT: '6000',
      ALTINN_EMULATOR_SMTP_PORT: '2525',
      ALTINN_EMULATOR_HOST: '0.0.0.0',
      ALTINN_EMULATOR_DATA: 'x/db.json',
      ALTINN_EMULATOR_IN_MEMORY: 'true',
      ALTINN_EMULATOR_AUTH: 'strict',
      ALTINN_EMULATOR_ORG: 'nav',
      ALTINN_EMULATOR_MAX_MESSAGES: '0',
      ALTINN_EMULATOR_ALLOW_HOST: 'emulator, otp.test',
      ALTINN_EMULATOR_BASE_URL: 'http://emulator:5090/',
    };
    const r = parseCli(['--port', '7000'], env);
    expect(r.kind === 'run' && r.options).toMatchObject({
      port: 7000,
      smtpPort: 2525,
      host: '0.0.0.0',
      data: 'x/db.json',
      inMemory: true,
      auth: 'strict',
      org: 'nav',
      maxMessages: 0,
      allowedHosts: ['emulator', 'otp.test'],
      baseUrl: 'http://emulator:5090',
    });
  });

  it('rejects unknown flags and out-of-range values with a message', () => {
    expect(parseCli(['--nope'], {})).toMatchObject({ kind: 'error' });
    expect(parseCli(['--port', '70000'], {})).toMatchObject({ kind: 'error', message: expect.stringContaining('--port') });
    expect(parseCli(['--max-messages', '-1'], {})).toMatchObject({ kind: 'error' });
    expect(parseCli(['--base-url', 'emulator:5090'], {})).toMatchObject({ kind: 'error' });
  });

  it('answers --help and --version before anything else', () => {
    expect(parseCli(['--help', '--port', 'x'], {}).kind).toBe('help');
    expect(parseCli(['--version'], {}).kind).toBe('version');
    expect(parseCli(['--help'], {}).kind).toBe('help');
  });
});

describe('--cors', () => {
  it('takes an origin as a browser sends it, and refuses a URL with a path or another scheme', () => {
    const ok = parseCli(['--cors', 'http://LOCALHOST:80/'], {});
    expect(ok.kind === 'run' && ok.options.cors).toBe('http://localhost');
    for (const bad of ['http://a/b', 'http://a?b', 'ftp://a', 'localhost:3000']) {
      expect(parseCli(['--cors', bad], {}).kind, bad).toBe('error');
    }
  });
});

describe('--delivery-delay, --sweep-offset and --operator-expiry-reports', () => {
  it('default to no delay, the 300 s sweep offset of Altinn and operator expiry reports on', () => {
    const r = parseCli([], {});
    expect(r.kind === 'run' && r.options).toMatchObject({ deliveryDelayMs: 0, sweepOffsetMs: 300_000, operatorExpiryReports: true });
  });

  it('take durations with a unit or as milliseconds, and true or false in any case', () => {
    const r = parseCli(['--delivery-delay', '2s', '--sweep-offset', '1.5m', '--operator-expiry-reports', 'FALSE'], {});
    expect(r.kind === 'run' && r.options).toMatchObject({ deliveryDelayMs: 2000, sweepOffsetMs: 90_000, operatorExpiryReports: false });
    const ms = parseCli(['--delivery-delay', '250', '--sweep-offset', '0', '--operator-expiry-reports', 'true'], {});
    expect(ms.kind === 'run' && ms.options).toMatchObject({ deliveryDelayMs: 250, sweepOffsetMs: 0, operatorExpiryReports: true });
  });

  it('read their environment variables, and flags win', () => {
    const env = { ALTINN_EMULATOR_DELIVERY_DELAY: '5s', ALTINN_EMULATOR_SWEEP_OFFSET: '10m', ALTINN_EMULATOR_OPERATOR_EXPIRY_REPORTS: 'false' };
    const fromEnv = parseCli([], env);
    expect(fromEnv.kind === 'run' && fromEnv.options).toMatchObject({ deliveryDelayMs: 5000, sweepOffsetMs: 600_000, operatorExpiryReports: false });
    const flagged = parseCli(['--delivery-delay', '1s', '--operator-expiry-reports', 'true'], env);
    expect(flagged.kind === 'run' && flagged.options).toMatchObject({ deliveryDelayMs: 1000, sweepOffsetMs: 600_000, operatorExpiryReports: true });
  });

  it('refuse what is not a duration or a boolean, naming the flag', () => {
    for (const [flag, value] of [['--delivery-delay', 'soon'], ['--delivery-delay', '-1s'], ['--sweep-offset', '5 minutes'], ['--operator-expiry-reports', 'yes'], ['--operator-expiry-reports', '1']]) {
      expect(parseCli([flag, value], {}), `${flag} ${value}`).toEqual({ kind: 'error', message: expect.stringContaining(flag) });
    }
    expect(parseCli([], { ALTINN_EMULATOR_DELIVERY_DELAY: 'later' })).toEqual({ kind: 'error', message: expect.stringContaining('--delivery-delay') });
  });
});
