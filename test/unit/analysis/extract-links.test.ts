import { describe, expect, it } from 'vitest';
import { extractLinks } from '../../../emulator/analysis/extract-links.js';

describe('extractLinks', () => {
  it('finds bare http(s) URLs in text, in order, each once', () => {
    const text = 'Se https://www.altinn.no/hjelp og http://example.no/a?b=1, eller https://www.altinn.no/hjelp igjen.';
    expect(extractLinks(text, null)).toEqual(['https://www.altinn.no/hjelp', 'http://example.no/a?b=1']);
  });

  it.each([
    ['https://example.no/a.', 'https://example.no/a'],
    ['https://example.no/a,', 'https://example.no/a'],
    ['https://example.no/a;', 'https://example.no/a'],
    ['https://example.no/a:', 'https://example.no/a'],
    ['https://example.no/a!', 'https://example.no/a'],
    ['https://example.no/a?', 'https://example.no/a'],
    ['(https://example.no/a)', 'https://example.no/a'],
    ['https://example.no/a).', 'https://example.no/a'],
    ['https://en.wikipedia.org/wiki/Oslo_(city).', 'https://en.wikipedia.org/wiki/Oslo_(city)'],
  ])('strips trailing punctuation from %j', (text, url) => {
    expect(extractLinks(`Se ${text}`, null)).toEqual([url]);
  });

  it('ignores other schemes, bare domains and a scheme without a host', () => {
    expect(extractLinks('mailto:a@example.no ftp://x.no www.example.no javascript:alert(1) https://', null)).toEqual([]);
  });

  it('reads href attributes of links in HTML, decoding entities, and bare URLs in its text', () => {
    const html =
      '<p>Les mer på https://www.example.no/info.</p>' +
      '<a class="btn" href="https://www.example.no/sale?utm_source=mail&amp;utm_campaign=bw">Se tilbud</a>' +
      "<a href='https://example.no/&#x61;bc'>x</a><a href=https://example.no/plain>y</a>";
    expect(extractLinks(null, html)).toEqual([
      'https://www.example.no/info',
      'https://www.example.no/sale?utm_source=mail&utm_campaign=bw',
      'https://example.no/abc',
      'https://example.no/plain',
    ]);
  });

  it('skips image sources, stylesheets, scripts, comments and javascript: hrefs', () => {
    const html =
      '<link rel="stylesheet" href="https://cdn.example.no/s.css"><style>a{background:url(https://cdn.example.no/bg.png)}</style>' +
      '<script>fetch("https://evil.example/x")</script><!-- https://hidden.example.no -->' +
      '<img src="https://cdn.example.no/logo.png"><a href="javascript:alert(1)">x</a><a href="https://ok.example.no">ok</a>';
    expect(extractLinks(null, html)).toEqual(['https://ok.example.no']);
  });

  it('trims white space around an href and drops tabs and newlines inside it, as browsers do', () => {
    expect(extractLinks(null, '<a href="  https://example.no/a\n/b  ">x</a>')).toEqual(['https://example.no/a/b']);
  });

  it('lists the text part first, then the HTML part, without repeating a URL', () => {
    expect(extractLinks('https://a.example.no', '<a href="https://b.example.no">b</a> <a href="https://a.example.no">a</a>')).toEqual([
      'https://a.example.no',
      'https://b.example.no',
    ]);
  });

  it('returns an empty list when there is nothing', () => {
    expect(extractLinks(null, null)).toEqual([]);
    expect(extractLinks('', '')).toEqual([]);
  });
});
