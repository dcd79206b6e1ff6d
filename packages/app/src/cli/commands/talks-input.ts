import fs from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { withContext } from '../context.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a JSON file shaped as the API's body, naming the field of the first mistake. */
export async function readJson<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('VALIDATION.INVALID_INPUT', `${file}: not a readable JSON file (${reason})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'VALIDATION.INVALID_INPUT',
      `${file}: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

/** A violations file as text: UTF-8 only, refused rather than misread. */
export async function readUtf8(file: string): Promise<string> {
  const bytes = await fs.readFile(file).catch(() => {
    throw new AppError('VALIDATION.INVALID_INPUT', `cannot read ${file}`);
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      'VALIDATION.INVALID_INPUT',
      `${file} is not UTF-8 text; save it as UTF-8 CSV`,
    );
  }
}

/** A day as YYYY-MM-DD, for options. */
export const day = (value: string) => {
  if (!DAY.test(value))
    throw new AppError('VALIDATION.INVALID_INPUT', `"${value}" is not a day such as 2025-06-02`);
  return value;
};

/** Runs a command's work in a context (services over the database, the actor, the output). */
export type Run = <T>(
  work: (context: Parameters<Parameters<typeof withContext>[2]>[0]) => Promise<T>,
) => Promise<T>;
