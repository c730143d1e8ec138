import 'reflect-metadata';

export * from './config/env';
export * from './config/subgraph-config';
export * from './contact-types/contact-type';
export * from './database/columns';
export * from './database/batch';
export * from './database/data-source';
export * from './demo/demo-data';
export * from './graphql/errors';
export * from './graphql/federated-schema';
export * from './graphql/pagination';
export * from './graphql/validate';
export * from './server/listen';
export * from './server/logger';
export * from './server/subgraph-server';
