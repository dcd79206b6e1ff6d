import { givenNameKey, surnameFormKey } from '@parley/engine';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { generateSyntheticLists, SYNTHETIC_LIST_COLUMNS } from './synthetic-persons.ts';
import type { ListRecord, SyntheticLists } from './synthetic-persons.ts';
import { RUSSIAN_SURNAMES, UKRAINIAN_SURNAMES } from './names.data.ts';
import { feminineSurname } from './names.forms.ts';

interface Ymd {
  year: number;
  month?: number;
  day?: number;
}

// an independent reading of the list format's date forms, checked against the JS calendar
function parseDate(text: string): Ymd | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  const parts = iso
    ? [iso[1], iso[2], iso[3]]
    : dotted
      ? [dotted[3], dotted[2], dotted[1]]
      : undefined;
  if (parts === undefined) return /^\d{4}$/.test(text) ? { year: Number(text) } : undefined;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? { year, month, day } : undefined;
}

function key({ year, month = 1, day = 1 }: Ymd): number {
  return year * 10000 + month * 100 + day;
}

function byId(records: readonly ListRecord[]): Map<string, ListRecord> {
  return new Map(records.map((r) => [r.record_id ?? '', r]));
}

function pairs(lists: SyntheticLists): Array<[ListRecord, ListRecord]> {
  const sought = byId(lists.sought);
  const held = byId(lists.held);
  return lists.truth.map(({ soughtId, heldId }) => [
    sought.get(soughtId) as ListRecord,
    held.get(heldId) as ListRecord,
  ]);
}

const sample = generateSyntheticLists({ seed: 2025, size: 2000 });
const truePairs = pairs(sample);

describe('generateSyntheticLists', () => {
  it('gives the same lists for the same seed and other lists for another seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const a = generateSyntheticLists({ seed, size: 60 });
        expect(generateSyntheticLists({ seed, size: 60 })).toEqual(a);
        expect(generateSyntheticLists({ seed: seed + 1, size: 60 })).not.toEqual(a);
      }),
      { numRuns: 25 },
    );
  });

  it('writes every column in every line and unique record ids in each list', () => {
    expect(sample.sought).toHaveLength(2000);
    expect(sample.held.length).toBeGreaterThan(1900);
    expect(sample.held.length).toBeLessThan(2100);
    for (const record of [...sample.sought, ...sample.held]) {
      expect(Object.keys(record)).toEqual([...SYNTHETIC_LIST_COLUMNS]);
    }
    expect(new Set(sample.sought.map((r) => r.record_id)).size).toBe(sample.sought.length);
    expect(new Set(sample.held.map((r) => r.record_id)).size).toBe(sample.held.length);
    expect(sample.sought[0]?.record_id).toBe('UA-S-000001');
    expect(sample.held[0]?.record_id).toBe('RU-H-000001');
  });

  it('writes only real dates, with capture at least 18 years after birth', () => {
    for (const record of [...sample.sought, ...sample.held]) {
      // A line with the names only has no date of birth (see below).
      if (record.date_of_birth === '' && record.service_number === '') continue;
      const birth = parseDate(record.date_of_birth ?? '');
      const capture = parseDate(record.capture_date ?? '');
      expect(birth, record.date_of_birth).toBeDefined();
      expect(capture?.day, record.capture_date).toBeDefined();
      if (birth === undefined || capture === undefined) continue;
      expect(key({ ...birth, year: birth.year + 18 })).toBeLessThanOrEqual(key(capture));
      expect(capture.year).toBeGreaterThanOrEqual(2022);
      expect(key(capture)).toBeLessThanOrEqual(20250602);
    }
  });

  it('makes the sought persons 18 to 60 on 2 June 2025, a realistic share of them 18 to 25', () => {
    let young = 0;
    for (const record of sample.sought) {
      if (record.date_of_birth === '') continue;
      const birth = parseDate(record.date_of_birth ?? '') ?? { year: 0 };
      const age = 2025 - birth.year - (key({ ...birth, year: 2025 }) > 20250602 ? 1 : 0);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(60);
      if (age <= 25) young++;
    }
    expect(young / sample.sought.length).toBeGreaterThan(0.08);
    expect(young / sample.sought.length).toBeLessThan(0.3);
  });

  it('names only the sought persons of whom Russia also holds a namesake, so that they go to review', () => {
    const namesOnly = sample.sought.filter((record) => record.date_of_birth === '');
    expect(namesOnly.length).toBeGreaterThan(0);
    expect(namesOnly.length).toBeLessThanOrEqual(Math.round(sample.sought.length * 0.01));
    const sameName = (a: ListRecord, b: ListRecord) =>
      surnameFormKey(a.surname ?? '') === surnameFormKey(b.surname ?? '') &&
      givenNameKey(a.given_name ?? '') === givenNameKey(b.given_name ?? '');
    for (const record of namesOnly) {
      expect(record).toMatchObject({ patronymic: '', service_number: '', unit: '' });
      expect(sample.held.filter((held) => sameName(record, held)).length).toBeGreaterThan(0);
    }
  });

  it('pairs existing lines one to one, overlap of them, with ids that do not reveal each other', () => {
    const soughtIds = new Set(sample.sought.map((r) => r.record_id));
    const heldIds = new Set(sample.held.map((r) => r.record_id));
    expect(sample.truth).toHaveLength(1600);
    for (const { soughtId, heldId } of sample.truth) {
      expect(soughtIds.has(soughtId)).toBe(true);
      expect(heldIds.has(heldId)).toBe(true);
    }
    expect(new Set(sample.truth.map((t) => t.soughtId)).size).toBe(1600);
    expect(new Set(sample.truth.map((t) => t.heldId)).size).toBe(1600);
    const sameNumber = sample.truth.filter((t) => t.soughtId.slice(-6) === t.heldId.slice(-6));
    expect(sameNumber.length).toBeLessThan(20);
    expect(generateSyntheticLists({ seed: 1, size: 500, overlap: 0.3 }).truth).toHaveLength(150);
  });

  it('writes the held list in Russian forms and the sought list in Ukrainian ones', () => {
    const alexander = truePairs.filter(([s]) => s.given_name === 'Олександр');
    expect(alexander.length).toBeGreaterThan(0);
    expect(alexander.every(([, h]) => h.given_name === 'Александр')).toBe(true);
    const sergiyovych = truePairs.filter(([s, h]) => s.patronymic === 'Сергійович' && h.patronymic);
    expect(sergiyovych.length).toBeGreaterThan(0);
    expect(sergiyovych.every(([, h]) => h.patronymic === 'Сергеевич')).toBe(true);
    expect(sample.held.some((r) => r.rank === 'рядовой')).toBe(true);
    expect(sample.sought.some((r) => r.rank === 'солдат')).toBe(true);
    expect(sample.held.some((r) => /^г\. /.test(r.place_of_birth ?? ''))).toBe(true);
    expect(sample.sought.some((r) => /^м\. /.test(r.place_of_birth ?? ''))).toBe(true);
  });

  it('puts each kind of error into the held list at a rate of a few per cent', () => {
    const russianSurnames = new Set(
      [...UKRAINIAN_SURNAMES, ...RUSSIAN_SURNAMES].flatMap((s) => [
        s.ru,
        feminineSurname(s.ru, 'ru'),
      ]),
    );
    const counts = {
      missingPatronymic: 0,
      dayMonthSwap: 0,
      yearOnly: 0,
      surnameTypo: 0,
      latinVariant: 0,
      dottedDate: 0,
      missingServiceNumber: 0,
      serviceNumberDigit: 0,
    };
    for (const [s, h] of truePairs) {
      if (s.patronymic && !h.patronymic) counts.missingPatronymic++;
      const sb = parseDate(s.date_of_birth ?? '');
      const hb = parseDate(h.date_of_birth ?? '');
      if (sb?.day && hb?.day && sb.day !== sb.month && sb.day === hb.month && sb.month === hb.day) {
        counts.dayMonthSwap++;
      }
      if (/^\d{4}$/.test(h.date_of_birth ?? '')) counts.yearOnly++;
      if (!russianSurnames.has(h.surname ?? '')) counts.surnameTypo++;
      const sl = s.given_name_latin?.toLowerCase();
      const hl = h.given_name_latin?.toLowerCase();
      if (sl && hl && sl !== hl) counts.latinVariant++;
      if (/^\d{2}\.\d{2}\.\d{4}$/.test(h.capture_date ?? '')) counts.dottedDate++;
      if (s.service_number && !h.service_number) counts.missingServiceNumber++;
      const sn = s.service_number ?? '';
      const hn = h.service_number ?? '';
      if (sn && hn && sn !== hn && sn.length === hn.length) {
        expect([...sn].filter((ch, i) => ch !== hn[i])).toHaveLength(1);
        counts.serviceNumberDigit++;
      }
    }
    for (const [kind, count] of Object.entries(counts)) {
      expect(count, kind).toBeGreaterThan(3);
      expect(count / truePairs.length, kind).toBeLessThan(0.15);
    }
  });

  it('includes namesakes and brothers of sought persons that are not true pairs', () => {
    const inTruth = new Set(sample.truth.map((t) => t.heldId));
    const matchedHeld = truePairs.map(([, h]) => h);
    const byName = new Map<string, ListRecord[]>();
    for (const h of matchedHeld) {
      const name = `${h.surname} ${h.given_name}`;
      byName.set(name, [...(byName.get(name) ?? []), h]);
    }
    const others = sample.held.filter((h) => !inTruth.has(h.record_id ?? ''));
    const namesakes = others.filter((h) =>
      (byName.get(`${h.surname} ${h.given_name}`) ?? []).some(
        (m) => m.date_of_birth !== h.date_of_birth,
      ),
    );
    expect(namesakes.length).toBeGreaterThanOrEqual(10);
    const brothers = others.filter((h) =>
      matchedHeld.some(
        (m) =>
          m.surname === h.surname &&
          m.patronymic !== '' &&
          m.patronymic === h.patronymic &&
          m.given_name !== h.given_name &&
          Math.abs(
            (parseDate(m.date_of_birth ?? '')?.year ?? 0) -
              (parseDate(h.date_of_birth ?? '')?.year ?? 0),
          ) <= 7,
      ),
    );
    expect(brothers.length).toBeGreaterThanOrEqual(3);
  });

  it('fills the other columns with realistic values', () => {
    const share = (records: ListRecord[], test: (r: ListRecord) => boolean): number =>
      records.filter(test).length / records.length;
    const all = [...sample.sought, ...sample.held];
    expect(share(sample.sought, (r) => r.sex === 'M')).toBeGreaterThan(0.9);
    expect(share(sample.sought, (r) => r.sex === 'F')).toBeGreaterThan(0);
    expect(share(all, (r) => r.nationality === 'UA')).toBe(1);
    expect(share(all, (r) => r.legal_status === 'pow')).toBeGreaterThan(0.9);
    expect(share(all, (r) => r.legal_status === 'civilian_detainee')).toBeGreaterThan(0);
    const serious = share(all, (r) => /^seriously_/.test(r.health_status ?? ''));
    expect(serious).toBeGreaterThan(0.04);
    expect(serious).toBeLessThan(0.13);
    expect(share(sample.sought, (r) => r.detention_place === '')).toBe(1);
    expect(share(sample.held, (r) => r.detention_place !== '')).toBe(1);
    expect(share(all, (r) => /^([А-Я]{2}\d{6}|\d{7})?$/.test(r.service_number ?? ''))).toBe(1);
    expect(share(sample.sought, (r) => r.surname_latin !== '')).toBeGreaterThan(0.7);
    expect(share(all, (r) => r.notes === '')).toBeGreaterThan(0.9);
  });

  it('refuses a negative size or an overlap outside [0, 1]', () => {
    expect(() => generateSyntheticLists({ seed: 1, size: -1 })).toThrow(RangeError);
    expect(() => generateSyntheticLists({ seed: 1, size: 10, overlap: 1.5 })).toThrow(RangeError);
    expect(generateSyntheticLists({ seed: 1, size: 0 })).toEqual({
      sought: [],
      held: [],
      truth: [],
    });
  });
});
