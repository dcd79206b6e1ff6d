import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../access/index.ts';
import {
  documentBody,
  documentParams,
  documentQuery,
  gapQuery,
  mechanismParams,
  noteBody,
  notesQuery,
  positionBody,
  rangeQuery,
  roundBody,
} from './talks.schemas.ts';
import type { TalksService } from './talks.service.ts';

const T = '/mechanisms/:mechanism/talks';
const tags = ['talks'];

/** The record of the talks under /api/v1: rounds, documents, positions, the gap, notes, the timeline. */
export function talksRoutes(talks: TalksService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      `${T}/rounds`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          description: 'Every round of talks with its outcomes and the agreements they produced.',
          params: mechanismParams,
        },
      },
      async (request) => talks.rounds(actorOf(request), request.params.mechanism),
    );
    app.post(
      `${T}/rounds`,
      {
        config: { rule: 'talks.manage' },
        schema: {
          tags,
          description:
            'Records a round: date, venue, mediators, delegations with their heads, duration, outcomes.',
          params: mechanismParams,
          body: roundBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await talks.addRound(actorOf(request), {
            mechanism: request.params.mechanism,
            ...request.body,
          }),
        ),
    );
    app.get(
      `${T}/documents`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          description: 'Memoranda and plans, each with its latest version.',
          params: mechanismParams,
        },
      },
      async (request) => talks.documents(actorOf(request), request.params.mechanism),
    );
    app.post(
      `${T}/documents`,
      {
        config: { rule: 'talks.manage' },
        schema: {
          tags,
          description:
            'Tables a document as numbered points, or a new version of one with the same title; the authoring party proposes each point.',
          params: mechanismParams,
          body: documentBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await talks.tableDocument(actorOf(request), {
            mechanism: request.params.mechanism,
            ...request.body,
          }),
        ),
    );
    app.get(
      `${T}/documents/:document`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          description:
            "A version of a document (by id or title; the latest unless ?version=): its points, each party's position and history.",
          params: documentParams,
          querystring: documentQuery,
        },
      },
      async (request) =>
        talks.document(actorOf(request), {
          mechanism: request.params.mechanism,
          document: request.params.document,
          ...(request.query.version ? { version: request.query.version } : {}),
        }),
    );
    app.post(
      `${T}/positions`,
      {
        config: { rule: 'talks.position' },
        schema: {
          tags,
          description:
            "A party's position on a point, with the day and the source; a party officer records its own party's.",
          params: mechanismParams,
          body: positionBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await talks.recordPosition(actorOf(request), {
            mechanism: request.params.mechanism,
            ...request.body,
          }),
        ),
    );
    app.get(
      `${T}/gap`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          description:
            'The points of the latest versions where the parties differ in substance (proposing and accepting agree).',
          params: mechanismParams,
          querystring: gapQuery,
        },
      },
      async (request) =>
        talks.gap(actorOf(request), {
          mechanism: request.params.mechanism,
          ...(request.query.document ? { document: request.query.document } : {}),
        }),
    );
    app.get(
      `${T}/notes`,
      {
        config: { rule: 'talks.note' },
        schema: {
          tags,
          description: "A party's private notes: its officers' only.",
          params: mechanismParams,
          querystring: notesQuery,
        },
      },
      async (request) =>
        talks.notes(actorOf(request), { mechanism: request.params.mechanism, ...request.query }),
    );
    app.post(
      `${T}/notes`,
      {
        config: { rule: 'talks.note' },
        schema: {
          tags,
          description: "Adds a note to the party's private notes.",
          params: mechanismParams,
          body: noteBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await talks.addNote(actorOf(request), {
            mechanism: request.params.mechanism,
            ...request.body,
          }),
        ),
    );
    app.get(
      `${T}/timeline`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          description:
            'One timeline of rounds, agreements, stages, ceasefire regimes and violations per day.',
          params: mechanismParams,
          querystring: rangeQuery,
        },
      },
      async (request) =>
        talks.timeline(actorOf(request), { mechanism: request.params.mechanism, ...request.query }),
    );
  };
}
