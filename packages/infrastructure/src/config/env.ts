import { existsSync } from 'node:fs';
import { z } from 'zod';

// Read `.env` from the working directory once, if there is one; real environment variables win.
let envFileLoaded = false;
export function loadEnvFile(): void {
  if (envFileLoaded) return;
  envFileLoaded = true;
  if (existsSync('.env')) process.loadEnvFile('.env');
}

// The schemas parsed while `settingsSchemasOf` runs a loader: how docs/configuration.md and
// .env.example learn every setting from the loaders themselves (`npm run docs`).
let recording: z.ZodType[] | null = null;

/** The environment schemas a config loader parses (run with an empty environment): its settings, as declared. */
export function settingsSchemasOf(load: () => unknown): z.ZodObject[] {
  const seen: z.ZodType[] = [];
  recording = seen;
  try {
    load();
  } finally {
    recording = null;
  }
  return seen.filter((schema): schema is z.ZodObject => schema instanceof z.ZodObject);
}

/** Parse `env` with `schema`, or stop with one line per offending variable. */
export function parseEnv<T extends z.ZodTypeAny>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  recording?.push(schema);
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** A yes/no setting whose default depends on another (GRAPHIQL, DEMO_DATA: off in production). */
export function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  const result = bool(fallback).safeParse(value);
  if (result.success) return result.data;
  throw new Error(`Invalid configuration:\n  ${name}: ${result.error.issues[0]?.message ?? 'must be true or false'}`);
}

export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
