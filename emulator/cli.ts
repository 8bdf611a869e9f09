#!/usr/bin/env node
import { resolve } from 'node:path';
import { helpText, parseCli } from './cli-options.js';
import { startEmulator } from './server.js';
import { tuneGarbageCollector } from './tune-garbage-collector.js';
import { packageVersion } from './version.js';

/** How long shutdown may take before the process exits anyway (product §3). */
const shutdownGraceMs = 2000;

async function main(): Promise<void> {
  const parsed = parseCli(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') return void console.log(helpText());
  if (parsed.kind === 'version') return void console.log(packageVersion());
  if (parsed.kind === 'error') {
    console.error(`${parsed.message}\n\n${helpText()}`);
    process.exitCode = 2;
    return;
  }
  const { options } = parsed;
  tuneGarbageCollector();
  const emulator = await startEmulator(options);
  console.log(
    [
      `Altinn Notifications emulator ${packageVersion()}`,
      `  API      ${emulator.url}/notifications/api/v1/future/orders/instant/sms  (and /email)`,
      `  Control  ${emulator.url}/_emulator/health  (routes: ${emulator.url}/_emulator/openapi.json)`,
      `  Events   ${emulator.url.replace(/^http/, 'ws')}/_emulator/events`,
      `  SMTP     smtp://${hostForUrl(options.host)}:${emulator.smtpPort}  (any login; STARTTLS ${options.smtpCert ? 'with your certificate' : 'off'}; max ${options.smtpMaxSize} bytes)`,
      `  Store    ${options.inMemory ? 'in memory (nothing written)' : resolve(options.data)}`,
      `  Auth     ${options.auth}${options.auth === 'lenient' ? ` (requests without a token act as org "${options.org}")` : ''}`,
    ].join('\n'),
  );

  const shutdown = (signal: string) => {
    console.log(`${signal}: closing`);
    setTimeout(() => process.exit(1), shutdownGraceMs).unref();
    emulator.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

/** An IPv6 address in a URL goes in brackets. */
function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

main().catch((err) => {
  console.error(`cannot start: ${(err as Error).message}`);
  process.exit(1);
});
