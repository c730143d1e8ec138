import 'reflect-metadata';

// Tests never phone home and keep their output readable.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.LOG_LEVEL ??= 'silent';
