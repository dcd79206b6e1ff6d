import { z } from 'zod';
import type { Mechanism } from './domain/mechanism.ts';

export { mechanismParams } from '@parley/kernel/http';

export const createMechanismBody = z.object({
  name: z.string().min(1).max(200),
  parties: z.array(z.string().max(8)).length(2),
  mediators: z.array(z.string().max(8)).max(10).default([]),
});

export const mechanismResponse = z.object({
  id: z.string(),
  name: z.string(),
  parties: z.array(z.string()),
  mediators: z.array(z.string()),
  createdAt: z.string(),
});

export function presentMechanism(mechanism: Mechanism): z.infer<typeof mechanismResponse> {
  return { ...mechanism, createdAt: mechanism.createdAt.toISOString() };
}
