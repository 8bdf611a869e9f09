import type { SmtpLoadResult } from './smtp-load.js';

/** One line for the bench log. */
export function describeSmtp(load: SmtpLoadResult): string {
  return (
    `${Math.round(load.mailsPerSec)} mails/s, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms, ` +
    `${load.accepted}/${load.mails} answered 250, errors ${load.errors}` +
    (load.errorSamples.length ? ` (${load.errorSamples[0]})` : '')
  );
}
