/** Tickets (工单): escalate a conversation, read and list, change status/assignee/department, record the follow-up. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { createTicket, getTicket, listTickets, recordFollowUp, updateTicket } from '../../services/tickets/index.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';
import { ticketErrorResponse } from './ticket-errors.js';
import { CreateTicketBody, FollowUpBody, PatchTicketBody, TicketDetailSchema, TicketListQuery, TicketSchema, ticketErrors } from './ticket-schemas.js';
import { jsonBody } from '../json-body.js';

const tags = ['tickets'];
const notFound = jsonContent(ErrorSchema, 'No such ticket (or not yours to see)');

const createTicketRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/tickets',
  tags,
  description: 'Escalate a conversation to a ticket. The owner is told the number and promised times over their channel.',
  request: { params: IdParam, ...jsonBody(CreateTicketBody) },
  responses: {
    201: jsonContent(TicketSchema, 'Created'),
    ...ticketErrors({ 403: 'Needs ticket.manage', 404: 'No such conversation', 422: 'Unknown department, category or assignee' }),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/tickets',
  tags,
  description: 'Tickets, newest first: a department queue (`departmentId`), the open board (`status=open`), a conversation’s tickets.',
  request: { query: TicketListQuery },
  responses: { 200: jsonContent(z.object({ data: z.array(TicketSchema) }), 'Tickets'), 400: jsonContent(ErrorSchema, 'Invalid filter') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/tickets/{id}',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonContent(TicketDetailSchema, 'The ticket with its history, escalations and notifications'), 404: notFound },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/api/tickets/{id}',
  tags,
  description: 'Change status, assignee or department. `version` must be the one last read.',
  request: { params: IdParam, ...jsonBody(PatchTicketBody) },
  responses: {
    200: jsonContent(TicketSchema, 'Changed'),
    ...ticketErrors({ 403: 'Not allowed to work this ticket', 404: 'No such ticket', 422: 'Unknown department or assignee' }),
  },
});

const followUpRoute = createRoute({
  method: 'post',
  path: '/api/tickets/{id}/follow-up',
  tags,
  description: 'Record the follow-up visit (回访); with `score` it also records the owner’s rating (≤ 2 or not solved reopens).',
  request: { params: IdParam, ...jsonBody(FollowUpBody) },
  responses: {
    200: jsonContent(TicketSchema, 'Recorded'),
    ...ticketErrors({ 403: 'Not allowed to work this ticket', 404: 'No such ticket', 409: 'Not resolved yet, or stale version', 422: 'No follow-up to record against' }),
  },
});

export function ticketRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const s = deps.services;

  app.openapi(createTicketRoute, async (c) => {
    const user = c.get('user');
    if (!can(user, 'ticket.manage')) return c.json({ error: 'needs ticket.manage' }, 403);
    try {
      return c.json(await createTicket(s, user, c.req.valid('param').id, c.req.valid('json')), 201);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });

  app.openapi(listRoute, async (c) => c.json({ data: await listTickets(s.db, c.get('user'), c.req.valid('query'), s.clock.now()) }, 200));

  app.openapi(getRoute, async (c) => {
    const ticket = await getTicket(s.db, c.get('user'), c.req.valid('param').id, s.clock.now());
    return ticket ? c.json(ticket, 200) : c.json({ error: 'ticket not found' }, 404);
  });

  app.openapi(patchRoute, async (c) => {
    try {
      return c.json(await updateTicket(s, c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });

  app.openapi(followUpRoute, async (c) => {
    try {
      return c.json(await recordFollowUp(s, c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });

  return app;
}
