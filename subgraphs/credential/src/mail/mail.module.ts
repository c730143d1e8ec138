import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { OutboxMessage } from './outbox-message.entity';

/** The outbox: every mail is written in the same transaction as its cause, then delivered (and retried). */
export const mailModule: SubgraphModule<CredentialServices> = { name: 'mail', entities: [OutboxMessage] };
