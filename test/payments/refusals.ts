/**
 * How the gateway adapter tests read a refusal: the AccrueError an adapter threw (or a check
 * of credentials), as its kind, machine code and details.
 */
import { AccrueError } from "../../src/domain/errors.js";

type Refusal = Pick<AccrueError, "kind" | "code" | "details">;

const refusalOfError = (error: unknown): Refusal => {
  if (!(error instanceof AccrueError)) throw new Error(`not refused with an AccrueError: ${error}`);
  return { kind: error.kind, code: error.code, details: error.details };
};

/** The refusal a promise rejected with; fails when it resolved or rejected otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error("not refused");
  return refusalOfError(outcome.error);
}

/** The refusal a call threw; fails when it returned or threw otherwise. */
export function refusalOf(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (error) {
    return refusalOfError(error);
  }
  throw new Error("not refused");
}
