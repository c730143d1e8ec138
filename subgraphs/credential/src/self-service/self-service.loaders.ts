import type { DataSource } from 'typeorm';
import { rowLoader, type BaseRequestContext } from '@ecg/infrastructure';
import { SelfServiceAccount } from './self-service-account.entity';

export function createSelfServiceLoaders(dataSource: DataSource) {
  return {
    byContactId: rowLoader<SelfServiceAccount, string>(dataSource.getRepository(SelfServiceAccount), 'contactId'),
    byEssId: rowLoader<SelfServiceAccount, number>(dataSource.getRepository(SelfServiceAccount), 'essId'),
  };
}

export type SelfServiceLoaders = ReturnType<typeof createSelfServiceLoaders>;

/** `context.loaders.selfService` */
export const selfServiceLoaders = {
  selfService: (request: BaseRequestContext) => createSelfServiceLoaders(request.dataSource),
};
