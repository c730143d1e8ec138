export * from './compose';
export * from './local-federation';
