/** What tickets are configured with: departments, business calendars, versioned SLA policies, categories, notice templates. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from '../../domain/tickets/index.js';
import {
  addPolicyVersion,
  createCalendar,
  createPolicy,
  getTicketSettings,
  listCalendars,
  listDepartments,
  listPolicies,
  saveDepartment,
  saveTicketSettings,
  updateCalendar,
} from '../../services/tickets/index.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';
import { ticketErrorResponse } from './ticket-errors.js';
import { ticketErrors } from './ticket-schemas.js';
import { CalendarBody, CalendarSchema, DepartmentBody, DepartmentSchema, PolicyBody, PolicyPatchBody, PolicySchema, TicketSettingsPatchBody, TicketSettingsSchema } from './ticket-admin-schemas.js';
import { jsonBody } from '../json-body.js';

const tags = ['ticket settings'];
const TextIdParam = z.object({ id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' } }) });
const forbidden = { 403: jsonContent(ErrorSchema, 'Needs settings.manage') };
const LabelSchema = z.object({ key: z.string(), labels: z.object({ 'zh-CN': z.string(), en: z.string() }) });

const routes = {
  listDepartments: createRoute({ method: 'get', path: '/api/departments', tags, responses: { 200: jsonContent(z.object({ data: z.array(DepartmentSchema) }), 'Departments with head and members') } }),
  createDepartment: createRoute({ method: 'post', path: '/api/departments', tags, request: jsonBody(DepartmentBody), responses: { 201: jsonContent(DepartmentSchema, 'Created'), ...ticketErrors(), ...forbidden } }),
  updateDepartment: createRoute({ method: 'patch', path: '/api/departments/{id}', tags, request: { params: IdParam, ...jsonBody(DepartmentBody.partial()) }, responses: { 200: jsonContent(DepartmentSchema, 'Changed'), ...ticketErrors(), ...forbidden } }),
  listCalendars: createRoute({ method: 'get', path: '/api/calendars', tags, responses: { 200: jsonContent(z.object({ data: z.array(CalendarSchema) }), 'Business calendars') } }),
  createCalendar: createRoute({ method: 'post', path: '/api/calendars', tags, request: jsonBody(CalendarBody), responses: { 201: jsonContent(CalendarSchema, 'Created'), ...ticketErrors(), ...forbidden } }),
  updateCalendar: createRoute({ method: 'put', path: '/api/calendars/{id}', tags, request: { params: TextIdParam, ...jsonBody(CalendarBody.omit({ id: true })) }, responses: { 200: jsonContent(CalendarSchema, 'Replaced'), ...ticketErrors(), ...forbidden } }),
  listPolicies: createRoute({ method: 'get', path: '/api/sla-policies', tags, responses: { 200: jsonContent(z.object({ data: z.array(PolicySchema) }), 'Every version, newest first per category and priority') } }),
  createPolicy: createRoute({
    method: 'post',
    path: '/api/sla-policies',
    tags,
    description: 'The newest policy matching a ticket’s category and priority applies to tickets created after it.',
    request: jsonBody(PolicyBody),
    responses: { 201: jsonContent(PolicySchema, 'Created (version 1)'), ...ticketErrors({ 422: 'Unknown category or calendar' }), ...forbidden },
  }),
  addPolicyVersion: createRoute({
    method: 'post',
    path: '/api/sla-policies/{id}/versions',
    tags,
    description: 'Change a policy: adds the next version; tickets keep the version they were created under.',
    request: { params: IdParam, ...jsonBody(PolicyPatchBody) },
    responses: { 201: jsonContent(PolicySchema, 'The new version'), ...ticketErrors({ 422: 'Unknown category or calendar' }), ...forbidden },
  }),
  categories: createRoute({
    method: 'get',
    path: '/api/ticket-categories',
    tags,
    responses: { 200: jsonContent(z.object({ categories: z.array(LabelSchema), priorities: z.array(LabelSchema), statuses: z.array(LabelSchema) }), 'Keys with zh-CN and en labels') },
  }),
  getSettings: createRoute({ method: 'get', path: '/api/settings/tickets', tags, responses: { 200: jsonContent(TicketSettingsSchema, 'Notice templates and follow-up rules') } }),
  putSettings: createRoute({ method: 'patch', path: '/api/settings/tickets', tags, request: jsonBody(TicketSettingsPatchBody), responses: { 200: jsonContent(TicketSettingsSchema, 'Saved'), ...ticketErrors(), ...forbidden } }),
};

export function ticketAdminRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db, clock } = deps.services;

  app.openapi(routes.listDepartments, async (c) => c.json({ data: await listDepartments(db) }, 200));
  app.openapi(routes.createDepartment, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      const dep = await saveDepartment(db, null, c.req.valid('json'));
      return dep ? c.json(dep, 201) : c.json({ error: 'department not found' }, 404);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });
  app.openapi(routes.updateDepartment, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      const dep = await saveDepartment(db, c.req.valid('param').id, c.req.valid('json'));
      return dep ? c.json(dep, 200) : c.json({ error: 'department not found' }, 404);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });

  app.openapi(routes.listCalendars, async (c) => c.json({ data: await listCalendars(db) }, 200));
  app.openapi(routes.createCalendar, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      return c.json(await createCalendar(db, c.req.valid('json')), 201);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });
  app.openapi(routes.updateCalendar, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      const cal = await updateCalendar(db, c.req.valid('param').id, c.req.valid('json'), clock.now());
      return cal ? c.json(cal, 200) : c.json({ error: 'calendar not found' }, 404);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });

  app.openapi(routes.listPolicies, async (c) => c.json({ data: await listPolicies(db) }, 200));
  app.openapi(routes.createPolicy, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      return c.json(await createPolicy(db, c.req.valid('json'), c.get('user').id, clock.now()), 201);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });
  app.openapi(routes.addPolicyVersion, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      const v = await addPolicyVersion(db, c.req.valid('param').id, c.req.valid('json'), c.get('user').id, clock.now());
      return v ? c.json(v, 201) : c.json({ error: 'policy not found' }, 404);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });

  app.openapi(routes.categories, async (c) =>
    c.json(
      {
        categories: TICKET_CATEGORIES.map((key) => ({ key, labels: CATEGORY_LABELS[key] })),
        priorities: TICKET_PRIORITIES.map((key) => ({ key, labels: PRIORITY_LABELS[key] })),
        statuses: TICKET_STATUSES.map((key) => ({ key, labels: STATUS_LABELS[key] })),
      },
      200,
    ),
  );

  app.openapi(routes.getSettings, async (c) => c.json(await getTicketSettings(db), 200));
  app.openapi(routes.putSettings, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    const patch = c.req.valid('json');
    if (patch.followUpCalendarId && !(await listCalendars(db)).some((cal) => cal.id === patch.followUpCalendarId)) {
      return c.json({ error: `unknown calendar ${patch.followUpCalendarId}` }, 422);
    }
    return c.json(await saveTicketSettings(db, patch, clock.now()), 200);
  });

  return app;
}
