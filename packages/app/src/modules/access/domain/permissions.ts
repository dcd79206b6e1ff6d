import {
  EMERGENCY_ROLE,
  PARTY_ROLES,
  PERMISSIONS,
  type Grant,
  type Permission,
  type Role,
} from '@parley/kernel/access';

export {
  EMERGENCY_ROLE,
  PARTY_ROLES,
  PERMISSIONS,
  permissionsOfRole,
  ROLES,
  SECOND_FACTOR_ROLES,
  type Grant,
  type GrantableRole,
  type Permission,
  type Role,
  type StoredGrant,
} from '@parley/kernel/access';

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
