import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.ts';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, csvOf } from '../../testing/factories.ts';
import { buildTestApp, tokenFor } from '../../testing/http.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { withholdValues } from './domain/line-problem.ts';

// Values an import warning quotes: a year of birth, a sex, a capture date.
const QUOTED = ['1987', 'Q', '2022-03-01', '2023-01-01'];

describeEachDatabase("a version's import warnings", (db) => {
  let app: FastifyInstance;
  let services: Services;
  let mechanismId: string;

  beforeAll(async () => {
    ({ app, services } = await buildTestApp(db()));
    mechanismId = (await buildMechanism(db())).id;
    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism: mechanismId,
      party: 'UA',
      kind: 'held',
      acceptInvalid: true,
      file: buildFile(
        'held.csv',
        csvOf([
          ['record_id', 'surname', 'sex', 'date_of_birth', 'capture_date'],
          ['H-1', 'Бондар', 'M', '1987', ''],
          ['H-2', 'Гук', 'Q', '1990-01-01', ''],
          ['H-3', 'Ткач', 'M', '2023-01-01', '2022-03-01'],
        ]),
      ),
    });
  });

  const warningsSeenBy = async (grant: Parameters<typeof tokenFor>[1]) => {
    const response = await app.inject({
      url: `/api/v1/mechanisms/${mechanismId}/lists/UA/held/versions`,
      headers: await tokenFor(services, grant),
    });
    return response.json<{ items: { warnings: string[] }[] }>().items[0]?.warnings ?? [];
  };

  it('quote the values of the file to the roles that read the lines', async () => {
    const seen = await warningsSeenBy({ mechanism: mechanismId, role: 'mediator' });
    expect(seen).toHaveLength(3);
    for (const value of QUOTED.slice(0, 3)) expect(seen.join('\n')).toContain(value);
  });

  it('show an observer where each warning is, and none of the values', async () => {
    const seen = await warningsSeenBy({ mechanism: mechanismId, role: 'observer' });
    expect(seen).toEqual([
      'line 2, column date_of_birth: details withheld: they quote the file, and only roles that read the lines see them',
      'line 3, column sex: details withheld: they quote the file, and only roles that read the lines see them',
      'line 4, column date_of_birth: details withheld: they quote the file, and only roles that read the lines see them',
    ]);
    for (const value of QUOTED) expect(seen.join('\n')).not.toContain(value);
  });
});

describe('a warning withheld', () => {
  it('keeps its line and column, or only the tally of further warnings', () => {
    expect(withholdValues('line 7: the line has more cells than the header ("x")')).toBe(
      'line 7: details withheld: they quote the file, and only roles that read the lines see them',
    );
    expect(withholdValues('... and 12 more warnings')).toBe('... and 12 more warnings');
    expect(withholdValues('something unforeseen "1987-05-17"')).not.toContain('1987');
  });
});
