import type { DataSource } from 'typeorm';
import type { CredentialConfig } from '../config';
import { enqueueMail } from '../mail/outbox';
import { templates } from '../mail/templates';
import type { FactorHolder } from './proven';
import { isStaffHolder } from '../staff-logins/staff-second-factor';

/** A change of how a login proves itself, as the owner reads it in the mail. */
export type FactorChange =
  | { kind: 'PASSKEY_ADDED'; name: string; passwordless: boolean }
  | { kind: 'PASSKEY_REMOVED'; name: string }
  | { kind: 'PASSKEY_RENAMED'; from: string; to: string }
  | { kind: 'AUTHENTICATOR_SET' }
  | { kind: 'AUTHENTICATOR_REMOVED'; recoveryCodesRemoved: boolean }
  | { kind: 'RECOVERY_CODES_REGENERATED' }
  | { kind: 'PASSWORD_CHANGED' };

export const describeFactorChange = (change: FactorChange): string => {
  switch (change.kind) {
    case 'PASSKEY_ADDED':
      return `A passkey named "${change.name}" was added to your login${change.passwordless ? '; it can sign in without your password' : ''}.`;
    case 'PASSKEY_REMOVED':
      return `The passkey named "${change.name}" was removed from your login.`;
    case 'PASSKEY_RENAMED':
      return `The passkey named "${change.from}" was renamed "${change.to}".`;
    case 'AUTHENTICATOR_SET':
      return 'An authenticator app was set up for your login; codes from any earlier app no longer work.';
    case 'AUTHENTICATOR_REMOVED':
      return `The authenticator app was removed from your login; its codes no longer work${change.recoveryCodesRemoved ? ', and with no second factor left your recovery codes were removed too' : ''}.`;
    case 'RECOVERY_CODES_REGENERATED':
      return 'New recovery codes were made for your login; the earlier ones no longer work.';
    case 'PASSWORD_CHANGED':
      return 'The password of your login was changed.';
  }
};

/** The mail that follows every change the step-up gate let through, queued for the outbox (never lost). */
export function factorChangeNotices(dataSource: DataSource, config: CredentialConfig) {
  return {
    async send(holder: FactorHolder, change: FactorChange): Promise<void> {
      await enqueueMail(dataSource.manager, {
        recipient: holder.userName,
        ...templates.factorChanged(
          { userName: holder.userName, staff: isStaffHolder(holder.essId), timeZone: config.displayTimeZone },
          describeFactorChange(change),
          `${config.publicUrl}/self-service/forgot-password`,
          `${config.publicUrl}/account`,
        ),
      });
    },
  };
}
