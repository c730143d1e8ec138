import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { StaffAccount } from '../staff-logins/staff-account.entity';

/** Staff logins (the pension system's own people), with their own lockout. */
export const staffModule: SubgraphModule<CredentialServices> = { name: 'staff', entities: [StaffAccount] };
