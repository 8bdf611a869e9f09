import type { BenchResults } from './bench-results.js';
import type { SmtpIngestResult } from './measure-smtp-ingest.js';

/** What must hold for the SMTP figures to mean anything. */
export function smtpChecks(smtp: SmtpIngestResult, mails: number): BenchResults['checks'] {
  const bare = smtp.runs.filter((r) => r.target === 'bare').map((r) => r.load.mailsPerSec);
  const drift = Math.max(...bare) / Math.min(...bare);
  return [
    {
      name: 'SMTP: every mail answered 250 (warm-up and measured, every target)',
      pass: smtp.runs.every((r) => r.load.errors === 0 && r.warmup.errors === 0 && r.load.accepted === mails),
      detail: smtp.runs.map((r) => `${r.label}: ${r.load.accepted}/${mails}, errors ${r.load.errors + r.warmup.errors}`).join('; '),
    },
    {
      name: 'SMTP: the emulator stored as many mails as it answered 250 (health counts.email)',
      pass: smtp.emulatorStored?.ok ?? false,
      detail: smtp.emulatorStored
        ? `expected ${smtp.emulatorStored.expected}, stored ${smtp.emulatorStored.stored ?? '?'}`
        : (smtp.emulatorError ?? 'health has no counts.email'),
    },
    {
      name: 'SMTP: bare baseline stable (before/after within 1.25x; else the machine was busy, rerun)',
      pass: bare.length === 2 && drift <= 1.25,
      detail: `${bare.map((v) => `${Math.round(v)} mails/s`).join(', ')} (${drift.toFixed(2)}x)`,
    },
  ];
}
