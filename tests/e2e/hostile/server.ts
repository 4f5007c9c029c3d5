/**
 * Serves the hostile pages (tests/e2e/hostile/pages) from 127.0.0.1 on a random port. Two of these
 * make two origins for cross-origin iframe tests. `/gen/<name>?...` builds pages on the fly.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, 'pages');

export interface HostileServer {
  origin: string;
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const file = normalize(join(ROOT, decodeURIComponent(url.pathname)));
      if (!file.startsWith(ROOT + '/')) return void res.writeHead(404).end('not found');
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
        res.end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}
