/** A required JSON request body for createRoute, from one zod schema. */
import type { z } from '@hono/zod-openapi';

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
