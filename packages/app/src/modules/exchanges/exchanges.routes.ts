import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/index.ts';
import { mechanismParams } from '../mechanisms/mechanisms.schemas.ts';
import { EXCEPTIONS, MAIN_PATH } from './domain/person-path.ts';
import type { ExchangesService } from './exchanges.service.ts';
import type { ReportRow } from './domain/report.ts';
import { reportFile } from './report-file.ts';

const M = '/mechanisms/:mechanism';
const agreementParams = mechanismParams.extend({ agreement: z.string().min(1).max(200) });
const stageParams = mechanismParams.extend({ stage: z.uuid() });
const manifestParams = mechanismParams.extend({ manifest: z.uuid() });
const STATES = [...MAIN_PATH, ...EXCEPTIONS] as const;

const personResponse = z.object({
  id: z.string(),
  party: z.string().describe('the party that holds the person and hands them over'),
  receivingParty: z.string(),
  recordId: z.string(),
  category: z.string(),
  rank: z.string().nullable(),
  state: z
    .string()
    .describe('a party sees "cleared" or "not_cleared" instead of the wish interview\'s result'),
  stageId: z.string().nullable(),
});
const parityResponse = z.object({
  isBalanced: z.boolean(),
  rows: z.array(
    z.object({
      category: z.string(),
      bySide: z.record(z.string(), z.number()),
      isBalanced: z.boolean(),
    }),
  ),
});
const moveResult = z.object({
  personId: z.string(),
  ok: z.boolean(),
  state: z.string().optional(),
  problem: z.string().optional(),
  replacement: z
    .string()
    .nullable()
    .optional()
    .describe('who took the place the person left in a proposed stage'),
});
const signatureResponse = z.object({
  signer: z.string(),
  role: z.string(),
  party: z.string().nullable(),
  keyId: z.string(),
  publicKey: z.string(),
  signedAt: z.string(),
  signature: z.string(),
});
const manifestFile = z.object({
  kind: z.string(),
  document: z.unknown(),
  hash: z.string(),
  requiredSigners: z.array(z.object({ role: z.string(), party: z.string().nullable() })),
  signatures: z.array(signatureResponse),
});

/** Persons on the path, stages and their manifests, and signing keys, under /api/v1. */
export function exchangeRoutes(exchanges: ExchangesService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      `${M}/keys`,
      {
        config: { rule: 'mechanism.read' },
        schema: {
          tags: ['exchanges'],
          description: 'The public keys registered in the mechanism, to verify manifests with.',
          params: mechanismParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  keyId: z.string(),
                  username: z.string(),
                  publicKey: z.string(),
                  registeredAt: z.string(),
                  registeredBy: z
                    .string()
                    .describe('who registered it: the owner, or the operator for them'),
                  revokedAt: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        items: (await exchanges.keys(actorOf(request), request.params.mechanism)).map((k) => ({
          ...k,
          registeredAt: k.registeredAt.toISOString(),
          revokedAt: k.revokedAt?.toISOString() ?? null,
        })),
      }),
    );

    app.post(
      `${M}/keys`,
      {
        config: { rule: 'exchange.sign' },
        schema: {
          tags: ['exchanges'],
          description:
            'Registers the public half of your own Ed25519 key (PEM, or SPKI DER in base64). The private key stays with you.',
          params: mechanismParams,
          body: z.object({ publicKey: z.string().min(40).max(2000) }),
          response: { 201: z.object({ keyId: z.string() }) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return reply.status(201).send(
          await exchanges.registerKey(actor, {
            mechanism: request.params.mechanism,
            userId: actor.userId ?? '',
            publicKey: request.body.publicKey,
          }),
        );
      },
    );

    app.post(
      `${M}/agreements/:agreement/paths`,
      {
        config: { rule: 'exchange.manage' },
        schema: {
          tags: ['exchanges'],
          description:
            "Puts every person the agreement makes eligible on each party's latest held list on the path to handover.",
          params: agreementParams,
          response: { 200: z.object({ eligible: z.number(), added: z.number() }) },
        },
      },
      async (request) =>
        exchanges.openPaths(actorOf(request), {
          mechanism: request.params.mechanism,
          agreement: request.params.agreement,
        }),
    );

    app.get(
      `${M}/agreements/:agreement/persons`,
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          params: agreementParams,
          querystring: z.object({
            state: z.enum(STATES).optional(),
            party: z
              .string()
              .regex(/^[A-Za-z]{2,8}$/)
              .optional(),
          }),
          response: { 200: z.object({ items: z.array(personResponse) }) },
        },
      },
      async (request) => ({
        items: await exchanges.persons(actorOf(request), {
          ...request.params,
          ...request.query,
        }),
      }),
    );

    app.post(
      `${M}/moves`,
      {
        config: { rule: 'exchange.move' },
        schema: {
          tags: ['exchanges'],
          description:
            'Moves persons along their paths. Each move is checked on its own (who may make it, what it needs) and answered person by person.',
          params: mechanismParams,
          body: z.object({
            moves: z
              .array(
                z.object({
                  personId: z.uuid(),
                  to: z.enum(STATES),
                  reason: z.string().max(2000).optional(),
                }),
              )
              .min(1)
              .max(1000),
          }),
          response: { 200: z.object({ results: z.array(moveResult) }) },
        },
      },
      async (request) => ({
        results: await exchanges.move(actorOf(request), {
          mechanism: request.params.mechanism,
          moves: request.body.moves,
        }),
      }),
    );

    app.post(
      `${M}/agreements/:agreement/stages`,
      {
        config: { rule: 'exchange.manage' },
        schema: {
          tags: ['exchanges'],
          description:
            'Proposes the next stage from the persons cleared to go, at parity under the agreement, and explains the surplus.',
          params: agreementParams,
          body: z.object({
            place: z.string().min(1).max(200),
            date: z.iso.date(),
            size: z.number().int().min(1).max(100_000).optional(),
          }),
          response: {
            201: z.object({
              stageId: z.string(),
              number: z.number(),
              selected: z.number(),
              surplus: z.array(z.object({ personId: z.string(), reason: z.string() })),
              parity: parityResponse,
            }),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await exchanges.proposeStage(actorOf(request), {
            mechanism: request.params.mechanism,
            agreement: request.params.agreement,
            ...request.body,
          }),
        ),
    );

    app.get(
      `${M}/agreements/:agreement/report`,
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          description:
            'What each side asked for and got, persons by category and state, stages and their parity, open disputes: JSON, CSV or XLSX.',
          params: agreementParams,
          querystring: z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
        },
      },
      async (request, reply) => {
        const rows = await exchanges.report(actorOf(request), request.params);
        const { format } = request.query;
        if (format === 'json') return { rows };
        return sendReport(reply, rows, format, 'report');
      },
    );

    app.get(
      `${M}/stages/:stage/report`,
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          description:
            "One stage's report: persons by category and state, parity, surplus, who was returned, open disputes: JSON, CSV or XLSX.",
          params: stageParams,
          querystring: z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
        },
      },
      async (request, reply) => {
        const report = await exchanges.stageReport(actorOf(request), {
          mechanism: request.params.mechanism,
          stageId: request.params.stage,
        });
        const { format } = request.query;
        if (format === 'json') return report;
        return sendReport(reply, report.rows, format, `stage-${report.stage.number}-report`);
      },
    );

    app.get(
      `${M}/stages`,
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          description: "The mechanism's stages, oldest first, each with its agreement.",
          params: mechanismParams,
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  agreementId: z.string(),
                  number: z.number(),
                  place: z.string(),
                  date: z.string(),
                  status: z.string(),
                  createdAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        items: (await exchanges.stages(actorOf(request), request.params.mechanism)).map((s) => ({
          id: s.id,
          agreementId: s.agreement_id,
          number: s.number,
          place: s.place,
          date: s.date,
          status: s.status,
          createdAt: s.created_at.toISOString(),
        })),
      }),
    );

    app.get(
      `${M}/stages/:stage`,
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          params: stageParams,
          response: {
            200: z.object({
              id: z.string(),
              number: z.number(),
              place: z.string(),
              date: z.string(),
              status: z.string(),
              parity: parityResponse,
              persons: z.array(
                z.object({ id: z.string(), recordId: z.string(), state: z.string() }),
              ),
              manifests: z.array(
                z.object({
                  id: z.string(),
                  hash: z.string(),
                  supersedes: z
                    .string()
                    .nullable()
                    .describe('the manifest this one corrects, oldest first'),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const found = await exchanges.stage(actorOf(request), {
          mechanism: request.params.mechanism,
          stageId: request.params.stage,
        });
        return {
          id: found.stage.id,
          number: found.stage.number,
          place: found.stage.place,
          date: found.stage.date,
          status: found.stage.status,
          parity: found.parity,
          persons: found.persons.map((p) => ({ id: p.id, recordId: p.record_id, state: p.state })),
          manifests: found.manifests.map((m) => ({
            id: m.id,
            hash: m.hash,
            supersedes: m.supersedes,
          })),
        };
      },
    );

    app.post(
      `${M}/stages/:stage/approval`,
      {
        config: { rule: 'exchange.manage' },
        schema: {
          tags: ['exchanges'],
          description:
            'Approves a stage at parity: its persons are assigned and its manifest is frozen for signature.',
          params: stageParams,
          response: {
            201: z.object({ manifestId: z.string(), hash: z.string(), persons: z.number() }),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await exchanges.approveStage(actorOf(request), {
            mechanism: request.params.mechanism,
            stageId: request.params.stage,
          }),
        ),
    );

    app.post(
      `${M}/persons/:person/withdrawal`,
      {
        config: { rule: 'exchange.manage' },
        schema: {
          tags: ['exchanges'],
          description:
            'Withdraws a person from a stage not yet approved, and fills the place at parity when someone can.',
          params: mechanismParams.extend({ person: z.uuid() }),
          body: z.object({ reason: z.string().min(3).max(2000) }),
          response: {
            200: z.object({ withdrawn: z.string(), replacement: z.string().nullable() }),
          },
        },
      },
      async (request) =>
        exchanges.withdraw(actorOf(request), {
          mechanism: request.params.mechanism,
          personId: request.params.person,
          reason: request.body.reason,
        }),
    );

    app.post(
      `${M}/persons/:person/receipt`,
      {
        config: { rule: 'exchange.move' },
        schema: {
          tags: ['exchanges'],
          description:
            "The neutral verifier issues the receipt of a person handed over; the receiving party's officer and the verifier sign it (POST .../manifests/:receipt/signatures) before the receipt is confirmed.",
          params: mechanismParams.extend({ person: z.uuid() }),
          response: { 201: z.object({ receiptId: z.string(), hash: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await exchanges.issueReceipt(actorOf(request), {
            mechanism: request.params.mechanism,
            personId: request.params.person,
          }),
        ),
    );

    app.get(
      `${M}/manifests/:manifest`,
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          description:
            'The manifest as a self-contained file (document, hash, signatures with public keys): `parley manifest verify` checks it offline.',
          params: manifestParams,
          response: { 200: manifestFile },
        },
      },
      async (request) => {
        const file = await exchanges.manifestFile(actorOf(request), {
          mechanism: request.params.mechanism,
          manifestId: request.params.manifest,
        });
        return {
          ...file,
          requiredSigners: [...file.requiredSigners],
          signatures: [...file.signatures],
        };
      },
    );

    app.post(
      `${M}/manifests/:manifest/signatures`,
      {
        config: { rule: 'exchange.sign' },
        schema: {
          tags: ['exchanges'],
          description:
            'Adds your Ed25519 signature over the document kind ("parley-manifest/1" or "parley-receipt/1"), a newline and the hash, made with your registered key.',
          params: manifestParams,
          body: z.object({
            keyId: z.string().regex(/^[0-9a-f]{16}$/),
            signature: z.base64().max(200),
            role: z.enum(['party_officer', 'mediator', 'neutral_verifier']),
            party: z
              .string()
              .regex(/^[A-Za-z]{2,8}$/)
              .optional(),
          }),
          response: { 201: z.object({ hash: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await exchanges.signManifest(actorOf(request), {
            mechanism: request.params.mechanism,
            manifestId: request.params.manifest,
            ...request.body,
          }),
        ),
    );

    app.post(
      `${M}/manifests/:manifest/correction`,
      {
        config: { rule: 'exchange.manage' },
        schema: {
          tags: ['exchanges'],
          description:
            'A new manifest of the persons still on their way, naming the one it corrects; the old one and its signatures stay.',
          params: manifestParams,
          body: z.object({ reason: z.string().min(3).max(2000) }),
          response: {
            201: z.object({
              manifestId: z.string(),
              hash: z.string(),
              supersedes: z.string(),
              persons: z.number(),
            }),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await exchanges.correctManifest(actorOf(request), {
            mechanism: request.params.mechanism,
            manifestId: request.params.manifest,
            reason: request.body.reason,
          }),
        ),
    );

    app.get(
      `${M}/manifests/:manifest/pdf`,
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          description: 'The manifest printed as PDF, with its hash, signatures and verification.',
          params: manifestParams,
        },
      },
      async (request, reply) =>
        reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', 'attachment; filename="manifest.pdf"')
          .send(
            await exchanges.manifestPdf(actorOf(request), {
              mechanism: request.params.mechanism,
              manifestId: request.params.manifest,
            }),
          ),
    );

    app.get(
      `${M}/manifests/:manifest/verification`,
      {
        config: { rule: 'exchange.read' },
        schema: {
          tags: ['exchanges'],
          description: "Verifies the manifest's hash and signatures against the registered keys.",
          params: manifestParams,
          response: {
            200: z.object({
              ok: z.boolean(),
              problems: z.array(z.string()),
              hash: z.string().nullable(),
              signers: z.array(
                z.object({
                  signer: z.string(),
                  role: z.string(),
                  party: z.string().nullable(),
                  keyId: z.string(),
                  valid: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { kind: _kind, ...report } = await exchanges.verifyManifest(actorOf(request), {
          mechanism: request.params.mechanism,
          manifestId: request.params.manifest,
        });
        return { ...report, signers: [...report.signers] };
      },
    );
  };
}

/** A report as a file to download. */
async function sendReport(
  reply: FastifyReply,
  rows: readonly ReportRow[],
  format: 'csv' | 'xlsx',
  name: string,
) {
  return reply
    .header(
      'content-type',
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(await reportFile(rows, format));
}
