import type { Readable } from 'node:stream';

/**
 * The bytes of one mail from smtp-server's DATA stream (dot-stuffing already undone), or null when it went over
 * `maxSize` (0 = no limit). Past the limit the rest is read and dropped, never buffered, so that the session can
 * answer 552 and go on. Rejects when the client hangs up before the final dot.
 */
export function readMail(stream: Readable, maxSize: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let over = false;
    stream.on('data', (chunk: Buffer) => {
      if (over) return;
      bytes += chunk.length;
      if (maxSize > 0 && bytes > maxSize) {
        over = true;
        chunks.length = 0;
      } else {
        chunks.push(chunk);
      }
    });
    stream.once('end', () => resolve(over ? null : Buffer.concat(chunks, bytes)));
    stream.once('error', reject);
    // After 'end' this settles nothing; before it, the connection went away mid-DATA.
    stream.once('close', () => reject(new Error('the client hung up before the end of the mail')));
  });
}
