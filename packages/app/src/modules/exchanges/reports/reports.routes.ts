import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../access/index.ts';
import { fileResponse } from '../../../platform/http/file-response.ts';
import { REPORT_SECTIONS, type ReportRow } from '../domain/report.ts';
import { STAGE_STATUSES } from '../domain/stage-status.ts';
import type { Reports } from './reports.service.ts';
import { agreementParams, M, stageParams, type ExchangeApp } from '../shared/index.ts';
import { reportFile } from './report-file.ts';

const reportRows = z.array(
  z.object({
    section: z.enum(REPORT_SECTIONS),
    party: z.string(),
    item: z.string(),
    detail: z.string(),
    count: z.number(),
  }),
);
const stageReport = z.object({
  stage: z.object({ id: z.string(), number: z.number(), status: z.enum(STAGE_STATUSES) }),
  rows: reportRows,
});

/** The reports of an agreement and of a stage, as JSON, CSV or XLSX. */
export function reportRoutes(app: ExchangeApp, exchanges: Reports): void {
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
        response: { 200: fileResponse(['csv', 'xlsx'], z.object({ rows: reportRows })) },
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
        response: { 200: fileResponse(['csv', 'xlsx'], stageReport) },
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
