import { InvalidArgumentError } from 'commander';

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
