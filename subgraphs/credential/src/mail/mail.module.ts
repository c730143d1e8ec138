import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { EmailReachabilityRow } from './email-reachability.entity';
import { EmailReachability1764400000000 } from './migrations/1764400000000-email-reachability';
import { OutboxMessage } from './outbox-message.entity';

/** The outbox: every mail is written in the same transaction as its cause, then delivered (and retried). */
export const mailModule: SubgraphModule<CredentialServices> = {
  name: 'mail',
  entities: [OutboxMessage, EmailReachabilityRow],
  migrations: [EmailReachability1764400000000],
};
