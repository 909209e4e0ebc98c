/**
 * Guards at the edge against input no route is written to handle: text PostgreSQL cannot store
 * (NUL, lone surrogates), JSON nested deep enough to exhaust the stack, and bodies in a charset
 * other than UTF-8. Each is refused once here, for every route, with a 4xx naming the field, so
 * that nothing of it reaches a use case or a SQL cast.
 */
import type { Ajv } from 'ajv';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isStorableText } from '../app/paging.ts';
import { DomainError, fail } from '../domain/errors.ts';

/** Deeper than any body this API defines (SKU attributes included); a stack-safe bound. */
export const MAX_JSON_DEPTH = 32;

export function registerHostileInputGuards(app: FastifyInstance): void {
  // An empty JSON body is "no body" (confirm, cancel, ship everything); anything else must parse.
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    const depth = jsonDepth(text);
    if (depth > MAX_JSON_DEPTH) {
      const message = `the body nests more than ${MAX_JSON_DEPTH} levels of objects and arrays`;
      return done(new DomainError('invalid_request', message, { maxDepth: MAX_JSON_DEPTH }), undefined);
    }
    json(req, text, done);
  });
  app.addHook('onRequest', async (req) => {
    refuseOtherCharsets(req);
    checkText('query', req.query);
    checkText('params', req.params);
    checkText('headers', req.headers);
  });
  app.addHook('preValidation', async (req) => {
    checkText('body', req.body);
  });
}

const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [
  0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d,
];

/** The deepest nesting of objects and arrays in JSON text, counted without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // A backslash escapes the next character, which cannot end the string then.
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return max;
}

/** `application/json; charset=utf-16` was read as UTF-8; now any charset but UTF-8 is 415. */
function refuseOtherCharsets(req: FastifyRequest): void {
  const type = req.headers['content-type'];
  if (!type) return;
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(type)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    fail('unsupported_media_type', `bodies must be UTF-8, not charset=${charset.slice(0, 40)}`, {
      contentType: type.slice(0, 200),
    });
  }
}

/**
 * Walks a parsed part of the request (iteratively: depth is already bounded, but a walk must not
 * recurse on input anyway) and refuses the first string, or object key, PostgreSQL cannot store.
 */
export function checkText(part: string, value: unknown): void {
  const stack: { path: string; value: unknown }[] = [{ path: '', value }];
  while (stack.length > 0) {
    const { path, value: v } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) refuse(part, path || '/');
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ path: `${path}/${i}`, value: v[i] });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        if (!isStorableText(key)) refuse(part, `${path}/${pointerSafe(key)}`, 'key');
        stack.push({ path: `${path}/${pointerSafe(key)}`, value: item });
      }
    }
  }
}

function pointerSafe(key: string): string {
  return JSON.stringify(key.slice(0, 64)).slice(1, -1).replace(/~/g, '~0').replace(/\//g, '~1');
}

function refuse(part: string, path: string, what: 'value' | 'key' = 'value'): never {
  return fail(
    'invalid_request',
    `request ${part} ${path}: the ${what} contains a NUL character or an unpaired UTF-16 surrogate`,
    { issues: [{ in: part, path, message: `${what} must be text without NUL or lone surrogates` }] },
  );
}

/**
 * Dates every layer agrees on. ajv-formats accepts year 0000 and offsets up to 23:59, which
 * PostgreSQL refuses in a cast (22008, 22009): here a date is a real calendar day in years
 * 1000-9999, an offset is at most 14:00 (as in every time zone on Earth), and there is no leap
 * second (JavaScript's Date cannot hold one, and routes turn these strings into Dates).
 */
export function addSaneDateFormats(ajv: Ajv): Ajv {
  ajv.addFormat('date', { type: 'string', validate: isSaneDate });
  ajv.addFormat('date-time', { type: 'string', validate: isSaneDateTime });
  return ajv;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?([Zz]|[+-](\d{2}):?(\d{2}))$/;

function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isSaneDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isSaneDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const offsetMinutes = m[9] === undefined ? 0 : Number(m[9]) * 60 + Number(m[10]);
  return offsetMinutes <= 14 * 60 && !Number.isNaN(Date.parse(text.replace(' ', 'T')));
}
