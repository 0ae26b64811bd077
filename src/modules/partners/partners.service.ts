/**
 * Partners and resellers: a partner registers customers, freezes and unfreezes them, sets
 * their budgets and reads their orders and bills. A reseller is a partner under a partner
 * (one level). A credential bound to a partner (`ctx.partnerId`) sees that partner and its
 * resellers only; anything else answers as if it did not exist. See docs/partners.md.
 */
import { randomInt } from "node:crypto";
import type { Static } from "typebox";
import { conflict, forbidden, invalid, notFound, unprocessable } from "../../domain/errors.js";
import { newId } from "../../lib/ids.js";
import { hashSecret, sameHash } from "../access/index.js";
import { type Ctx, nowDate } from "../context.js";
import { createCustomer, setCustomerFrozen } from "../customers/index.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  type CustomerFilter,
  countPartnerCustomers,
  findPartner,
  findPartnerCustomer,
  identityTaken,
  insertPartner,
  insertPartnerCustomer,
  insertVerificationCode,
  listPartnerCustomerRows,
  listPartnerRows,
  lockLiveVerificationCode,
  markVerificationCodeUsed,
  type PartnerCustomerRow,
  type PartnerRow,
} from "./partners.repository.js";
import type { PartnerCustomerSchema, PartnerSchema } from "./partners.schemas.js";

/** A partner as answered; PartnerSchema defines it. */
export type Partner = Static<typeof PartnerSchema>;

export const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  parent_id: r.parent_id,
  name: r.name,
  email: r.email,
  mobile: r.mobile,
  account_manager: r.account_manager,
  created_at: r.created_at.toISOString(),
});

/** A partner's customer as answered; PartnerCustomerSchema defines it. */
export type PartnerCustomer = Static<typeof PartnerCustomerSchema>;

export const toPartnerCustomer = (r: PartnerCustomerRow): PartnerCustomer => ({
  id: r.customer_id,
  partner_id: r.partner_id,
  account_name: r.account_name,
  email: r.email,
  mobile: r.mobile,
  company_name: r.company_name,
  first_name: r.first_name,
  last_name: r.last_name,
  country: r.address.country ?? null,
  xaccount_id: r.xaccount_id,
  xaccount_type: r.xaccount_type,
  frozen: r.frozen_at !== null,
  frozen_at: r.frozen_at ? r.frozen_at.toISOString() : null,
  frozen_reason: r.frozen_reason,
  associated_at: r.associated_at.toISOString(),
});

const partnerNotFound = (id: string) => notFound("partner_not_found", `no partner ${id}`, { id });

// ---- which partner a caller may act for ---------------------------------------------------

/**
 * The partner `id` as the caller may see it: any of the tenant's for an unbound credential;
 * for a partner-bound one, its own partner or one of that partner's resellers (else 404).
 */
export async function visiblePartner(ctx: Ctx, id: string): Promise<PartnerRow> {
  const partner = await findPartner(ctx.db, ctx.tenantId, id);
  if (!partner) throw partnerNotFound(id);
  if (ctx.partnerId && partner.id !== ctx.partnerId && partner.parent_id !== ctx.partnerId) {
    throw partnerNotFound(id);
  }
  return partner;
}

/**
 * Huawei's rule for the partner acting: the caller's own partner, or with
 * `indirect_partner_id` one of its resellers. Partner credentials only.
 */
export async function actingPartner(
  ctx: Ctx,
  indirectPartnerId: string | undefined,
): Promise<PartnerRow> {
  if (!ctx.partnerId) {
    throw forbidden(
      "partner_credentials_required",
      "this surface accepts partner credentials only: bind the API key to a partner",
    );
  }
  if (indirectPartnerId === undefined || indirectPartnerId === "") {
    const own = await findPartner(ctx.db, ctx.tenantId, ctx.partnerId);
    if (!own) throw partnerNotFound(ctx.partnerId);
    return own;
  }
  const reseller = await findPartner(ctx.db, ctx.tenantId, indirectPartnerId);
  if (!reseller || reseller.parent_id !== ctx.partnerId) {
    throw unprocessable(
      "reseller_not_permitted",
      `no permission to operate reseller ${indirectPartnerId}`,
      { field: "indirect_partner_id", id: indirectPartnerId },
    );
  }
  return reseller;
}

// ---- partners -----------------------------------------------------------------------------

export async function createPartner(
  ctx: Ctx,
  input: {
    name: string;
    email?: string | undefined;
    mobile?: string | undefined;
    account_manager?: string | undefined;
    parent_id?: string | undefined;
  },
): Promise<Partner> {
  if (input.parent_id !== undefined) {
    const parent = await findPartner(ctx.db, ctx.tenantId, input.parent_id);
    if (!parent) {
      throw unprocessable("unknown_partner", `no partner ${input.parent_id}`, {
        field: "parent_id",
        id: input.parent_id,
      });
    }
    if (parent.parent_id !== null) {
      throw unprocessable(
        "reseller_cannot_have_resellers",
        `partner ${parent.id} is itself a reseller: resellers are one level deep`,
        { field: "parent_id", id: parent.id },
      );
    }
  }
  const now = nowDate(ctx);
  const row = await insertPartner(ctx.db, {
    id: newId("partner"),
    tenant_id: ctx.tenantId,
    parent_id: input.parent_id ?? null,
    name: input.name,
    email: input.email ?? null,
    mobile: input.mobile ?? null,
    account_manager: input.account_manager ?? null,
    created_at: now,
    updated_at: now,
  });
  const partner = toPartner(row);
  ctx.audit({ targetType: "partner", targetId: partner.id, after: partner });
  await ctx.emit({
    type: "partner.created",
    subjectType: "partner",
    subjectId: partner.id,
    payload: partner,
  });
  return partner;
}

export async function getPartner(ctx: Ctx, id: string): Promise<Partner> {
  return toPartner(await visiblePartner(ctx, id));
}

export async function listPartners(
  ctx: Ctx,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<Partner>> {
  return fetchPage(
    page.limit,
    async (limit) => {
      const { rows } = await listPartnerRows(ctx.db, ctx.tenantId, { limit, after: page.cursor });
      return rows;
    },
    toPartner,
  );
}

/** A partner's resellers. `offset` pages Huawei-style; `cursor` natively. */
export async function listResellers(
  ctx: Ctx,
  partner: PartnerRow,
  page: { limit: number; cursor?: string | undefined; offset?: number | undefined; name?: string },
): Promise<Page<Partner>> {
  return fetchPage(
    page.limit,
    async (limit) => {
      const { rows } = await listPartnerRows(ctx.db, ctx.tenantId, {
        parentId: partner.id,
        name: page.name,
        limit,
        after: page.cursor,
        offset: page.offset,
      });
      return rows;
    },
    toPartner,
  );
}

// ---- registration -------------------------------------------------------------------------

/** Huawei's account-name rule: 5–32 characters, not all digits, no reserved prefix. */
const ACCOUNT_NAME = /^[a-zA-Z-][a-zA-Z0-9_-]{4,31}$/;
const MOBILE = /^\d{4}-\d+$/;

function checkAccountName(name: string, field: string): void {
  if (!ACCOUNT_NAME.test(name) || /^(op_|shadow_)/i.test(name)) {
    throw invalid(
      "invalid_account_name",
      "an account name is 5 to 32 letters, digits, _ or -, starts with a letter or -, and does not start with op_ or shadow_",
      { field },
    );
  }
}

export type IdentityCheck = {
  search_type: "email" | "mobile" | "name";
  search_value: string;
};

/** Whether an account name, e-mail or mobile number is still free for a new customer. */
export async function checkIdentity(
  ctx: Ctx,
  input: IdentityCheck,
): Promise<{ available: boolean }> {
  if (input.search_type === "name") checkAccountName(input.search_value, "search_value");
  if (input.search_type === "mobile" && !MOBILE.test(input.search_value)) {
    throw invalid("invalid_mobile", "a mobile number is 00XX-XXXXXXXX (country code, a dash)", {
      field: "search_value",
    });
  }
  const taken = await identityTaken(ctx.db, ctx.tenantId, input.search_type, input.search_value);
  return { available: !taken };
}

const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 8;

export type VerificationCodeSent = {
  id: string;
  partner_id: string;
  email: string;
  expires_at: string;
};

/**
 * A verification code for registering a customer with this e-mail address, stored as its
 * hash. The code is answered to the caller only, to be mailed in the same transaction
 * (src/workflows/partners.ts): never in the `verification_code.sent` event, the API's answer
 * or the audit log.
 */
export async function createVerificationCode(
  ctx: Ctx,
  partner: PartnerRow,
  input: { email: string; timeout_minutes?: number | undefined; language?: string | undefined },
): Promise<{ sent: VerificationCodeSent; code: string; minutes: number }> {
  const minutes = input.timeout_minutes ?? 5;
  const code = Array.from(
    { length: CODE_LENGTH },
    () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
  ).join("");
  const now = nowDate(ctx);
  const row = await insertVerificationCode(ctx.db, {
    id: newId("verificationCode"),
    tenant_id: ctx.tenantId,
    partner_id: partner.id,
    email: input.email,
    code_hash: hashSecret(code),
    expires_at: new Date(now.getTime() + minutes * 60_000),
    used_at: null,
    created_at: now,
  });
  const sent: VerificationCodeSent = {
    id: row.id,
    partner_id: partner.id,
    email: row.email,
    expires_at: row.expires_at.toISOString(),
  };
  ctx.audit({ targetType: "verification_code", targetId: row.id, after: sent });
  await ctx.emit({
    type: "verification_code.sent",
    subjectType: "verification_code",
    subjectId: row.id,
    payload: { ...sent, language: input.language ?? null },
  });
  return { sent, code, minutes };
}

/** Uses up the newest live code for this partner and address, or refuses. */
async function consumeCode(ctx: Ctx, partnerId: string, email: string, code: string) {
  const now = nowDate(ctx);
  const row = await lockLiveVerificationCode(ctx.db, ctx.tenantId, partnerId, email, now);
  if (!row || !sameHash(row.code_hash, hashSecret(code.toUpperCase()))) {
    throw unprocessable(
      "invalid_verification_code",
      "the verification code is wrong or has expired: request a new one",
      { field: "verification_code" },
    );
  }
  await markVerificationCodeUsed(ctx.db, row.id, now);
}

export type RegisterInput = {
  account_name?: string | undefined;
  email?: string | undefined;
  verification_code?: string | undefined;
  mobile?: string | undefined;
  company_name?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  country?: string | undefined;
  xaccount_id?: string | undefined;
  xaccount_type?: string | undefined;
};

/** Registers a customer under `partner`: identity checked, e-mail proven by a code. */
export async function registerCustomer(
  ctx: Ctx,
  partner: PartnerRow,
  input: RegisterInput,
): Promise<PartnerCustomer> {
  const accountName =
    input.account_name ??
    `c-${Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)])
      .join("")
      .toLowerCase()}`;
  checkAccountName(accountName, "account_name");
  if (input.mobile !== undefined && !MOBILE.test(input.mobile)) {
    throw invalid("invalid_mobile", "a mobile number is 00XX-XXXXXXXX (country code, a dash)", {
      field: "mobile",
    });
  }
  for (const [type, value, field] of [
    ["name", accountName, "account_name"],
    ["email", input.email, "email"],
    ["mobile", input.mobile, "mobile"],
  ] as const) {
    if (value !== undefined && (await identityTaken(ctx.db, ctx.tenantId, type, value))) {
      throw conflict("identity_taken", `${field} ${value} is already used by a customer`, {
        field,
      });
    }
  }
  if (input.email !== undefined) {
    if (input.verification_code === undefined) {
      throw unprocessable(
        "verification_code_required",
        "registering with an e-mail address needs the verification code sent to it",
        { field: "verification_code" },
      );
    }
    await consumeCode(ctx, partner.id, input.email, input.verification_code);
  }
  const customer = await createCustomer(ctx, {
    email: input.email ?? null,
    company_name: input.company_name ?? null,
    first_name: input.first_name ?? null,
    last_name: input.last_name ?? null,
    customer_type: input.company_name ? "business" : "consumer",
    ...(input.country ? { address: { country: input.country } } : {}),
  });
  await insertPartnerCustomer(ctx.db, {
    customer_id: customer.id,
    tenant_id: ctx.tenantId,
    partner_id: partner.id,
    account_name: accountName,
    mobile: input.mobile ?? null,
    xaccount_id: input.xaccount_id ?? null,
    xaccount_type: input.xaccount_type ?? null,
    associated_at: nowDate(ctx),
  });
  const row = await findPartnerCustomer(ctx.db, ctx.tenantId, partner.id, customer.id);
  return toPartnerCustomer(row!);
}

// ---- customers ----------------------------------------------------------------------------

const customerNotFound = (id: string) =>
  notFound("customer_not_found", `no customer ${id}`, { id });

export async function partnerCustomer(
  ctx: Ctx,
  partner: PartnerRow,
  customerId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PartnerCustomerRow> {
  const row = await findPartnerCustomer(ctx.db, ctx.tenantId, partner.id, customerId, options);
  if (!row) throw customerNotFound(customerId);
  return row;
}

export async function listCustomersOf(
  ctx: Ctx,
  partner: PartnerRow,
  query: CustomerFilter & {
    limit: number;
    cursor?: string | undefined;
    offset?: number | undefined;
    withCount?: boolean;
  },
): Promise<Page<PartnerCustomer> & { count?: number }> {
  const page = await fetchPage(
    query.limit,
    (limit) =>
      listPartnerCustomerRows(ctx.db, ctx.tenantId, partner.id, {
        ...query,
        after: query.cursor,
        limit,
      }),
    toPartnerCustomer,
  );
  if (!query.withCount) return page;
  return { ...page, count: await countPartnerCustomers(ctx.db, ctx.tenantId, partner.id, query) };
}

/**
 * Freezes a partner's customer: it orders nothing and uses no self-service. Its contracts'
 * billing is frozen with it by src/workflows/partners.ts.
 */
export async function freezePartnerCustomer(
  ctx: Ctx,
  partner: PartnerRow,
  customerId: string,
  reason: string,
): Promise<PartnerCustomer> {
  const row = await partnerCustomer(ctx, partner, customerId, { forUpdate: true });
  if (row.frozen_at) {
    throw conflict("customer_already_frozen", `customer ${customerId} is already frozen`, {
      id: customerId,
    });
  }
  return setFrozen(ctx, partner, row, nowDate(ctx), reason);
}

/**
 * Unfreezes a partner's customer: it orders again. Billing of its contracts resumes with it
 * (src/workflows/partners.ts) and catches up.
 */
export async function unfreezePartnerCustomer(
  ctx: Ctx,
  partner: PartnerRow,
  customerId: string,
  reason: string,
): Promise<PartnerCustomer> {
  const row = await partnerCustomer(ctx, partner, customerId, { forUpdate: true });
  if (!row.frozen_at) {
    throw conflict("customer_not_frozen", `customer ${customerId} is not frozen`, {
      id: customerId,
    });
  }
  return setFrozen(ctx, partner, row, null, reason);
}

async function setFrozen(
  ctx: Ctx,
  partner: PartnerRow,
  row: PartnerCustomerRow,
  at: Date | null,
  reason: string,
): Promise<PartnerCustomer> {
  const before = toPartnerCustomer(row);
  await setCustomerFrozen(ctx.db, ctx.tenantId, row.customer_id, {
    frozenAt: at,
    reason: at ? reason : null,
    now: nowDate(ctx),
  });
  const after = toPartnerCustomer(
    (await findPartnerCustomer(ctx.db, ctx.tenantId, partner.id, row.customer_id))!,
  );
  ctx.audit({ targetType: "customer", targetId: row.customer_id, before, after });
  await ctx.emit({
    type: at ? "customer.frozen" : "customer.unfrozen",
    subjectType: "customer",
    subjectId: row.customer_id,
    payload: { ...after, reason },
  });
  return after;
}
