import type { DataSource } from 'typeorm';
import type { Logger } from '@ecg/infrastructure';
import { DEMO_ACCOUNTS, demoContact, demoContactId, demoOrganizationId } from '@ecg/demo-data';
import { SelfServiceAccount } from './self-service/self-service-account.entity';
import { SelfServiceStatus } from './self-service/self-service-status';

const date = (iso: string | null) => (iso ? new Date(iso) : null);

/** The self-service panels the seeds' screens show (Bella registered, Contact Test pending, Katie locked). */
export async function seedDemoData(dataSource: DataSource, logger: Logger): Promise<void> {
  const repository = dataSource.getRepository(SelfServiceAccount);
  if ((await repository.count()) > 0) return;
  await repository.insert(
    DEMO_ACCOUNTS.map((a) => {
      const contact = demoContact(a.contactKey);
      return {
        essId: a.essId,
        contactId: demoContactId(a.contactKey),
        organizationId: demoOrganizationId(contact.organizationCode),
        userName: contact.email!.toLowerCase(),
        status: a.status as SelfServiceStatus,
        passwordLastChanged: date(a.passwordLastChangedAt),
        lastSuccessfulLogin: date(a.lastSuccessfulLoginAt),
        previousLogin: date(a.previousLoginAt),
        successfulLoginAttempts: a.successfulLoginAttempts,
        totalUnsuccessfulAttempts: a.totalUnsuccessfulAttempts,
        unsuccessfulAttemptsSinceLastSuccess: a.status === 'LOCKED' ? 3 : 0,
        enrollmentCompleted: a.enrollmentCompleted,
        temporaryPasswordSet: a.status === 'REGISTRATION_PENDING',
        temporaryPasswordExpiresAt: date(a.temporaryPasswordExpiresAt),
        passwordExpired: a.passwordExpired,
        reenrolled: false,
        lastAuthenticationFailure: a.lastAuthenticationFailure,
        internalMessage: a.internalMessage,
        externalMessage: a.externalMessage,
      };
    }),
  );
  logger.info({ count: DEMO_ACCOUNTS.length }, 'demonstration self-service accounts loaded');
}
