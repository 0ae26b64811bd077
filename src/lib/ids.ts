import { randomBytes } from "node:crypto";
import { createIdGenerator } from "../domain/ids.js";

/** The process-wide id generator: wall-clock milliseconds and crypto randomness. */
export const newId = createIdGenerator({
  nowMs: () => Date.now(),
  randomBytes: (n) => randomBytes(n),
});
