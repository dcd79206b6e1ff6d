import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What a list file may hold, beyond its size in bytes: refused past these, with the line and column. */
export interface ListFileLimits {
  /** The longest cell, in characters. */
  readonly maxCellChars: number;
  /** The most lines under the header. */
  readonly maxLines: number;
  /** The most columns of one line. */
  readonly maxColumns: number;
  /** The most bytes the parts of an XLSX file that are read may unpack to. */
  readonly maxUnpackedBytes: number;
}

/**
 * The defaults of the list file limits: far above any real list (names, dates and places; the
 * largest exchanges list tens of thousands of persons), far below what would exhaust the server.
 */
export const LIST_FILE_LIMIT_DEFAULTS: ListFileLimits = Object.freeze({
  maxCellChars: 10_000,
  maxLines: 500_000,
  maxColumns: 300,
  maxUnpackedBytes: 1024 * 1024 * 1024,
});

const configSchema = z.object({
  /** Where the embedded database and the deployment's files live. */
  PARLEY_DATA_DIR: z.string().min(1).default('./.parley'),
  /** A PostgreSQL URL; when absent, the embedded PGlite database in the data directory is used. */
  DATABASE_URL: z
    .string()
    .refine(
      (value) => /^postgres(ql)?:\/\//.test(value),
      'must start with postgres:// or postgresql://',
    )
    .optional(),
  /** The HTTP port of `parley serve`. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address the server binds to; loopback by default, since lists are sensitive. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** pino's log level. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** The largest list file accepted for import, in bytes. */
  PARLEY_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  /** The longest cell of a list file, in characters. */
  PARLEY_MAX_CELL_CHARS: z.coerce
    .number()
    .int()
    .positive()
    .default(LIST_FILE_LIMIT_DEFAULTS.maxCellChars),
  /** The most lines (under the header) of a list file. */
  PARLEY_MAX_LIST_LINES: z.coerce
    .number()
    .int()
    .positive()
    .default(LIST_FILE_LIMIT_DEFAULTS.maxLines),
  /** The most columns of one line of a list file. */
  PARLEY_MAX_LIST_COLUMNS: z.coerce
    .number()
    .int()
    .positive()
    .default(LIST_FILE_LIMIT_DEFAULTS.maxColumns),
  /** The most bytes an XLSX list file may unpack to (what is read of it: sheet, strings, styles). */
  PARLEY_MAX_UNPACKED_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(LIST_FILE_LIMIT_DEFAULTS.maxUnpackedBytes),
  /** Set behind a reverse proxy that terminates TLS: its X-Forwarded-* headers are then believed. */
  PARLEY_TRUST_PROXY: z.stringbool().default(false),
  /** Requests per minute one client (by address) may make to the API; 0 turns the limit off. */
  PARLEY_RATE_LIMIT: z.coerce.number().int().min(0).default(3000),
  /** Sign-in attempts a minute one client address may make; lower than the rest, against guessing. */
  PARLEY_SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /**
   * MiB of answers of list pages kept in memory, so that a page read again costs no database read;
   * 0 keeps none. Each read is audited all the same.
   */
  PARLEY_PAGE_CACHE_MIB: z.coerce.number().int().min(0).default(64),
  /** The built web application that `parley serve` serves at /; packages/web/dist when absent. */
  PARLEY_WEB_ROOT: z.string().min(1).optional(),
});

export type DatabaseConfig =
  { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface AppConfig {
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly port: number;
  readonly host: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly maxUploadBytes: number;
  readonly listFileLimits: ListFileLimits;
  readonly trustProxy: boolean;
  readonly rateLimitPerMinute: number;
  readonly signInPerMinute: number;
  /** Bytes of list pages' answers kept in memory (registry/page-cache.ts); 0 keeps none. */
  readonly pageCacheBytes: number;
  /** An absolute path, or null for the web application built in the repository. */
  readonly webRoot: string | null;
}

/** Thrown when an environment variable holds a value Parley cannot use. */
export class ConfigError extends Error {}

/** Validates the environment once and returns the frozen configuration. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = configSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const value = env[variable];
    throw new ConfigError(
      `${variable}: ${issue?.message ?? 'invalid'}${value === undefined ? '' : ` (value "${value}")`}`,
    );
  }
  const vars = parsed.data;
  const dataDir = path.resolve(vars.PARLEY_DATA_DIR);
  const config: AppConfig = {
    dataDir,
    database: vars.DATABASE_URL
      ? { kind: 'postgres', url: vars.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') },
    port: vars.PORT,
    host: vars.HOST,
    logLevel: vars.LOG_LEVEL,
    maxUploadBytes: vars.PARLEY_MAX_UPLOAD_BYTES,
    listFileLimits: Object.freeze({
      maxCellChars: vars.PARLEY_MAX_CELL_CHARS,
      maxLines: vars.PARLEY_MAX_LIST_LINES,
      maxColumns: vars.PARLEY_MAX_LIST_COLUMNS,
      maxUnpackedBytes: vars.PARLEY_MAX_UNPACKED_BYTES,
    }),
    trustProxy: vars.PARLEY_TRUST_PROXY,
    rateLimitPerMinute: vars.PARLEY_RATE_LIMIT,
    signInPerMinute: vars.PARLEY_SIGN_IN_RATE_LIMIT,
    pageCacheBytes: vars.PARLEY_PAGE_CACHE_MIB * 1024 * 1024,
    webRoot: vars.PARLEY_WEB_ROOT ? path.resolve(vars.PARLEY_WEB_ROOT) : null,
  };
  return Object.freeze(config);
}

function emptyToUndefined(
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
}
