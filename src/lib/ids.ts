import { randomBytes } from "node:crypto";
import { createIdGenerator } from "../domain/ids.js";

/** Crypto randomness drawn 4 KiB at a time: one system call for hundreds of ids. */
let pool = randomBytes(4096);
let used = 0;
function pooledRandomBytes(n: number): Uint8Array {
  if (used + n > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  const out = pool.subarray(used, used + n);
  used += n;
  return out;
}

/** The process-wide id generator: wall-clock milliseconds and crypto randomness. */
export const newId = createIdGenerator({
  nowMs: () => Date.now(),
  randomBytes: pooledRandomBytes,
});
