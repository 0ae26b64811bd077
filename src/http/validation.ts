/**
 * Schema validation of every request: TypeBox's compiler, with the `date` and `date-time`
 * formats bounded to the supported range (src/domain/time/bounds.ts). A value of either
 * format that is well formed but out of range fails validation with its issue marked, so the
 * answer is `date_out_of_range` (src/http/errors.ts) rather than `validation_failed`.
 */
import {
  Format,
  registerAjvFormats,
  TypeBoxValidatorCompiler,
} from "@fastify/type-provider-typebox";
import type { FastifySchemaCompiler, FastifySchemaValidationError } from "fastify";
import type { TSchema } from "typebox";
import { dateTextInRange, timestampTextInRange } from "../domain/time/index.js";
import { OUT_OF_RANGE } from "./errors.js";

registerAjvFormats();

/** The formats' syntax checks (ajv-formats' full mode), before the range is added. */
const SYNTAX: Record<string, (value: string) => boolean> = {};
for (const [name, inRange] of [
  ["date-time", timestampTextInRange],
  ["date", dateTextInRange],
] as const) {
  const syntax = Format.Get(name);
  if (!syntax) throw new Error(`format ${name} is not registered`);
  SYNTAX[name] = syntax;
  Format.Set(name, (value) => syntax(value) && inRange(value));
}

/** The value at a JSON pointer, or undefined. */
function valueAt(root: unknown, pointer: string | undefined): unknown {
  let value = root;
  for (const raw of (pointer ?? "").split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** TypeBox's validator compiler, marking well-formed dates out of range (see above). */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  const validate = TypeBoxValidatorCompiler(route) as (value: unknown) => {
    value?: unknown;
    error?: FastifySchemaValidationError[];
  };
  return (value: unknown) => {
    const result = validate(value);
    if (!Array.isArray(result.error)) return result;
    for (const issue of result.error) {
      const format = issue.params?.format;
      if (issue.keyword !== "format" || typeof format !== "string") continue;
      const syntax = SYNTAX[format];
      const text = valueAt(value, issue.instancePath);
      if (syntax && typeof text === "string" && syntax(text)) {
        issue.params = { ...issue.params, [OUT_OF_RANGE]: true };
      }
    }
    // the out-of-range issue first: it names the answer's code
    result.error.sort(
      (a, b) =>
        Number(b.params?.[OUT_OF_RANGE] === true) - Number(a.params?.[OUT_OF_RANGE] === true),
    );
    return result;
  };
};
