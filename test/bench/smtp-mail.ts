export interface SmtpMail {
  from: string;
  to: string;
  /** The DATA payload, dot-stuffed and ending with `CRLF.CRLF`. */
  data: Buffer;
}

const TEXT = [
  'Hei!',
  '',
  'Du har bedt om å logge inn på Min side hos Eksempelkommunen.',
  'Engangskoden din er {code}.',
  '',
  'Koden er gyldig i 10 minutter. Ikke del koden med andre, heller ikke',
  'med oss. Har du ikke bedt om denne koden, kan du se bort fra denne',
  'e-posten eller ringe oss på 22 33 44 55 (hverdager 08.00–15.30).',
  '',
  'Vennlig hilsen',
  'Eksempelkommunen',
].join('\r\n');

const HTML = [
  '<!doctype html><html lang="nb"><body style="font-family:sans-serif">',
  '<p>Hei!</p>',
  '<p>Du har bedt om =C3=A5 logge inn p=C3=A5 Min side hos Eksempelkommunen. Engangskoden din er <b>{code}</b>.<=',
  '/p><p>Koden er gyldig i 10 minutter. Ikke del koden med andre.</p>',
  '<p><a href=3D"https://www.eksempel.kommune.no/minside">G=C3=A5 til Min side</a></p>',
  '<p style=3D"color:#666;font-size:12px">Denne e-posten er sendt automatisk og kan ikke besvares.=',
  ' Les om <a href=3D"https://www.eksempel.kommune.no/personvern">personvern</a>.</p>',
  '</body></html>',
].join('\r\n');

/** Quoted-printable for the text part: only æøå and friends need it; the lines are short enough already. */
function quotedPrintable(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += byte > 126 || byte === 61 ? '=' + byte.toString(16).toUpperCase().padStart(2, '0') : String.fromCharCode(byte);
  }
  return out;
}

/**
 * A realistic small mail (~1.5 KB): a one-time code from a Norwegian municipality, text and HTML alternatives in
 * quoted-printable UTF-8, an RFC 2047 subject. `n` makes the Message-ID, the code and the recipient vary.
 */
export function smtpMail(n: number, tag: string): SmtpMail {
  const code = String(100000 + ((n * 7919) % 900000));
  const from = 'no-reply@eksempel.kommune.no';
  const to = `innbygger${n % 100}@eksempel.no`;
  const boundary = `=_bench_${tag}_${n}`;
  const source = [
    `From: Eksempelkommunen <${from}>`,
    `To: <${to}>`,
    // "Engangskode for innlogging på Min side"
    'Subject: =?UTF-8?Q?Engangskode_for_innlogging_p=C3=A5_Min_side?=',
    `Date: ${new Date(Date.UTC(2026, 10, 27, 9, 0, n % 60)).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${tag}.${n}@eksempel.kommune.no>`,
    'Reply-To: Eksempelkommunen <postmottak@eksempel.kommune.no>',
    'Auto-Submitted: auto-generated',
    'X-Auto-Response-Suppress: All',
    'Content-Language: nb-NO',
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(TEXT.replace('{code}', code)),
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    HTML.replace('{code}', code),
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  // Dot-stuffing (RFC 5321 §4.5.2): a line that starts with a dot gets another.
  const stuffed = source.replace(/(^|\r\n)\./g, '$1..');
  return { from, to, data: Buffer.from(stuffed + '.\r\n', 'latin1') };
}
