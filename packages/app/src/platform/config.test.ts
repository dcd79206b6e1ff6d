import { describe, expect, it } from 'vitest';
import { ConfigError, LIST_FILE_LIMIT_DEFAULTS, loadConfig } from './config.ts';

describe('the configuration', () => {
  it('limits list files by default, and takes each limit from its variable', () => {
    expect(loadConfig({}).listFileLimits).toEqual(LIST_FILE_LIMIT_DEFAULTS);
    expect(
      loadConfig({
        PARLEY_MAX_CELL_CHARS: '500',
        PARLEY_MAX_LIST_LINES: '1000',
        PARLEY_MAX_LIST_COLUMNS: '40',
        PARLEY_MAX_UNPACKED_BYTES: '1048576',
      }).listFileLimits,
    ).toEqual({ maxCellChars: 500, maxLines: 1000, maxColumns: 40, maxUnpackedBytes: 1048576 });
  });

  it('refuses a limit that is not a positive whole number, naming the variable and the value', () => {
    expect(() => loadConfig({ PARLEY_MAX_CELL_CHARS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ PARLEY_MAX_LIST_LINES: 'many' })).toThrow(
      /^PARLEY_MAX_LIST_LINES: .*\(value "many"\)$/,
    );
  });
});
