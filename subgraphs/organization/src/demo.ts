import type { DataSource } from 'typeorm';
import { DEMO_ORGANIZATIONS, demoOrganizationId, type Logger } from '@ecg/shared';
import { Organization } from './organization/organization.entity';
import type { OrganizationType } from './organization/organization-type';

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
    })),
  );
  logger.info({ count: DEMO_ORGANIZATIONS.length }, 'demonstration organizations loaded');
}
