import { z } from 'zod';
import { EMERGENCY_ROLE, PERMISSIONS, ROLES, type Permission } from './domain/permissions.ts';

// The shapes of roles and grants in the access API's answers.

/** Any role a grant may hold, break-glass's emergency reader included. */
export const roleResponse = z.enum([...ROLES, EMERGENCY_ROLE]);

export const grantResponse = z.object({
  mechanismId: z.string(),
  role: roleResponse,
  party: z.string().nullable(),
});

/** A grant as an admin gave it (the administration's answers): never the emergency role. */
export const storedGrantResponse = grantResponse.extend({ role: z.enum(ROLES) });

const scope = z.enum(['own', 'any']);

/** What a role may do: each permission of the table (permissions.ts) it holds, for its own party or any. */
export const permissionsResponse = z.object(
  Object.fromEntries(
    Object.keys(PERMISSIONS).map((permission) => [permission, scope.optional()]),
  ) as Record<Permission, z.ZodOptional<typeof scope>>,
);
