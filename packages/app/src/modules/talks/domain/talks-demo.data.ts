import type { CeasefireKind, CeasefireScope } from './ceasefire.ts';
import type { PointKind, Stance } from './points.ts';

/** A demo round; `agreement` names the agreement an outcome produced, when the demo has it. */
export interface DemoRound {
  date: string;
  venue: string;
  mediators: string[];
  delegations: Array<{ party: string; head: string; members: string[] }>;
  durationMinutes: number;
  summary: string;
  outcomes: Array<{ text: string; agreement?: string }>;
}

export interface DemoDocument {
  title: string;
  author: string;
  tabledOn: string;
  /** The round it was tabled at, by date. */
  round: string;
  points: Array<{
    label: string;
    kind: PointKind;
    text: string;
    /** The other party's position, when it has taken one. */
    answer?: { stance: Stance; conditions?: string; statedOn: string; source: string };
  }>;
}

export interface DemoCeasefire {
  name: string;
  kind: CeasefireKind;
  scope: CeasefireScope[];
  geography: string;
  durationDays: number;
  extension: string | null;
  monitoringBody: string | null;
  proposedBy: string;
  proposedOn: string;
  /** Preconditions, as (document title, point label). */
  preconditions: Array<[string, string]>;
}

const ISTANBUL = 'Istanbul';
const UA_MEMO = "Ukraine's memorandum, 2 June 2025";
const RU_MEMO = "Russia's memorandum, 2 June 2025";
const ROUND_2 = 'round of 2 June 2025';

/** The direct talks of 2025 in Istanbul (DOMAIN.md, "The situation" and "Talks and ceasefires"). */
export const DEMO_ROUNDS: DemoRound[] = [
  {
    date: '2025-05-16',
    venue: `Dolmabahçe Palace, ${ISTANBUL}`,
    mediators: ['TR', 'US'],
    delegations: [
      { party: 'UA', head: 'Rustem Umerov', members: [] },
      { party: 'RU', head: 'Vladimir Medinsky', members: [] },
    ],
    durationMinutes: 100,
    summary: 'The first direct talks since 2022, hosted by Türkiye with the US involved.',
    outcomes: [
      {
        text: 'An exchange of 1,000 for 1,000, military and civilians (carried out 23–25 May in three stages of 390, 307 and 303)',
        agreement: 'Istanbul, 16 May 2025',
      },
      { text: 'Each side to set out its vision of a ceasefire in a memorandum' },
    ],
  },
  {
    date: '2025-06-02',
    venue: `Çırağan Palace, ${ISTANBUL}`,
    mediators: ['TR'],
    delegations: [
      { party: 'UA', head: 'Rustem Umerov', members: [] },
      { party: 'RU', head: 'Vladimir Medinsky', members: [] },
    ],
    durationMinutes: 60,
    summary: 'Each side tabled its memorandum of ceasefire terms.',
    outcomes: [
      {
        text: 'All-for-all exchange of the seriously wounded and seriously sick, and of young servicemen aged 18 to 25',
        agreement: 'Istanbul, 2 June 2025',
      },
      { text: 'Return of 6,000 bodies for 6,000 bodies' },
    ],
  },
  {
    date: '2025-07-23',
    venue: `Çırağan Palace, ${ISTANBUL}`,
    mediators: ['TR'],
    delegations: [
      { party: 'UA', head: 'Rustem Umerov', members: [] },
      { party: 'RU', head: 'Vladimir Medinsky', members: [] },
    ],
    durationMinutes: 40,
    summary: 'The third round; the memoranda stood apart.',
    outcomes: [{ text: 'A further exchange of prisoners agreed' }],
  },
];

/** Both memoranda of 2 June 2025 as numbered points, with the other side's positions where known. */
export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    title: UA_MEMO,
    author: 'UA',
    tabledOn: '2025-06-02',
    round: '2025-06-02',
    points: [
      {
        label: '1',
        kind: 'ceasefire',
        text: 'A complete and unconditional ceasefire on land, in the air and at sea for at least 30 days, extendable',
        answer: {
          stance: 'accepts_with_conditions',
          conditions: 'only after the preconditions of its own memorandum (option 1 or option 2)',
          statedOn: '2025-06-02',
          source: RU_MEMO,
        },
      },
      {
        label: '2',
        kind: 'ceasefire',
        text: 'Monitoring led by the US with the participation of third countries',
        answer: {
          stance: 'rejects',
          statedOn: '2025-06-02',
          source: `${RU_MEMO}: a bilateral monitoring centre instead`,
        },
      },
      {
        label: '3',
        kind: 'humanitarian',
        text: 'An all-for-all exchange of prisoners',
        answer: {
          stance: 'accepts_with_conditions',
          conditions:
            'all for all in two categories: the seriously wounded and sick, and those aged 18 to 25',
          statedOn: '2025-06-02',
          source: ROUND_2,
        },
      },
      {
        label: '4',
        kind: 'humanitarian',
        text: 'Return of deported children and civilian hostages',
      },
      { label: '5', kind: 'security_guarantee', text: 'Security guarantees for Ukraine' },
      {
        label: '6',
        kind: 'territory',
        text: 'The contact line as the starting point of negotiations on territory',
        answer: {
          stance: 'rejects',
          statedOn: '2025-06-02',
          source: `${RU_MEMO}, option 1: withdrawal from four regions`,
        },
      },
      { label: '7', kind: 'sanctions', text: 'Sanctions lifted in stages, with snap-back' },
      { label: '8', kind: 'sequence_step', text: "A leaders' meeting" },
    ],
  },
  {
    title: RU_MEMO,
    author: 'RU',
    tabledOn: '2025-06-02',
    round: '2025-06-02',
    points: [
      {
        label: '1',
        kind: 'precondition',
        text: "Option 1: withdrawal of Ukraine's forces from four regions",
        answer: { stance: 'rejects', statedOn: '2025-06-02', source: UA_MEMO },
      },
      {
        label: '2',
        kind: 'precondition',
        text: 'Option 2: a 10-point package (2.1–2.7 below)',
        answer: {
          stance: 'rejects',
          statedOn: '2025-06-02',
          source: `${UA_MEMO}: a ceasefire without conditions`,
        },
      },
      { label: '2.1', kind: 'precondition', text: 'No redeployment of forces' },
      { label: '2.2', kind: 'precondition', text: 'Demobilisation' },
      { label: '2.3', kind: 'precondition', text: 'No foreign military aid or intelligence' },
      { label: '2.4', kind: 'ceasefire', text: 'A bilateral ceasefire monitoring centre' },
      { label: '2.5', kind: 'humanitarian', text: 'Amnesty' },
      { label: '2.6', kind: 'precondition', text: 'End of martial law' },
      { label: '2.7', kind: 'precondition', text: 'Elections within 100 days' },
      {
        label: '3',
        kind: 'ceasefire',
        text: 'Then a 30-day ceasefire, within which all of option 1 or option 2 must be done',
        answer: {
          stance: 'rejects',
          statedOn: '2025-06-02',
          source: `${UA_MEMO}: unconditional, at least 30 days`,
        },
      },
      {
        label: '4.1',
        kind: 'sequence_step',
        text: 'Local truces of 2–3 days to collect the bodies of the dead',
      },
      {
        label: '4.2',
        kind: 'humanitarian',
        text: 'Return of 6,000 bodies',
        answer: { stance: 'accepts', statedOn: '2025-06-02', source: ROUND_2 },
      },
      { label: '4.3', kind: 'sequence_step', text: 'A memorandum on the ceasefire' },
      { label: '4.4', kind: 'sequence_step', text: 'Elections' },
      { label: '4.5', kind: 'sequence_step', text: 'A peace treaty' },
      { label: '4.6', kind: 'sequence_step', text: 'A UN Security Council resolution' },
      { label: '4.7', kind: 'sequence_step', text: 'Ratification' },
    ],
  },
];

/** The regimes the memoranda propose. */
export const DEMO_CEASEFIRES: DemoCeasefire[] = [
  {
    name: 'Complete ceasefire (Ukrainian memorandum)',
    kind: 'general',
    scope: ['land', 'air', 'sea'],
    geography: 'the whole contact line, the airspace and the sea',
    durationDays: 30,
    extension: 'extendable',
    monitoringBody: 'led by the US, with third countries',
    proposedBy: 'UA',
    proposedOn: '2025-06-02',
    preconditions: [],
  },
  {
    name: '30-day ceasefire (Russian memorandum)',
    kind: 'general',
    scope: ['land', 'air', 'sea'],
    geography: 'the whole contact line',
    durationDays: 30,
    extension: null,
    monitoringBody: 'a bilateral monitoring centre',
    proposedBy: 'RU',
    proposedOn: '2025-06-02',
    preconditions: [
      [RU_MEMO, '1'],
      [RU_MEMO, '2'],
    ],
  },
  {
    name: 'Local truces to collect bodies (Russian memorandum)',
    kind: 'local',
    scope: ['land'],
    geography: 'sectors of the contact line where the bodies lie',
    durationDays: 3,
    extension: null,
    monitoringBody: null,
    proposedBy: 'RU',
    proposedOn: '2025-06-02',
    preconditions: [],
  },
];
