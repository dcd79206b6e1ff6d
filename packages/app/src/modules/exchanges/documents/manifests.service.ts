import { rows, stageState, type ExchangeSteps, type ExchangesDeps } from '../shared/index.ts';
import * as repo from './documents.repository.ts';
import type { ReceiptBatchDocument, ReceiptDocument } from '@parley/kernel/signed-documents';
import canonicalize from 'canonicalize';
import { withScope } from '../../../platform/db/scope.ts';
import { AppError } from '../../../platform/errors.ts';
import { auditEvent, headSignatureChecker, type TreeHead } from '../../audit/index.ts';
import { authorize, rowScope, type Actor } from '../../access/index.ts';
import type { StageManifest } from '../domain/manifest.ts';
import { countsForStage, type PersonState } from '../domain/person-path.ts';
import {
  documentHash,
  signatureVerifies,
  verifySignedDocument,
  type DocumentKind,
  type SignedDocumentFile,
  type Signer,
} from '../domain/signed-document.ts';
import { signingKeyRecords } from '../signing-keys/index.ts';
import { manifestFileName } from '../domain/manifest-file-name.ts';
import { manifestPdf as printManifest, type ManifestNames } from './manifest-pdf.ts';
import { hashesIn } from '../domain/receipt-batch.ts';
import { receiptPdf as printReceipt } from './receipt-pdf.ts';
import { receiptBatchPdf as printReceiptBatch } from './receipt-batch-pdf.ts';

type SignerRole = Signer['role'];

/** A log head checked with the deployment keys a signed file carries. */
const isLogHeadSigned = (head: TreeHead, keys: ReadonlyArray<{ keyId: string; pem: string }>) =>
  headSignatureChecker(keys)(head);

/** Manifests: corrected, read as a file, signed with registered keys, verified and printed. */
export function createManifests(deps: ExchangesDeps, steps: ExchangeSteps) {
  const { db, mechanisms, agreements, audit } = deps;

  /** The names a printed manifest shows for the ids its signed document holds. */
  async function manifestNames(
    actor: Actor,
    mechanism: string,
    named: StageManifest['agreement'],
  ): Promise<ManifestNames> {
    const agreement = (await agreements.list(actor, mechanism)).find((a) => a.id === named.id);
    const version = agreement?.versions.find((v) => v.id === named.versionId);
    return {
      categories: Object.fromEntries(
        (version?.definition.categories ?? []).map((c) => [c.id, c.name]),
      ),
      agreementVersion: version?.number ?? null,
    };
  }
  const { clock, stageManifest } = steps;

  return {
    /**
     * Corrects an approved stage's manifest: a new manifest of the persons still on their way
     * (those moved to an exception since are left out), naming the one it replaces, to be signed
     * again. The old manifest and its signatures stay as they were.
     */
    async correctManifest(
      actor: Actor,
      input: { mechanism: string; manifestId: string; reason: string },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.manage', { mechanismId: mechanism.id });
      const { old, latest } = await withScope(db, rowScope(actor), async (scoped) => {
        const found = await repo.findManifest(scoped, input.manifestId);
        return {
          old: found,
          latest: found ? (await rows.findManifests(scoped, found.stage_id)).at(-1) : undefined,
        };
      });
      if (!old || old.mechanism_id !== mechanism.id || old.kind !== 'parley-manifest/1')
        throw new AppError('EXCHANGE.NOT_FOUND', `no manifest ${input.manifestId}`);
      if (latest?.id !== old.id)
        throw new AppError(
          'EXCHANGE.STAGE_FROZEN',
          `manifest ${old.id} was corrected already by ${latest?.id ?? '?'}: correct the latest`,
        );
      const state = await withScope(db, rowScope(actor), (trx) =>
        stageState(trx, mechanism, old.stage_id),
      );
      const going = state.persons.filter((p) => countsForStage(p.state as PersonState));
      const manifest = await stageManifest(actor, mechanism, state.stage, going, old.hash);
      const hash = documentHash(manifest);
      // Manifests have row policies (0013): the correction is written in the actor's scope.
      return withScope(db, rowScope(actor), async (trx) => {
        const manifestId = await rows.insertManifest(trx, {
          mechanismId: mechanism.id,
          stageId: old.stage_id,
          kind: 'parley-manifest/1',
          document: canonicalize(manifest)!,
          hash,
          requiredSigners: old.required_signers,
          supersedes: old.id,
          createdBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.manifest.correct', {
            mechanismId: mechanism.id,
            objectIds: [manifestId, old.id],
            reason: input.reason,
            details: { hash, supersedes: old.hash, persons: going.length },
          }),
        );
        return { manifestId, hash, supersedes: old.hash, persons: going.length };
      });
    },

    /** A manifest as a self-contained file: document, hash, required signers and signatures. */
    async manifestFile(
      actor: Actor,
      input: { mechanism: string; manifestId: string },
    ): Promise<SignedDocumentFile<unknown>> {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.read', { mechanismId: mechanism.id });
      const manifest = await withScope(db, rowScope(actor), (scoped) =>
        repo.findManifest(scoped, input.manifestId),
      );
      if (!manifest || manifest.mechanism_id !== mechanism.id)
        throw new AppError('EXCHANGE.NOT_FOUND', `no manifest ${input.manifestId}`);
      const signatures = await rows.findSignatures(db, manifest.id);
      await audit.record(
        null,
        auditEvent(actor, 'exchange.manifest.read', {
          mechanismId: mechanism.id,
          objectIds: [manifest.id],
        }),
      );
      const logHeads = new Map<number, TreeHead>();
      for (const size of new Set(signatures.map((s) => s.log_tree_size))) {
        const head = size === null ? null : await audit.head(Number(size));
        if (head) logHeads.set(head.treeSize, head);
      }
      return {
        kind: manifest.kind as DocumentKind,
        document: JSON.parse(manifest.document) as unknown,
        hash: manifest.hash,
        requiredSigners: manifest.required_signers.map((r) => ({
          role: r.role as SignerRole,
          party: r.party,
        })),
        signatures: signatures.map((s) => {
          const logHead =
            s.log_tree_size === null ? undefined : logHeads.get(Number(s.log_tree_size));
          return {
            signer: s.signer,
            role: s.role as SignerRole,
            party: s.party_code || null,
            keyId: s.key_id,
            publicKey: s.public_key,
            signedAt: s.signed_at.toISOString(),
            signature: s.signature,
            ...(logHead ? { logHead } : {}),
          };
        }),
        logKeys: audit.publicKeys(),
      };
    },

    /**
     * Adds a signature made with a key the signer registered. The server never sees a private
     * key: it checks the signature over the manifest's hash before keeping it.
     */
    async signManifest(
      actor: Actor,
      input: {
        mechanism: string;
        manifestId: string;
        keyId: string;
        signature: string;
        role: SignerRole;
        party?: string | null;
        /** The operator's command line records a signature for the key's owner. */
        onBehalfOf?: string;
        /** A signature made offline at the handover point: when it was made there, and synced. */
        offline?: { signedAt: Date; syncedAt: Date };
      },
    ) {
      const mechanism = await mechanisms.get(actor, input.mechanism);
      authorize(actor, 'exchange.sign', { mechanismId: mechanism.id });
      const party = input.role === 'party_officer' ? (input.party ?? '').toUpperCase() : null;
      const holds = actor.grants.some(
        (g) => g.mechanismId === mechanism.id && g.role === input.role && g.party === party,
      );
      const key = await signingKeyRecords.findKey(db, input.keyId);
      if (!key || key.mechanism_id !== mechanism.id || key.revoked_at)
        throw new AppError(
          'EXCHANGE.BAD_SIGNATURE',
          `the key ${input.keyId} is not registered in ${mechanism.name}`,
        );
      const signer = actor.isSystem && input.onBehalfOf ? `user:${input.onBehalfOf}` : actor.id;
      if (actor.isSystem && input.onBehalfOf) {
        const owner = (await signingKeyRecords.findKeys(db, mechanism.id)).find(
          (k) => k.key_id === key.key_id,
        );
        if (owner?.username !== input.onBehalfOf)
          throw new AppError(
            'EXCHANGE.BAD_SIGNATURE',
            `the key ${key.key_id} is not ${input.onBehalfOf}'s`,
          );
      }
      if (!actor.isSystem && (!holds || key.user_id !== actor.userId)) {
        throw new AppError(
          'ACCESS.FORBIDDEN',
          `you sign as ${input.role}${party ? ` for ${party}` : ''} only with that role and your own key`,
        );
      }
      const manifest = await withScope(db, rowScope(actor), (scoped) =>
        repo.findManifest(scoped, input.manifestId),
      );
      if (!manifest || manifest.mechanism_id !== mechanism.id)
        throw new AppError('EXCHANGE.NOT_FOUND', `no manifest ${input.manifestId}`);
      const kind = manifest.kind as DocumentKind;
      if (signatureVerifies(kind, manifest.hash, key.public_key, input.signature) !== true)
        throw new AppError(
          'EXCHANGE.BAD_SIGNATURE',
          `the signature does not verify over manifest ${manifest.hash}`,
        );
      await db.transaction().execute(async (trx) => {
        const existing = await rows.findSignatures(trx, manifest.id);
        if (existing.some((s) => s.role === input.role && (s.party_code || null) === party))
          throw new AppError(
            'EXCHANGE.BAD_SIGNATURE',
            `the manifest is signed as ${input.role}${party ? ` for ${party}` : ''} already`,
          );
        await audit.record(
          trx,
          auditEvent(actor, 'exchange.manifest.sign', {
            mechanismId: mechanism.id,
            objectIds: [manifest.id, key.key_id],
            details: {
              role: input.role,
              party,
              hash: manifest.hash,
              ...(input.offline
                ? {
                    offline: true,
                    signedAt: input.offline.signedAt.toISOString(),
                    syncedAt: input.offline.syncedAt.toISOString(),
                  }
                : {}),
            },
          }),
        );
        // The log's head at the moment of signing, over the entry just written: every copy of
        // the signed file carries it, so that the log cannot later be cut or rewritten unseen.
        const head = await audit.signHead(trx);
        await repo.insertSignature(trx, {
          manifestId: manifest.id,
          signer,
          role: input.role,
          party,
          keyId: key.key_id,
          signature: input.signature,
          signedAt: input.offline?.signedAt ?? clock(),
          logTreeSize: head?.treeSize ?? null,
        });
      });
      return { hash: manifest.hash };
    },

    /** Verifies a stored manifest against the mechanism's registered keys. */
    async verifyManifest(actor: Actor, input: { mechanism: string; manifestId: string }) {
      const file = await this.manifestFile(actor, input);
      const mechanism = await mechanisms.get(actor, input.mechanism);
      const trusted = new Set(
        (await signingKeyRecords.findKeys(db, mechanism.id))
          .filter((k) => !k.revoked_at)
          .map((k) => k.key_id),
      );
      return verifySignedDocument(file, { trustedKeyIds: trusted, isLogHeadSigned });
    },
    /**
     * A stage's manifest, a person's handover receipt or a stage's receipt batch, printed as PDF
     * with its signatures and whether it verifies, and its file name.
     */
    async manifestPdf(actor: Actor, input: { mechanism: string; manifestId: string }) {
      const file = await this.manifestFile(actor, input);
      if (file.kind === 'parley-receipt/1') {
        const receipt = file as SignedDocumentFile<ReceiptDocument>;
        // A signature of a batch of the stage's receipts that names this one signs it too.
        const batches = await withScope(db, rowScope(actor), (scoped) =>
          rows.findReceiptBatches(scoped, receipt.document.stage.id),
        );
        const inBatches = batches
          .filter((b) => hashesIn(b.document).includes(receipt.hash))
          .flatMap((b) => b.signers.map((s) => ({ ...s, batchHash: b.hash })));
        const pdf = await printReceipt(receipt, await this.verifyManifest(actor, input), inBatches);
        return {
          pdf,
          fileName: manifestFileName(receipt.document, {
            prefix: 'receipt',
            recordId: receipt.document.person.recordId,
          }),
        };
      }
      if (file.kind === 'parley-receipt-batch/1') {
        const batch = file as SignedDocumentFile<ReceiptBatchDocument>;
        const pdf = await printReceiptBatch(batch, await this.verifyManifest(actor, input));
        return { pdf, fileName: manifestFileName(batch.document, { prefix: 'receipts' }) };
      }
      if (file.kind !== 'parley-manifest/1')
        throw new AppError('EXCHANGE.NOT_FOUND', `no manifest ${input.manifestId}`);
      const manifest = file as SignedDocumentFile<StageManifest>;
      const pdf = await printManifest(
        manifest,
        await this.verifyManifest(actor, input),
        await manifestNames(actor, input.mechanism, manifest.document.agreement),
      );
      return { pdf, fileName: manifestFileName(manifest.document) };
    },
  };
}

export type Manifests = ReturnType<typeof createManifests>;
