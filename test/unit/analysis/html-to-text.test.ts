import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../emulator/analysis/html-to-text.js';

describe('htmlToText', () => {
  it('drops scripts, styles, the head and comments', () => {
    const html =
      '<html><head><title>T</title><style>p{color:red}</style></head><body><script>var code = 111111;</script>' +
      '<!-- 222222 --><p>Kode: 482913</p></body></html>';
    expect(htmlToText(html)).toBe('Kode: 482913');
  });

  it('turns block elements and <br> into line breaks and other tags into spaces', () => {
    expect(htmlToText('<h1>Engangskode</h1><p>Din kode er<br>4821</p><div>Hilsen<b>Altinn</b></div>')).toBe(
      'Engangskode\n\nDin kode er\n4821\n\nHilsen Altinn',
    );
  });

  it('keeps one digit per table cell as separate digits on one line', () => {
    expect(htmlToText('<table><tr>\n<td>4</td>\n<td>8</td><td>2</td></tr></table>')).toBe('4 8 2');
  });

  it('treats line breaks in the source as spaces', () => {
    expect(htmlToText('<p>Din engangskode\ner 482913</p>')).toBe('Din engangskode er 482913');
  });

  it('decodes named and numeric character references, with &nbsp; as a space', () => {
    expect(htmlToText('<p>Bl&aring;b&aelig;r &amp; s&#248;t &#x2013; 640&nbsp;218 &copy; &unknown;</p>')).toBe(
      'Blåbær & søt – 640 218 © &unknown;',
    );
  });

  it('turns an out-of-range numeric reference into U+FFFD instead of throwing', () => {
    expect(htmlToText('<p>&#0;&#x110000;&#xD800;</p>')).toBe('\ufffd\ufffd\ufffd');
  });

  it('copes with unclosed tags and a stray "<"', () => {
    expect(htmlToText('<p>3 < 4 og <b>kode 4821')).toBe('3 < 4 og kode 4821');
  });
});

it('leaves a reference named like an object property (&toString;) as it is', async () => {
  const { decodeHtmlEntities } = await import('../../../emulator/analysis/decode-html-entities.js');
  expect(decodeHtmlEntities('a &toString; b &constructor; c &amp;')).toBe('a &toString; b &constructor; c &');
});
