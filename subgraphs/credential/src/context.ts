import type { BaseRequestContext } from '@ecg/shared';
import { createSelfServiceLoaders, type SelfServiceLoaders } from './self-service/self-service.loaders';

export interface CredentialContext extends BaseRequestContext {
  loaders: { selfService: SelfServiceLoaders };
}

export function createContext(base: BaseRequestContext): CredentialContext {
  return { ...base, loaders: { selfService: createSelfServiceLoaders(base.dataSource) } };
}
