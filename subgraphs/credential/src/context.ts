import DataLoader from 'dataloader';
import type { BaseRequestContext } from '@ecg/infrastructure';
import type { ContactFacts } from './contact-directory/contact-directory';
import type { CredentialServices } from './services';
import { createSelfServiceLoaders, type SelfServiceLoaders } from './self-service/self-service.loaders';

export interface CredentialContext extends BaseRequestContext {
  loaders: { selfService: SelfServiceLoaders; contactFacts: DataLoader<string, ContactFacts | null> };
  services: CredentialServices;
}

export function createContext(base: BaseRequestContext, services: CredentialServices): CredentialContext {
  return {
    ...base,
    services,
    loaders: {
      selfService: createSelfServiceLoaders(base.dataSource),
      // Asked of the contact subgraph once per request, however many rules want it.
      contactFacts: new DataLoader((ids) => Promise.all(ids.map((id) => services.directory.contact(id)))),
    },
  };
}
