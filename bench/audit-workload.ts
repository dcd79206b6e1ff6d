/**
 * The audit benchmark's log: a deterministic stream of events as the services record them, so
 * that every run, on either database, builds the same log.
 */
import { seededRandom } from '../packages/engine/src/index.ts';
import type { AuditEvent } from '../packages/app/src/modules/audit/index.ts';

const SEARCHES = ['Бондар', 'Шевченко', 'Іваненко', 'Kovalenko', 'Мельник', 'Petrov', 'Гук'];
const REASONS = ['handover to the mediator', 'requested by the ICRC delegation', 'weekly review'];

interface ListState {
  mechanismId: string;
  party: 'UA' | 'RU';
  kind: 'sought' | 'held';
  versions: Array<{ id: string; number: number; lineCount: number }>;
}

/**
 * A deterministic stream of events as the services record them (mechanisms.service.ts,
 * registry.service.ts): first 3 mechanisms with a sought and a held list per party, then a mix
 * of about 89% page reads naming 1–50 records `<version uuid>/<record id>` (some with a search),
 * 3% diffs, 3% exports, 5% new versions (list.import with its details); 85% from the HTTP
 * operator with a request id, the rest from CLI users without one. Timestamps advance 0–400 ms.
 */
export function createWorkload(seed: number): { next(): { event: AuditEvent; at: Date } } {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const hex = (n: number) => (int(2 ** 32) >>> 0).toString(16).padStart(8, '0').slice(0, n);
  const uuid = () =>
    `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + int(4)).toString(16)}${hex(3)}-${hex(8)}${hex(4)}`;
  const sha256 = () => `${hex(8)}${hex(8)}${hex(8)}${hex(8)}${hex(8)}${hex(8)}${hex(8)}${hex(8)}`;
  let clock = Date.parse('2026-03-02T07:30:00.000Z');

  const actor = (): { id: string; requestId: string | null } => {
    const r = random();
    if (r < 0.85) return { id: 'http:local-operator', requestId: uuid() };
    return { id: r < 0.95 ? 'cli:alice' : 'cli:bogdan', requestId: null };
  };
  const event = (
    who: { id: string; requestId: string | null },
    action: string,
    mechanismId: string,
    objectIds: string[],
    details: Record<string, unknown>,
    reason: string | null = null,
  ): AuditEvent => ({
    actor: who.id,
    mechanismId,
    action,
    objectIds,
    reason,
    requestId: who.requestId,
    details,
  });

  const lists: ListState[] = [];
  const setup: AuditEvent[] = [];
  const importVersion = (list: ListState, who = actor()): AuditEvent => {
    const last = list.versions.at(-1);
    const lineCount = last
      ? Math.max(
          100,
          last.lineCount + int(Math.ceil(last.lineCount / 10)) - Math.floor(last.lineCount / 20),
        )
      : 2_000 + int(98_000);
    const version = { id: uuid(), number: (last?.number ?? 0) + 1, lineCount };
    list.versions.push(version);
    return event(who, 'list.import', list.mechanismId, [version.id], {
      party: list.party,
      kind: list.kind,
      number: version.number,
      lineCount,
      flaggedLineCount: int(Math.ceil(lineCount / 50)),
      sourceName: `${list.party.toLowerCase()}-${list.kind}-v${version.number}.${random() < 0.7 ? 'xlsx' : 'csv'}`,
      sourceSha256: sha256(),
    });
  };
  for (const name of ['Istanbul channel', 'Abu Dhabi channel', 'Vatican channel']) {
    const mechanismId = uuid();
    setup.push(
      event({ id: 'system', requestId: null }, 'mechanism.create', mechanismId, [mechanismId], {
        name,
        parties: ['UA', 'RU'],
        mediators: ['TR'],
      }),
    );
    for (const party of ['UA', 'RU'] as const) {
      for (const kind of ['sought', 'held'] as const) {
        const list: ListState = { mechanismId, party, kind, versions: [] };
        lists.push(list);
        setup.push(importVersion(list, { id: 'cli:alice', requestId: null }));
      }
    }
  }

  const recordId = (list: ListState, index: number) =>
    `${list.party}-${list.kind === 'sought' ? 'S' : 'H'}-${String(index + 1).padStart(6, '0')}`;

  function randomEvent(): AuditEvent {
    const list = pick(lists);
    const version = list.versions.at(-1);
    if (!version) throw new Error('a list without versions');
    const who = actor();
    const r = random();
    if (r < 0.05) return importVersion(list, who);
    if (r < 0.08) {
      return event(
        who,
        'list.export',
        list.mechanismId,
        [version.id],
        {
          party: list.party,
          kind: list.kind,
          number: version.number,
          format: random() < 0.5 ? 'xlsx' : 'csv',
          lineCount: version.lineCount,
        },
        random() < 0.5 ? pick(REASONS) : null,
      );
    }
    if (r < 0.11) {
      const from = list.versions.at(-2);
      return event(who, 'list.read', list.mechanismId, [...(from ? [from.id] : []), version.id], {
        party: list.party,
        kind: list.kind,
        diff: [from?.number ?? null, version.number],
      });
    }
    // A page of lines: 1–50 records, consecutive from an offset, or the hits of a search.
    const count = 1 + int(50);
    const search = random() < 0.15 ? pick(SEARCHES) : null;
    const offset = search ? 0 : 50 * int(Math.max(1, Math.floor(version.lineCount / 50)));
    const start = search ? int(version.lineCount) : offset;
    const objectIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const index = search ? (start + i * 977) % version.lineCount : start + i;
      objectIds.push(`${version.id}/${recordId(list, index)}`);
    }
    return event(who, 'list.read', list.mechanismId, objectIds, {
      party: list.party,
      kind: list.kind,
      number: version.number,
      offset,
      search,
    });
  }

  return {
    next() {
      clock += int(400);
      return { event: setup.shift() ?? randomEvent(), at: new Date(clock) };
    },
  };
}
