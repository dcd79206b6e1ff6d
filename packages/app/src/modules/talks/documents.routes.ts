import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../access/index.ts';
import type { DocumentsService } from './documents.service.ts';
import {
  documentBody,
  documentParams,
  documentQuery,
  gapQuery,
  mechanismParams,
  pointParams,
  pointRevisionBody,
  positionBody,
} from './talks.schemas.ts';
import {
  documentResponse,
  documentTabledResponse,
  documentsResponse,
  gapResponse,
  positionResponse,
} from './talks.responses.ts';

const T = '/mechanisms/:mechanism/talks';
const tags = ['talks'];

/** Documents of the talks under /api/v1: versions of numbered points, positions, the gap view. */
export function documentRoutes(talks: DocumentsService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      `${T}/documents`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          response: { 200: documentsResponse },
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
          response: { 201: documentTabledResponse },
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
          response: { 200: documentResponse },
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
    app.put(
      `${T}/documents/:document/points/:label`,
      {
        config: { rule: 'talks.manage' },
        schema: {
          tags,
          response: { 201: documentTabledResponse },
          description:
            "Corrects a point's text or kind as a new version of the document; the other points keep their positions.",
          params: pointParams,
          body: pointRevisionBody,
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await talks.revisePoint(actorOf(request), {
            ...request.body,
            mechanism: request.params.mechanism,
            document: request.params.document,
            label: request.params.label,
          }),
        ),
    );
    app.post(
      `${T}/positions`,
      {
        config: { rule: 'talks.position' },
        schema: {
          tags,
          response: { 201: positionResponse },
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
          response: { 200: gapResponse },
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
  };
}
