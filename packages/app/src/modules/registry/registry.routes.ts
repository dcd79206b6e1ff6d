import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ListFileLimits } from '../../platform/config.ts';
import { uploadedFile } from '../../platform/http/file-upload.ts';
import { fileResponse } from '../../platform/http/file-response.ts';
import { actorOf } from '../access/index.ts';
import type { ListKind } from './domain/list-columns.ts';
import {
  diffQuery,
  diffResponse,
  exportQuery,
  importQuery,
  importResponse,
  linesQuery,
  linesResponse,
  listParams,
  parseColumnMapping,
  presentDiff,
  presentLine,
  presentProblems,
  presentVersion,
  previewResponse,
  versionParams,
  versionResponse,
} from './registry.schemas.ts';
import type { RegistryService } from './registry.service.ts';

type LinesAnswer = z.infer<typeof linesResponse>;

const LIST = '/mechanisms/:mechanism/lists/:party/:kind';

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The list endpoints under /api/v1: versions, upload, lines, diff and export. */
export function registryRoutes(
  registry: RegistryService,
  options: { maxUploadBytes: number; listFileLimits?: ListFileLimits },
): FastifyPluginAsyncZod {
  return async (app) => {
    const selector = (params: {
      mechanism: string;
      party: string;
      kind: ListKind;
      version?: 'latest' | number;
    }) => ({
      mechanism: params.mechanism,
      party: params.party,
      kind: params.kind,
      ...(typeof params.version === 'number' ? { version: params.version } : {}),
    });

    /** The import a multipart request asks for: its file, and the "columns" field sent before it. */
    const importOf = async (
      request: Pick<FastifyRequest, 'file'> & {
        params: z.infer<typeof listParams>;
        query: z.infer<typeof importQuery>;
      },
    ) => {
      const upload = await uploadedFile(request, options.maxUploadBytes);
      const columns = parseColumnMapping(upload.fields.get('columns'));
      return {
        ...selector(request.params),
        acceptInvalid: request.query.acceptInvalid,
        ...(columns ? { columns } : {}),
        file: {
          name: upload.name,
          content: upload.content,
          encoding: request.query.encoding,
          maxBytes: options.maxUploadBytes,
          ...(options.listFileLimits ? { limits: options.listFileLimits } : {}),
        },
      };
    };

    app.get(
      `${LIST}/versions`,
      {
        config: { rule: 'list.versions' },
        schema: {
          tags: ['lists'],
          params: listParams,
          response: { 200: z.object({ items: z.array(versionResponse) }) },
        },
      },
      async (request) => ({
        items: (await registry.versions(actorOf(request), selector(request.params))).map(
          presentVersion,
        ),
      }),
    );

    app.post(
      `${LIST}/versions/preview`,
      {
        config: { rule: 'list.import' },
        schema: {
          tags: ['lists'],
          description:
            'What importing a file would do, storing nothing: how each file column is read (with the optional "columns" mapping, as for an import), the first lines, and every error and warning of the whole file.',
          params: listParams,
          querystring: importQuery,
          consumes: ['multipart/form-data'],
          response: { 200: previewResponse },
        },
      },
      async (request) => {
        // Refused before the upload is read, so that a stranger's file is never parsed.
        await registry.authorizeImport(actorOf(request), selector(request.params));
        const preview = await registry.previewImport(actorOf(request), await importOf(request));
        return {
          ...preview,
          errors: presentProblems(preview.errors),
          warnings: presentProblems(preview.warnings),
        };
      },
    );

    app.post(
      `${LIST}/versions`,
      {
        config: { rule: 'list.import' },
        schema: {
          tags: ['lists'],
          description:
            'Upload a list file (CSV or XLSX, multipart field "file") as a new version. All or nothing. An optional multipart field "columns", before the file, maps file columns named otherwise to list columns: {"Прізвище": "surname"}.',
          params: listParams,
          querystring: importQuery,
          consumes: ['multipart/form-data'],
          response: { 201: importResponse },
        },
      },
      async (request, reply) => {
        await registry.authorizeImport(actorOf(request), selector(request.params));
        const result = await registry.importList(actorOf(request), await importOf(request));
        return reply.status(201).send({
          version: presentVersion(result.version),
          warnings: presentProblems(result.warnings),
        });
      },
    );

    app.get(
      `${LIST}/versions/:version/lines`,
      {
        config: { rule: 'list.read' },
        schema: {
          tags: ['lists'],
          params: versionParams,
          querystring: linesQuery,
          response: { 200: linesResponse },
        },
      },
      async (request, reply) => {
        const { offset, after, limit, search, flagged, sort, direction, versionWarnings } =
          request.query;
        const body = await registry.linesAnswer(
          actorOf(request),
          selector(request.params),
          {
            offset,
            ...(after === undefined ? {} : { after }),
            limit,
            ...(search ? { search } : {}),
            ...(flagged === undefined ? {} : { isFlagged: flagged }),
            sort: { column: sort, direction },
          },
          // Written once as bytes: a page kept in memory is sent again as it is.
          (page) =>
            Buffer.from(
              JSON.stringify({
                version: {
                  ...presentVersion(page.version),
                  ...(versionWarnings ? {} : { warnings: [] }),
                },
                total: page.total,
                offset,
                nextAfter:
                  sort === 'line_number' && page.lines.length === limit
                    ? (page.lines.at(-1)?.lineNumber ?? null)
                    : null,
                items: page.lines.map(presentLine),
              } satisfies LinesAnswer),
            ),
          versionWarnings ? '' : 'no version warnings',
        );
        // Fastify sends bytes as they are, past the response schema (which the present above satisfies).
        return reply.type('application/json; charset=utf-8').send(body as unknown as LinesAnswer);
      },
    );

    app.get(
      `${LIST}/versions/:version/diff`,
      {
        config: { rule: 'list.read' },
        schema: {
          tags: ['lists'],
          params: versionParams,
          querystring: diffQuery,
          response: { 200: diffResponse },
        },
      },
      async (request) => {
        const { from, to, diff } = await registry.diff(actorOf(request), {
          ...selector(request.params),
          ...(request.query.from === undefined ? {} : { from: request.query.from }),
        });
        return presentDiff(from, to, diff);
      },
    );

    app.get(
      `${LIST}/versions/:version/export`,
      {
        config: { rule: 'list.export' },
        schema: {
          tags: ['lists'],
          params: versionParams,
          querystring: exportQuery,
          response: { 200: fileResponse(['csv', 'xlsx']) },
        },
      },
      async (request, reply) => {
        const { format } = request.query;
        const actor = actorOf(request);
        // Resolve the version before the first byte, so that a bad request still gets a JSON error.
        const version = await registry.version(actor, selector(request.params));
        const body = new PassThrough();
        registry
          .exportList(actor, { ...selector(request.params), version: version.number }, format, body)
          .catch((error: unknown) => body.destroy(error as Error));
        const name = `${request.params.party}-${request.params.kind}-v${version.number}.${format}`;
        return reply
          .header('content-type', CONTENT_TYPE[format])
          .header('content-disposition', `attachment; filename="${name.toLowerCase()}"`)
          .send(body);
      },
    );
  };
}
