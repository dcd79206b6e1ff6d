/** The roles a user holds in a mechanism (DESIGN.md, "Who uses it"); admin is a deployment flag, not a role. */
export const ROLES = [
  'party_officer',
  'party_medical_officer',
  'mediator',
  'neutral_verifier',
  'observer',
] as const;

/** Held only while a break-glass access lasts: reading, never writing; it cannot be granted. */
export const EMERGENCY_ROLE = 'emergency_reader' as const;
/** A role an admin grants, and so the only kind a stored grant holds. */
export type GrantableRole = (typeof ROLES)[number];
export type Role = GrantableRole | typeof EMERGENCY_ROLE;

/** Roles that act for one party, and so need a party code. */
export const PARTY_ROLES: readonly Role[] = ['party_officer', 'party_medical_officer'];

/** Roles that must sign in with a second factor. */
export const SECOND_FACTOR_ROLES: readonly Role[] = [
  'party_officer',
  'party_medical_officer',
  'mediator',
  'neutral_verifier',
];

export interface Grant {
  mechanismId: string;
  role: Role;
  /** The party a party role acts for; null for the others. */
  party: string | null;
}

/** A grant as an admin gave it and the database keeps it: never break-glass's emergency role. */
export interface StoredGrant extends Grant {
  role: GrantableRole;
}

/** Who may do what: the one table of permissions. `own` means only for the role's own party. */
export const PERMISSIONS = {
  'mechanism.create': { admin: true, roles: {} },
  'mechanism.read': {
    admin: true,
    roles: {
      party_officer: 'any',
      party_medical_officer: 'any',
      mediator: 'any',
      neutral_verifier: 'any',
      observer: 'any',
      emergency_reader: 'any',
    },
  },
  'list.versions': {
    admin: false,
    roles: {
      party_officer: 'own',
      party_medical_officer: 'own',
      mediator: 'any',
      neutral_verifier: 'any',
      observer: 'any',
      emergency_reader: 'any',
    },
  },
  'list.read': {
    admin: false,
    roles: {
      party_officer: 'own',
      party_medical_officer: 'own',
      mediator: 'any',
      neutral_verifier: 'any',
      emergency_reader: 'any',
    },
  },
  'list.import': { admin: false, roles: { party_officer: 'own' } },
  'list.export': { admin: false, roles: { party_officer: 'own', mediator: 'any' } },
  'agreement.read': {
    admin: false,
    roles: {
      party_officer: 'any',
      party_medical_officer: 'any',
      mediator: 'any',
      neutral_verifier: 'any',
      observer: 'any',
      emergency_reader: 'any',
    },
  },
  'agreement.manage': { admin: false, roles: { mediator: 'any' } },
  'eligibility.read': {
    admin: false,
    roles: {
      party_officer: 'own',
      party_medical_officer: 'own',
      mediator: 'any',
      neutral_verifier: 'any',
      emergency_reader: 'any',
    },
  },
  'eligibility.evaluate': { admin: false, roles: { mediator: 'any' } },
  'reconciliation.run': { admin: false, roles: { mediator: 'any' } },
  'reconciliation.read': {
    admin: false,
    roles: { mediator: 'any', neutral_verifier: 'any', emergency_reader: 'any' },
  },
  'review.decide': { admin: false, roles: { mediator: 'any' } },
  // The outcome lists: the mediator releases them to a party, whose officers then read its own.
  'outcomes.release': { admin: false, roles: { mediator: 'any' } },
  'outcomes.read': { admin: false, roles: { party_officer: 'own', mediator: 'any' } },
  'exchange.read': {
    admin: false,
    roles: {
      party_officer: 'any',
      party_medical_officer: 'any',
      mediator: 'any',
      neutral_verifier: 'any',
      emergency_reader: 'any',
    },
  },
  'exchange.move': {
    admin: false,
    roles: { party_officer: 'any', mediator: 'any', neutral_verifier: 'any' },
  },
  'exchange.manage': { admin: false, roles: { mediator: 'any' } },
  'exchange.sign': {
    admin: false,
    roles: { party_officer: 'any', mediator: 'any', neutral_verifier: 'any' },
  },
  'talks.read': {
    admin: false,
    roles: {
      party_officer: 'any',
      party_medical_officer: 'any',
      mediator: 'any',
      neutral_verifier: 'any',
      observer: 'any',
      emergency_reader: 'any',
    },
  },
  'talks.manage': { admin: false, roles: { mediator: 'any' } },
  'talks.position': { admin: false, roles: { party_officer: 'own', mediator: 'any' } },
  'talks.note': { admin: false, roles: { party_officer: 'own' } },
  'violation.report': {
    admin: false,
    roles: { party_officer: 'own', mediator: 'any', neutral_verifier: 'any' },
  },
  'violation.verify': { admin: false, roles: { mediator: 'any', neutral_verifier: 'any' } },
  // Families' inquiries: the party's bureau (its officers) registers and reads its own; the
  // mediator and the verifier read those the family shared with them (the service checks which).
  'inquiry.register': { admin: false, roles: { party_officer: 'own' } },
  'inquiry.read': {
    admin: false,
    roles: { party_officer: 'own', mediator: 'any', neutral_verifier: 'any' },
  },
  // The inquirer's name and contact: a compartment of the party's bureau alone.
  'inquiry.inquirer': { admin: false, roles: { party_officer: 'own' } },
  'inquiry.review': { admin: false, roles: { mediator: 'any' } },
  'audit.verify': { admin: true, roles: {} },
  'access.manage': { admin: true, roles: {} },
} as const satisfies Record<
  string,
  { admin: boolean; roles: Partial<Record<Role, 'own' | 'any'>> }
>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * The permissions a role holds, each for its own party or any: what the session tells the web
 * application, so that its screens follow this table and no copy of it.
 */
export function permissionsOfRole(role: Role): Partial<Record<Permission, 'own' | 'any'>> {
  const held: Partial<Record<Permission, 'own' | 'any'>> = {};
  for (const [permission, rule] of Object.entries(PERMISSIONS) as [
    Permission,
    { roles: Partial<Record<Role, 'own' | 'any'>> },
  ][]) {
    const scope = rule.roles[role];
    if (scope) held[permission] = scope;
  }
  return held;
}
