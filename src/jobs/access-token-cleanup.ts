import { deleteExpiredConsoleUserTokens, deleteExpiredTokens } from "../modules/access/index.js";
import type { Job } from "./runner.js";

/** Links of console users are kept a day after they expire (for the reset limit's count). */
const CONSOLE_LINK_KEEP_MS = 24 * 60 * 60_000;

/** Expired OAuth access tokens are deleted, and console users' links a day after they expire. */
export const accessTokenCleanup: Job = {
  name: "access-token-cleanup",
  everyMs: 60_000,
  batchSize: 1000,
  run: async ({ db }) =>
    (await deleteExpiredTokens(db, 1000)) +
    (await deleteExpiredConsoleUserTokens(db, new Date(Date.now() - CONSOLE_LINK_KEEP_MS), 1000)),
};
