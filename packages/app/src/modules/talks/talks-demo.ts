import type { Actor } from '../access/index.ts';
import type { AgreementsService } from '../agreements/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import type { CeasefiresService } from './ceasefires.service.ts';
import { DEMO_CEASEFIRES, DEMO_DOCUMENTS, DEMO_ROUNDS } from './domain/talks-demo.data.ts';
import type { DocumentsService } from './documents.service.ts';
import type { TalksService } from './talks.service.ts';

export interface TalksDemoResult {
  created: boolean;
  rounds: number;
  documents: number;
  points: number;
  ceasefires: number;
}

/**
 * Loads the rounds of 16 May, 2 June and 23 July 2025, both memoranda as points with the
 * other side's positions, and the regimes they propose, into a mechanism; does nothing when the
 * mechanism has rounds already.
 */
export async function loadTalksDemo(
  services: {
    mechanisms: MechanismsService;
    agreements: AgreementsService;
    talks: TalksService;
    documents: DocumentsService;
    ceasefires: CeasefiresService;
  },
  actor: Actor,
  mechanismRef: string,
): Promise<TalksDemoResult> {
  const { talks, documents, ceasefires } = services;
  const mechanism = await services.mechanisms.get(actor, mechanismRef);
  if ((await talks.rounds(actor, mechanism.id)).length > 0)
    return { created: false, rounds: 0, documents: 0, points: 0, ceasefires: 0 };
  const agreements = await services.agreements.list(actor, mechanism.id);
  const roundIds = new Map<string, string>();
  for (const round of DEMO_ROUNDS) {
    const { id } = await talks.addRound(actor, {
      mechanism: mechanism.id,
      ...round,
      outcomes: round.outcomes.map((o) => ({
        text: o.text,
        agreementId: agreements.find((a) => a.name === o.agreement)?.id ?? null,
      })),
    });
    roundIds.set(round.date, id);
  }
  const pointIds = new Map<string, string>();
  let points = 0;
  for (const document of DEMO_DOCUMENTS) {
    await documents.tableDocument(actor, {
      mechanism: mechanism.id,
      title: document.title,
      author: document.author,
      kind: 'memorandum',
      tabledOn: document.tabledOn,
      roundId: roundIds.get(document.round) ?? null,
      points: document.points,
    });
    const tabled = await documents.document(actor, {
      mechanism: mechanism.id,
      document: document.title,
    });
    const answering = mechanism.parties.find((p) => p !== document.author) ?? document.author;
    for (const [i, point] of tabled.points.entries()) {
      pointIds.set(`${document.title}#${point.label}`, point.id);
      const answer = document.points[i]?.answer;
      if (answer)
        await documents.recordPosition(actor, {
          mechanism: mechanism.id,
          pointId: point.id,
          party: answering,
          ...answer,
        });
    }
    points += tabled.points.length;
  }
  for (const regime of DEMO_CEASEFIRES) {
    await ceasefires.propose(actor, {
      mechanism: mechanism.id,
      ...regime,
      proposedAt: new Date(`${regime.proposedOn}T12:00:00Z`),
      preconditions: regime.preconditions.flatMap(([title, label]) => {
        const id = pointIds.get(`${title}#${label}`);
        return id ? [id] : [];
      }),
    });
  }
  return {
    created: true,
    rounds: DEMO_ROUNDS.length,
    documents: DEMO_DOCUMENTS.length,
    points,
    ceasefires: DEMO_CEASEFIRES.length,
  };
}
