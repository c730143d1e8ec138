import { rateLimitModule, type LoadersMatch } from '@ecg/infrastructure';
import type { OrganizationContext } from './context';
import { administratorDirectoryModule } from './administrator-directory/administrator-directory.module';
import { organizationModule } from './organization/organization.module';
import { sessionModule } from './session/session.module';

/** The organization subgraph's feature folders: a new one is added here and nowhere else. */
export const organizationModules = [
  organizationModule,
  administratorDirectoryModule,
  sessionModule,
  rateLimitModule,
] as const;

/** The loaders the modules contribute are the ones the declared context names (a compile-time check). */
export const moduleLoadersMatchContext: LoadersMatch<typeof organizationModules, OrganizationContext['loaders']> = true;
