import type { z } from 'zod';
import { badUserInput } from './errors';

/** Validate resolver arguments with a zod schema; invalid input becomes one BAD_USER_INPUT error. */
export function validateArgs<T extends z.ZodTypeAny>(schema: T, args: unknown): z.infer<T> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  throw badUserInput(
    result.error.issues.map((issue) => ({ field: issue.path.join('.') || '(arguments)', message: issue.message })),
  );
}
