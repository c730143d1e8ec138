import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { jsonBody, unexpectedErrors } from './json-body';
import { close, listen } from './listen';

const SECRET = 'Body-Literal-Never-Logged-81c2';

/** An app like the services': /graphql with `jsonBody`, a route with a parser of its own, the last handler at the end. */
async function app() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }),
  );
  const server = express();
  server.post(
    '/graphql',
    jsonBody(logger),
    (_req: express.Request, res: express.Response) => void res.json({ data: {} }),
  );
  server.post('/other', express.json({ limit: '1kb' }), (_req, res) => void res.json({ ok: true }));
  server.get('/boom', () => {
    throw new Error('a bug');
  });
  server.use(unexpectedErrors(logger));
  const { httpServer } = await listen(server, '127.0.0.1', 0);
  const base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return { base, lines, stop: () => close(httpServer) };
}

describe('request bodies a parser refuses', () => {
  it('get a GraphQL-shaped 400 or 413, and the log never holds the body, on /graphql and on any other route', async () => {
    const { base, lines, stop } = await app();
    try {
      for (const [path, body, status, message] of [
        ['/graphql', `{"password":"${SECRET}"`, 400, 'The request body is not valid JSON.'],
        ['/graphql', SECRET, 400, 'The request body is not valid JSON.'],
        ['/other', `{"password": ${SECRET}}`, 400, 'The request body is not valid JSON.'],
        ['/other', `{"password":"${SECRET.repeat(100)}"}`, 413, 'The request body is too large.'],
      ] as const) {
        const response = await fetch(base + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect([path, response.status, await response.json()]).toEqual([
          path,
          status,
          { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] },
        ]);
      }
      expect(lines).toHaveLength(4);
      expect(lines.join('')).not.toContain(SECRET.slice(0, 12));
    } finally {
      await stop();
    }
  });

  it('leave other failures a plain 500 without internals', async () => {
    const { base, stop } = await app();
    try {
      const response = await fetch(`${base}/boom`);
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
      expect(text).not.toMatch(/a bug|at |\.ts/);
    } finally {
      await stop();
    }
  });
});
