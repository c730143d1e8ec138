// The permission policy every service of the federation shares: the capability matrix (from the
// job aid), who is calling (principal, token verification, revocation) and the shield rules
// derived from the matrix. A service that joins the federation imports this, not a copy.
export * from './capability-matrix';
export * from './contact-labels';
export * from './contact-type';
export * from './errors';
export * from './principal';
export * from './revocation-list';
export * from './rules';
export * from './token-verifier';
