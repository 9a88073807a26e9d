import { z } from 'zod';

/** The building blocks of the OpenAPI document (openapi.ts): schemas from zod, references, answers, parameters. */

export type JsonSchema = Record<string, unknown>;
export const schema = (s: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema => {
  // OpenAPI 3.1 speaks JSON Schema 2020-12, zod 4's default target; the per-schema $schema key is noise there.
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const body = (name: string, type = 'application/json') => ({ content: { [type]: { schema: ref(name) } } });
export const ok = (description: string, name?: string, type = 'application/json') =>
  name ? { description, ...body(name, type) } : { description };
export const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [String(code), { description: ERROR_TEXT[code] ?? 'error', ...body('Error') }]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'invalid input: `issues` name each field',
  401: 'credentials missing',
  403: 'credentials do not match',
  404: 'not found',
  409: 'conflict with the current state',
  413: 'body too large',
  415: 'not JSON',
  429: 'rate limit',
};
/** Query parameters straight from a zod object schema, so the document cannot drift from the validator. */
export function queryParams(s: z.ZodType): object[] {
  const js = schema(s, 'input') as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(js.properties).map(([name, p]) => ({
    name,
    in: 'query',
    required: js.required?.includes(name) ?? false,
    schema: p,
  }));
}
export const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});
