import type { DataSource } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import { DEMO_CONTACTS, demoContactId, demoOrganizationId } from '@ecg/demo-data';
import { ContactStatus } from './contact/contact-enums';
import { Contact } from './contact/contact.entity';

/** The contacts of the seeds' screens, with their contact types, when the table is empty. */
export async function seedDemoData(dataSource: DataSource, logger: Logger): Promise<void> {
  const repository = dataSource.getRepository(Contact);
  if ((await repository.count()) > 0) return;
  const contacts = DEMO_CONTACTS.map((d) => {
    const id = demoContactId(d.key);
    return repository.create({
      id,
      organizationId: demoOrganizationId(d.organizationCode),
      firstName: d.firstName,
      lastName: d.lastName,
      primaryEmail: d.email,
      status: d.status as ContactStatus,
      typeAssignments: d.types.map((contactType) => ({ contactId: id, contactType })),
    });
  });
  await repository.save(contacts);
  logger.info({ count: contacts.length }, 'demonstration contacts loaded');
}
