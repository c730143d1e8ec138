import { runUntilSignalled } from '@ecg/infrastructure';
import { createServer } from './server';

runUntilSignalled(() => createServer());
