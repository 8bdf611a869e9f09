import { describe, expect, it } from 'vitest';
import { findKeywords } from '../../../emulator/analysis/otp/keywords.js';

const found = (text: string) => findKeywords(text).map((k) => ({ word: text.slice(k.start, k.end), weak: k.weak }));

describe('findKeywords', () => {
  it.each([
    'kode', 'koden', 'Koder', 'engangskode', 'Engangskoden', 'engangspassord', 'eingongskode', 'eingongskoda',
    'bekreftelseskode', 'stadfestingskode', 'sikkerhetskoden', 'tryggleikskoden', 'verifiseringskode', 'PIN-kode',
    'pinkode', 'SMS-kode', 'hentekode', 'passord', 'Passordet', 'kodeord', 'PIN', 'OTP', 'TOTP', '2FA', 'code', 'Codes',
    'passcode', 'one-time', 'onetime', 'verification', 'password',
  ])('finds %j as a strong keyword', (word) => {
    expect(found(`Her er ${word} til deg`)).toEqual([{ word, weak: false }]);
  });

  it.each([
    'login', 'log-in', 'logon', 'sign-in', 'signin', 'innlogging', 'innloggingen', 'pålogging', 'verify', 'verifiser',
    'bekreft', 'bekrefte', 'bekreftelse', 'stadfest', 'stadfeste', 'autentisering', 'authenticate', 'authentication',
    '2-faktor', 'tofaktorautentisering', 'totrinnsbekreftelse', 'confirm', 'Confirmation',
  ])('finds %j as a weak keyword', (word) => {
    expect(found(`Her er ${word} til deg`)).toEqual([{ word, weak: true }]);
  });

  it.each(['logg inn', 'logge inn', 'logga inn', 'log in', 'sign in', 'Sign on'])('finds the phrase %j as a weak keyword', (phrase) => {
    expect(found(`Du kan ${phrase} nå`)).toEqual([{ word: phrase, weak: true }]);
  });

  it.each([
    'rabattkode', 'Rabattkoden', 'kampanjekode', 'postkode', 'QR-kode', 'strekkoden', 'feilkode', 'promo code', 'discount code',
    'zip code', 'postal code', 'country code', 'error code', 'booking code', 'rabatt med koden', 'discount with code',
    'portkoden', 'dørkode', 'door code', 'alarmkoden', '20 % med koden',
  ])('does not take %j for a one-time-code keyword', (words) => {
    expect(found(`Her er ${words} til deg`).filter((k) => !k.weak)).toEqual([]);
  });

  it('ignores words that merely contain a stem (blog, design, spinning, logo)', () => {
    expect(found('Les bloggen, se designet, spinning og logoen')).toEqual([]);
  });
});
