/**
 * A contact's units on the owner sidebar: binding (an agent confirms the owner lives there,
 * contact.link), unbinding, and reading the bound units with their people and ticket history.
 * The contact read rule comes first, as on the contact routes: a contact one may not read is a 404.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { UNIT_PERSON_ROLES } from '../../../db/schema/index.js';
import { can } from '../../domain/permissions.js';
import { bindContactToUnit, BindingRefused, boundUnits, unbindContactFromUnit } from '../../services/estates/unit-binding.js';
import { canReadContact } from '../../services/workspace/contact-view.js';
import { DEFAULT_WORKSPACE } from '../../services/workspace/settings.js';
import { validationHook } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['contacts'];
const Role = z.enum(UNIT_PERSON_ROLES);
const BindingParams = IdParam.extend({ unitId: z.string().uuid().openapi({ param: { name: 'unitId', in: 'path' } }) });
const BindingSchema = z
  .object({ personId: z.string().uuid(), unitId: z.string().uuid(), contactId: z.string().uuid(), role: Role, boundAt: z.string() })
  .openapi('UnitBinding');
const BoundUnitSchema = z
  .object({
    unit: z.object({ id: z.string().uuid(), estate: z.string(), building: z.string(), entrance: z.string(), number: z.string(), address: z.string().openapi({ example: '3栋2单元501' }) }),
    role: Role,
    boundBy: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
    boundAt: z.string().nullable(),
    people: z.array(z.object({ name: z.string(), role: Role, phone: z.string().nullable() })),
    tickets: z.array(z.object({ id: z.string().uuid(), number: z.string(), status: z.string(), summary: z.string(), createdAt: z.string() })),
  })
  .openapi('BoundUnit');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/contacts/{id}/units',
    tags,
    description: 'Units an agent bound the contact to, with the people of each unit (phones masked without contact.phone.view) and the unit’s 20 newest tickets (for staff who read only their own conversations, this contact’s only).',
    request: { params: IdParam },
    responses: { 200: jsonContent(z.object({ data: z.array(BoundUnitSchema) }), 'Bound units'), 404: jsonContent(ErrorSchema, 'No such contact') },
  }),
  bind: createRoute({
    method: 'put',
    path: '/api/contacts/{id}/units/{unitId}',
    tags,
    description:
      'Binds the contact to the unit after an agent checked it (what the owner typed is never enough): on the roster person `personId`, or on a new person named after the contact. `role` defaults to owner for a new person.',
    request: { params: BindingParams, ...jsonBody(z.object({ role: Role.optional(), personId: z.string().uuid().optional() }).strict()) },
    responses: {
      200: jsonContent(BindingSchema, 'Bound'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: jsonContent(ErrorSchema, 'Needs contact.link'),
      404: jsonContent(ErrorSchema, 'No such contact, unit or person of the unit'),
      409: jsonContent(ErrorSchema, 'The person is bound to another contact, or a namesake is on the unit'),
    },
  }),
  unbind: createRoute({
    method: 'delete',
    path: '/api/contacts/{id}/units/{unitId}',
    tags,
    request: { params: BindingParams },
    responses: { 204: { description: 'Unbound' }, 403: jsonContent(ErrorSchema, 'Needs contact.link'), 404: jsonContent(ErrorSchema, 'No such contact, or not bound to the unit') },
  }),
};

export function contactUnitRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;
  const workspace = deps.workspace ?? DEFAULT_WORKSPACE;

  app.openapi(routes.list, async (c) => {
    const user = c.get('user');
    const id = c.req.valid('param').id;
    if (!(await canReadContact(db, user, id))) return c.json({ error: 'contact not found' }, 404);
    return c.json({ data: await boundUnits(db, workspace.tickets, user, id) }, 200);
  });
  app.openapi(routes.bind, async (c) => {
    const user = c.get('user');
    const { id, unitId } = c.req.valid('param');
    if (!(await canReadContact(db, user, id))) return c.json({ error: 'contact not found' }, 404);
    if (!can(user, 'contact.link')) return c.json({ error: 'needs contact.link' }, 403);
    try {
      return c.json(await bindContactToUnit(db, user, id, unitId, c.req.valid('json')), 200);
    } catch (err) {
      if (err instanceof BindingRefused) return c.json({ error: err.message }, err.status);
      throw err;
    }
  });
  app.openapi(routes.unbind, async (c) => {
    const user = c.get('user');
    const { id, unitId } = c.req.valid('param');
    if (!(await canReadContact(db, user, id))) return c.json({ error: 'contact not found' }, 404);
    if (!can(user, 'contact.link')) return c.json({ error: 'needs contact.link' }, 403);
    return (await unbindContactFromUnit(db, id, unitId)) ? c.body(null, 204) : c.json({ error: 'contact not bound to this unit' }, 404);
  });
  return app;
}
