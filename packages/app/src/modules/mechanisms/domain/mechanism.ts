/** A party or mediating state, by a short upper-case code (UA, RU, TR, ...). */
export type PartyCode = string & { readonly __brand: 'PartyCode' };
export type MechanismId = string & { readonly __brand: 'MechanismId' };

export interface Mechanism {
  id: MechanismId;
  name: string;
  parties: [PartyCode, PartyCode];
  mediators: PartyCode[];
  createdAt: Date;
}

export interface NewMechanism {
  name: string;
  parties: readonly string[];
  mediators: readonly string[];
}

const PARTY_CODE = /^[A-Z]{2,8}$/;

export type MechanismCheck =
  | { ok: true; name: string; parties: [PartyCode, PartyCode]; mediators: PartyCode[] }
  | { ok: false; message: string };

/** Checks a new mechanism: a name, exactly two distinct parties, and mediators that are neither party. */
export function checkNewMechanism(input: NewMechanism): MechanismCheck {
  const name = input.name.trim();
  if (name === '') return { ok: false, message: 'a mechanism needs a name' };
  const codes = [...input.parties, ...input.mediators].map((code) => code.trim().toUpperCase());
  const bad = codes.find((code) => !PARTY_CODE.test(code));
  if (bad !== undefined) {
    return { ok: false, message: `"${bad}" is not a party code (2 to 8 letters, e.g. UA)` };
  }
  const parties = codes.slice(0, input.parties.length) as PartyCode[];
  const mediators = codes.slice(input.parties.length) as PartyCode[];
  const [first, second] = parties;
  if (parties.length !== 2 || first === undefined || second === undefined || first === second) {
    return { ok: false, message: 'a mechanism has exactly two distinct parties, e.g. UA,RU' };
  }
  if (new Set(codes).size !== codes.length) {
    return { ok: false, message: 'a mediator cannot also be a party, nor be named twice' };
  }
  return { ok: true, name, parties: [first, second], mediators };
}

// Hyphen, non-breaking hyphen, figure, en and em dashes, horizontal bar, minus, and their
// small and full-width forms: what a keyboard, a word processor or a PDF puts for "-".
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** A mechanism's name as typed and as stored compared alike: dashes, spaces and case folded. */
export function mechanismNameKey(name: string): string {
  return name.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The mechanism a typed name means among `mechanisms`: the one whose name it is but for dashes,
 * spaces and case; else, to suggest, those whose name holds it.
 */
export function matchMechanismName<M extends { name: string }>(
  typed: string,
  mechanisms: readonly M[],
): { found: M } | { found: null; suggestions: M[] } {
  const key = mechanismNameKey(typed);
  const same = mechanisms.filter((m) => mechanismNameKey(m.name) === key);
  if (same.length === 1 && same[0]) return { found: same[0] };
  if (key === '') return { found: null, suggestions: [] };
  return {
    found: null,
    suggestions: mechanisms.filter((m) => mechanismNameKey(m.name).includes(key)).slice(0, 5),
  };
}
