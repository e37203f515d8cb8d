/** Gathering conversations into tickets: link one more, merge a duplicate in, split some off. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { linkConversation, mergeTicket, splitTicket } from '../../services/tickets/index.js';
import { validationHook } from '../errors.js';
import { IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';
import { ticketErrorResponse } from './ticket-errors.js';
import { LinkBody, MergeBody, SplitBody, TicketSchema, ticketErrors } from './ticket-schemas.js';
import { jsonBody } from '../json-body.js';

const tags = ['tickets'];

const linkRoute = createRoute({
  method: 'post',
  path: '/api/tickets/{id}/conversations',
  tags,
  description: 'Link another conversation to the ticket (one conversation may belong to several tickets).',
  request: { params: IdParam, ...jsonBody(LinkBody) },
  responses: { 200: jsonContent(TicketSchema, 'Linked'), ...ticketErrors({ 422: 'Unknown conversation' }) },
});

const mergeRoute = createRoute({
  method: 'post',
  path: '/api/tickets/{id}/merge',
  tags,
  description: 'Merge ticket `sourceId` into this one: its conversations move here and it closes as "merged".',
  request: { params: IdParam, ...jsonBody(MergeBody) },
  responses: { 200: jsonContent(TicketSchema, 'The ticket merged into'), ...ticketErrors({ 422: 'Unknown or already closed source ticket' }) },
});

const splitRoute = createRoute({
  method: 'post',
  path: '/api/tickets/{id}/split',
  tags,
  description: 'Move some of the ticket’s conversations into a new ticket (same category, priority and department).',
  request: { params: IdParam, ...jsonBody(SplitBody) },
  responses: {
    201: jsonContent(z.object({ original: TicketSchema, created: TicketSchema }), 'Split'),
    ...ticketErrors({ 422: 'Conversations not on this ticket, or none would remain' }),
  },
});

export function ticketLinkRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const s = deps.services;

  app.openapi(linkRoute, async (c) => {
    try {
      return c.json(await linkConversation(s, c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });

  app.openapi(mergeRoute, async (c) => {
    try {
      return c.json(await mergeTicket(s, c.get('user'), c.req.valid('param').id, c.req.valid('json')), 200);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });

  app.openapi(splitRoute, async (c) => {
    try {
      return c.json(await splitTicket(s, c.get('user'), c.req.valid('param').id, c.req.valid('json')), 201);
    } catch (err) {
      return ticketErrorResponse(c, err);
    }
  });

  return app;
}
