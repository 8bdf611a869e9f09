import { describe, expect, it } from 'vitest';
import { analyseMessage } from '../../../emulator/analysis/analyse-message.js';
import { readCorpus, toContent } from './corpus-entry.js';

const corpus = readCorpus();

describe('the OTP corpus (fixtures/otp/corpus.json)', () => {
  it.each(corpus.map((entry) => [entry.id, entry] as const))('%s: analyseMessage reads the expected code', (_id, entry) => {
    const { otp } = analyseMessage(toContent(entry));
    expect(otp?.code ?? null, entry.note).toBe(entry.expected);
    if (entry.expected === null) expect(otp).toBeNull();
    else expect(otp!.candidates[0]).toBe(entry.expected);
  });

  it('has at least 40 entries with unique ids and well-formed fields', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
    for (const entry of corpus) {
      expect(['sms', 'email'], entry.id).toContain(entry.channel);
      expect(['nb', 'nn', 'en'], entry.id).toContain(entry.lang);
      expect(['plain', 'html'], entry.id).toContain(entry.format);
      expect(typeof entry.body === 'string' && entry.body.length > 0, entry.id).toBe(true);
      expect(entry.expected === null || typeof entry.expected === 'string', entry.id).toBe(true);
      expect(entry.note.length, entry.id).toBeGreaterThan(0);
      if (entry.channel === 'sms') {
        expect(entry.format, `${entry.id}: an SMS is plain text`).toBe('plain');
        expect(entry.subject, `${entry.id}: an SMS has no subject`).toBeUndefined();
      } else expect(typeof entry.subject, entry.id).toBe('string');
    }
  });

  // An SMS is always plain text, so "each format" means: SMS, plain email and HTML email, in each language.
  it.each(['nb', 'nn', 'en'])('covers SMS, plain email and HTML email in %s, each with and without a code', (lang) => {
    for (const [channel, format] of [['sms', 'plain'], ['email', 'plain'], ['email', 'html']]) {
      const entries = corpus.filter((e) => e.lang === lang && e.channel === channel && e.format === format);
      expect(entries.some((e) => e.expected !== null), `${lang} ${channel} ${format} with a code`).toBe(true);
      expect(entries.some((e) => e.expected === null), `${lang} ${channel} ${format} without a code`).toBe(true);
    }
  });

  it('includes WebOTP, grouped and alphanumeric codes, and codes before their keyword', () => {
    const codes = corpus.filter((e) => e.expected !== null);
    expect(codes.some((e) => /\n@[\w.-]+ #\S+/.test(e.body))).toBe(true);
    expect(codes.some((e) => /\d{3}[ -]\d{3}/.test(e.body) && /^\d{6}$/.test(e.expected!))).toBe(true);
    expect(codes.some((e) => /[A-Za-z]/.test(e.expected!))).toBe(true);
    expect(codes.some((e) => e.body.startsWith(e.expected!))).toBe(true);
  });
});
