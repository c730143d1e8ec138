import type { BaseRequestContext } from '@ecg/shared';
import type { CredentialServices } from './services';
import { createSelfServiceLoaders, type SelfServiceLoaders } from './self-service/self-service.loaders';

export interface CredentialContext extends BaseRequestContext {
  loaders: { selfService: SelfServiceLoaders };
  services: CredentialServices;
}

export function createContext(base: BaseRequestContext, services: CredentialServices): CredentialContext {
  return { ...base, services, loaders: { selfService: createSelfServiceLoaders(base.dataSource) } };
}
