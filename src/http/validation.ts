/**
 * Request validation, in one place for the server and the CLI: the Ajv setup the routes' TypeBox
 * schemas are compiled with, the message an invalid request gets, and the invalid_request error
 * that carries it. The CLI checks each request it assembles with the routes' own schemas here,
 * so a bad argument is refused with the code and message the API gives the same request, and no
 * limit of the API is copied into the CLI.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { DomainError } from '../domain/errors.ts';
import { addSaneDateFormats, checkText } from './hostile-input.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** The parts of a request a route has schemas for, named as Fastify names them. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** What the issues of an invalid request are made of: Ajv's errors, as Fastify passes them on. */
type SchemaIssue = Pick<ErrorObject, 'instancePath' | 'message' | 'params'>;

/** A body of 500,000 wrong items fails 500,000 times: the answer names the first few. */
const MAX_ISSUES = 20;
const clip = (message: string) => (message.length > 500 ? `${message.slice(0, 500)}...` : message);

type Validate = ReturnType<Ajv['compile']>;

const AJV_OPTIONS = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
/** Made on the first compile: a process that validates nothing (a CLI command) never builds them. */
let ajv: { body: Ajv; text: Ajv } | undefined;

/**
 * Validators already compiled, by schema text and by how it is read. A second server built in
 * the same process (the tests build hundreds, one per test file and back end) takes every route's
 * validator from here instead of compiling it again, about 0.2 s of CPU per server. Keyed by the
 * JSON text, not the object: many routes build their schemas as they register, so each server
 * has new objects with the same text, and the text is all Ajv reads. The process's routes have a
 * few hundred distinct schemas, and Ajv compiles each text once: that is all either ever holds.
 */
const compiledValidators = { body: new Map<string, Validate>(), text: new Map<string, Validate>() };

/**
 * The validator compiler of the server and of the CLI's checks (`validateRequest`). Bodies are
 * validated strictly (no coercion, unknown fields rejected); query strings, path parameters and
 * headers arrive as text, so there numbers are coerced.
 */
export function requestValidatorCompiler({
  schema,
  httpPart,
}: {
  schema: object;
  httpPart?: string;
}): Validate {
  const kind = httpPart === 'body' ? 'body' : 'text';
  const text = JSON.stringify(schema);
  let validate = compiledValidators[kind].get(text);
  if (!validate) {
    ajv ??= {
      body: addSaneDateFormats(addFormats(new Ajv({ ...AJV_OPTIONS, coerceTypes: false }))),
      text: addSaneDateFormats(addFormats(new Ajv({ ...AJV_OPTIONS, coerceTypes: true }))),
    };
    validate = ajv[kind].compile(schema);
    compiledValidators[kind].set(text, validate);
  }
  return validate;
}

/** Fastify's `schemaErrorFormatter`: each issue as `<part><path> <message>`, comma-separated. */
export function schemaErrorMessage(issues: readonly SchemaIssue[], part: string): Error {
  return new Error(issues.map((e) => `${part}${e.instancePath || ''} ${e.message}`).join(', '));
}

/** The invalid_request of a request that fails its schema, naming the first issues. */
export function invalidRequest(
  part: string | undefined,
  issues: readonly SchemaIssue[],
  message = schemaErrorMessage(issues, part ?? '').message,
): DomainError {
  return new DomainError('invalid_request', `request ${part ?? ''} is invalid: ${clip(message)}`.trim(), {
    issues: issues.slice(0, MAX_ISSUES).map((v) => ({
      in: part,
      path: v.instancePath || '/',
      message: v.message,
      ...(v.params && Object.keys(v.params).length > 0 ? { params: v.params } : {}),
    })),
  });
}

/** The hostile-input guard's name of a part (it runs before Fastify names them). */
const GUARDED_AS: Record<RequestPart, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/**
 * A request part checked as the API checks it: the hostile-input guard, then the route's schema
 * (defaults filled in, query text coerced). Answers the value, typed by the schema, or throws
 * the API's invalid_request.
 */
export function validateRequest<T extends TSchema>(schema: T, part: RequestPart, value: unknown): Static<T> {
  checkText(GUARDED_AS[part], value);
  const validate = requestValidatorCompiler({ schema, httpPart: part });
  if (!validate(value)) throw invalidRequest(part, validate.errors ?? []);
  return value as Static<T>;
}
