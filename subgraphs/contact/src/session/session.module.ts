import type { SubgraphModule } from '@ecg/infrastructure';
import { currentSession } from './current-session.rule';

/** Every mutation here first checks, at once, that the caller's session is still what its token says. */
export const sessionModule: SubgraphModule = { name: 'session', everyMutation: currentSession };
