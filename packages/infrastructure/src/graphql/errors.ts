// Errors are built from the one registry in @ecg/policy; re-exported here so that a subgraph finds
// them beside the other GraphQL helpers.
export { appError, badUserInput, notFound, type AppErrorDetails, type InvalidField } from '@ecg/policy';
