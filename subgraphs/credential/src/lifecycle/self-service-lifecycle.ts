import type { DataSource } from 'typeorm';
import type { CredentialConfig } from '../config';
import type { Directory } from '../contact-directory/contact-directory';
import { SelfServiceAccount } from '../self-service/self-service-account.entity';
import type { Sessions } from '../sessions/sessions';
import { enrollment } from './enrollment';
import { refused } from '../errors/credential-errors';
import { linkCheck } from './link-check';
import { passwordReset } from './password-reset';
import { unlocking } from './unlock';
import { secondFactorReset } from './second-factor-reset';
import type { SecondFactors } from '../second-factor/second-factors';

export { PASSWORD_RESET_ANSWER } from './password-reset';

/** The Self Service panel's buttons and the links its emails carry. */
export function selfServiceLifecycle(
  dataSource: DataSource,
  config: CredentialConfig,
  directory: Directory,
  sessions: Sessions,
  factors: SecondFactors,
) {
  const deps = { dataSource, config, directory, sessions, factors };
  return {
    ...enrollment(deps),
    ...unlocking(deps),
    ...passwordReset(deps),
    ...linkCheck(deps),
    ...secondFactorReset(deps),

    /** Staff write the panel's messages; only staff read the internal one. */
    async setMessages(
      contactId: string,
      messages: { internalMessage: string | null; externalMessage: string | null },
    ): Promise<SelfServiceAccount> {
      const repository = dataSource.getRepository(SelfServiceAccount);
      const account = await repository.findOneBy({ contactId });
      if (!account) throw refused('NOT_REGISTERED', 'This contact has no self-service login.');
      await repository.update({ essId: account.essId }, messages);
      return repository.findOneByOrFail({ essId: account.essId });
    },
  };
}

export type SelfServiceLifecycle = ReturnType<typeof selfServiceLifecycle>;
