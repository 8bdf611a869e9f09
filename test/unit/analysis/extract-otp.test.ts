import { describe, expect, it } from 'vitest';
import { extractOtp } from '../../../emulator/analysis/extract-otp.js';

const code = (text: string) => extractOtp(text)?.code ?? null;
const candidates = (text: string) => extractOtp(text)?.candidates ?? [];

describe('extractOtp: what counts as a code', () => {
  it.each([
    ['Din engangskode er 482913.', '482913'],
    ['Koden din: 4821', '4821'],
    ['Kode 48291357 gjelder i 5 minutter.', '48291357'],
    ['Eingongskoden din er 730145.', '730145'],
    ['Stadfestingskode: 662810', '662810'],
    ['Your one-time passcode is 204817.', '204817'],
    ['Your PIN: 0731', '0731'],
    ['OTP 551093', '551093'],
  ])('reads the number after a keyword: %j', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it.each([
    ['482913 er engangskoden din.', '482913'],
    ['662810 er stadfestingskoden din.', '662810'],
    ['730215 is your Instagram code.', '730215'],
  ])('reads the number before a keyword: %j', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it.each([
    ['Sikkerhetskode: 591 204', '591204'],
    ['Your code is 481-290.', '481290'],
    ['Kode: 1234 5678', '12345678'],
    ['Kode: 1234-5678', '12345678'],
    ['Your verification code is 8 4 2 1 9 0', '842190'],
    ['Sikkerhetskode: 29 55 18', '295518'],
    ['Engangskode: 905\u2011771', '905771'],
  ])('joins a grouped code without its separator: %j', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it('reads pairs (29 55 18) as a code only when a keyword is near', () => {
    expect(code('Møt opp 29 55 18')).toBeNull();
  });

  it.each([
    ['Din kode: X7K9-PQ', 'X7K9-PQ'],
    ['Your one-time passcode: AB12CD. It expires in 5 minutes.', 'AB12CD'],
    ['Ditt midlertidige passord er K7mR-29xQ.', 'K7mR-29xQ'],
    ['AB12CD er koden din.', 'AB12CD'],
    ['Tilgangskoden din til Kulturhuset-appen er H4T9WZ. Koden kan berre brukast éin gong.', 'H4T9WZ'],
  ])('reads an alphanumeric code right next to a keyword: %j', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it.each([
    ['Hei! Ordren din AB12CD er sendt.'],
    ['Flight DY1302 departs 07:45. Your login code was sent by email.'],
    ['Bruk rabattkoden SOMMER25 i kassen.'],
    ['Få 10 % rabatt med koden HANDLE10.'],
    ['Promo code SAVE20 gives 20% off.'],
    ['Stadfesting av bestilling QX4B7L. Referanse: QX4B7L.'],
    ['Booking confirmation LX4P7Q'],
    ['Sportsbua: 30 % på alle joggesko med koden SPRING30.'],
    ['Skriv inn koden i appen:\nDATA50'],
  ])('ignores an alphanumeric token without a one-time-code keyword beside it, or after a reference word: %j', (text) => {
    expect(code(text)).toBeNull();
  });

  it('reads a code alone on its line under a label line that ends in a colon, however long the label', () => {
    const text =
      'Ørsta Sparebank\nKode for å godkjenne overføring på kr 25 000,00 til konto 3910 45 67890:\n\n73 60 21\n\n' +
      'Ring 70 04 60 00 om du ikkje har sett i gang denne overføringa.';
    expect(code(text)).toBe('736021');
    // The same line without the colon is a sentence that goes on: too far from its keyword.
    expect(code(text.replace('67890:', '67890.'))).toBeNull();
  });

  it('reads the number under a code label that ends in a reference word as the code, and under a reference label as none', () => {
    expect(code('Use the code below to sign in to your account:\n\n301 774\n\nThis code will expire in 30 minutes.')).toBe('301774');
    expect(code('Thanks for your order. Your account number:\n\n48213377\n\nKeep it for your records, we will need it.')).toBeNull();
  });

  it('reads hyphenated pairs (61-44-92) as pairs are read, unless they make a date', () => {
    expect(code('Engangskode: 61-44-92. Bekreft betaling på 1 249,00 kr.')).toBe('614492');
    expect(code('Møt opp 61-44-92')).toBeNull();
    expect(code('Engangskode: 12-03-25')).toBeNull();
  });

  it('passes over a code the message says has expired', () => {
    expect(code('The code 118204 has expired. Your new verification code is 660913.')).toBe('660913');
    expect(code('Koden 118204 er utløpt. Ny kode: 660913')).toBe('660913');
    expect(code('The previous code (447 291) has expired. Your new code is 130 582.')).toBe('130582');
  });

  it('reads a sender label that is also a phone word (Vipps:) as a label', () => {
    expect(code('Vipps: 5831 er koden din. Ba du ikke om denne? Ring 22 48 28 00.')).toBe('5831');
    expect(code('Vipps til 58310 for koden din')).toBeNull();
  });

  it.each([
    ['Hei! Kode til bua er 1905. Nøkkelen heng på kroken.'],
    ['Telia: Du har 1 ny talemelding. PIN-koden til mobilsvaret er 1234 om du ikkje har endra han.'],
    ['Hi Sam, gate code for tonight is 4729#, then flat 3B.'],
    ['Gavekortnummer: 6280 0012 3456 7890, PIN: 4417. Gyldig til 31.12.2025.'],
  ])('reads no one-time code in a standing secret (a door, a voicemail box, a gift card): %j', (text) => {
    expect(code(text)).toBeNull();
  });

  it('still reads a code that says it is one-time beside a standing secret', () => {
    expect(code('Engangskoden for å åpne døra er 4821.')).toBe('4821');
  });

  it('takes a bare "koden" after a percentage for a discount code', () => {
    expect(code('Bare i helgen! 20 % på alle TV-er med koden TV2025.')).toBeNull();
    expect(code('Koden din er TV2025.')).toBe('TV2025');
  });

  it('reads "confirm" as a weak keyword (a code under "confirm your email address")', () => {
    const text =
      "Welcome to Farefinder!\n\nYou're almost ready to start saving on flights. Members get price alerts on 500+ routes.\n\n" +
      'One last step: enter the code below on the sign-up page to confirm your email address.\n\n639051\n\nSee you on board';
    expect(code(text)).toBe('639051');
  });

  it('reads the digits of a one-letter brand prefix (G-482913), which is what the user types', () => {
    expect(code('G-482913 is your Google verification code.')).toBe('482913');
  });

  it('keeps a lone 4–8 digit number of a short SMS as a candidate', () => {
    expect(code('Hei! 4821')).toBe('4821');
  });

  it('drops a lone number without any keyword in a longer text', () => {
    const text =
      'Takk for at du handlet hos oss i dag! Vi håper du blir fornøyd med varene. Husk at du kan bytte ' +
      'alt innen 30 dager, også i butikken på Storgata. Vi sees snart igjen, med vennlig hilsen alle oss i butikk 4821.';
    expect(text.length).toBeGreaterThan(200);
    expect(code(text)).toBeNull();
  });

  it('returns null for text without a candidate, and for an empty text', () => {
    expect(extractOtp('Passordet ditt er endret. Var det ikke deg? Kontakt oss.')).toBeNull();
    expect(extractOtp('')).toBeNull();
  });
});

describe('extractOtp: numbers that are not codes (product §5)', () => {
  it.each([
    ['a mobile number with +47', 'Kode 4821. Ring +47 999 99 999.', '4821'],
    ['+47 with the number unspaced', 'Kode 4821. Ring +47 99999999.', '4821'],
    ['a landline in pairs', 'Ring 22 33 44 55 om du lurer på noe. Kode: 4821', '4821'],
    ['a service number 3-2-3', 'Kode: 4821. Spørsmål? 800 80 000', '4821'],
    ['a service number 3-5', 'Kode: 4821. Spørsmål? 915 04800', '4821'],
    ['a number after "ring"', 'Kode: 4821. Ring 22334455 ved spørsmål.', '4821'],
    ['a short number after STOPP', 'Kode: 4821. Svar STOPP til 2030.', '4821'],
    ['a US number with area code', 'Code: 4821. Call (800) 555-0199.', '4821'],
  ])('not a phone number: %s', (_what, text, expected) => {
    expect(candidates(text)).toEqual([expected]);
  });

  it('treats a lone eight-digit number starting with 4 or 9 without a keyword as a mobile number', () => {
    expect(code('Ta kontakt på SMS: 99887766')).toBeNull();
    expect(code('Spørsmål? 41234567')).toBeNull();
    expect(code('Engangskode: 41234567')).toBe('41234567');
  });

  it.each([
    ['27.11.2026'],
    ['2026-11-27'],
    ['27/11'],
    ['27.11.'],
    ['27-11-2026'],
    ['27/11/2026'],
  ])('not a date: %s', (date) => {
    expect(candidates(`Kode 4821 gjelder til ${date}.`)).toEqual(['4821']);
  });

  it.each([['14:30'], ['kl. 09.15'], ['kl 0915'], ['klokka 1430'], ['0900-1600'], ['08-16']])('not a time: %s', (time) => {
    expect(candidates(`Kode 4821. Åpent ${time}.`)).toEqual(['4821']);
  });

  it.each([
    ['kr 1 250'],
    ['kr 1250'],
    ['1 250,00 kr'],
    ['NOK 4990'],
    ['12.50 EUR'],
    ['1.234,56'],
    ['2500 kr'],
    ['1499,-'],
    ['$1999'],
    ['1500 NOK'],
    ['€ 2500'],
  ])('not an amount: %s', (amount) => {
    expect(candidates(`Bekreft betaling på ${amount} med kode 4821.`)).toEqual(['4821']);
  });

  it.each([['25 %'], ['2500%'], ['1500 prosent']])('not a percentage: %s', (percent) => {
    expect(candidates(`Kode 4821 gir ${percent} rabatt.`)).toEqual(['4821']);
  });

  it.each([
    ['an account number with dots', 'kontonummer 1234.56.78901'],
    ['an account number with spaces', 'konto 1234 56 78901'],
    ['a national identity number', 'fødselsnummer 01019012345'],
    ['a national identity number split 6+5', 'fnr 010190 12345'],
    ['an organisation number 3-3-3', 'org.nr. 974 760 673'],
    ['an organisation number unspaced', 'org.nr 974760673'],
    ['a tracking number', 'sending 370713218829476312'],
    ['a KID', 'KID 0042202611'],
  ])('not a longer digit run: %s', (_what, run) => {
    expect(candidates(`Engangskode: 4821. Gjelder ${run}.`)).toEqual(['4821']);
  });

  it.each([
    ['ordre 12345'],
    ['Ordrenummer: 1048277'],
    ['ordrenr. 55667'],
    ['order #48213'],
    ['Order No. 88123'],
    ['your order number is 55123'],
    ['referanse 99213'],
    ['Ref: 7721'],
    ['reference 55612'],
    ['saksnummer 88213'],
    ['kundenummer 123456'],
    ['faktura 20261'],
    ['invoice 77123'],
    ['case 44120'],
    ['booking 4455667'],
    ['Kvitteringsnummer: 4481920'],
    ['Billett nr. 88213'],
    ['rom 4012'],
  ])('not a reference or order number: %s', (reference) => {
    expect(candidates(`Engangskode: 4821. Gjelder ${reference}.`)).toEqual(['4821']);
  });

  it('keeps a code whose keyword phrase runs through a reference word ("koden til pakken din er 8146")', () => {
    expect(code('Koden til pakken din er 8146.')).toBe('8146');
    expect(code('Koden for å hente pakken er 4410.')).toBe('4410');
    expect(candidates('Koden for ordre 12345 er 4821.')).toEqual(['4821']);
  });

  it.each([['27. november 2026'], ['Nov 30, 2026'], ['© 2026'], ['(c) 2025'], ['innen 2027'], ['2025-2026'], ['for 2025']])(
    'not a year in a date-ish context: %s',
    (year) => {
      expect(candidates(`Kode 4821. ${year}`)).toEqual(['4821']);
    },
  );

  it('keeps a year-like code right after its keyword', () => {
    expect(code('Din engangskode er 2011')).toBe('2011');
  });

  it.each([['0150 Oslo'], ['5003 BERGEN'], ['Postboks 1382 Vika']])('not a postal code or PO box with its town: %s', (address) => {
    expect(candidates(`Engangskode: 4821. Adresse: Storgata 1, ${address}.`)).toEqual(['4821']);
  });

  it.each([
    ['https://example.no/login?code=55512'],
    ['www.example.no/l/55512'],
    ['example.no/v/55512'],
    ['ola55512@example.no'],
  ])('not digits inside a URL or an email address: %s', (where) => {
    expect(candidates(`Kode 4821. Se ${where} for mer.`)).toEqual(['4821']);
  });

  it.each([
    ['a masked card', 'kort ****1234'],
    ['a masked card with spaces', 'kort 5355 xxxx xxxx 1234'],
    ['a card ending', 'kortet som slutter på 1234'],
    ['a masked account', 'konto ****.**.12345'],
    ['an identifier with a letter prefix', 'N-0150'],
    ['a quantity', '2500 varer'],
    ['a duration', '1440 minutter'],
    ['a shop name', 'hos REMA 1000 Majorstuen'],
    ['a licence plate', 'bilen EL 12345'],
    ['a parking zone', 'parkering i sone 3012'],
    ['a reply short number', 'svar AVBESTILL til 2270'],
  ])('not a code: %s', (_what, text) => {
    expect(candidates(`Engangskode: 4821. Gjelder ${text}.`)).toEqual(['4821']);
  });
});

describe('extractOtp: WebOTP', () => {
  it('takes the code of the last line "@host #code"', () => {
    expect(extractOtp('Din kode er 305118.\n\n@minside.example.no #305118')).toEqual({
      code: '305118',
      candidates: ['305118'],
    });
  });

  it('lets the WebOTP code win over a code nearer a keyword, keeping the others as candidates', () => {
    expect(extractOtp('Your code is 123456\n\n@login.example.no #654321')).toEqual({
      code: '654321',
      candidates: ['654321', '123456'],
    });
  });

  it('accepts a port and an iframe origin, and trailing white space', () => {
    expect(code('Kode\n@localhost:5173 #X9Y8Z7 @embedded.example.net \n')).toBe('X9Y8Z7');
  });

  it('ignores the form when it is not on the last line', () => {
    expect(code('@login.example.no #654321\nYour code is 123456')).toBe('123456');
  });
});

describe('extractOtp: bounded work', () => {
  it('searches the first 64 KiB of a text, but still reads a WebOTP last line after it', () => {
    const filler = 'hei '.repeat(16 * 1024);
    expect(code(`Kode: 1111. ${filler} Kode: 2222`)).toBe('1111');
    expect(code(`${filler} Kode: 2222`)).toBeNull();
    expect(code(`${filler} Kode: 2222\n@login.example.no #3333`)).toBe('3333');
  });

  it('reads no code in long runs of letters or dotted digits, and still finds one before a long run of x@', () => {
    expect(code('a'.repeat(100_000))).toBeNull();
    expect(code('1.'.repeat(50_000) + 'a')).toBeNull();
    expect(code(`Kode 4821 ${'x@'.repeat(20_000)}`)).toBe('4821');
  });
});

describe('extractOtp: ranking', () => {
  it('ranks by nearness to a keyword, then by position, each code once', () => {
    const text = 'Hei! 5521. Din engangskode er 482913. Koden 482913 gjelder i 10 min. Hilsen 7733';
    expect(extractOtp(text)).toEqual({ code: '482913', candidates: ['482913', '5521', '7733'] });
  });

  it('prefers the code after the keyword over one equally near before it', () => {
    expect(candidates('1111 kode 2222')).toEqual(['2222', '1111']);
  });

  it('prefers the earlier of two codes equally near their keywords', () => {
    expect(candidates('Kode: 3333. Kode: 4444.')).toEqual(['3333', '4444']);
  });

  it('ranks a code beside a strong keyword over one beside a weak keyword', () => {
    expect(candidates('Logg inn med 5555. Engangskode: 6666')).toEqual(['6666', '5555']);
  });

  it('ranks an unanchored number after every anchored one', () => {
    expect(candidates('7777 hei hei hei hei hei hei hei hei hei hei hei hei hei hei hei. Kode: 8888')).toEqual(['8888', '7777']);
  });
});
