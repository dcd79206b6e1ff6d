import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, authorize, type Actor } from '../access/domain/index.ts';
import type { AuditLog } from './audit.service.ts';
import { treeHeadSchema } from './domain/tree-head.ts';

const entryResponse = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  actorName: z
    .string()
    .nullable()
    .describe("The account's display name (a token's: its owner's and its own)"),
  mechanismId: z.string().nullable(),
  mechanismName: z.string().nullable(),
  action: z.string(),
  objectIds: z.array(z.string()),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
const hashes = z.array(z.string());
const size = z.coerce.number().int().min(1);

/** Names for the ids the entries hold, from the modules that own them. */
export interface AuditNames {
  actors(actorIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  mechanisms(reader: Actor): Promise<ReadonlyMap<string, string>>;
}

/**
 * The audit log: entries (with the names of their actors and mechanisms) and verification for
 * admins; its signed tree heads, the deployment's
 * public keys and consistency proofs for everyone signed in, so that each party's officers and
 * the mediator can keep the heads they saw and check that the log only grew since.
 */
export function auditRoutes(audit: AuditLog, names: AuditNames): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit/entries',
      {
        config: { rule: 'audit.verify' },
        schema: {
          tags: ['audit'],
          querystring: z.object({
            actor: z.string().max(200).optional(),
            action: z
              .string()
              .max(100)
              .optional()
              .describe(
                'A part of the action, in any case: manifest.sign finds exchange.manifest.sign',
              ),
            mechanism: z.uuid().optional(),
            object: z.string().max(200).optional(),
            from: z.iso.datetime().optional(),
            to: z.iso.datetime().optional(),
            afterSeq: z.coerce.number().int().min(0).default(0),
            beforeSeq: z.coerce.number().int().min(1).optional(),
            order: z.enum(['oldest', 'newest']).default('oldest'),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: { 200: z.object({ items: z.array(entryResponse) }) },
        },
      },
      async (request) => {
        const reader = actorOf(request);
        authorize(reader, 'audit.verify');
        const { mechanism, action, order, ...filter } = request.query;
        const items = await audit.find({
          ...filter,
          ...(action ? { actionPart: action } : {}),
          ...(mechanism ? { mechanismId: mechanism } : {}),
          newestFirst: order === 'newest',
        });
        const [actorNames, mechanismNames] = await Promise.all([
          names.actors(items.map((entry) => entry.actor)),
          names.mechanisms(reader),
        ]);
        return {
          items: items.map((entry) => ({
            ...entry,
            actorName: actorNames.get(entry.actor) ?? null,
            mechanismName:
              entry.mechanismId === null ? null : (mechanismNames.get(entry.mechanismId) ?? null),
          })),
        };
      },
    );
    app.post(
      '/audit/verify',
      {
        config: { rule: 'audit.verify' },
        schema: {
          tags: ['audit'],
          description:
            'Recompute the hash chain and the Merkle tree, check every signed head and checkpoint; names the first entry that fails.',
          response: {
            200: z.object({
              ok: z.boolean(),
              entries: z.number(),
              checkpoints: z.number(),
              heads: z.number(),
              witnessed: z.number(),
              lastHash: z.string().optional(),
              rootHash: z.string().optional(),
              seq: z.number().optional(),
              problem: z.string().optional(),
            }),
          },
        },
      },
      async (request) => {
        authorize(actorOf(request), 'audit.verify');
        return audit.verify();
      },
    );
    app.get(
      '/audit/head',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['audit'],
          description:
            'The newest signed tree head (null before the first): keep it, and check later heads against it with a consistency proof. The server signs one after every 1,000 entries and every 5 minutes.',
          response: { 200: z.object({ head: treeHeadSchema.nullable() }) },
        },
      },
      async () => ({ head: await audit.latestHead() }),
    );
    app.post(
      '/audit/heads',
      {
        config: { rule: 'audit.verify' },
        schema: {
          tags: ['audit'],
          description:
            'Sign a tree head over the log now, after proving it consistent with the previous head (the newest head if nothing was added).',
          response: { 200: z.object({ head: treeHeadSchema.nullable() }) },
        },
      },
      async (request) => {
        authorize(actorOf(request), 'audit.verify');
        return { head: await audit.signHead() };
      },
    );
    app.get(
      '/audit/keys',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['audit'],
          description: "The deployment's public keys (current and retired) that sign tree heads.",
          response: {
            200: z.object({ items: z.array(z.object({ keyId: z.string(), pem: z.string() })) }),
          },
        },
      },
      () => ({ items: audit.publicKeys() }),
    );
    app.get(
      '/audit/proofs/consistency',
      {
        config: { rule: 'signed-in' },
        schema: {
          tags: ['audit'],
          description:
            'The RFC 9162 consistency proof that the tree of `to` entries (a signed head; the newest by default) extends the tree of `from` entries.',
          querystring: z.object({ from: size, to: size.optional() }),
          response: {
            200: z.object({
              fromSize: z.number(),
              toSize: z.number(),
              path: hashes,
              fromHead: treeHeadSchema.nullable(),
              toHead: treeHeadSchema,
            }),
          },
        },
      },
      async (request) => audit.consistencyProof(request.query.from, request.query.to),
    );
    app.get(
      '/audit/proofs/inclusion',
      {
        config: { rule: 'audit.verify' },
        schema: {
          tags: ['audit'],
          description:
            'The RFC 9162 inclusion proof of entry `seq` in the tree of a signed head (`size`; the newest by default).',
          querystring: z.object({ seq: size, size: size.optional() }),
          response: {
            200: z.object({
              seq: z.number(),
              leafIndex: z.number(),
              treeSize: z.number(),
              entryHash: z.string(),
              leafHash: z.string(),
              path: hashes,
              head: treeHeadSchema,
            }),
          },
        },
      },
      async (request) => {
        authorize(actorOf(request), 'audit.verify');
        return audit.inclusionProof(request.query.seq, request.query.size);
      },
    );
  };
}
