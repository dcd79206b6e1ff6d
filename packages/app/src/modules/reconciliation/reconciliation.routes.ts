import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/index.ts';
import { mechanismParams } from '@parley/kernel/http';
import { lineResponse } from '../registry/index.ts';
import type { ReconciliationService } from './reconciliation.service.ts';

const BASE = '/mechanisms/:mechanism/reconciliation';
const PAIR_STATUSES = ['matched', 'open', 'confirmed', 'rejected'] as const;
const OUTCOMES = ['acknowledged', 'possible', 'not_acknowledged', 'unrequested'] as const;

const runResponse = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.string(),
  progress: z.number().describe('0 to 1'),
  settings: z.object({ match: z.number(), review: z.number(), seed: z.number() }),
  versions: z.array(
    z.object({ party: z.string(), kind: z.string(), versionId: z.string(), number: z.number() }),
  ),
  counts: z.record(z.string(), z.number()).nullable(),
  error: z.string().nullable(),
  startedBy: z.string().describe('the actor id, as in the audit log'),
  startedByName: z
    .string()
    .nullable()
    .describe("the person's display name, or the token's owner and name; null when unknown"),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
const contribution = z.object({
  field: z.string(),
  level: z.number().describe('the level index; -1 when a value is missing'),
  label: z.string().describe('the level in English, e.g. "same name", "different"'),
  code: z
    .string()
    .optional()
    .describe('a stable code of the level, for translations ("same", "different", "missing"...)'),
  weight: z.number().describe('in bits: above 0 for a match, below 0 against'),
  termFrequencyAdjustment: z.number(),
});
const pairResponse = z.object({
  id: z.string(),
  kind: z.enum(['link', 'duplicate']),
  status: z.enum(PAIR_STATUSES),
  reopened: z.boolean().describe('decided before, but one of the lines has changed since'),
  weight: z.number().describe('match weight in bits'),
  probability: z.number(),
  engineDecision: z.enum(['match', 'possible']),
  leftRecordId: z.string(),
  rightRecordId: z.string(),
  contributions: z.array(contribution),
  prior: z
    .number()
    .nullable()
    .describe(
      'the prior part of the weight in bits: how likely any two lines of these lists are to match',
    ),
  rivals: z
    .number()
    .nullable()
    .describe('what other candidates of either line take from the weight, in bits (≤ 0)'),
});
const side = z.object({ party: z.string(), kind: z.string(), line: lineResponse.nullable() });

type Run = {
  id: string;
  status: z.infer<typeof runResponse>['status'];
  phase: string;
  progress: number;
  settings: z.infer<typeof runResponse>['settings'];
  versions: z.infer<typeof runResponse>['versions'];
  counts: Record<string, number> | null;
  error: string | null;
  started_by: string;
  created_at: Date;
  finished_at: Date | null;
};
const presentRun = (run: Run, names: ReadonlyMap<string, string>): z.infer<typeof runResponse> => ({
  id: run.id,
  status: run.status,
  phase: run.phase,
  progress: run.progress,
  settings: run.settings,
  versions: run.versions,
  counts: run.counts,
  error: run.error,
  startedBy: run.started_by,
  startedByName: names.get(run.started_by) ?? null,
  createdAt: run.created_at.toISOString(),
  finishedAt: run.finished_at?.toISOString() ?? null,
});
const asContributions = (items: unknown[]) => items as z.infer<typeof contribution>[];

/**
 * Reconciliation of a mechanism's lists, and the review queue, under /api/v1; `actorNames` gives
 * who started a run by name (the access module's, passed in by the app).
 */
export function reconciliationRoutes(
  service: ReconciliationService,
  actorNames: (actorIds: readonly string[]) => Promise<ReadonlyMap<string, string>>,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      BASE,
      {
        config: { rule: 'reconciliation.run' },
        schema: {
          tags: ['reconciliation'],
          description:
            "Starts a reconciliation of the latest versions of the mechanism's lists in the background: each party's sought list against the other party's held list, and duplicates within each list. Follow it with GET.",
          params: mechanismParams,
          body: z
            .object({
              match: z.number().gt(0).lt(1).optional(),
              review: z.number().gt(0).lt(1).optional(),
              seed: z
                .number()
                .int()
                .min(0)
                .max(2 ** 31)
                .optional(),
            })
            .nullish()
            .describe('thresholds and seed; the defaults when absent'),
          response: { 202: z.object({ runId: z.string() }) },
        },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(
            await service.start(actorOf(request), request.params.mechanism, request.body ?? {}),
          ),
    );

    app.get(
      BASE,
      {
        config: { rule: 'reconciliation.read' },
        schema: {
          tags: ['reconciliation'],
          description:
            'The latest run with its progress, and the counts of the latest finished run: lines by party, list and outcome; duplicates; pairs by status.',
          params: mechanismParams,
          response: {
            200: z.object({
              latest: runResponse.nullable(),
              done: runResponse.nullable(),
              summary: z
                .object({
                  outcomes: z.array(
                    z.object({
                      party_code: z.string(),
                      kind: z.string(),
                      outcome: z.enum(OUTCOMES),
                      n: z.number(),
                    }),
                  ),
                  duplicates: z.array(
                    z.object({ party_code: z.string(), kind: z.string(), n: z.number() }),
                  ),
                  pairs: z.array(
                    z.object({ kind: z.string(), status: z.enum(PAIR_STATUSES), n: z.number() }),
                  ),
                })
                .nullable(),
            }),
          },
        },
      },
      async (request) => {
        const status = await service.status(actorOf(request), request.params.mechanism);
        const names = await actorNames(
          [status.latest, status.done].flatMap((run) => (run ? [run.started_by] : [])),
        );
        return {
          latest: status.latest ? presentRun(status.latest, names) : null,
          done: status.done ? presentRun(status.done, names) : null,
          summary: status.summary,
        };
      },
    );

    app.get(
      `${BASE}/pairs`,
      {
        config: { rule: 'reconciliation.read' },
        schema: {
          tags: ['reconciliation'],
          description:
            'Pairs of the latest finished run with both records side by side and each field’s contribution. The review queue is `status=open` (reopened pairs first, then by weight).',
          params: mechanismParams,
          querystring: z.object({
            status: z
              .string()
              .transform((text) => text.split(','))
              .pipe(z.array(z.enum(PAIR_STATUSES)))
              .optional(),
            kind: z.enum(['link', 'duplicate']).optional(),
            offset: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(200).default(20),
          }),
          response: {
            200: z.object({
              runId: z.string(),
              total: z.number(),
              offset: z.number(),
              items: z.array(pairResponse.extend({ left: side, right: side })),
            }),
          },
        },
      },
      async (request) => {
        const { status, ...query } = request.query;
        const page = await service.pairs(actorOf(request), request.params.mechanism, {
          ...query,
          ...(status ? { statuses: status } : {}),
        });
        return {
          runId: page.run.id,
          total: page.total,
          offset: query.offset,
          items: page.items.map((item) => ({
            ...item,
            contributions: asContributions(item.contributions),
          })),
        };
      },
    );

    app.post(
      `${BASE}/pairs/:pair/decision`,
      {
        config: { rule: 'review.decide' },
        schema: {
          tags: ['reconciliation'],
          description:
            'Confirms or rejects a pair. The decision is kept for the two records and carries over to later runs while both lines stay unchanged.',
          params: mechanismParams.extend({ pair: z.uuid() }),
          body: z.object({
            decision: z.enum(['confirmed', 'rejected']),
            reason: z.string().max(2000).optional(),
          }),
          response: { 200: pairResponse },
        },
      },
      async (request) => {
        const decided = await service.decide(actorOf(request), request.params.mechanism, {
          pairId: request.params.pair,
          ...request.body,
        });
        return { ...decided, contributions: asContributions(decided.contributions) };
      },
    );

    app.get(
      `${BASE}/outcomes`,
      {
        config: { rule: 'reconciliation.read' },
        schema: {
          tags: ['reconciliation'],
          description: 'Every line’s outcome in the latest finished run.',
          params: mechanismParams,
          querystring: z.object({
            party: z
              .string()
              .regex(/^[A-Za-z]{2,8}$/)
              .transform((p) => p.toUpperCase())
              .optional(),
            kind: z.enum(['sought', 'held']).optional(),
            outcome: z.enum(OUTCOMES).optional(),
            offset: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: {
            200: z.object({
              runId: z.string(),
              total: z.number(),
              items: z.array(
                z.object({
                  party: z.string(),
                  kind: z.string(),
                  recordId: z.string(),
                  outcome: z.enum(OUTCOMES),
                  matchedRecordId: z.string().nullable(),
                  duplicateOf: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const found = await service.outcomes(
          actorOf(request),
          request.params.mechanism,
          request.query,
        );
        return {
          runId: found.run.id,
          total: found.total,
          items: found.outcomes.map((o) => ({
            party: o.party_code,
            kind: o.kind,
            recordId: o.record_id,
            outcome: o.outcome,
            matchedRecordId: o.matched_record_id,
            duplicateOf: o.duplicate_of,
          })),
        };
      },
    );
  };
}
