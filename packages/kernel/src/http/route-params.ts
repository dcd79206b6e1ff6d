import { z } from 'zod';

/** The `:mechanism` of every route under /api/v1/mechanisms/:mechanism, as each module's schemas use it. */
export const mechanismParams = z.object({
  mechanism: z.string().min(1).max(200).describe('the mechanism id or its exact name'),
});
