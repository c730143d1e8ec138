import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured logs; anything that could hold a secret is redacted by path. */
export function createLogger(name: string, level: string, destination?: string): Logger {
  return pino(
    {
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.newPassword', '*.token', '*.refreshToken'],
      censor: '[redacted]',
    },
  },
    destination ? pino.destination({ dest: destination, append: true, sync: true }) : undefined,
  );
}
