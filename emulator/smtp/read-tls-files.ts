import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

/**
 * The STARTTLS certificate and key, read once at start; null when none is configured. A file that cannot be read,
 * or a pair that TLS refuses (not PEM, key not matching), is a start-up error naming the file and the flag.
 */
export async function readTlsFiles(certPath: string | null, keyPath: string | null): Promise<TlsFiles | null> {
  if (certPath === null && keyPath === null) return null;
  if (certPath === null || keyPath === null) throw new Error('--smtp-cert and --smtp-key go together: give both or neither');
  const read = async (path: string, flag: string) => {
    try {
      return await readFile(path);
    } catch (err) {
      throw new Error(`cannot read ${flag} ${path}: ${(err as Error).message}`);
    }
  };
  // One after the other, so that with both missing the error always names the certificate.
  const cert = await read(certPath, '--smtp-cert');
  const key = await read(keyPath, '--smtp-key');
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new Error(`--smtp-cert ${certPath} and --smtp-key ${keyPath} are not a usable PEM certificate and key: ${(err as Error).message}`);
  }
  return { cert, key };
}
