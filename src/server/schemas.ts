// Zod schemas that DESCRIBE the HTTP API for the OpenAPI document. They do not validate request
// bodies: the engine does that (checkCase), so the API, the CLI and the browser reject a bad case
// with the same messages and JSON paths. Response schemas are documentation too; results go out
// exactly as the engine made them (see app.ts).
import { z } from 'zod';
import { caseSchema, checkResultSchema, findingSchema } from '../engine/index.ts';

/** Our own registry, so the OpenAPI components are named without touching zod's global registry. */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

function named<T extends z.ZodType>(schema: T, id: string, description?: string): T {
  apiRegistry.add(schema, description ? { id, description } : { id });
  return schema;
}

export const checkCaseDoc = named(
  caseSchema,
  'CheckCase',
  'One check case: the post plus what the check needs to know about the school (roster, consents, permissions). See docs/api.md.',
);

// Registered so that the OpenAPI document names the component.
named(findingSchema, 'Finding');

export const checkResultDoc = named(checkResultSchema, 'CheckResult');

export const fixedResultDoc = named(
  z.object({
    result: checkResultDoc.describe('the check of the case as sent'),
    fixed: z.record(z.string(), z.unknown()).describe('the case as sent, with every fix applied'),
    fixedText: z.string().describe('post.text with every text fix applied'),
  }),
  'FixedCheck',
);

export const errorDoc = named(
  z.object({
    error: z.string().describe('machine-readable code, such as invalid_case or payload_too_large'),
    message: z.string().describe('one line in plain words'),
    issues: z.array(z.object({ path: z.string().describe('JSON path such as $.post.media[0].kind'), message: z.string() })).optional(),
  }),
  'Error',
);

const text = z.object({ nl: z.string(), en: z.string() });

export const protocolDoc = named(
  z.object({
    id: z.string(),
    name: z.string(),
    adopted: z.string(),
    articles: z.array(
      z.object({ id: z.string(), section: z.string(), title: text, summary: text }),
    ),
  }),
  'Protocol',
);

export const protocolParamsDoc = z.object({ id: z.string().describe('protocol id, such as asko-2018') });

export const healthDoc = z.object({ status: z.literal('ok') });
