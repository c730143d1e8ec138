import { rateLimitModule } from '@ecg/infrastructure';
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
