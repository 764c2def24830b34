import { ZodError } from 'zod';

/** A failure the CLI reports as one line on stderr with a non-zero exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** An error as the one line `csm` prints for it. */
export function errorLine(error: unknown): string {
  if (error instanceof ZodError)
    return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}
