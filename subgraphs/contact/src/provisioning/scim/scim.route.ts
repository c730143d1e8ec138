import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import SCIMMY from 'scimmy';
import { consumeRateLimit, type RouteTools } from '@ecg/infrastructure';
import type { PeerServices } from '../../session/peer-services';
import { provisioningTokenOf } from '../provisioning-tokens';
import type { ScimContext } from './scim-context';
import { scimError, toScimError } from './scim-errors';
import { declareGroups } from './scim-groups';
import { declareUsers } from './scim-users';
import { configureServiceProvider } from './service-provider';

export const SCIM_PATH = '/scim/v2';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

type Resource = typeof SCIMMY.Resources.User | typeof SCIMMY.Resources.Group;
type Handler = (req: Request, res: Response, context: ScimContext) => Promise<unknown>;

/** RFC 7644 §3.12: every refusal, in SCIM's own error shape. */
function sendError(res: Response, error: unknown, tools: RouteTools<PeerServices>) {
  const scim = toScimError(error);
  if (!(scim instanceof SCIMMY.Types.Error)) {
    tools.logger.error({ err: error }, 'SCIM request failed');
    return void res.status(500).json({ schemas: [ERROR_SCHEMA], status: '500', detail: 'Internal error' });
  }
  const { status, scimType, message } = scim;
  if (status === 401) res.set('www-authenticate', 'Bearer realm="scim"');
  const retryAfter = (error as { extensions?: { retryAfterSeconds?: unknown } }).extensions?.retryAfterSeconds;
  if (status === 429 && typeof retryAfter === 'number') res.set('retry-after', String(Math.ceil(retryAfter)));
  res
    .status(status)
    .json({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail: message });
}

/** The version `If-Match` names, without its weak prefix and quotes. */
const ifMatchOf = (req: Request) => req.get('if-match')?.replace(/^W\//, '').replace(/"/g, '').trim() || null;

/** Paging and filter parameters, with `startIndex`/`count` as numbers (SCIMMY wants integers). */
function queryOf(req: Request) {
  const query: Record<string, unknown> = { ...(req.query as Record<string, unknown>) };
  for (const name of ['startIndex', 'count'])
    if (typeof query[name] === 'string' && /^-?\d+$/.test(query[name])) query[name] = Number(query[name]);
  return query;
}

function withETag(res: Response, body: unknown) {
  const version = (body as { meta?: { version?: string } } | undefined)?.meta?.version;
  if (version) res.set('etag', version);
  return body;
}

/** GET, POST, PUT, PATCH and DELETE of one resource type, through SCIMMY's resource class. */
function resourceRoutes(router: express.Router, Resource: Resource, run: (handler: Handler) => express.RequestHandler) {
  const path = Resource.endpoint;
  const one = (req: Request) => new Resource(String(req.params.id), queryOf(req));
  router.get(
    path,
    run(async (req, res, context) => res.json(await new Resource(queryOf(req) as never).read(context))),
  );
  router.get(
    `${path}/:id`,
    run(async (req, res, context) => res.json(withETag(res, await one(req).read(context)))),
  );
  router.post(
    path,
    run(async (req, res, context) => {
      const created = withETag(res, await new Resource(queryOf(req) as never).write(req.body, context));
      const location = (created as { meta?: { location?: string } }).meta?.location;
      if (location) res.location(location);
      res.status(201).json(created);
    }),
  );
  router.put(
    `${path}/:id`,
    run(async (req, res, context) => res.json(withETag(res, await one(req).write(req.body, context)))),
  );
  router.patch(
    `${path}/:id`,
    run(async (req, res, context) => {
      const patched = await one(req).patch(req.body as never, context);
      // Nothing changed: 204, as RFC 7644 §3.5.2 allows; the version stays what it was.
      if (!patched) return void res.status(204).end();
      res.json(withETag(res, patched));
    }),
  );
  router.delete(
    `${path}/:id`,
    run(async (req, res, context) => {
      await one(req).dispose(context);
      res.status(204).end();
    }),
  );
}

/**
 * `/scim/v2/…`: the organization's contacts as SCIM Users, its contact types as Groups. Each
 * request carries one organization's provisioning token, which reaches that organization only.
 */
export function scimRoutes(app: Express, tools: RouteTools<PeerServices>) {
  // SCIMMY keeps its configuration and resource types in module state: declared once per process.
  if (!SCIMMY.Resources.declared('User')) {
    configureServiceProvider();
    declareUsers();
    declareGroups();
  }
  const router = express.Router();
  router.use(express.json({ type: ['application/scim+json', 'application/json'], limit: '1mb' }));
  const run =
    (handler: Handler) =>
    async (req: Request, res: Response): Promise<void> => {
      res.type('application/scim+json');
      try {
        const token = await provisioningTokenOf(tools.dataSource, req.headers.authorization);
        if (!token) throw scimError(401, null, 'A valid provisioning token is required');
        await consumeRateLimit(tools.dataSource, `scim:${token.id}`, tools.services.scimRateLimit);
        setBasePath(req);
        const context: ScimContext = {
          dataSource: tools.dataSource,
          organizationId: token.organizationId,
          actor: { kind: 'provisioning', id: token.id, label: token.label },
          ifMatch: ifMatchOf(req),
          accessReduced: (contactId) => tools.services.contactAccessReduced(contactId, req.headers.authorization),
        };
        await handler(req, res, context);
      } catch (error) {
        sendError(res, error, tools);
      }
    };
  router.get(
    '/ServiceProviderConfig',
    run(async (_req, res) => res.json(await new SCIMMY.Resources.ServiceProviderConfig().read())),
  );
  router.get(
    '/ResourceTypes',
    run(async (_req, res) => res.json(await new SCIMMY.Resources.ResourceType().read())),
  );
  router.get(
    '/ResourceTypes/:id',
    run(async (req, res) => res.json(await new SCIMMY.Resources.ResourceType(String(req.params.id)).read())),
  );
  router.get(
    '/Schemas',
    run(async (_req, res) => res.json(await new SCIMMY.Resources.Schema().read())),
  );
  router.get(
    '/Schemas/:id',
    run(async (req, res) => res.json(await new SCIMMY.Resources.Schema(String(req.params.id)).read())),
  );
  resourceRoutes(router, SCIMMY.Resources.User, run);
  resourceRoutes(router, SCIMMY.Resources.Group, run);
  router.use(
    run(async () => {
      throw scimError(404, null, 'Endpoint not found');
    }),
  );
  // A body that is not JSON: SCIM's invalidSyntax, not express's HTML page.
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) =>
    sendError(res, scimError(400, 'invalidSyntax', 'The request body is not valid JSON'), tools),
  );
  app.use(SCIM_PATH, router);
}

/**
 * Where resources say they live (`meta.location`): the gateway's public origin, which it sends
 * as `x-forwarded-proto`/`x-forwarded-host`; a direct call gets this service's own.
 */
function setBasePath(req: Request) {
  const proto = req.get('x-forwarded-proto') ?? req.protocol;
  const host = req.get('x-forwarded-host') ?? req.get('host');
  const base = `${proto}://${host}${SCIM_PATH}`;
  for (const Resource of [
    SCIMMY.Resources.User,
    SCIMMY.Resources.Group,
    SCIMMY.Resources.Schema,
    SCIMMY.Resources.ResourceType,
    SCIMMY.Resources.ServiceProviderConfig,
  ])
    Resource.basepath(base);
}
