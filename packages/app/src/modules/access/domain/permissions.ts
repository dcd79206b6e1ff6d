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
export type Role = (typeof ROLES)[number] | typeof EMERGENCY_ROLE;

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
  'audit.verify': { admin: true, roles: {} },
  'access.manage': { admin: true, roles: {} },
} as const satisfies Record<
  string,
  { admin: boolean; roles: Partial<Record<Role, 'own' | 'any'>> }
>;

export type Permission = keyof typeof PERMISSIONS;

/** What a permission is asked about: a mechanism, and for list work the list's party. */
export interface Target {
  mechanismId?: string;
  party?: string;
}

export interface Principal {
  isSystem: boolean;
  isAdmin: boolean;
  grants: readonly Grant[];
}

/** Whether a principal may act on a target; the system (the operator's own CLI) may do everything. */
export function isAllowed(
  principal: Principal,
  permission: Permission,
  target: Target = {},
): boolean {
  if (principal.isSystem) return true;
  const rule: { admin: boolean; roles: Partial<Record<Role, 'own' | 'any'>> } =
    PERMISSIONS[permission];
  if (rule.admin && principal.isAdmin) return true;
  return principal.grants.some((grant) => {
    const scope = rule.roles[grant.role];
    if (!scope) return false;
    if (target.mechanismId !== undefined && grant.mechanismId !== target.mechanismId) return false;
    return scope === 'any' || (target.party !== undefined && grant.party === target.party);
  });
}

/**
 * Whether a principal could hold a permission for some mechanism and party: the coarse check an
 * endpoint makes before it reads the request, so that a role without the permission is refused
 * at once; the use case then checks the precise target.
 */
export function mayHoldPermission(principal: Principal, permission: Permission): boolean {
  if (principal.isSystem) return true;
  const rule: { admin: boolean; roles: Partial<Record<Role, 'own' | 'any'>> } =
    PERMISSIONS[permission];
  if (rule.admin && principal.isAdmin) return true;
  return principal.grants.some((grant) => rule.roles[grant.role] !== undefined);
}

/** Health data: medical roles of the party, and the mediator. */
export function maySeeHealth(principal: Principal, target: Required<Target>): boolean {
  return (
    principal.isSystem ||
    principal.grants.some(
      (g) =>
        g.mechanismId === target.mechanismId &&
        (g.role === 'mediator' ||
          g.role === EMERGENCY_ROLE ||
          (g.role === 'party_medical_officer' && g.party === target.party)),
    )
  );
}

/** The place of detention: the holding party (a held list's own party) and the verifier. */
export function maySeeDetentionPlace(
  principal: Principal,
  target: Required<Target> & { kind: 'held' | 'sought' },
): boolean {
  return (
    principal.isSystem ||
    principal.grants.some(
      (g) =>
        g.mechanismId === target.mechanismId &&
        (g.role === 'neutral_verifier' ||
          g.role === EMERGENCY_ROLE ||
          (target.kind === 'held' && g.party === target.party && PARTY_ROLES.includes(g.role))),
    )
  );
}

/**
 * The settings a transaction carries for row-level security: which mechanisms and parties'
 * rows the principal may read, per compartment, and for which parties it may write lines.
 */
export function rowScope(principal: Principal): Record<string, string> {
  if (principal.isSystem) return { system: 'on' };
  const pick = (roles: readonly Role[], whole: boolean) =>
    principal.grants
      .filter((g) => roles.includes(g.role) && (whole ? true : g.party !== null))
      .map((g) => (whole ? g.mechanismId : `${g.mechanismId}:${g.party ?? ''}`));
  const array = (items: string[]) => `{${[...new Set(items)].join(',')}}`;
  const rolesOf = (permission: Permission, scope: 'own' | 'any') =>
    (Object.entries(PERMISSIONS[permission].roles) as [Role, 'own' | 'any'][])
      .filter(([, held]) => held === scope)
      .map(([role]) => role);
  return {
    system: 'off',
    lines_mechanisms: array(pick(['mediator', 'neutral_verifier', EMERGENCY_ROLE], true)),
    lines_parties: array(pick(PARTY_ROLES, false)),
    health_mechanisms: array(pick(['mediator', EMERGENCY_ROLE], true)),
    health_parties: array(pick(['party_medical_officer'], false)),
    write_parties: array(pick(['party_officer'], false)),
    versions_mechanisms: array(pick(rolesOf('list.versions', 'any'), true)),
    versions_parties: array(pick(rolesOf('list.versions', 'own'), false)),
    members_mechanisms: array(principal.grants.map((g) => g.mechanismId)),
    exchange_mechanisms: array(pick(rolesOf('exchange.read', 'any'), true)),
  };
}
