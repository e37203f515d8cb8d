/**
 * The estate registry (小区 → 楼栋 → 单元 → 房号, and who lives there): reading for staff who
 * may see every contact (conversation.read.all, the rule of the contact sidebar for contacts
 * outside one's own conversations), importing a roster with settings.manage.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import { can } from '../../domain/permissions.js';
import { exportRoster, rosterTemplate } from '../../services/estates/export-roster.js';
import { importRoster } from '../../services/estates/import-roster.js';
import { listEstates, listUnits, unitDetails } from '../../services/estates/read-registry.js';
import { contentDisposition } from '../content-disposition.js';
import { readBytesLimited } from '../read-body.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['estates'];
/** A roster of 100,000 people is about 8 MB. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** What browsers and spreadsheets label a CSV file with (Windows with Excel: vnd.ms-excel). */
const CSV_TYPES = /^(text\/csv|application\/csv|text\/comma-separated-values|text\/plain|application\/vnd\.ms-excel|application\/octet-stream)$/;

const needs = (permission: 'conversation.read.all' | 'settings.manage') =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!can(c.get('user'), permission)) return c.json({ error: `needs ${permission}` }, 403);
    await next();
  });
const canRead = needs('conversation.read.all');
const canImport = needs('settings.manage');

const Change = z.object({ create: z.number().int(), update: z.number().int() });
const ImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    encoding: z.enum(['utf-8', 'gb18030']),
    rows: z.number().int(),
    refused: z.number().int().openapi({ description: 'Rows with at least one problem' }),
    changes: z.object({ estates: Change, buildings: Change, entrances: Change, units: Change, people: Change }),
    problems: z.array(
      z.object({
        line: z.number().int().openapi({ description: 'Line of the file (1 is the header)' }),
        column: z.string().nullable(),
        code: z.string(),
        zh: z.string(),
        en: z.string(),
      }),
    ),
  })
  .openapi('EstateImportReport');
const ImportRefusedSchema = ErrorSchema.extend({ report: ImportReportSchema.optional() });

const EstateSchema = z
  .object({ id: z.string().uuid(), name: z.string(), code: z.string().nullable(), buildings: z.number().int(), units: z.number().int(), people: z.number().int() })
  .openapi('Estate');
const UnitSummarySchema = z
  .object({ id: z.string().uuid(), building: z.string(), entrance: z.string(), number: z.string(), areaM2: z.number().nullable(), people: z.number().int() })
  .openapi('UnitSummary');
const UnitSchema = z
  .object({
    id: z.string().uuid(),
    estate: z.object({ id: z.string().uuid(), name: z.string() }),
    building: z.string(),
    entrance: z.string(),
    number: z.string(),
    areaM2: z.number().nullable(),
    people: z.array(
      z.object({
        id: z.string().uuid(),
        name: z.string(),
        phone: z.string().nullable(),
        role: z.enum(['owner', 'tenant', 'resident']),
        primary: z.boolean(),
        contactId: z.string().uuid().nullable(),
      }),
    ),
  })
  .openapi('Unit');
const csvContent = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/estates',
    tags,
    middleware: [canRead] as const,
    responses: { 200: jsonContent(z.object({ data: z.array(EstateSchema) }), 'Estates by name, with counts'), 403: jsonContent(ErrorSchema, 'Needs conversation.read.all') },
  }),
  units: createRoute({
    method: 'get',
    path: '/api/estates/{id}/units',
    tags,
    middleware: [canRead] as const,
    description: '`building` as written anywhere ("3", "3栋", "3号楼"); `q` a whole address ("3-2-501") for that unit, else part of a unit number, a name or a phone.',
    request: {
      params: IdParam,
      query: z.object({
        building: z.string().trim().min(1).max(40).optional(),
        q: z.string().trim().min(1).max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      }),
    },
    responses: {
      200: jsonContent(z.object({ data: z.array(UnitSummarySchema), total: z.number().int(), nextOffset: z.number().int().nullable() }), 'One page of units, in building/entrance/number order'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: jsonContent(ErrorSchema, 'Needs conversation.read.all'),
      404: jsonContent(ErrorSchema, 'No such estate'),
    },
  }),
  unit: createRoute({
    method: 'get',
    path: '/api/units/{id}',
    tags,
    middleware: [canRead] as const,
    request: { params: IdParam },
    responses: {
      200: jsonContent(UnitSchema, 'The unit and its people (phones masked without contact.phone.view)'),
      403: jsonContent(ErrorSchema, 'Needs conversation.read.all'),
      404: jsonContent(ErrorSchema, 'No such unit'),
    },
  }),
  template: createRoute({
    method: 'get',
    path: '/api/estates/import/template.csv',
    tags,
    responses: { 200: csvContent('The roster template: bilingual header and one example row (UTF-8 with BOM)') },
  }),
  export: createRoute({
    method: 'get',
    path: '/api/estates/export.csv',
    tags,
    middleware: [canRead] as const,
    description: 'The registry (or one estate) as a roster with the template’s columns; importing it back changes nothing.',
    request: { query: z.object({ estate: z.string().uuid().optional() }) },
    responses: { 200: csvContent('The roster (UTF-8 with BOM)'), 400: jsonContent(ErrorSchema, 'Invalid request'), 403: jsonContent(ErrorSchema, 'Needs conversation.read.all') },
  }),
  import: createRoute({
    method: 'post',
    path: '/api/estates/import',
    tags,
    middleware: [canImport] as const,
    description:
      'A roster CSV (UTF-8 with or without BOM, or GBK as Excel saves it on Chinese Windows) as the body, or as the `file` field of a form. ' +
      '`dryRun=true` (the default) stores nothing and reports what would change and every bad row. A real import stores all of it in one transaction, ' +
      'or nothing when any row is bad (400 with the same report). Importing the same file twice changes nothing the second time.',
    request: {
      query: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
      // Only text/csv is declared: a declared form schema would make the validator read (and refuse) the body first.
      body: { content: { 'text/csv': { schema: z.string() } } },
    },
    responses: {
      200: jsonContent(ImportReportSchema, 'Dry run: what would change; real import: what changed'),
      400: jsonContent(ImportRefusedSchema, 'Bad rows or columns (nothing stored), or an invalid request'),
      403: jsonContent(ErrorSchema, 'Needs settings.manage'),
      413: jsonContent(ErrorSchema, 'File larger than 20 MB'),
      415: jsonContent(ErrorSchema, 'Not a CSV file (XLSX: save it as CSV first)'),
    },
  }),
};

type Upload = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; status: 413 | 415 | 400; error: string };

async function readUpload(req: Request): Promise<Upload> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'multipart/form-data' && !CSV_TYPES.test(type)) {
    return { ok: false, status: 415, error: `send the roster as text/csv (got ${type || 'no content type'}); XLSX: save the sheet as CSV first` };
  }
  const read = await readBytesLimited(req, MAX_UPLOAD_BYTES);
  if (!read.ok) return { ok: false, status: 413, error: 'file larger than 20 MB' };
  let bytes = read.bytes;
  if (type === 'multipart/form-data') {
    // Parsed from the bytes already read under the cap, not from the request stream.
    const form = await new Response(bytes, { headers: { 'content-type': req.headers.get('content-type')! } }).formData().catch(() => null);
    const file = form?.get('file');
    if (!file || typeof file === 'string') return { ok: false, status: 400, error: 'the form has no file field named "file"' };
    if (/\.(xlsx|xls)$/i.test(file.name)) return { ok: false, status: 415, error: 'XLSX files are not read yet: save the sheet as CSV (UTF-8) and upload that' };
    bytes = new Uint8Array(await file.arrayBuffer());
  }
  // XLSX is a zip ("PK\3\4"): say so rather than report a page of bad rows.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return { ok: false, status: 415, error: 'this is an XLSX file: save the sheet as CSV (UTF-8) and upload that' };
  return { ok: true, bytes };
}

const csvHeaders = (name: string) => ({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': contentDisposition('attachment', name), 'Cache-Control': 'no-store' });

export function estateRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;

  app.openapi(routes.list, async (c) => c.json({ data: await listEstates(db) }, 200));
  app.openapi(routes.units, async (c) => {
    const page = await listUnits(db, c.req.valid('param').id, { ...c.req.valid('query'), byPhone: can(c.get('user'), 'contact.phone.view') });
    return page ? c.json(page, 200) : c.json({ error: 'estate not found' }, 404);
  });
  app.openapi(routes.unit, async (c) => {
    const unit = await unitDetails(db, c.get('user'), c.req.valid('param').id);
    return unit ? c.json(unit, 200) : c.json({ error: 'unit not found' }, 404);
  });
  app.openapi(routes.template, (c) => c.body(rosterTemplate(), 200, csvHeaders('roster-template.csv')));
  app.openapi(routes.export, async (c) => c.body(await exportRoster(db, c.get('user'), c.req.valid('query').estate), 200, csvHeaders('roster.csv')));
  app.openapi(routes.import, async (c) => {
    const upload = await readUpload(c.req.raw);
    if (!upload.ok) return c.json({ error: upload.error }, upload.status);
    const report = await importRoster(db, upload.bytes, { dryRun: c.req.valid('query').dryRun === 'true' });
    if (!report.dryRun && !report.applied) return c.json({ error: `nothing imported: ${report.refused} bad row(s)`, report }, 400);
    // A dry run whose columns are unusable is a bad request too: there is nothing to preview.
    if (report.problems.some((p) => p.code === 'bad_header' || p.code === 'empty_file' || p.code === 'bad_encoding')) return c.json({ error: report.problems[0]!.en, report }, 400);
    return c.json(report, 200);
  });
  return app;
}
