import type { Express } from 'express';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { appErrorBody, decide, httpStatusOf, type TokenVerifier } from '@ecg/policy';
import { displayDay, type Logger } from '@ecg/infrastructure';
import type { DataSource } from 'typeorm';
import { ContactSelfServiceFilter, ContactSort, ContactStatus } from '../contact/contact-enums';
import { loginFilter } from '../contact/login-filter';
import type { PeerServices } from '../session/peer-services';
import { writeContactsWorkbook } from './contacts-workbook';

export const EXPORT_PATH = '/exports/contacts.xlsx';

/** The spreadsheet's name: which organization, and the day (in the display zone) it was taken. */
export const exportFileName = (code: string, zone: string, now = new Date()) =>
  `contacts-${code.replace(/[^A-Za-z0-9-]+/g, '-')}-${displayDay(now, zone)}.xlsx`;

const params = z.object({
  organizationId: z.string().uuid(),
  sort: z.nativeEnum(ContactSort).default(ContactSort.FULL_NAME_ASC),
  status: z.nativeEnum(ContactStatus).optional(),
  search: z.string().trim().max(100).optional(),
  selfServiceStatus: z.nativeEnum(ContactSelfServiceFilter).optional(),
});

/** `GET /exports/contacts.xlsx?organizationId=…` with the caller's Bearer token: the same right as the list. */
export function contactsExportRoute(
  app: Express,
  {
    verify,
    dataSource,
    logger,
    services,
  }: { verify: TokenVerifier; dataSource: DataSource; logger: Logger; services: PeerServices },
) {
  app.get(EXPORT_PATH, async (req, res) => {
    try {
      const query = params.safeParse(req.query);
      if (!query.success) return void res.status(400).json(appErrorBody('BAD_USER_INPUT', 'Invalid export parameters'));
      const allowed = decide(
        await verify(req.headers.authorization),
        'ORGANIZATION_CONTACTS',
        'READ',
        query.data.organizationId,
      );
      if (allowed !== true) {
        const code = allowed.extensions.code;
        return void res
          .status(httpStatusOf(code))
          .json({ errors: [{ message: allowed.message, extensions: { code } }] });
      }
      const authorization = req.headers.authorization;
      const { selfServiceStatus, ...filters } = query.data;
      const code = await services.organizationCode(filters.organizationId, authorization);
      // Asked before the first byte is sent: a refusal is still an answer with its code.
      const logins = await loginFilter(filters.organizationId, selfServiceStatus, (id, status) =>
        services.selfServiceContactIds(id, status, authorization),
      );
      res.set({
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${exportFileName(code, services.displayTimeZone)}"`,
        'cache-control': 'no-store',
      });
      await writeContactsWorkbook(
        dataSource,
        filters.organizationId,
        { ...filters, search: filters.search || null, logins },
        res,
        (contactIds) => services.selfServiceStatuses(contactIds, authorization),
      );
    } catch (error) {
      if (error instanceof GraphQLError)
        return void res
          .status(httpStatusOf(error.extensions.code))
          .json({ errors: [{ message: error.message, extensions: error.extensions }] });
      logger.error({ err: error }, 'contacts export failed');
      if (!res.headersSent) res.status(500).json(appErrorBody('INTERNAL_SERVER_ERROR', 'Export failed'));
      else res.destroy();
    }
  });
}
