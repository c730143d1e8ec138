export * from './compose';
export * from './local-federation';
export * from './replicated-federation';
export * from './round-robin-proxy';
export * from './subgraphs';
export * from './cluster/deployment';
