import type { Formula } from '@parley/kernel/agreement';
import type { Database } from '../platform/db/kysely.ts';
import { withScope } from '../platform/db/scope.ts';
import { insertPersons } from '../modules/exchanges/paths/paths.repository.ts';
import {
  findPersons,
  setStage,
  setStageStatus,
} from '../modules/exchanges/shared/exchange-rows.repository.ts';
import { insertStage } from '../modules/exchanges/stages/stages.repository.ts';

// Test support reaches behind the exchange's index on purpose: it writes the rows a test starts
// from as the system would, without planning a stage through the API in every test.

interface SeededPerson {
  recordId: string;
  state: string;
  /** Whether the person is placed in the stage (true unless told otherwise). */
  inStage?: boolean;
}

/**
 * A stage of an agreement's first version, at the Belarus–Ukraine border on 9 June 2025, and RU's
 * held persons for UA on their paths (in the young category), written with the system's scope
 * (stages and persons have row policies). Answers the stage's id and each person's id by record.
 */
export async function seedStage(
  db: Database,
  input: {
    mechanismId: string;
    agreement: {
      id: string;
      versions: ReadonlyArray<{ id: string; definition: { formula: Formula } }>;
    };
    number?: number;
    status?: 'approved' | 'executing';
    held?: { versionId: string; persons: readonly SeededPerson[] };
  },
): Promise<{ stageId: string; personIds: Map<string, string> }> {
  const { mechanismId, agreement } = input;
  const version = agreement.versions[0]!;
  return withScope(db, { system: 'on' }, async (system) => {
    const stageId = await insertStage(system, {
      mechanismId,
      agreementId: agreement.id,
      agreementVersionId: version.id,
      formula: version.definition.formula,
      number: input.number ?? 1,
      place: 'Belarus–Ukraine border',
      date: '2025-06-09',
      surplus: [],
      createdBy: 'system',
    });
    if (input.status) await setStageStatus(system, stageId, input.status);
    const personIds = new Map<string, string>();
    if (!input.held) return { stageId, personIds };
    const { versionId, persons } = input.held;
    await insertPersons(
      system,
      persons.map((p) => ({
        mechanismId,
        agreementId: agreement.id,
        party: 'RU',
        receivingParty: 'UA',
        listVersionId: versionId,
        recordId: p.recordId,
        category: 'young',
        priority: '0',
        rank: null,
        state: p.state,
      })),
    );
    for (const p of await findPersons(system, { agreementId: agreement.id }))
      personIds.set(p.record_id, p.id);
    const placed = persons
      .filter((p) => p.inStage !== false)
      .map((p) => personIds.get(p.recordId)!);
    await setStage(system, placed, stageId);
    return { stageId, personIds };
  });
}
