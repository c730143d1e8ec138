import type DataLoader from 'dataloader';
import type { BaseRequestContext } from '@ecg/infrastructure';
import type { EmailReachabilityRow } from './mail/email-reachability.entity';
import type { ContactFacts } from './contact-directory/contact-directory';
import type { SelfServiceLoaders } from './self-service/self-service.loaders';
import type { CredentialServices } from './services';

/**
 * A request's context, declared once (not inferred from the module list, which would make every
 * resolver import the modules that import it): the request, the subgraph's services, and the
 * loaders the modules contribute (`modules.ts` checks that they match).
 */
export interface CredentialContext extends BaseRequestContext {
  services: CredentialServices;
  loaders: {
    readonly selfService: SelfServiceLoaders;
    readonly contactFacts: DataLoader<string, ContactFacts | null>;
    readonly emailReachability: DataLoader<string, EmailReachabilityRow | undefined>;
    readonly internalOnlyEmailDomains: DataLoader<string, string[]>;
    readonly approvedEmailDomains: DataLoader<string, string[]>;
  };
}
