import { runUntilSignalled } from '@ecg/shared';
import { createServer } from './server';

runUntilSignalled(() => createServer());
