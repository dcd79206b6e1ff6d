import { z } from 'zod';
import { mechanismParams } from '@parley/kernel/http';
import {
  CHANNELS,
  CLOSE_REASONS,
  INQUIRY_STATUSES,
  LANGUAGES,
  RELATIONS,
  inquiryBody,
  optional,
} from '@parley/kernel/inquiry';

export { mechanismParams };
export { CHANNELS, LANGUAGES, RELATIONS, inquiryBody };

export const inquiriesQuery = z.object({
  party: z
    .string()
    .regex(/^[A-Za-z]{2,8}$/)
    .optional(),
  status: z.enum(INQUIRY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const inquiryParams = mechanismParams.extend({ inquiry: z.uuid() });
export const matchParams = mechanismParams.extend({ match: z.uuid() });
export const pairParams = mechanismParams.extend({ pair: z.uuid() });

export const closeBody = z.object({
  reason: z.enum(CLOSE_REASONS),
  note: optional(1000),
});

export const decisionBody = z.object({ decision: z.enum(['confirmed', 'rejected']) });

export const partyQuery = z.object({
  party: z
    .string()
    .regex(/^[A-Za-z]{2,8}$/)
    .optional(),
});
