import 'reflect-metadata';
import { resolve } from 'node:path';

// Tests never phone home and keep their output readable.
process.env.APOLLO_TELEMETRY_DISABLED = '1';
// Every service a test starts logs here at debug level; the log audit reads it last.
process.env.LOG_LEVEL ??= 'debug';
process.env.LOG_DESTINATION ??= resolve(__dirname, '../../test-output/suite.log');
