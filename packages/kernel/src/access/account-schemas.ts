import { z } from 'zod';

/** A new account as an admin makes it (POST /api/v1/admin/users), checked by the server and the web form alike. */
export const newUserBody = z.object({
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200).optional(),
  isAdmin: z.boolean().default(false),
  secondFactor: z.boolean().default(true),
  service: z.boolean().default(false),
});
export type NewUserBody = z.input<typeof newUserBody>;
