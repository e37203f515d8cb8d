/** Reports (issue 14, first slice): the summary by group and the per-conversation CSV export. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { toCsv } from '../../domain/reports/csv.js';
import { parseReportRange, type ReportRange } from '../../domain/reports/range.js';
import { GROUP_BY } from '../../domain/reports/summary.js';
import { toLocal } from '../../domain/tickets/zoned-time.js';
import { conversationExport, REPORT_TIME_ZONE, reportSummary } from '../../services/reports/summary.js';
import { contentDisposition } from '../content-disposition.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['reports'];
const RANGE_HELP = 'YYYY-MM-DD (a whole day in Asia/Shanghai; `to` is inclusive) or an ISO instant with its offset (`to` exclusive)';
const RangeQuery = z.object({
  from: z.string().min(1).max(40).openapi({ description: RANGE_HELP, example: '2026-11-01' }),
  to: z.string().min(1).max(40).openapi({ description: RANGE_HELP, example: '2026-11-30' }),
});
const Seconds = z.number().nullable();
const DurationSummarySchema = z.object({ median: Seconds, p90: Seconds, mean: Seconds }).openapi('DurationSummary', {
  description: 'Seconds; median and P90 by nearest rank; null where there is nothing to measure',
});
const SummaryRowSchema = z
  .object({
    key: z.string().openapi({ description: 'agent or department id, channel kind, or local date; "none" for the group without one' }),
    label: z.string(),
    conversations: z.number().int(),
    firstResponse: DurationSummarySchema,
    resolution: DurationSummarySchema,
    slaAttainment: z.number().nullable().openapi({ description: 'SLA targets met ÷ due (open breaches are misses), 0..1' }),
    csat: z.object({ score: z.number().nullable(), responses: z.number().int(), responseRate: z.number().nullable() }),
    reopenRate: z.number().nullable().openapi({ description: 'resolutions reopened within 7 days ÷ resolutions, 0..1' }),
  })
  .openapi('ReportSummaryRow');

const routes = {
  summary: createRoute({
    method: 'get',
    path: '/api/reports/summary',
    tags,
    description: 'Conversations created in the period (tickets created, follow-ups made in it), grouped; computed from the raw tables.',
    request: {
      query: RangeQuery.extend({ groupBy: z.enum(GROUP_BY).default('day'), hours: z.enum(['wall', 'business']).default('wall') }),
    },
    responses: {
      200: jsonContent(z.object({ data: z.array(SummaryRowSchema) }), 'One row per group'),
      400: jsonContent(ErrorSchema, 'Invalid range or grouping'),
      403: jsonContent(ErrorSchema, 'Needs report.view'),
    },
  }),
  csv: createRoute({
    method: 'get',
    path: '/api/reports/conversations.csv',
    tags,
    description: 'One row per conversation created in the period, UTF-8 with a BOM for Excel. Every export is logged.',
    request: { query: RangeQuery },
    responses: {
      200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
      400: jsonContent(ErrorSchema, 'Invalid range'),
      403: jsonContent(ErrorSchema, 'Needs report.view'),
    },
  }),
};

function localTime(d: Date): string {
  const l = toLocal(d.getTime(), REPORT_TIME_ZONE);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${p(l.month)}-${p(l.day)} ${p(l.hour)}:${p(l.minute)}:${p(l.second)}`;
}

export function reportRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db, clock } = deps.services;
  const range = (q: { from: string; to: string }): ReportRange | string => parseReportRange(q.from, q.to, REPORT_TIME_ZONE);

  app.openapi(routes.summary, async (c) => {
    if (!can(c.get('user'), 'report.view')) return c.json({ error: 'needs report.view' }, 403);
    const q = c.req.valid('query');
    const r = range(q);
    if (typeof r === 'string') return c.json({ error: r }, 400);
    const rows = await reportSummary(db, { range: r, groupBy: q.groupBy, hours: q.hours, now: clock.now() });
    return c.json({ data: rows }, 200);
  });

  app.openapi(routes.csv, async (c) => {
    const user = c.get('user');
    if (!can(user, 'report.view')) return c.json({ error: 'needs report.view' }, 403);
    const q = c.req.valid('query');
    const r = range(q);
    if (typeof r === 'string') return c.json({ error: r }, 400);
    const rows = await conversationExport(db, r);
    deps.logger.info('report exported', { export: 'conversations.csv', userId: user.id, from: r.from.toISOString(), to: r.to.toISOString(), rows: rows.length });
    const csv = toCsv(
      ['id', 'channel', `created (${REPORT_TIME_ZONE})`, 'first response seconds', 'first response business seconds', 'resolution seconds', 'resolution business seconds', 'agent', 'status'],
      rows.map((x) => [x.id, x.channel, localTime(x.createdAt), x.firstResponseSeconds, x.firstResponseBusinessSeconds, x.resolutionSeconds, x.resolutionBusinessSeconds, x.agent, x.status]),
    );
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition('attachment', `conversations-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.csv`),
    });
  });
  return app;
}
