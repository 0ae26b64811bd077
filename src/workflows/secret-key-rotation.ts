/**
 * Rotating ACCRUE_SECRET_KEY (`accrue rotate-secret-key`): every gateway account's
 * credentials, of every tenant, sealed again under the current key, opened with the key they
 * were sealed under (the current one or one of ACCRUE_SECRET_KEY_PREVIOUS). A transaction per
 * batch of accounts, each locked while it is sealed again and audited as the system's
 * `gateway_accounts.reseal_credentials`; accounts whose credentials open with none of the keys
 * are left as they are and named. Running it again finds nothing to do.
 *
 * Modules: payments (gateway accounts); the unit of work records the audit on each tenant's
 * clock.
 */
import type { Kysely } from "kysely";
import { newId } from "../lib/ids.js";
import { currentSealingKey, SealError } from "../modules/access/index.js";
import type { Ctx } from "../modules/context.js";
import {
  accountsSealedUnderOtherKeys,
  resealedCredentials,
  storeResealedCredentials,
} from "../modules/payments/index.js";
import type { DB } from "../storage/schema.js";
import { unitOfWork } from "./unit-of-work.js";

/** Accounts sealed again per transaction. */
const BATCH = 100;

export type RotationProgress = {
  /** Accounts whose credentials are now sealed under the current key. */
  resealed: number;
  /** Accounts whose credentials open with none of the keys: left as they were. */
  unreadable: { id: string; tenantId: string; error: string }[];
};

export async function rotateSecretKey(
  db: Kysely<DB>,
  options: { onBatch?: (progress: RotationProgress) => void } = {},
): Promise<RotationProgress> {
  const key = currentSealingKey();
  if (!key) throw new Error("ACCRUE_SECRET_KEY is not set: there is no key to seal under");
  const progress: RotationProgress = { resealed: 0, unreadable: [] };
  const requestId = newId("job");
  let after: string | null = null;
  for (;;) {
    const last: string | null = await unitOfWork(db, async (work) => {
      const rows = await accountsSealedUnderOtherKeys(work.db, key.id, { limit: BATCH, after });
      // one context per tenant: the audit records on its clock
      const contexts = new Map<string, Promise<Ctx>>();
      const contextOf = (tenantId: string) => {
        let ctx = contexts.get(tenantId);
        if (!ctx) {
          ctx = work.context({
            tenantId,
            actor: { type: "system", id: "rotate-secret-key" },
            requestId,
            operation: "gateway_accounts.reseal_credentials",
          });
          contexts.set(tenantId, ctx);
        }
        return ctx;
      };
      for (const row of rows) {
        let sealed: string;
        try {
          sealed = resealedCredentials(row);
        } catch (error) {
          if (!(error instanceof SealError)) throw error;
          progress.unreadable.push({ id: row.id, tenantId: row.tenant_id, error: error.message });
          continue;
        }
        await storeResealedCredentials(work.db, row.id, sealed);
        (await contextOf(row.tenant_id)).audit({
          targetType: "gateway_account",
          targetId: row.id,
        });
        progress.resealed += 1;
      }
      return rows.at(-1)?.id ?? null;
    });
    if (last === null) return progress;
    after = last;
    options.onBatch?.(progress);
  }
}
