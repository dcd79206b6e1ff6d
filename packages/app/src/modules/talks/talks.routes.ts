import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../access/index.ts';
import {
  mechanismParams,
  noteBody,
  notesQuery,
  rangeQuery,
  roundBody,
  roundCorrectionBody,
  roundParams,
  translationBody,
} from './talks.schemas.ts';
import {
  noteAddedResponse,
  notesResponse,
  roundAddedResponse,
  roundCorrectedResponse,
  roundsResponse,
  timelineResponse,
  translationResponse,
  translationsResponse,
} from './talks.responses.ts';
import type { TalksService } from './talks.service.ts';

const T = '/mechanisms/:mechanism/talks';
const tags = ['talks'];

/** The record of the talks under /api/v1: rounds, each party's notes, the timeline. */
export function talksRoutes(talks: TalksService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      `${T}/rounds`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          response: { 200: roundsResponse },
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
          response: { 201: roundAddedResponse },
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
    app.patch(
      `${T}/rounds/:round`,
      {
        config: { rule: 'talks.manage' },
        schema: {
          tags,
          response: { 200: roundCorrectedResponse },
          description:
            "Corrects a round's details (only the fields given; outcomes, when given, replace the round's); the audit log keeps what they were.",
          params: roundParams,
          body: roundCorrectionBody,
        },
      },
      async (request) =>
        talks.correctRound(actorOf(request), {
          ...request.body,
          mechanism: request.params.mechanism,
          round: request.params.round,
        }),
    );
    app.get(
      `${T}/notes`,
      {
        config: { rule: 'talks.note' },
        schema: {
          tags,
          response: { 200: notesResponse },
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
          response: { 201: noteAddedResponse },
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
          response: { 200: timelineResponse },
          description:
            'One timeline of rounds, agreements, stages, ceasefire regimes and violations per day.',
          params: mechanismParams,
          querystring: rangeQuery,
        },
      },
      async (request) =>
        talks.timeline(actorOf(request), { mechanism: request.params.mechanism, ...request.query }),
    );
    app.get(
      `${T}/translations`,
      {
        config: { rule: 'talks.read' },
        schema: {
          tags,
          description:
            'The translation memory of the talks: each text as entered (an outcome, a point, a position, the terms of a regime, a place), the language it is written in and its translations.',
          params: mechanismParams,
          response: { 200: translationsResponse },
        },
      },
      async (request) => talks.translations(actorOf(request), request.params.mechanism),
    );
    app.put(
      `${T}/translations`,
      {
        config: { rule: 'talks.manage' },
        schema: {
          tags,
          description:
            'Says which language a text of the talks is written in (source, exactly as recorded) and adds, changes or (with null) removes its translations.',
          params: mechanismParams,
          body: translationBody,
          response: { 200: translationResponse },
        },
      },
      async (request) =>
        talks.translate(actorOf(request), {
          mechanism: request.params.mechanism,
          ...request.body,
        }),
    );
  };
}
