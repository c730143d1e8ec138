import { existsSync } from 'node:fs';
import { z } from 'zod';

// Read `.env` from the working directory once, if there is one; real environment variables win.
let envFileLoaded = false;
export function loadEnvFile(): void {
  if (envFileLoaded) return;
  envFileLoaded = true;
  if (existsSync('.env')) process.loadEnvFile('.env');
}

/** Parse `env` with `schema`, or stop with one line per offending variable. */
export function parseEnv<T extends z.ZodTypeAny>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
