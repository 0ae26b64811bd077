/**
 * A new API key: its roles checked (the caller may hand out only codes it holds), the partner
 * it is bound to checked, then the key written, in the request's unit of work.
 *
 * Modules: access, partners.
 */
import { unprocessable } from "../domain/errors.js";
import { type ApiKey, assertMayGrantRoles, storeApiKey } from "../modules/access/index.js";
import type { Ctx } from "../modules/context.js";
import { findPartner } from "../modules/partners/index.js";

/** Creates a key; the returned `secret` is the only time it is ever shown. */
export async function createApiKey(
  ctx: Ctx,
  input: { name: string; roles: string[]; partner_id?: string | undefined },
): Promise<ApiKey & { secret: string }> {
  await assertMayGrantRoles(ctx, input.roles);
  if (input.partner_id !== undefined) {
    if (!(await findPartner(ctx.db, ctx.tenantId, input.partner_id))) {
      throw unprocessable("unknown_partner", `no partner ${input.partner_id}`, {
        field: "partner_id",
        id: input.partner_id,
      });
    }
  }
  return storeApiKey(ctx, input);
}
