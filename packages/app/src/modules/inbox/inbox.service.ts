import type { Database } from '../../platform/db/kysely.ts';
import { withScope } from '../../platform/db/scope.ts';
import { isAllowed, rowScope, type Actor, type Grant, type Permission } from '../access/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import { STEP_STATES, totalOf, type InboxItem } from './domain/inbox.ts';
import * as repo from './inbox.repository.ts';

export interface InboxDeps {
  db: Database;
  mechanisms: MechanismsService;
  clock?: () => Date;
}

/** How long an outcome list released to a party stays in its inbox. */
const RELEASE_NEWS_DAYS = 14;

/** Each role's inbox: what waits for it, across the mechanisms it holds a grant in. */
export function createInboxService({ db, mechanisms, clock = () => new Date() }: InboxDeps) {
  /** What waits for the holder of one grant; `may` asks the permission table about that grant alone. */
  async function itemsOf(trx: Database, grant: Grant, mechanismName: string) {
    const target = {
      mechanismId: grant.mechanismId,
      ...(grant.party ? { party: grant.party } : {}),
    };
    const may = (permission: Permission) =>
      isAllowed({ isSystem: false, isAdmin: false, grants: [grant] }, permission, target);
    const items: InboxItem[] = [];
    const add = (item: Omit<InboxItem, 'mechanismId' | 'mechanismName' | 'role' | 'party'>) => {
      if (item.count > 0)
        items.push({
          mechanismId: grant.mechanismId,
          mechanismName,
          role: grant.role,
          party: grant.party,
          ...item,
        });
    };
    const m = grant.mechanismId;
    const isSigner = ['party_officer', 'mediator', 'neutral_verifier'].includes(grant.role);
    if (may('exchange.sign') && isSigner) {
      const signer = {
        role: grant.role,
        party: grant.role === 'party_officer' ? grant.party : null,
      };
      for (const manifest of await repo.manifestsAwaiting(trx, m, signer))
        add({
          kind: 'manifest.sign',
          count: 1,
          path: `manifests/${manifest.manifestId}`,
          stage: { number: manifest.stageNumber, date: manifest.stageDate },
        });
      for (const stage of await repo.receiptsAwaiting(trx, m, signer))
        add({ kind: 'receipts.sign', ...ofStage(stage) });
    }
    if (may('exchange.move')) {
      if (grant.role === 'neutral_verifier')
        for (const stage of await repo.receiptsToIssue(trx, m))
          add({ kind: 'receipts.issue', ...ofStage(stage) });
      if (grant.role === 'party_officer' && grant.party)
        for (const stage of await repo.receiptsToConfirm(trx, m, grant.party))
          add({ kind: 'receipts.confirm', ...ofStage(stage) });
      const states = STEP_STATES[grant.role] ?? [];
      const holding = grant.role === 'party_officer' ? (grant.party ?? undefined) : undefined;
      for (const { state, count } of await repo.personsInStates(trx, m, states, holding))
        add({ kind: 'persons.step', count, state, path: 'stages' });
    }
    if (may('exchange.manage'))
      for (const stage of await repo.stagesProposed(trx, m))
        add({
          kind: 'stage.approve',
          count: 1,
          path: 'stages',
          stage: { number: Number(stage.number), date: stage.date },
        });
    if (may('review.decide'))
      add({ kind: 'pairs.review', count: await repo.pairsToReview(trx, m), path: 'review' });
    if (may('inquiry.review'))
      add({
        kind: 'inquiries.review',
        count: await repo.inquiryMatchesToReview(trx, m),
        path: 'inquiries',
      });
    if (grant.party && may('inquiry.register'))
      add({
        kind: 'inquiries.match',
        count: await repo.inquiriesWithMatches(trx, m, grant.party),
        path: 'inquiries',
      });
    if (grant.party && may('talks.position'))
      for (const point of await repo.pointsToAnswer(trx, m, grant.party))
        add({
          kind: 'talks.answer',
          count: 1,
          path: `talks/documents/${point.documentId}`,
          document: point.title,
          point: point.label,
          parties: point.parties,
          at: point.at,
        });
    if (grant.party && may('outcomes.read')) {
      const since = new Date(clock().getTime() - RELEASE_NEWS_DAYS * 24 * 3600 * 1000);
      for (const release of await repo.releasesSince(trx, m, grant.party, since))
        add({
          kind: 'outcomes.released',
          count: 1,
          path: 'outcome-lists',
          at: new Date(release.released_at).toISOString(),
        });
    }
    return items;
  }

  return {
    /**
     * What waits for the actor in each role it holds, counted from the database as it stands, in
     * the actor's row scope: counts and where to go, never a person's data.
     */
    async inboxOf(actor: Actor): Promise<{ total: number; items: InboxItem[] }> {
      const grants = actor.grants.filter((g) => g.role !== 'emergency_reader');
      if (grants.length === 0) return { total: 0, items: [] };
      const names = new Map<string, string>(
        (await mechanisms.list(actor)).map((m) => [m.id, m.name]),
      );
      const items = await withScope(db, rowScope(actor), async (trx) => {
        const found: InboxItem[] = [];
        for (const grant of grants)
          if (names.has(grant.mechanismId))
            found.push(...(await itemsOf(trx, grant, names.get(grant.mechanismId)!)));
        return found;
      });
      return { total: totalOf(items), items };
    },
  };
}

const ofStage = (stage: repo.StageCount) => ({
  count: stage.count,
  path: `receipts?stage=${stage.stageId}`,
  stage: { number: stage.stageNumber, date: stage.stageDate },
});

export type InboxService = ReturnType<typeof createInboxService>;
