import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';
import { CONTENT_SECURITY_POLICY, pageHeaders, WEB_APP_DIR } from '../web-app';

/**
 * The web app's policy, but for fonts: GraphiQL's stylesheet embeds its fonts as data: URLs (a
 * font runs no script). Still no inline script, nothing from elsewhere, no framing.
 */
export const GRAPHIQL_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "font-src 'self'",
  "font-src 'self' data:",
);

/**
 * The GraphiQL page for a browser's GET of the GraphQL endpoint. It is built with the web app
 * (clients/web/graphiql.html: one React, no CDN, works offline); its assets are the app's hashed
 * /assets files. The page carries the web app's headers: GraphiQL runs with a staff member's
 * token in its editor, so no other site may frame it (clickjacking) or run script in it.
 */
export function graphiqlRouter(dir: string = WEB_APP_DIR): Router {
  const router = express.Router();
  const page = join(dir, 'graphiql.html');
  router.get('/graphql', (req, res, next) => {
    if (!req.accepts('text/html') || req.accepts(['application/json', 'text/html']) === 'application/json')
      return next();
    pageHeaders(res, GRAPHIQL_CONTENT_SECURITY_POLICY);
    if (!existsSync(page)) {
      res
        .status(503)
        .type('text')
        .send('GraphiQL is not built yet: run `npm run build` (or `npm start`), then reload.');
      return;
    }
    // Read each time: a rebuild while the gateway runs names new asset files.
    res.type('html').send(readFileSync(page, 'utf8'));
  });
  return router;
}
