import { request, type Agent } from 'node:http';

export interface HttpJsonResponse {
  status: number;
  body: unknown;
}

/** One small HTTP request; without keep-alive unless an `agent` is given (probes, control calls, sequential timing). */
export function httpJson(
  url: string,
  options: { method?: string; body?: unknown; timeoutMs?: number; agent?: Agent } = {},
): Promise<HttpJsonResponse> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: options.agent ?? false,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
          : undefined,
        timeout: options.timeoutMs ?? 5000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs ?? 5000} ms: ${url}`)));
    req.on('error', reject);
    req.end(payload);
  });
}
