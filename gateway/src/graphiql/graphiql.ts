import { dirname, join } from 'node:path';
import express, { type Router } from 'express';
import { CONTENT_SECURITY_POLICY, pageHeaders } from '../web-app';

/** Each browser asset comes from its npm package: no CDN, so GraphiQL works offline. */
const ASSETS: Record<string, string> = {
  'react.js': join(dirname(require.resolve('react/package.json')), 'umd/react.production.min.js'),
  'react-dom.js': join(dirname(require.resolve('react-dom/package.json')), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
  'graphiql.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
  'start.js': join(__dirname, '../../public/start-graphiql.js'),
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Employer Contacts Gateway · GraphiQL</title>
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="/graphiql/graphiql.css" />
    <link rel="stylesheet" href="/graphiql/page.css" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="/graphiql/react.js"></script>
    <script src="/graphiql/react-dom.js"></script>
    <script src="/graphiql/graphiql.js"></script>
    <script src="/graphiql/start.js"></script>
  </body>
</html>`;

/**
 * The web app's policy, but for fonts: GraphiQL's stylesheet embeds its fonts as data: URLs (a
 * font runs no script). Still no inline script, nothing from elsewhere, no framing.
 */
export const GRAPHIQL_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "font-src 'self'",
  "font-src 'self' data:",
);

// A file of its own, not a <style> element: the page's policy allows no inline style.
const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; }\n';

/**
 * `/graphiql/*` assets, and the page itself for a browser's GET of the GraphQL endpoint. The page
 * carries the web app's headers: GraphiQL runs with a staff member's token in its editor, so no
 * other site may frame it (clickjacking) or run script in it.
 */
export function graphiqlRouter(): Router {
  const router = express.Router();
  router.get('/graphiql/page.css', (_req, res) => {
    res.type('css').set('cache-control', 'max-age=3600').send(PAGE_CSS);
  });
  router.get('/graphiql/:asset', (req, res, next) => {
    const file = ASSETS[req.params.asset];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1h' });
  });
  router.get(['/', '/graphql'], (req, res, next) => {
    if (!req.accepts('text/html') || req.accepts(['application/json', 'text/html']) === 'application/json')
      return next();
    pageHeaders(res, GRAPHIQL_CONTENT_SECURITY_POLICY);
    res.type('html').send(PAGE);
  });
  return router;
}
