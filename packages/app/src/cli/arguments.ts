import fs from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { AppError } from '../platform/errors.ts';

/** A commander parser of a whole number within bounds, with a message that names them. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `must be a whole number from ${min}`
          : `must be a whole number from ${min} to ${max}`,
      );
    }
    return number;
  };
}

/** Reads a text file an argument names, refusing with a message that says what it was for. */
export async function readText(file: string, what: string): Promise<string> {
  return fs.readFile(file, 'utf8').catch(() => {
    throw new AppError('VALIDATION.INVALID_INPUT', `cannot read ${what} ${file}`);
  });
}

/** The options that name an agreement: its mechanism and the agreement, each by name or id. */
export function agreementOptions(command: Command): Command {
  return command
    .requiredOption('--mechanism <name>', 'the mechanism, by name or id')
    .requiredOption('--agreement <name>', 'the agreement, by name or id');
}
