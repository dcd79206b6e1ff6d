import { z } from 'zod';
import { mechanismParams } from '@parley/kernel/http';
import { AGREEMENT_STATUSES, type Agreement, type AgreementVersion } from './domain/agreement.ts';
import type { Eligibility } from './domain/eligibility.ts';
import type { AgreementTemplate } from './domain/templates.ts';

const ruleId = z.string().min(1).max(40).describe('lower-case letters, digits and _');
const rule = z
  .string()
  .min(1)
  .max(4000)
  .describe(
    'a CEL expression over person.<field> (spec/list-format.md columns, and person.extra.<column>) and agreement.reference_date; dates through age(date, at), year(date), before(a, b), after(a, b)',
  );

export const categorySchema = z.object({
  id: ruleId,
  name: z.string().min(1).max(200),
  clause: z.string().max(1000).default(''),
  rule,
});

export const exclusionSchema = categorySchema.extend({
  kind: z.enum(['block', 'hold']).describe('block: not exchanged; hold: may be kept'),
});

const formulaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all_for_all'), categories: z.array(ruleId).max(50) }),
  z.object({ kind: z.literal('n_for_n'), n: z.number().int().positive() }),
  z.object({
    kind: z.literal('ratio'),
    rows: z
      .array(
        z.object({
          category: ruleId,
          count: z.number().int().positive(),
          note: z.string().max(200).default(''),
        }),
      )
      .max(50),
  }),
  z.object({
    kind: z.literal('rank_scale'),
    scale: z.array(z.object({ rank: z.string().min(1).max(100), value: z.number() })).max(100),
  }),
]);

export const definitionSchema = z.object({
  name: z.string().min(1).max(200),
  date: z.string().describe('YYYY-MM-DD, when it was agreed'),
  venue: z.string().max(200).default(''),
  mediators: z.array(z.string().max(8)).max(10).default([]),
  referenceDate: z.string().describe('YYYY-MM-DD: the date ages and durations are measured on'),
  formula: formulaSchema,
  categories: z.array(categorySchema).max(50),
  exclusions: z.array(exclusionSchema).max(50).default([]),
});

export const statusSchema = z.enum(AGREEMENT_STATUSES);

export const createAgreementBody = z.union([
  z.object({
    template: z.string().min(1).max(100).describe('a template id, see GET /agreement-templates'),
    name: z.string().min(1).max(200).optional(),
    status: statusSchema.optional(),
  }),
  z.object({ definition: definitionSchema, status: statusSchema.optional() }),
]);

export const agreementParams = mechanismParams.extend({
  agreement: z.string().min(1).max(200).describe('the agreement id or its exact name'),
});

export const agreementVersionParams = agreementParams.extend({
  version: z
    .union([z.literal('latest'), z.coerce.number().int().positive()])
    .describe('a version number, or latest'),
});

const versionResponse = z.object({
  id: z.string(),
  number: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  definition: definitionSchema,
});

export const agreementResponse = z.object({
  id: z.string(),
  mechanismId: z.string(),
  name: z.string(),
  status: statusSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  versions: z.array(versionResponse),
});

export const templateResponse = z.object({
  id: z.string(),
  description: z.string(),
  status: statusSchema,
  definition: definitionSchema,
});

export const eligibilityResponse = z.object({
  outcome: z.enum(['eligible', 'not_eligible', 'undetermined']),
  decidedBy: z.string().nullable().describe('the deciding category, block or hold'),
  clause: z.string().nullable(),
  categories: z.array(z.string()).describe('every category the person certainly falls in'),
  undecided: z.array(z.string()).describe('rules left open'),
  missing: z.array(z.string()).describe('fields whose absence or partial value left them open'),
  errors: z.array(z.string()).describe("rules that failed on this person's values"),
});

export function presentVersion(version: AgreementVersion): z.infer<typeof versionResponse> {
  const { agreementId: _agreementId, ...rest } = version;
  return { ...rest, createdAt: version.createdAt.toISOString() };
}

export function presentAgreement(agreement: Agreement): z.infer<typeof agreementResponse> {
  return {
    ...agreement,
    createdAt: agreement.createdAt.toISOString(),
    versions: agreement.versions.map(presentVersion),
  };
}

export function presentTemplate(template: AgreementTemplate): z.infer<typeof templateResponse> {
  return template;
}

export function presentEligibility(result: Eligibility): z.infer<typeof eligibilityResponse> {
  const { outcome, decidedBy, clause, categories, undecided, missing, errors } = result;
  return { outcome, decidedBy, clause, categories, undecided, missing, errors };
}
