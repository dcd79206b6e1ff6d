import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AccessService, Actor } from '../access/index.ts';
import type { AgreementsService, EligibilityService } from '../agreements/index.ts';
import {
  signingMessage,
  type ExchangesService,
  type PersonState,
  type RemainsService,
  type SigningKeysService,
} from '../exchanges/index.ts';
import type { InquiriesService } from '../inquiries/index.ts';
import type { Mechanism } from '../mechanisms/index.ts';
import type { ReconciliationService } from '../reconciliation/index.ts';
import type { RegistryService } from '../registry/index.ts';
import type { TalksService } from '../talks/index.ts';
import { registerDemoInquiries } from './demo-inquiries.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';

/** The services the story acts through: the same use cases as the screens and the API. */
export interface DemoStoryServices {
  access: AccessService;
  agreements: AgreementsService;
  eligibility: EligibilityService;
  exchanges: ExchangesService;
  signingKeys: SigningKeysService;
  remains: RemainsService;
  reconciliation: ReconciliationService;
  registry: RegistryService;
  inquiries: InquiriesService;
  talks: TalksService;
}

/** What the story left behind, for the command line to say. */
export interface DemoStory {
  reconciliationRun: string;
  onPath: number;
  completedStage: { number: number; persons: number };
  executingStage: { number: number; persons: number; handedOver: number };
  refusals: number;
  remains: { bags: number; identified: number };
  /** Families' inquiries registered by each party's bureau. */
  inquiries: Record<string, number>;
}

/** Families' inquiries per party, behind the first lines of its sought list. */
const INQUIRIES = { UA: 150, RU: 60 } as const;
/** Persons per party brought to approval at most: enough for two stages, some left waiting. */
const CLEARED_PER_PARTY = 30;
/** Persons per party in the first (completed) stage at most; the second takes what is left. */
const FIRST_STAGE = 12;

/**
 * The texts the story writes, in English as the mediator and the verifier enter them, with the
 * Ukrainian and Russian the mediator gives them in the translation memory of the talks.
 */
const PLACE = {
  en: 'Belarus–Ukraine border',
  uk: 'Кордон Білорусі та України',
  ru: 'Граница Беларуси и Украины',
};
const REFUSAL = {
  en: 'said in a private interview that he does not wish to return',
  uk: 'під час конфіденційної бесіди сказав, що не бажає повертатися',
  ru: 'в ходе конфиденциальной беседы заявил, что не желает возвращаться',
};

type Who = 'mediator' | 'verifier' | 'UA' | 'RU';

interface Signer {
  actor: Actor;
  keyId: string;
  privateKey: KeyObject;
}

/**
 * Brings the demo mechanism to the middle of the exchange of June 2025, as its four demo accounts
 * would by hand, so that a newcomer's first screens show the whole story: both directions
 * reconciled (some pairs left for review), eligibility decided under the 2 June agreement, one
 * stage handed over with its manifest and receipts signed by every side, a second stage under way,
 * a refusal to return recorded by the verifier, a batch of remains received and examined, and the
 * families' inquiries behind the sought lists, answered as far as the lists allow.
 *
 * Every step goes through the modules' use cases as the demo account that would take it, so the
 * audit log tells the story by name. Each account signs with a key made for the story; the
 * private keys are dropped at the end, so the accounts register keys of their own to sign more.
 */
export async function playDemoStory(
  services: DemoStoryServices,
  system: Actor,
  mechanism: Mechanism,
): Promise<DemoStory> {
  const signers = new Map<Who, Signer>();
  for (const account of DEMO_ACCOUNTS) {
    const actor = await services.access.actorOfAccount(system, account.username);
    const who: Who =
      account.party === 'UA' || account.party === 'RU'
        ? account.party
        : account.role === 'mediator'
          ? 'mediator'
          : 'verifier';
    const pair = generateKeyPairSync('ed25519');
    const { keyId } = await services.signingKeys.registerKey(actor, {
      mechanism: mechanism.id,
      userId: actor.userId!,
      publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    signers.set(who, { actor, keyId, privateKey: pair.privateKey });
  }
  const as = (who: Who) => signers.get(who)!.actor;
  const m = mechanism.id;
  for (const { en, uk, ru } of [PLACE, REFUSAL])
    await services.talks.translate(as('mediator'), {
      mechanism: m,
      source: en,
      language: 'en',
      translations: { uk, ru },
    });

  const { runId } = await services.reconciliation.runNow(as('mediator'), m);
  const agreement = (await services.agreements.list(as('mediator'), m))[0]!.id;
  await services.eligibility.evaluate(as('mediator'), { mechanism: m, agreement });
  const { added } = await services.exchanges.openPaths(as('mediator'), { mechanism: m, agreement });

  const inState = (state: PersonState, party: string) =>
    services.exchanges.persons(as('mediator'), { mechanism: m, agreement, state, party });
  const moveAll = async (
    who: Who,
    ids: readonly string[],
    to: PersonState,
    extra: { at?: string; reason?: string } = {},
  ) => {
    const results = await services.exchanges.move(as(who), {
      mechanism: m,
      moves: ids.map((personId) => ({ personId, to, ...extra })),
    });
    const refused = results.find((r) => !r.ok);
    if (refused) throw new Error(`the demo story: a move to ${to} was refused: ${refused.problem}`);
  };

  // The first persons of each side along the path to approval; one refuses to go back.
  let refusals = 0;
  let clearedPerParty = CLEARED_PER_PARTY;
  for (const party of mechanism.parties) {
    // Those the other side asks for: its sought list named them, so their paths open acknowledged.
    const chosen = (await inState('acknowledged', party))
      .slice(0, CLEARED_PER_PARTY)
      .map((p) => p.id);
    await moveAll('verifier', chosen, 'identity_verified');
    await moveAll('mediator', chosen, 'category_confirmed');
    await moveAll('verifier', chosen, 'fit_to_travel');
    const [refusing, ...going] = chosen;
    await moveAll('verifier', [refusing!], 'refuses_return', {
      reason: REFUSAL.en,
    });
    refusals++;
    clearedPerParty = Math.min(clearedPerParty, going.length);
    await moveAll('verifier', going, 'wish_verified');
    await moveAll('mediator', going, 'approved');
  }

  const signAs = async (
    who: Who,
    documentId: string,
    role: 'mediator' | 'party_officer' | 'neutral_verifier',
  ) => {
    const signer = signers.get(who)!;
    const file = await services.exchanges.manifestFile(signer.actor, {
      mechanism: m,
      manifestId: documentId,
    });
    await services.exchanges.signManifest(signer.actor, {
      mechanism: m,
      manifestId: documentId,
      keyId: signer.keyId,
      role,
      ...(role === 'party_officer' ? { party: who } : {}),
      signature: sign(null, signingMessage(file.kind, file.hash), signer.privateKey).toString(
        'base64',
      ),
    });
  };
  const stageOf = async (date: string, size: number) => {
    const { stageId } = await services.exchanges.proposeStage(as('mediator'), {
      mechanism: m,
      agreement,
      place: PLACE.en,
      date,
      size,
    });
    const { manifestId } = await services.exchanges.approveStage(as('mediator'), {
      mechanism: m,
      stageId,
    });
    await signAs('mediator', manifestId, 'mediator');
    for (const party of ['UA', 'RU'] as const) await signAs(party, manifestId, 'party_officer');
    const stage = await services.exchanges.stage(as('mediator'), { mechanism: m, stageId });
    return { stageId, number: stage.stage.number, persons: stage.persons };
  };
  const sendOff = async (persons: ReadonlyArray<{ id: string; party_code: string }>) => {
    for (const party of ['UA', 'RU'] as const)
      await moveAll(
        party,
        persons.filter((p) => p.party_code === party).map((p) => p.id),
        'in_transit',
      );
  };

  // Stage 1, 9 June 2025: handed over, every receipt signed by the verifier and both sides, confirmed.
  // A small demo has few eligible persons: the stages share out what there is, at parity.
  const firstSize = Math.min(FIRST_STAGE, Math.ceil(clearedPerParty / 2));
  const first = await stageOf('2025-06-09', firstSize);
  await sendOff(first.persons);
  await moveAll(
    'verifier',
    first.persons.map((p) => p.id),
    'handed_over',
    {
      at: '2025-06-09T11:40:00+03:00',
    },
  );
  await services.exchanges.issueStageReceipts(as('verifier'), {
    mechanism: m,
    stageId: first.stageId,
  });
  const { batchId } = await services.exchanges.receiptBatch(as('verifier'), {
    mechanism: m,
    stageId: first.stageId,
  });
  await signAs('verifier', batchId, 'neutral_verifier');
  for (const party of ['UA', 'RU'] as const) {
    await signAs(party, batchId, 'party_officer');
    const received = first.persons.filter((p) => p.party_code !== party).map((p) => p.id);
    await moveAll(party, received, 'receipt_confirmed');
  }

  // Stage 2, 10 June 2025: under way, the first half handed over.
  const second = await stageOf('2025-06-10', clearedPerParty - firstSize);
  await sendOff(second.persons);
  const handedOver = second.persons.filter((_, i) => i % 2 === 0).map((p) => p.id);
  await moveAll('verifier', handedOver, 'handed_over', { at: '2025-06-10T12:15:00+03:00' });

  // Remains: RU's batch of bags, received by UA and examined.
  const bags = Array.from({ length: 12 }, (_, i) => ({
    label: `RU-2025-06-11-${String(i + 1).padStart(3, '0')}`,
    bodies: 1 + (i % 3),
  }));
  const batch = await services.remains.offer(as('RU'), {
    mechanism: m,
    from: 'RU',
    label: 'RU-2025-06-11',
    bags,
  });
  await services.remains.advance(as('UA'), { mechanism: m, batchId: batch.id, to: 'accepted' });
  await services.remains.advance(as('RU'), { mechanism: m, batchId: batch.id, to: 'transferred' });
  await services.remains.advance(as('UA'), { mechanism: m, batchId: batch.id, to: 'received' });
  const { batches } = await services.remains.overview(as('UA'), m);
  const received = batches.find((b) => b.id === batch.id)!;
  let identified = 0;
  for (const [i, bag] of received.bags.entries()) {
    if (i >= 5) break;
    const to = i < 3 ? 'identified' : 'unidentified';
    if (to === 'identified') identified++;
    await services.remains.examine(as('verifier'), { mechanism: m, bagId: bag.id, to });
  }

  // Last, the families behind the sought lists: matching answers them from all of the above.
  const inquiries: Record<string, number> = {};
  for (const party of ['UA', 'RU'] as const)
    inquiries[party] = await registerDemoInquiries(services, as(party), {
      mechanism: m,
      party,
      count: INQUIRIES[party],
      language: party === 'UA' ? 'uk' : 'ru',
    });

  return {
    reconciliationRun: runId,
    onPath: added,
    completedStage: { number: first.number, persons: first.persons.length },
    executingStage: {
      number: second.number,
      persons: second.persons.length,
      handedOver: handedOver.length,
    },
    refusals,
    remains: { bags: bags.length, identified },
    inquiries,
  };
}
