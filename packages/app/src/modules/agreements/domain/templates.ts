import type { AgreementDefinition, AgreementStatus, Exclusion } from './agreement.ts';

/** An agreement Parley ships, to start a mechanism's agreement from. */
export interface AgreementTemplate {
  id: string;
  description: string;
  status: AgreementStatus;
  definition: AgreementDefinition;
}

// Presence is asked first: lists rarely carry these columns, and a person without the claim is not blocked.
const HOLDS_AND_BLOCKS: Exclusion[] = [
  {
    id: 'refuses_return',
    kind: 'block',
    name: 'Refuses repatriation',
    clause:
      'GC III Art. 109(3): no sick or injured prisoner of war is repatriated against his will; verified by the neutral party',
    rule: "has(person.extra.refuses_return) && person.extra.refuses_return in ['yes', 'true', '1']",
  },
  {
    id: 'legal_hold',
    kind: 'hold',
    name: 'Pending criminal proceedings',
    clause:
      'GC III Arts. 115 and 119: a prisoner facing proceedings or serving a sentence may be held; the other party is told the name',
    rule: "has(person.extra.legal_hold) && person.extra.legal_hold in ['yes', 'true', '1']",
  },
];

const ISTANBUL_2025_06_02: AgreementTemplate = {
  id: 'istanbul-2025-06-02',
  description:
    'Istanbul, 2 June 2025: all-for-all exchange of the seriously wounded and sick, and of young servicemen aged 18 to 25',
  status: 'agreed',
  definition: {
    name: 'Istanbul, 2 June 2025',
    date: '2025-06-02',
    venue: 'Çırağan Palace, Istanbul',
    mediators: ['TR', 'US'],
    referenceDate: '2025-06-02',
    formula: {
      kind: 'all_for_all',
      categories: ['seriously_wounded_or_sick', 'young_servicemen'],
    },
    categories: [
      {
        id: 'seriously_wounded_or_sick',
        name: 'Seriously wounded and seriously sick',
        clause:
          'Istanbul, 2 June 2025, point 1: seriously wounded and seriously sick prisoners of war, all for all (GC III Art. 110)',
        rule: "person.health_status in ['seriously_wounded', 'seriously_sick']",
      },
      {
        id: 'young_servicemen',
        name: 'Young servicemen aged 18 to 25',
        clause:
          'Istanbul, 2 June 2025, point 2: young servicemen aged 18 to 25, all for all (age on the reference date)',
        rule: 'age(person.date_of_birth, agreement.reference_date) >= 18 &&\n  age(person.date_of_birth, agreement.reference_date) <= 25',
      },
    ],
    exclusions: HOLDS_AND_BLOCKS,
  },
};

const ISTANBUL_2025_05_16: AgreementTemplate = {
  id: 'istanbul-2025-05-16',
  description:
    'Istanbul, 16 May 2025: 1,000 for 1,000, military and civilians (carried out 23 to 25 May in stages of 390, 307 and 303)',
  status: 'agreed',
  definition: {
    name: 'Istanbul, 16 May 2025',
    date: '2025-05-16',
    venue: 'Dolmabahçe Palace, Istanbul',
    mediators: ['TR', 'US'],
    referenceDate: '2025-05-16',
    formula: { kind: 'n_for_n', n: 1000 },
    categories: [
      {
        id: 'military',
        name: 'Prisoners of war',
        clause: 'Istanbul, 16 May 2025: 1,000 for 1,000, military',
        rule: "person.legal_status in ['pow', 'retained_personnel']",
      },
      {
        id: 'civilians',
        name: 'Civilians',
        clause: 'Istanbul, 16 May 2025: 1,000 for 1,000, civilians (exchanged only for civilians)',
        rule: "person.legal_status in ['civilian_internee', 'civilian_detainee']",
      },
    ],
    exclusions: HOLDS_AND_BLOCKS,
  },
};

/** The Dix–Hill cartel's scale (1862): how many privates each rank is worth. */
export const DIX_HILL_SCALE = [
  { rank: 'general', value: 60 },
  { rank: 'major-general', value: 40 },
  { rank: 'brigadier', value: 20 },
  { rank: 'colonel', value: 15 },
  { rank: 'lieutenant-colonel', value: 10 },
  { rank: 'major', value: 8 },
  { rank: 'captain', value: 6 },
  { rank: 'lieutenant', value: 4 },
  { rank: 'nco', value: 2 },
  { rank: 'private', value: 1 },
];

const DIX_HILL_1862: AgreementTemplate = {
  id: 'dix-hill-1862',
  description: 'The Dix–Hill cartel (22 July 1862): prisoners of war exchanged by a rank scale',
  status: 'agreed',
  definition: {
    name: 'Dix–Hill cartel',
    date: '1862-07-22',
    venue: "Haxall's Landing, Virginia",
    mediators: [],
    referenceDate: '1862-07-22',
    formula: { kind: 'rank_scale', scale: DIX_HILL_SCALE },
    categories: [
      {
        id: 'prisoners_of_war',
        name: 'Prisoners of war',
        clause: 'Dix–Hill cartel, article 1: all prisoners of war, by the scale of equivalents',
        rule: "person.legal_status == 'pow'",
      },
    ],
    exclusions: [],
  },
};

/** The templates Parley ships, by id. */
export const AGREEMENT_TEMPLATES: readonly AgreementTemplate[] = [
  ISTANBUL_2025_06_02,
  ISTANBUL_2025_05_16,
  DIX_HILL_1862,
];
