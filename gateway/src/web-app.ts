import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type RequestHandler, type Response, type Router } from 'express';

/** Where `npm run build` puts the web app (clients/web, built by Vite). */
export const WEB_APP_DIR = resolve(__dirname, '../../clients/web/dist');

/**
 * The app's pages (DESIGN.md section 7). Each is the same index.html: the app's router shows the
 * page. Other paths stay 404 (a browser gets the app's own "Page not found", see `notFoundPage`),
 * and `GET /graphql` stays GraphiQL.
 */
export const PAGE_PATHS = ['/', '/sign-in', '/help', '/account', '/self-service/*path', '/organization/*path'];

/**
 * Only the app's own files run or style the page: no inline script, nothing from elsewhere; so
 * an injected `<script>` or a stolen-style `<img src=evil>` does nothing, and no other site may
 * frame the page (clickjacking) or see its URLs, which carry one-time tokens (Referrer-Policy).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every page of the gateway carries: the web app's and GraphiQL's (with its own policy). */
export function pageHeaders(res: Response, contentSecurityPolicy = CONTENT_SECURITY_POLICY) {
  res.set({
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    // The page is the same for everyone, but never keep an old one that names old asset files.
    'cache-control': 'no-store',
  });
}

/** The built web app: hashed assets (cached for a year), and index.html for every page path. */
export function webAppRouter(dir: string = WEB_APP_DIR): Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
    (_req, res) => {
      res.status(404).type('text').send('No such file.');
    },
  );
  router.get(PAGE_PATHS, (req, res, next) => {
    if (!req.accepts('html')) return next();
    pageHeaders(res);
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text')
        .send('The web app is not built yet: run `npm run build` (or `npm start`), then reload.');
      return;
    }
    // Read each time: a rebuild while the gateway runs names new asset files.
    res.type('html').send(readFileSync(index, 'utf8'));
  });
  router.get('/favicon.svg', (_req, res, next) =>
    existsSync(join(dir, 'favicon.svg')) ? res.sendFile(join(dir, 'favicon.svg'), { maxAge: '1d' }) : next(),
  );
  return router;
}

/**
 * Any other path a browser asks for (its Accept names text/html): the app's own "Page not found"
 * page with status 404, in place of the framework's bare "Cannot GET". Mounted after every route.
 */
export function notFoundPage(dir: string = WEB_APP_DIR): RequestHandler {
  const index = join(dir, 'index.html');
  return (req, res, next) => {
    const browser = (req.method === 'GET' || req.method === 'HEAD') && /text\/html/.test(req.get('accept') ?? '');
    if (!browser || !existsSync(index)) return next();
    pageHeaders(res);
    res.status(404).type('html').send(readFileSync(index, 'utf8'));
  };
}
