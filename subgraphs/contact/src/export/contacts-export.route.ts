import type { Express } from 'express';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { appErrorBody, decide, httpStatusOf, type TokenVerifier } from '@ecg/policy';
import type { Logger } from '@ecg/infrastructure';
import type { DataSource } from 'typeorm';
import { ContactSort, ContactStatus } from '../contact/contact-enums';
import { writeContactsWorkbook } from './contacts-workbook';

export const EXPORT_PATH = '/exports/contacts.xlsx';

const params = z.object({
  organizationId: z.string().uuid(),
  sort: z.nativeEnum(ContactSort).default(ContactSort.FULL_NAME_ASC),
  status: z.nativeEnum(ContactStatus).optional(),
  search: z.string().trim().max(100).optional(),
});

/** `GET /exports/contacts.xlsx?organizationId=…` with the caller's Bearer token: the same right as the list. */
export function contactsExportRoute(
  app: Express,
  { verify, dataSource, logger }: { verify: TokenVerifier; dataSource: DataSource; logger: Logger },
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
      res.set({
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': 'attachment; filename="contacts.xlsx"',
        'cache-control': 'no-store',
      });
      await writeContactsWorkbook(
        dataSource,
        query.data.organizationId,
        { ...query.data, search: query.data.search || null },
        res,
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
