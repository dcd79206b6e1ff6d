import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../access/index.ts';
import type { CeasefiresService } from './ceasefires.service.ts';
import {
  assessmentCorrectionBody,
  ceasefireBody,
  ceasefireParams,
  countsQuery,
  importBody,
  mechanismParams,
  statusBody,
  verificationBody,
  violationBody,
  violationParams,
  violationsQuery,
} from './talks.schemas.ts';
import {
  ceasefireStatusResponse,
  ceasefiresResponse,
  importPreviewResponse,
  importedResponse,
  verificationResponse,
  violationCountsResponse,
  violationResponse,
  violationsResponse,
} from './talks.responses.ts';

const T = '/mechanisms/:mechanism/talks';
const tags = ['ceasefires'];

/** Ceasefire regimes and violation reports under /api/v1. */
export function ceasefireRoutes(ceasefires: CeasefiresService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      `${T}/ceasefires`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          response: { 200: ceasefiresResponse },
          description: 'Every ceasefire regime with its preconditions and status history.',
          params: mechanismParams,
        },
      },
      async (request) => ceasefires.list(actorOf(request), request.params.mechanism),
    );
    app.post(
      `${T}/ceasefires`,
      {
        config: { rule: 'talks.manage' },
        schema: {
          tags,
          response: { 201: ceasefireStatusResponse },
          description:
            'Records a proposed regime: scope, geography, start, duration, extension, preconditions (points), monitoring body.',
          params: mechanismParams,
          body: ceasefireBody,
        },
      },
      async (request, reply) => {
        const { startsAt, proposedAt, ...rest } = request.body;
        return reply.status(201).send(
          await ceasefires.propose(actorOf(request), {
            mechanism: request.params.mechanism,
            ...rest,
            startsAt: startsAt ? new Date(startsAt) : null,
            ...(proposedAt ? { proposedAt: new Date(proposedAt) } : {}),
          }),
        );
      },
    );
    app.post(
      `${T}/ceasefires/:ceasefire/status`,
      {
        config: { rule: 'talks.manage' },
        schema: {
          tags,
          response: { 200: ceasefireStatusResponse },
          description:
            'Moves a regime: proposed → agreed → in_force → expired or broken (agreed may also break).',
          params: ceasefireParams,
          body: statusBody,
        },
      },
      async (request) =>
        ceasefires.changeStatus(actorOf(request), {
          mechanism: request.params.mechanism,
          ceasefire: request.params.ceasefire,
          to: request.body.to,
          ...(request.body.at ? { at: new Date(request.body.at) } : {}),
          reason: request.body.reason ?? null,
        }),
    );
    app.get(
      `${T}/violations`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          response: { 200: violationsResponse },
          description: 'Violation reports, oldest first.',
          params: mechanismParams,
          querystring: violationsQuery,
        },
      },
      async (request) =>
        ceasefires.violations(actorOf(request), {
          mechanism: request.params.mechanism,
          ...request.query,
        }),
    );
    app.get(
      `${T}/violations/counts`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          response: { 200: violationCountsResponse },
          description:
            'Reports and events per day (UTC, by the start of the window) and per sector.',
          params: mechanismParams,
          querystring: countsQuery,
        },
      },
      async (request) =>
        ceasefires.counts(actorOf(request), {
          mechanism: request.params.mechanism,
          ...request.query,
        }),
    );
    app.post(
      `${T}/violations`,
      {
        config: { rule: 'violation.report' },
        schema: {
          tags,
          response: { 201: verificationResponse },
          description:
            'One report: the observation, and the assessment apart; from a party (its officer) or a monitor.',
          params: mechanismParams,
          body: violationBody,
        },
      },
      async (request, reply) => {
        const { reporter, ceasefire, sector, observation, assessment } = request.body;
        return reply.status(201).send(
          await ceasefires.report(actorOf(request), {
            mechanism: request.params.mechanism,
            reporter,
            ceasefire: ceasefire ?? null,
            violation: {
              sector,
              observation: {
                ...observation,
                observerPosition: observation.observerPosition ?? null,
                windowStart: new Date(observation.windowStart),
                windowEnd: new Date(observation.windowEnd),
              },
              assessment: {
                weapon: assessment.weapon ?? null,
                bearingDeg: assessment.bearingDeg ?? null,
                distanceKm: assessment.distanceKm ?? null,
                trajectory: assessment.trajectory ?? null,
                confidence: assessment.confidence ?? null,
                consequences: assessment.consequences ?? null,
                attribution: assessment.attribution ?? null,
              },
            },
          }),
        );
      },
    );
    app.post(
      `${T}/violations/import`,
      {
        config: { rule: 'violation.report' },
        schema: {
          tags,
          response: { 201: importedResponse },
          description:
            'Imports a CSV of reports (README, "Violation reports"), all or nothing: 422 with every error by line and column.',
          params: mechanismParams,
          body: importBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await ceasefires.importFile(actorOf(request), {
            mechanism: request.params.mechanism,
            reporter: request.body.reporter,
            ceasefire: request.body.ceasefire ?? null,
            fileName: request.body.fileName,
            text: request.body.csv,
          }),
        ),
    );
    app.post(
      `${T}/violations/import/preview`,
      {
        config: { rule: 'violation.report' },
        schema: {
          tags,
          response: { 200: importPreviewResponse },
          description:
            'What a CSV of reports would import, storing nothing: the count, every error by line and column, the first reports.',
          params: mechanismParams,
          body: importBody,
        },
      },
      async (request) =>
        ceasefires.previewFile(actorOf(request), {
          mechanism: request.params.mechanism,
          reporter: request.body.reporter,
          fileName: request.body.fileName,
          text: request.body.csv,
        }),
    );
    app.post(
      `${T}/violations/:violation/verification`,
      {
        config: { rule: 'violation.verify' },
        schema: {
          tags,
          response: { 200: verificationResponse },
          description:
            "The monitor's or mediator's verdict: reported, confirmed, not_confirmed or disputed.",
          params: violationParams,
          body: verificationBody,
        },
      },
      async (request) =>
        ceasefires.verify(actorOf(request), {
          mechanism: request.params.mechanism,
          violationId: request.params.violation,
          ...request.body,
        }),
    );
    app.patch(
      `${T}/violations/:violation/assessment`,
      {
        config: { rule: 'violation.verify' },
        schema: {
          tags,
          response: { 200: violationResponse },
          description:
            "Corrects the monitor's or mediator's assessment of a report (only the fields given); the observation is never changed.",
          params: violationParams,
          body: assessmentCorrectionBody,
        },
      },
      async (request) =>
        ceasefires.assess(actorOf(request), {
          mechanism: request.params.mechanism,
          violationId: request.params.violation,
          assessment: request.body.assessment,
          reason: request.body.reason ?? null,
        }),
    );
  };
}
