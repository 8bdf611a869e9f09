import { parseArgs } from 'node:util';
import { parseDuration } from './control/parse-duration.js';
import { webOrigin } from './http/web-origin.js';
import { defaultOptions, type EmulatorOptions } from './options.js';

/** Each flag, its environment variable and its help line (product §9). Flags win over the environment. */
export const flags = {
  port: { env: 'ALTINN_EMULATOR_PORT', type: 'string', help: `HTTP port (API, control API, UI); 0 = any free port [${defaultOptions.port}]` },
  'smtp-port': { env: 'ALTINN_EMULATOR_SMTP_PORT', type: 'string', help: `SMTP port; 0 = any free port [${defaultOptions.smtpPort}]` },
  'smtp-cert': { env: 'ALTINN_EMULATOR_SMTP_CERT', type: 'string', help: 'PEM certificate file: offer STARTTLS (with --smtp-key) [off]' },
  'smtp-key': { env: 'ALTINN_EMULATOR_SMTP_KEY', type: 'string', help: 'PEM private key file for --smtp-cert' },
  'smtp-max-size': { env: 'ALTINN_EMULATOR_SMTP_MAX_SIZE', type: 'string', help: `largest mail in bytes; larger ones get 552 [${defaultOptions.smtpMaxSize}]` },
  host: { env: 'ALTINN_EMULATOR_HOST', type: 'string', help: `interface to bind; not loopback prints a warning [${defaultOptions.host}]` },
  data: { env: 'ALTINN_EMULATOR_DATA', type: 'string', help: `snapshot file of the store; the journal sits beside it [${defaultOptions.data}]` },
  'in-memory': { env: 'ALTINN_EMULATOR_IN_MEMORY', type: 'boolean', help: 'keep everything in memory; write nothing' },
  auth: { env: 'ALTINN_EMULATOR_AUTH', type: 'string', help: `lenient (no token = --org) or strict (no token = 401) [${defaultOptions.auth}]` },
  org: { env: 'ALTINN_EMULATOR_ORG', type: 'string', help: `org of requests without credentials in lenient mode [${defaultOptions.org}]` },
  'max-messages': { env: 'ALTINN_EMULATOR_MAX_MESSAGES', type: 'string', help: `keep at most this many messages, oldest pruned; 0 = unlimited [${defaultOptions.maxMessages}]` },
  'allow-host': { env: 'ALTINN_EMULATOR_ALLOW_HOST', type: 'string', help: 'extra Host name to serve besides loopback names (repeatable; comma-separated in the env)' },
  cors: { env: 'ALTINN_EMULATOR_CORS', type: 'string', help: 'origin allowed to call the control API from a browser [none]' },
  'delivery-delay': { env: 'ALTINN_EMULATOR_DELIVERY_DELAY', type: 'string', help: 'time from acceptance to delivery on the emulator clock, e.g. 2s [0]' },
  'sweep-offset': { env: 'ALTINN_EMULATOR_SWEEP_OFFSET', type: 'string', help: 'Altinn TTL sweep: fail what is pending this long after expiry [300s]' },
  'operator-expiry-reports': {
    env: 'ALTINN_EMULATOR_OPERATOR_EXPIRY_REPORTS',
    type: 'string',
    help: 'true: an undelivered SMS ends SMS_Failed_Expired at its expiry; false: SMS_Failed_TTL by the sweep [true]',
  },
  'base-url': { env: 'ALTINN_EMULATOR_BASE_URL', type: 'string', help: 'base URL for Location headers [the listening URL]' },
  help: { env: null, type: 'boolean', help: 'print this help and exit' },
  version: { env: null, type: 'boolean', help: 'print the version and exit' },
} as const;

export type CliResult =
  | { kind: 'run'; options: EmulatorOptions }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliResult {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(
        Object.entries(flags).map(([name, f]) => [name, { type: f.type, ...(name === 'allow-host' ? { multiple: true } : {}) }]),
      ) as never,
    }));
  } catch (err) {
    return { kind: 'error', message: (err as Error).message };
  }
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const read = (name: keyof typeof flags): string | undefined => {
    const v = values[name];
    if (typeof v === 'string') return v;
    const envName = flags[name].env;
    return envName && env[envName] !== undefined && env[envName] !== '' ? env[envName] : undefined;
  };
  const errors: string[] = [];
  const int = (name: keyof typeof flags, fallback: number, max: number): number => {
    const v = read(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) > max) errors.push(`--${name} must be an integer from 0 to ${max}, got "${v}"`);
    return Number(v);
  };
  const auth = read('auth') ?? defaultOptions.auth;
  if (auth !== 'lenient' && auth !== 'strict') errors.push(`--auth must be lenient or strict, got "${auth}"`);
  const inMemoryEnv = flags['in-memory'].env ? env[flags['in-memory'].env] : undefined;
  const inMemory = values['in-memory'] === true || (inMemoryEnv !== undefined && /^(1|true|yes)$/i.test(inMemoryEnv));
  const allowFlag = values['allow-host'];
  const allowedHosts = Array.isArray(allowFlag) ? allowFlag : (read('allow-host')?.split(',').map((h) => h.trim()).filter(Boolean) ?? []);
  const baseUrl = read('base-url')?.replace(/\/+$/, '') ?? null;
  if (baseUrl !== null && !/^https?:\/\/[^/]+/.test(baseUrl)) errors.push(`--base-url must be an http(s) URL, got "${baseUrl}"`);

  const smtpCert = read('smtp-cert') ?? null;
  const smtpKey = read('smtp-key') ?? null;
  if ((smtpCert === null) !== (smtpKey === null)) errors.push('--smtp-cert and --smtp-key go together');
  const duration = (name: 'delivery-delay' | 'sweep-offset', fallback: number): number => {
    const v = read(name);
    if (v === undefined) return fallback;
    const ms = parseDuration(v);
    if (ms === null) errors.push(`--${name} must be a duration such as 500ms, 90s, 5m or a number of milliseconds, got "${v}"`);
    return ms ?? fallback;
  };
  const expiryFlag = read('operator-expiry-reports')?.toLowerCase();
  if (expiryFlag !== undefined && !['true', 'false'].includes(expiryFlag)) {
    errors.push(`--operator-expiry-reports must be true or false, got "${read('operator-expiry-reports')}"`);
  }
  const corsFlag = read('cors');
  const cors = corsFlag === undefined ? null : webOrigin(corsFlag);
  if (corsFlag !== undefined && cors === null) errors.push(`--cors must be an origin such as http://localhost:3000, got "${corsFlag}"`);

  const options: EmulatorOptions = {
    ...defaultOptions,
    port: int('port', defaultOptions.port, 65535),
    smtpPort: int('smtp-port', defaultOptions.smtpPort, 65535),
    smtpCert,
    smtpKey,
    smtpMaxSize: int('smtp-max-size', defaultOptions.smtpMaxSize, Number.MAX_SAFE_INTEGER),
    cors,
    host: read('host') ?? defaultOptions.host,
    data: read('data') ?? defaultOptions.data,
    inMemory,
    auth: auth as EmulatorOptions['auth'],
    org: read('org') ?? defaultOptions.org,
    maxMessages: int('max-messages', defaultOptions.maxMessages, Number.MAX_SAFE_INTEGER),
    allowedHosts,
    baseUrl,
    deliveryDelayMs: duration('delivery-delay', defaultOptions.deliveryDelayMs),
    sweepOffsetMs: duration('sweep-offset', defaultOptions.sweepOffsetMs),
    operatorExpiryReports: expiryFlag === undefined ? defaultOptions.operatorExpiryReports : expiryFlag === 'true',
    log: true,
  };
  return errors.length ? { kind: 'error', message: errors.join('\n') } : { kind: 'run', options };
}

export function helpText(): string {
  const lines = Object.entries(flags).map(([name, f]) => {
    const flag = `--${name}${f.type === 'string' ? ' VALUE' : ''}`;
    return `  ${flag.padEnd(22)} ${f.help}${f.env ? `\n  ${''.padEnd(22)} env ${f.env}` : ''}`;
  });
  return ['Usage: altinn-notifications-emulator [options]', '', 'Options:', ...lines].join('\n');
}

