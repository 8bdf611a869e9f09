/** How long log lines gather before one write; short enough that a person sees them at once. */
const gatherMs = 20;

export interface LineWriter {
  (line: string): void;
  /** Writes what is gathered now (at shutdown). */
  flush(): void;
}

/**
 * Writes log lines to a stream, gathering the lines of up to `gatherMs` into one write: a line per message is a
 * product promise, and a synchronous write per line (stdout to a pipe or a file is synchronous) cost a tenth of the
 * CPU under load; one per event-loop turn still cost ~1%.
 */
export function createLineWriter(stream: NodeJS.WritableStream): LineWriter {
  let buffered = '';
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (buffered === '') return;
    const text = buffered;
    buffered = '';
    stream.write(text);
  };
  const write = (line: string) => {
    timer ??= setTimeout(flush, gatherMs);
    buffered += `${line}\n`;
  };
  return Object.assign(write, { flush });
}
