import type { PersonLine } from '@parley/kernel/person-record';
import type { Actor } from '../access/index.ts';
import type { InquiriesService } from '../inquiries/index.ts';
import type { RegistryService } from '../registry/index.ts';
import { FEMALE_GIVEN_NAMES } from './domain/names.data.ts';

type InquiryInput = Parameters<InquiriesService['register']>[2][number];

/** Who asks about a serviceman, in turn: mothers and wives most, as bureaus see it. */
const RELATIONS = ['mother', 'wife', 'mother', 'father', 'sister', 'wife'] as const;
const CHANNELS = ['phone', 'letter', 'in_person', 'phone', 'online'] as const;

/**
 * The families behind a party's sought list: an inquiry for each of its first `count` lines, by
 * a relative (named in the party's language, with the sought man's surname), taken by phone, by
 * letter or in person in May and June 2025, with consent to tracing and to sharing with the
 * mediator and the ICRC. Every fifth inquiry names only the man's name and year of birth, as a
 * family that knows little would. Registered by the party's bureau, so continuous matching
 * answers those whom the other side's held list names.
 */
export async function registerDemoInquiries(
  services: { registry: RegistryService; inquiries: InquiriesService },
  bureau: Actor,
  input: { mechanism: string; party: string; count: number; language: 'uk' | 'ru' },
): Promise<number> {
  const sought = await services.registry.latestLines(bureau, {
    mechanism: input.mechanism,
    party: input.party,
    kind: 'sought',
  });
  const lines = (sought?.lines ?? []).filter((line) => line.surname).slice(0, input.count);
  if (lines.length === 0) return 0;
  await services.inquiries.register(
    bureau,
    { mechanism: input.mechanism, party: input.party },
    lines.map((line, i) => inquiryAbout(line, i, input.language)),
  );
  return lines.length;
}

function inquiryAbout(line: PersonLine, i: number, language: 'uk' | 'ru'): InquiryInput {
  const relation = RELATIONS[i % RELATIONS.length]!;
  const isBrief = i % 5 === 4;
  const inquirerGiven = FEMALE_GIVEN_NAMES[(i * 7) % FEMALE_GIVEN_NAMES.length]![language];
  const day = String(1 + (i % 28)).padStart(2, '0');
  return {
    channel: CHANNELS[i % CHANNELS.length]!,
    receivedOn: `2025-0${5 + (i % 2)}-${day}`,
    inquirer: {
      name: `${inquirerGiven} ${feminine(line.surname!, relation)}`,
      relation,
      contact: `${language === 'uk' ? '+380 67' : '+7 916'} ${String(1_000_000 + i * 7_919).slice(-7)}`,
      language,
    },
    sought: {
      surname: line.surname,
      givenName: line.givenName,
      patronymic: isBrief ? null : line.patronymic,
      surnameLatin: isBrief ? null : line.surnameLatin,
      givenNameLatin: isBrief ? null : line.givenNameLatin,
      sex: line.sex === 'M' || line.sex === 'F' ? line.sex : null,
      dateOfBirth: isBrief ? (line.dateOfBirth?.slice(0, 4) ?? null) : line.dateOfBirth,
      placeOfBirth: isBrief ? null : line.placeOfBirth,
      rank: isBrief ? null : line.rank,
      serviceNumber: isBrief ? null : line.serviceNumber,
      unit: isBrief ? null : line.unit,
      lastKnownPlace: line.capturePlace,
      lastKnownDate: isBrief ? null : line.captureDate,
      circumstances: null,
      marks: null,
    },
    consent: { tracing: true, sharing: { mediator: true, icrc: true, otherParty: false } },
  };
}

/**
 * The surname as a woman of the family bears it: Шевченко stays, Ковальський becomes
 * Ковальська, Петров becomes Петрова. A father or brother keeps it as it is.
 */
function feminine(surname: string, relation: string): string {
  if (relation === 'father') return surname;
  if (/ський$|цький$/.test(surname)) return surname.replace(/ий$/, 'а');
  if (/ский$|цкий$/.test(surname)) return surname.replace(/ий$/, 'ая');
  if (/(ов|ев|єв|ин|ін)$/.test(surname)) return `${surname}а`;
  return surname;
}
