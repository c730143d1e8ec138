import type { SubgraphModule } from '@ecg/infrastructure';
import type { OrganizationServices } from './session-services';
import { currentSession } from './current-session.rule';

/** Every mutation here first checks, at once, that the caller's session has not ended. */
export const sessionModule: SubgraphModule<OrganizationServices> = { name: 'session', everyMutation: currentSession };
