/**
 * Request validators (TypeBox) and response serializers (fast-json-stringify, Fastify's own)
 * compiled on a route's first use rather than all at start-up: compiling every route's schemas
 * was most of the time `listen` took. Each is compiled once and kept. `compileAll(app)`
 * compiles the ones still waiting, so a test proves that every schema compiles.
 */
import { SerializerSelector } from "@fastify/fast-json-stringify-compiler";
import type { FastifyInstance, FastifySchemaCompiler } from "fastify";

type BuildSerializer = ReturnType<typeof SerializerSelector>;

const waitingByApp = new WeakMap<object, Set<() => unknown>>();

/** Defers `compile(route)` to the first call of what it returns. */
function deferred<R, F extends (value: never) => unknown>(
  waiting: Set<() => unknown>,
  compile: (route: R) => F,
  route: R,
): F {
  let compiled: F | undefined;
  const get = (): F => {
    if (!compiled) {
      compiled = compile(route);
      waiting.delete(get);
    }
    return compiled;
  };
  waiting.add(get);
  return ((value: never) => get()(value)) as F;
}

/**
 * For Fastify's options (`schemaController.compilersFactory.buildSerializer`) and
 * `app.setValidatorCompiler`; `register(app)` lets `compileAll` find the app's waiting ones.
 */
export function lazyCompilers<S>(validatorCompiler: FastifySchemaCompiler<S>): {
  buildSerializer: BuildSerializer;
  validatorCompiler: FastifySchemaCompiler<S>;
  register(app: object): void;
} {
  const waiting = new Set<() => unknown>();
  const factory = SerializerSelector();
  return {
    buildSerializer: (externalSchemas, options) => {
      const compile = factory(externalSchemas, options);
      return (route) => deferred(waiting, compile, route);
    },
    validatorCompiler: (route) =>
      deferred(
        waiting,
        validatorCompiler as unknown as (r: typeof route) => (value: never) => unknown,
        route,
      ) as unknown as ReturnType<FastifySchemaCompiler<S>>,
    register: (app) => waitingByApp.set(app, waiting),
  };
}

/** Compiles every validator and serializer of `app` still waiting; answers how many. */
export function compileAll(app: FastifyInstance): number {
  const waiting = waitingByApp.get(app);
  if (!waiting) return 0;
  const all = [...waiting];
  for (const get of all) get();
  return all.length;
}
