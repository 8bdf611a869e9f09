import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../emulator/smtp/html-to-text.js';

describe('the text of an HTML body', () => {
  it('drops tags, breaks lines at blocks and <br>, lists items, skips head, script and style', () => {
    const html = '<html><head><title>T</title><style>p{color:red}</style></head><body><h1>Hello</h1><p>Your code is <b>123456</b>.<br>Thanks</p><script>alert(1)</script><ul><li>one</li><li>two</li></ul></body></html>';
    expect(htmlToText(html)).toBe('Hello\n\nYour code is 123456.\nThanks\n\n- one\n- two');
  });

  it('decodes named and numeric entities, and collapses white space as a browser does', () => {
    expect(htmlToText('<p>Fish &amp;   chips\n &lt;3&gt; &aelig;&#248;&#xE5; &nbsp;&bogus; &#0;</p>')).toBe('Fish & chips <3> æøå &bogus; \ufffd');
  });

  it('keeps a < that opens no tag, and drops comments', () => {
    expect(htmlToText('a < b <!-- hidden --> and 2<3')).toBe('a < b and 2<3');
  });

  it('stays linear on hostile input (stray <, unclosed script, unclosed comment)', () => {
    const started = performance.now();
    htmlToText('< '.repeat(500_000));
    htmlToText('<script>'.repeat(200_000));
    htmlToText('<!--'.repeat(200_000));
    htmlToText('<a'.repeat(300_000) + '>');
    // Quadratic behaviour on these inputs takes minutes; linear takes milliseconds. The bound is loose on purpose.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('table cells in the text of an HTML body', () => {
  it('keeps cells apart and rows on their own lines', () => {
    expect(htmlToText('<table><tr><td>4</td><td>8</td></tr><tr><th>Code</th><td>123456</td></tr></table>')).toBe('4 8\nCode 123456');
  });
});
