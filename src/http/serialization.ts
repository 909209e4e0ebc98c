/**
 * The server's response serializer compiler: Fastify's own (fast-json-stringify), with what it
 * compiled kept by schema text. A second server built in the same process (the tests build
 * hundreds, one per test file and back end) reuses every route's serializer instead of
 * generating and compiling it again, about 0.2 s of CPU per server. By text, as the validators
 * (validation.ts): routes that build their schemas as they register give each server new objects
 * with the same text. The routes add no shared schemas (`addSchema`), so a serializer depends on
 * its schema alone.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifySerializerCompiler } from 'fastify';

type Serialize = (data: unknown) => string;

const compiledSerializers = new Map<string, Serialize>();
const compile = SerializerSelector()({}, {});

export const responseSerializerCompiler: FastifySerializerCompiler<object> = (route) => {
  const text = JSON.stringify(route.schema);
  let serialize = compiledSerializers.get(text);
  if (!serialize) {
    serialize = compile({ ...route, httpStatus: route.httpStatus ?? '' });
    compiledSerializers.set(text, serialize);
  }
  return serialize;
};
