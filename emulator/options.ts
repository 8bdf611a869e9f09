/** One options object for the whole emulator; every field has a documented default (product §9). */
export interface EmulatorOptions {
  /** HTTP port for the API, control API and UI. 0 picks a free port. Default 5090 (Altinn's local port). */
  port: number;
  /** Interface to bind. Default `127.0.0.1`; anything else prints a warning (the UI shows one-time codes). */
  host: string;
  /** SMTP port. 0 picks a free port. Default 1025. */
  smtpPort: number;
  /** PEM certificate and key files for STARTTLS; without both, STARTTLS is not offered. Default none. */
  smtpCert: string | null;
  smtpKey: string | null;
  /** Largest mail accepted over SMTP, in bytes; a larger one gets `552`. Default 10 MB. */
  smtpMaxSize: number;
  /** An origin allowed to call the control API from a browser (CORS). Default none: no CORS headers. */
  cors: string | null;
  /** Snapshot file of the store; the journal sits beside it. Default `./.emulator/db.json`. */
  data: string;
  /** Keep everything in memory and write nothing. Default false. */
  inMemory: boolean;
  /** `lenient`: no credentials means org `org`. `strict`: no token is 401, as in production. Default `lenient`. */
  auth: 'lenient' | 'strict';
  /** Org assumed for requests without credentials in lenient mode. Default `ttd`. */
  org: string;
  /** Retention: the oldest messages beyond this count are pruned. 0 = unlimited. Default 5000. */
  maxMessages: number;
  /** Extra `Host` names accepted besides loopback names (DNS-rebinding defence, product §10). Default none. */
  allowedHosts: string[];
  /** Base URL used in `Location` headers. Default: the URL the server listens on. */
  baseUrl: string | null;
  /** Default SMS sender when `sender` is null/empty/whitespace (contract §2.1). Default `Altinn`. */
  defaultSmsSender: string;
  /** Default email sender when `senderEmailAddress` is null (contract §2.2). Default `noreply@altinn.cloud`. */
  defaultEmailSender: string;
  /** From acceptance (or a phone coming online) to delivery, on the emulator clock, in ms. Default 0. */
  deliveryDelayMs: number;
  /** Altinn's `ExpiryOffsetSeconds`: the TTL sweep fails what is still pending this long after `expiresAt`. Default 300 s. */
  sweepOffsetMs: number;
  /**
   * The fake operator reports an SMS it could not deliver before `expiresAt` as `SMS_Failed_Expired`. With false,
   * Altinn's own sweep does instead: `SMS_Failed_TTL` after `sweepOffsetMs`. Default true.
   */
  operatorExpiryReports: boolean;
  /** Print one line per message and the start-up banner. Default true for the CLI, false in-process. */
  log: boolean;
}

export const defaultOptions: EmulatorOptions = {
  port: 5090,
  host: '127.0.0.1',
  smtpPort: 1025,
  smtpCert: null,
  smtpKey: null,
  smtpMaxSize: 10 * 1024 * 1024,
  cors: null,
  data: '.emulator/db.json',
  inMemory: false,
  auth: 'lenient',
  org: 'ttd',
  maxMessages: 5000,
  allowedHosts: [],
  baseUrl: null,
  defaultSmsSender: 'Altinn',
  defaultEmailSender: 'noreply@altinn.cloud',
  deliveryDelayMs: 0,
  sweepOffsetMs: 300_000,
  operatorExpiryReports: true,
  log: false,
};

export function resolveOptions(partial: Partial<EmulatorOptions> = {}): EmulatorOptions {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  return { ...defaultOptions, ...defined };
}
