/**
 * Writes log lines to a stream, gathering the lines of one turn of the event loop into one write: a line per
 * message is a product promise, and a synchronous write per line cost a tenth of the CPU under load.
 */
export function createLineWriter(stream: NodeJS.WritableStream): (line: string) => void {
  let buffered = '';
  const flush = () => {
    const text = buffered;
    buffered = '';
    stream.write(text);
  };
  return (line) => {
    if (buffered === '') setImmediate(flush);
    buffered += `${line}\n`;
  };
}
