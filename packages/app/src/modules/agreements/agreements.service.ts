import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize, type Actor } from '../access/index.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import * as repo from './agreements.repository.ts';
import {
  checkDefinition,
  isTransitionAllowed,
  type Agreement,
  type AgreementDefinition,
  type AgreementStatus,
  type AgreementVersion,
} from './domain/agreement.ts';
import { compileAgreement, type CompiledAgreement } from './domain/eligibility.ts';
import { AGREEMENT_TEMPLATES, type AgreementTemplate } from './domain/templates.ts';

export interface AgreementsDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
}

export type NewAgreement =
  | { template: string; name?: string; status?: AgreementStatus }
  | { definition: AgreementDefinition; status?: AgreementStatus };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a definition and compiles its rules, or refuses it naming the field, or the rule with
 * the line and column of its first problem.
 */
export function compileDefinition(definition: AgreementDefinition): CompiledAgreement {
  const problems = checkDefinition(definition);
  const [first] = problems;
  if (first)
    throw new AppError('AGREEMENT.INVALID', `${first.field}: ${first.message}`, { problems });
  const compiled = compileAgreement(definition);
  if (compiled.ok) return compiled.agreement;
  const [rule] = compiled.problems;
  throw new AppError(
    'AGREEMENT.RULE_INVALID',
    rule
      ? `the rule of ${rule.ruleKind} ${rule.rule} does not compile: line ${rule.line}, column ${rule.column}: ${rule.message}`
      : 'a rule does not compile',
    { problems: compiled.problems },
  );
}

/** The template with an id, or a clear refusal naming the ones there are. */
export function findTemplate(id: string): AgreementTemplate {
  const template = AGREEMENT_TEMPLATES.find((t) => t.id === id);
  if (!template)
    throw new AppError(
      'AGREEMENT.TEMPLATE_NOT_FOUND',
      `no agreement template "${id}"; there are ${AGREEMENT_TEMPLATES.map((t) => t.id).join(', ')}`,
    );
  return template;
}

/** The agreement use cases: create (from a template or terms), revise as a new version, change state, read. */
export function createAgreementsService({ db, mechanisms, audit }: AgreementsDeps) {
  async function find(actor: Actor, mechanismRef: string, agreementRef: string) {
    const mechanism = await mechanisms.get(actor, mechanismRef);
    authorize(actor, 'agreement.read', { mechanismId: mechanism.id });
    const [agreement] = await repo.findAgreements(db, {
      mechanismId: mechanism.id,
      ...(UUID.test(agreementRef) ? { id: agreementRef } : { name: agreementRef }),
    });
    if (!agreement)
      throw new AppError(
        'AGREEMENT.NOT_FOUND',
        `${mechanism.name} has no agreement "${agreementRef}"`,
      );
    return { mechanism, agreement };
  }

  async function reread(mechanism: Mechanism, id: string, trx: Database): Promise<Agreement> {
    const [agreement] = await repo.findAgreements(trx, { mechanismId: mechanism.id, id });
    if (!agreement) throw new Error(`agreement ${id} vanished`);
    return agreement;
  }

  return {
    templates: (): readonly AgreementTemplate[] => AGREEMENT_TEMPLATES,

    async create(actor: Actor, mechanismRef: string, input: NewAgreement): Promise<Agreement> {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'agreement.manage', { mechanismId: mechanism.id });
      const template = 'template' in input ? findTemplate(input.template) : null;
      const definition: AgreementDefinition =
        'template' in input && template
          ? { ...template.definition, name: input.name ?? template.definition.name }
          : (input as { definition: AgreementDefinition }).definition;
      compileDefinition(definition);
      const status = input.status ?? template?.status ?? 'negotiating';
      return db.transaction().execute(async (trx) => {
        const [taken] = await repo.findAgreements(trx, {
          mechanismId: mechanism.id,
          name: definition.name,
        });
        if (taken)
          throw new AppError(
            'AGREEMENT.NAME_TAKEN',
            `${mechanism.name} already has an agreement named "${definition.name}"`,
          );
        const id = await repo.insertAgreement(trx, {
          mechanismId: mechanism.id,
          name: definition.name,
          status,
          createdBy: actor.id,
        });
        const versionId = await repo.insertVersion(trx, {
          agreementId: id,
          mechanismId: mechanism.id,
          number: 1,
          definition,
          createdBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'agreement.create', {
            mechanismId: mechanism.id,
            objectIds: [id, versionId],
            details: { name: definition.name, status, template: template?.id ?? null },
          }),
        );
        return reread(mechanism, id, trx);
      });
    },

    /** Writes changed terms as the next version; versions already written never change. */
    async revise(
      actor: Actor,
      mechanismRef: string,
      agreementRef: string,
      definition: AgreementDefinition,
    ): Promise<AgreementVersion> {
      const { mechanism, agreement } = await find(actor, mechanismRef, agreementRef);
      authorize(actor, 'agreement.manage', { mechanismId: mechanism.id });
      compileDefinition(definition);
      return db.transaction().execute(async (trx) => {
        const number = await repo.lockAgreement(trx, agreement.id);
        const id = await repo.insertVersion(trx, {
          agreementId: agreement.id,
          mechanismId: mechanism.id,
          number,
          definition,
          createdBy: actor.id,
        });
        await audit.record(
          trx,
          auditEvent(actor, 'agreement.revise', {
            mechanismId: mechanism.id,
            objectIds: [agreement.id, id],
            details: { name: agreement.name, number },
          }),
        );
        const version = (await reread(mechanism, agreement.id, trx)).versions.at(-1);
        if (!version) throw new Error(`version ${id} vanished`);
        return version;
      });
    },

    async setStatus(
      actor: Actor,
      mechanismRef: string,
      agreementRef: string,
      status: AgreementStatus,
    ): Promise<Agreement> {
      const { mechanism, agreement } = await find(actor, mechanismRef, agreementRef);
      authorize(actor, 'agreement.manage', { mechanismId: mechanism.id });
      if (!isTransitionAllowed(agreement.status, status))
        throw new AppError(
          'AGREEMENT.STATUS_TRANSITION',
          `${agreement.name} cannot go from ${agreement.status} to ${status}`,
        );
      return db.transaction().execute(async (trx) => {
        await repo.updateStatus(trx, agreement.id, status);
        await audit.record(
          trx,
          auditEvent(actor, 'agreement.status', {
            mechanismId: mechanism.id,
            objectIds: [agreement.id],
            details: { from: agreement.status, to: status },
          }),
        );
        return reread(mechanism, agreement.id, trx);
      });
    },

    async list(actor: Actor, mechanismRef: string): Promise<Agreement[]> {
      const mechanism = await mechanisms.get(actor, mechanismRef);
      authorize(actor, 'agreement.read', { mechanismId: mechanism.id });
      return repo.findAgreements(db, { mechanismId: mechanism.id });
    },

    get: async (actor: Actor, mechanismRef: string, agreementRef: string): Promise<Agreement> =>
      (await find(actor, mechanismRef, agreementRef)).agreement,

    /** A version of an agreement (the latest when no number is given), with its mechanism. */
    async version(
      actor: Actor,
      mechanismRef: string,
      agreementRef: string,
      number?: number,
    ): Promise<{ mechanism: Mechanism; agreement: Agreement; version: AgreementVersion }> {
      const { mechanism, agreement } = await find(actor, mechanismRef, agreementRef);
      const version =
        number === undefined
          ? agreement.versions.at(-1)
          : agreement.versions.find((v) => v.number === number);
      if (!version)
        throw new AppError(
          'AGREEMENT.VERSION_NOT_FOUND',
          `${agreement.name} has no version ${number} (latest: ${agreement.versions.length})`,
        );
      return { mechanism, agreement, version };
    },
  };
}

export type AgreementsService = ReturnType<typeof createAgreementsService>;
