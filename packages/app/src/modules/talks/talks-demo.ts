import type { Actor } from '../access/index.ts';
import type { AgreementsService } from '../agreements/index.ts';
import type { MechanismsService } from '../mechanisms/index.ts';
import type { CeasefiresService } from './ceasefires.service.ts';
import {
  asWritten,
  DEMO_CEASEFIRES,
  DEMO_DOCUMENTS,
  DEMO_ROUNDS,
  demoTexts,
  type DemoText,
} from './domain/talks-demo.data.ts';
import { TEXT_LANGUAGES } from './domain/translation.ts';
import type { DocumentsService } from './documents.service.ts';
import type { TalksService } from './talks.service.ts';

export interface TalksDemoResult {
  created: boolean;
  rounds: number;
  documents: number;
  points: number;
  ceasefires: number;
  /** Texts given their language and translations in the translation memory. */
  translated: number;
}

const written = (text: DemoText | null) => (text ? asWritten(text) : null);

/**
 * Loads the rounds of 16 May, 2 June and 23 July 2025, both memoranda as points with the
 * other side's positions, and the regimes they propose, into a mechanism, each text in the
 * language it was written in with its translations into the two others; does nothing when the
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
    return { created: false, rounds: 0, documents: 0, points: 0, ceasefires: 0, translated: 0 };
  const agreements = await services.agreements.list(actor, mechanism.id);
  const roundIds = new Map<string, string>();
  for (const round of DEMO_ROUNDS) {
    const { id } = await talks.addRound(actor, {
      mechanism: mechanism.id,
      ...round,
      venue: asWritten(round.venue),
      summary: asWritten(round.summary),
      delegations: round.delegations.map((d) => ({ ...d, head: asWritten(d.head) })),
      outcomes: round.outcomes.map((o) => ({
        text: asWritten(o.text),
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
      title: asWritten(document.title),
      author: document.author,
      kind: 'memorandum',
      tabledOn: document.tabledOn,
      roundId: roundIds.get(document.round) ?? null,
      points: document.points.map((p) => ({
        label: p.label,
        kind: p.kind,
        text: asWritten(p.text),
      })),
    });
    const tabled = await documents.document(actor, {
      mechanism: mechanism.id,
      document: asWritten(document.title),
    });
    const answering = mechanism.parties.find((p) => p !== document.author) ?? document.author;
    for (const [i, point] of tabled.points.entries()) {
      pointIds.set(`${asWritten(document.title)}#${point.label}`, point.id);
      const answer = document.points[i]?.answer;
      if (answer)
        await documents.recordPosition(actor, {
          mechanism: mechanism.id,
          pointId: point.id,
          party: answering,
          stance: answer.stance,
          conditions: answer.conditions ? asWritten(answer.conditions) : null,
          statedOn: answer.statedOn,
          source: asWritten(answer.source),
        });
    }
    points += tabled.points.length;
  }
  for (const regime of DEMO_CEASEFIRES) {
    await ceasefires.propose(actor, {
      mechanism: mechanism.id,
      ...regime,
      name: asWritten(regime.name),
      geography: asWritten(regime.geography),
      extension: written(regime.extension),
      monitoringBody: written(regime.monitoringBody),
      proposedAt: new Date(`${regime.proposedOn}T12:00:00Z`),
      preconditions: regime.preconditions.flatMap(([title, label]) => {
        const id = pointIds.get(`${asWritten(title)}#${label}`);
        return id ? [id] : [];
      }),
    });
  }
  const texts = demoTexts();
  for (const text of texts)
    await talks.translate(actor, {
      mechanism: mechanism.id,
      source: asWritten(text),
      language: text.written,
      translations: Object.fromEntries(
        TEXT_LANGUAGES.filter((lang) => lang !== text.written).map((lang) => [lang, text[lang]]),
      ),
    });
  return {
    created: true,
    rounds: DEMO_ROUNDS.length,
    documents: DEMO_DOCUMENTS.length,
    points,
    ceasefires: DEMO_CEASEFIRES.length,
    translated: texts.length,
  };
}
