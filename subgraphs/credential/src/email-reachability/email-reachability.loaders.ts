import DataLoader from 'dataloader';
import type { BaseRequestContext } from '@ecg/infrastructure';
import type { CredentialServices } from '../services';
import type { EmailReachabilityRow } from '../mail/email-reachability.entity';
import { addressKey, reachabilityRows } from '../mail/reachability';

/** `context.loaders.emailReachability`: what the mail learnt of each address, one query per request. */
export const emailReachabilityLoaders = {
  emailReachability: (request: BaseRequestContext) =>
    new DataLoader<string, EmailReachabilityRow | undefined>(async (addresses) => {
      const rows = await reachabilityRows(request.dataSource.manager, [...addresses]);
      return addresses.map((address) => rows.get(addressKey(address)));
    }),
  /** `context.loaders.internalOnlyEmailDomains`: each organization's, asked of the organization subgraph once per request. */
  internalOnlyEmailDomains: (_request: BaseRequestContext, services: CredentialServices) =>
    new DataLoader<string, string[]>((ids) => services.directory.internalOnlyEmailDomains(ids)),
  /** `context.loaders.approvedEmailDomains`: each organization's, asked of the organization subgraph once per request. */
  approvedEmailDomains: (_request: BaseRequestContext, services: CredentialServices) =>
    new DataLoader<string, string[]>((ids) => services.directory.approvedEmailDomains(ids)),
};
