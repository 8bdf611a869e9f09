/**
 * The SMTP baseline of the bench: a bare smtp-server that parses each mail with mailparser, run as its own process.
 *
 *   node dist/test/bench/bare-smtp.js --port P [--host 127.0.0.1]
 *
 * Any sender and recipient, AUTH optional, no STARTTLS, no reverse DNS, no logger; `onData` runs `simpleParser`
 * over the message and answers 250 when it is parsed. Nothing is stored: this is what the emulator's SMTP
 * ingress costs without its store, analysis and events. Ready when it greets with 220.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const port = Number(argValue('--port', '0'));
const host = argValue('--host', '127.0.0.1');

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      () => callback(),
      (error: Error) => callback(error),
    );
  },
});
server.on('error', (error) => process.stderr.write(`bare-smtp: ${error.message}\n`));

server.listen(port, host, () => {
  process.stdout.write(`bare-smtp listening on ${host}:${port}\n`);
});

function shutdown(): void {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
