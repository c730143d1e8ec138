import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Structured logs; anything that could hold a secret is redacted by path. JSON lines for a file
 * (`LOG_DESTINATION`), a pipe or a log collector; coloured single lines (pino-pretty) when a
 * person reads them in a terminal.
 */
export function createLogger(name: string, level: string, destination?: string): Logger {
  const options: LoggerOptions = {
    name,
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.newPassword',
        '*.token',
        '*.refreshToken',
      ],
      censor: '[redacted]',
    },
  };
  return pino(options, output(level, destination));
}

function output(level: string, destination: string | undefined): DestinationStream | undefined {
  if (destination) return pino.destination({ dest: destination, append: true, sync: true });
  // A silent logger needs no worker thread; a pipe or a file gets JSON (pino's default).
  if (level === 'silent' || !process.stdout.isTTY) return undefined;
  // pino-pretty runs as a transport, in a worker thread, so formatting never slows a request.
  return pino.transport({
    target: 'pino-pretty',
    options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
  });
}
