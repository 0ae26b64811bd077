import { deleteExpiredTokens } from "../modules/access/index.js";
import type { Job } from "./runner.js";

/** Expired OAuth access tokens are deleted. */
export const accessTokenCleanup: Job = {
  name: "access-token-cleanup",
  everyMs: 60_000,
  batchSize: 1000,
  run: ({ db }) => deleteExpiredTokens(db, 1000),
};
