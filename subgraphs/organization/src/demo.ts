import type { DataSource } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import { DEMO_ORGANIZATIONS, demoOrganizationId } from '@ecg/demo-data';
import { Organization } from './organization/organization.entity';
import type { OrganizationType } from './organization/organization-type';

/** The ESR toolkit's "short message to users", as an organization's administrators would set it. */
const DEMO_HELP_MESSAGES: Record<string, string> = {
  '42061': 'Locked out or no email on record? Contact HR/IT on (555) 010-4206, Monday to Friday, 8am to 5pm.',
};

/** The seeds' organizations 42061 and 01001, when the table is empty. */
export async function seedDemoData(dataSource: DataSource, logger: Logger): Promise<void> {
  const repository = dataSource.getRepository(Organization);
  if ((await repository.count()) > 0) return;
  await repository.insert(
    DEMO_ORGANIZATIONS.map((o) => ({
      id: demoOrganizationId(o.code),
      code: o.code,
      name: o.name,
      organizationType: o.organizationType as OrganizationType,
      address: { line1: null, line2: null, city: o.city, state: 'CA', postalCode: null, country: 'US' },
      automaticInternetAccess: true,
      helpMessage: DEMO_HELP_MESSAGES[o.code] ?? null,
    })),
  );
  logger.info({ count: DEMO_ORGANIZATIONS.length }, 'demonstration organizations loaded');
}
