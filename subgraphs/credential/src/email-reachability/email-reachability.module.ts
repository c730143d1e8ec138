import type { SubgraphModule } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import { emailReachabilityLoaders } from './email-reachability.loaders';
import { emailReachabilityPermissions } from './email-reachability.permissions';
import { EmailReachabilityReportResolver } from './email-reachability-report.resolver';
import { EmailReachabilityResolver } from './email-reachability.resolver';

/** Whether each contact's primary email reaches them (DESIGN.md section 9). */
export const emailReachabilityModule: SubgraphModule<CredentialServices, typeof emailReachabilityLoaders> = {
  name: 'email-reachability',
  resolvers: [EmailReachabilityResolver, EmailReachabilityReportResolver],
  rules: emailReachabilityPermissions,
  loaders: emailReachabilityLoaders,
};
