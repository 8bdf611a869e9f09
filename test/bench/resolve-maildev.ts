import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * MailDev's CLI script when `maildev` can be resolved from node_modules (it is not a dependency: the bar against
 * it is measured only where someone installed it), else why not.
 */
export function resolveMaildev(): { script: string } | { reason: string } {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('maildev/package.json');
  } catch {
    return { reason: 'maildev is not installed (not a dependency; `npm i --no-save maildev` to include it)' };
  }
  try {
    const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { bin?: string | Record<string, string> };
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.maildev;
    if (!bin) return { reason: `${packageJson} names no maildev bin` };
    return { script: join(dirname(packageJson), bin) };
  } catch (error) {
    return { reason: `cannot read ${packageJson}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
