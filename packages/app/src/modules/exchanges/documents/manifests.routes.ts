import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { ROLES } from '@parley/kernel/access';
import { mechanismParams } from '@parley/kernel/http';
import { treeHeadSchema } from '../../audit/index.ts';
import { attachmentHeader } from '../domain/manifest-file-name.ts';
import type { Manifests } from './manifests.service.ts';
import { M, type ExchangeApp } from '../shared/index.ts';
import { fileResponse } from '../../../platform/http/file-response.ts';

const manifestParams = mechanismParams.extend({ manifest: z.uuid() });
const signatureResponse = z.object({
  signer: z.string(),
  role: z.string(),
  party: z.string().nullable(),
  keyId: z.string(),
  publicKey: z.string(),
  signedAt: z.string(),
  signature: z.string(),
  logHead: treeHeadSchema
    .optional()
    .describe("the audit log's signed tree head at the moment of this signature"),
});
export const manifestFile = z.object({
  kind: z.string(),
  document: z.unknown(),
  hash: z.string(),
  requiredSigners: z.array(z.object({ role: z.enum(ROLES), party: z.string().nullable() })),
  signatures: z.array(signatureResponse),
  logKeys: z
    .array(z.object({ keyId: z.string(), pem: z.string() }))
    .optional()
    .describe("the deployment's public keys, which check the log heads offline"),
});

export const verificationResponse = z.object({
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
});

/** Manifests: read as a file, signed, corrected, printed and verified. */
export function manifestRoutes(app: ExchangeApp, exchanges: Manifests): void {
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
      const { logKeys, ...rest } = file;
      return {
        ...rest,
        requiredSigners: [...file.requiredSigners],
        signatures: [...file.signatures],
        ...(logKeys ? { logKeys: [...logKeys] } : {}),
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
        description:
          "The manifest, a person's handover receipt or a stage's receipt batch, printed as PDF, named by mechanism, stage and date (and the receipt's record; a batch as receipts-…): headings in Ukrainian, Russian and English, its hash with a QR code of it, numbered pages, a block for each signer to sign by hand, and whether it verifies.",
        params: manifestParams,
        response: { 200: fileResponse(['pdf']) },
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await exchanges.manifestPdf(actorOf(request), {
        mechanism: request.params.mechanism,
        manifestId: request.params.manifest,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentHeader(fileName))
        .send(pdf);
    },
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
          200: verificationResponse,
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
}
