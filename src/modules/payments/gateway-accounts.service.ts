/**
 * Gateway accounts: a tenant's accounts at payment gateways, each of one business entity. An
 * entity's customers add payment sources to its default account, or to the account a
 * customer was switched to; with neither, to the built-in test gateway (a source with no
 * account). Charges go through the account holding the source.
 *
 * Credentials are sealed (AES-256-GCM, src/modules/access/secrets.ts) before they reach the
 * database, bound to the account they belong to, and opened only to hand them to the
 * gateway's adapter. No answer, audit record, event or log line carries them: answers and
 * audit records are built from {@link toGatewayAccount}, which knows only whether there are
 * credentials.
 */
import type { Static } from "typebox";
import { conflict, notFound, unprocessable } from "../../domain/errors.js";
import {
  checkCredentials,
  type GatewayKind,
  gatewayAdapter,
  hasAdapter,
  needsCredentials,
  type PaymentGateway,
} from "../../domain/payments/gateway.js";
import { newId } from "../../lib/ids.js";
import { currentSealingKey, SealError, seal, unsealWithKnownKeys } from "../access/index.js";
import { type Ctx, nowDate } from "../context.js";
import { entityForNewRecord } from "../entities/index.js";
import { fetchPage, type Page } from "../pagination.js";
import {
  clearCustomersOfAccount,
  clearDefaultGatewayAccount,
  countLiveSources,
  customerGatewayAccountId,
  defaultGatewayAccount,
  findGatewayAccount,
  type GatewayAccountRow,
  insertGatewayAccount,
  listGatewayAccountRows,
  updateGatewayAccount,
} from "./gateway-accounts.repository.js";
import type {
  CustomerGatewaySchema,
  GatewayAccountInput,
  GatewayAccountPatch,
  GatewayAccountSchema,
} from "./gateway-accounts.schemas.js";

export type GatewayAccount = Static<typeof GatewayAccountSchema>;
export type CustomerGateway = Static<typeof CustomerGatewaySchema>;
type Credentials = Readonly<Record<string, string>>;

/** What answers and audit records show of an account: never its credentials. */
export function toGatewayAccount(row: GatewayAccountRow): GatewayAccount {
  return {
    id: row.id,
    business_entity_id: row.business_entity_id,
    gateway: row.gateway,
    name: row.name,
    status: row.deleted_at ? "deleted" : row.status,
    default: row.is_default,
    has_credentials: row.credentials_sealed !== null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    deleted_at: row.deleted_at ? row.deleted_at.toISOString() : null,
  };
}

/** What a sealed credential set is bound to: the tenant and the account. */
const sealContext = (tenantId: string, accountId: string) =>
  `gateway_account:${tenantId}:${accountId}`;

function sealCredentials(
  tenantId: string,
  accountId: string,
  credentials: Credentials,
): string | null {
  if (Object.keys(credentials).length === 0) return null;
  const key = currentSealingKey();
  if (!key) {
    throw unprocessable(
      "secret_key_not_configured",
      "credentials are stored only encrypted, and this server has no ACCRUE_SECRET_KEY",
      { field: "credentials" },
    );
  }
  return seal(key, JSON.stringify(credentials), sealContext(tenantId, accountId));
}

/** The account's credentials in clear, for its adapter only. */
function openCredentials(row: GatewayAccountRow): Credentials {
  if (row.credentials_sealed === null) return {};
  if (!currentSealingKey()) {
    throw new Error("ACCRUE_SECRET_KEY is not set: gateway credentials cannot be opened");
  }
  try {
    return JSON.parse(
      unsealWithKnownKeys(row.credentials_sealed, sealContext(row.tenant_id, row.id)),
    );
  } catch (error) {
    if (!(error instanceof SealError) || error.unknownKeyId === null) throw error;
    throw unprocessable(
      "secret_key_unknown",
      `the account's credentials cannot be opened: ${error.message}`,
      { gateway_account_id: row.id },
    );
  }
}

/** The kind of gateway of an account; no account: the built-in test gateway. */
export const kindOf = (account: GatewayAccountRow | null): GatewayKind =>
  account?.gateway ?? "test";

/** The adapter reaching an account (null: the built-in test gateway); refused without one. */
export function adapterFor(account: GatewayAccountRow | null): PaymentGateway {
  const kind = kindOf(account);
  if (!hasAdapter(kind)) {
    throw unprocessable(
      "gateway_unavailable",
      `this version of Accrue cannot reach ${kind} accounts yet`,
      { gateway: kind, gateway_account_id: account?.id ?? null },
    );
  }
  const adapter = gatewayAdapter(
    kind,
    account && needsCredentials(kind) ? openCredentials(account) : {},
    { accountId: account?.id },
  );
  if (!adapter) throw new Error(`no adapter for ${kind}`);
  return adapter;
}

/**
 * The adapter of an account for verifying its gateway's events: every credential it holds
 * opened (an account of the test gateway keeps its webhook secret there too). Refused when the
 * kind has no adapter, or the server cannot open the credentials.
 */
export function eventAdapterFor(account: GatewayAccountRow): PaymentGateway {
  const kind = kindOf(account);
  if (!hasAdapter(kind)) {
    throw unprocessable(
      "gateway_unavailable",
      `this version of Accrue cannot read events of ${kind} accounts yet`,
      { gateway: kind, gateway_account_id: account.id },
    );
  }
  if (account.credentials_sealed !== null && !currentSealingKey()) {
    throw unprocessable(
      "secret_key_not_configured",
      "the account's credentials are stored encrypted and this server has no ACCRUE_SECRET_KEY to open them",
      { gateway_account_id: account.id },
    );
  }
  const adapter = gatewayAdapter(kind, openCredentials(account), { accountId: account.id });
  if (!adapter) throw new Error(`no adapter for ${kind}`);
  return adapter;
}

function assertCredentials(kind: GatewayKind, credentials: Credentials): void {
  if (needsCredentials(kind) && Object.keys(credentials).length === 0) {
    throw unprocessable("credentials_required", `a ${kind} account needs its credentials`, {
      field: "credentials",
    });
  }
  checkCredentials(kind, credentials);
}

async function loadAccount(ctx: Ctx, id: string, forUpdate = false): Promise<GatewayAccountRow> {
  const row = await findGatewayAccount(ctx.db, ctx.tenantId, id, { forUpdate });
  if (!row || (forUpdate && row.deleted_at)) {
    throw notFound("gateway_account_not_found", `no gateway account ${id}`, { id });
  }
  return row;
}

/** Takes the default flag from the entity's default account, recording the change. */
async function demoteDefault(ctx: Ctx, entityId: string, at: Date): Promise<void> {
  const before = await defaultGatewayAccount(ctx.db, ctx.tenantId, entityId);
  if (!before) return;
  const after = await clearDefaultGatewayAccount(ctx.db, ctx.tenantId, entityId, at);
  if (!after) return;
  ctx.audit({
    targetType: "gateway_account",
    targetId: after.id,
    before: toGatewayAccount(before),
    after: toGatewayAccount(after),
  });
}

function refuseDisabledDefault(): never {
  throw unprocessable("gateway_account_disabled", "a disabled account cannot be the default", {
    field: "default",
  });
}

// ---- operations -------------------------------------------------------------------------------

export async function createGatewayAccount(
  ctx: Ctx,
  input: Static<typeof GatewayAccountInput>,
): Promise<GatewayAccount> {
  const entity = await entityForNewRecord(ctx, input.business_entity_id, "business_entity_id");
  const credentials = input.credentials ?? {};
  assertCredentials(input.gateway, credentials);
  const status = input.status ?? "active";
  if (input.default && status !== "active") refuseDisabledDefault();
  const id = newId("gatewayAccount");
  const sealed = sealCredentials(ctx.tenantId, id, credentials);
  const now = nowDate(ctx);
  if (input.default) await demoteDefault(ctx, entity.id, now);
  const row = await insertGatewayAccount(ctx.db, {
    id,
    tenant_id: ctx.tenantId,
    business_entity_id: entity.id,
    gateway: input.gateway,
    name: input.name,
    status,
    is_default: input.default ?? false,
    credentials_sealed: sealed,
    created_at: now,
    updated_at: now,
  });
  const account = toGatewayAccount(row);
  ctx.audit({ targetType: "gateway_account", targetId: id, after: account });
  return account;
}

export async function listGatewayAccounts(
  ctx: Ctx,
  query: {
    limit: number;
    cursor?: string | undefined;
    business_entity_id?: string | undefined;
    include_deleted?: boolean | undefined;
  },
): Promise<Page<GatewayAccount>> {
  return fetchPage(
    query.limit,
    (limit) =>
      listGatewayAccountRows(ctx.db, ctx.tenantId, {
        limit,
        after: query.cursor,
        entityId: query.business_entity_id,
        deleted: query.include_deleted,
      }),
    toGatewayAccount,
  );
}

export async function getGatewayAccount(ctx: Ctx, id: string): Promise<GatewayAccount> {
  return toGatewayAccount(await loadAccount(ctx, id));
}

/**
 * Renames an account, enables or disables it, makes it the entity's default (or not), or
 * replaces its credentials. A disabled account is no entity's default.
 */
export async function updateGatewayAccountFields(
  ctx: Ctx,
  id: string,
  input: Static<typeof GatewayAccountPatch>,
): Promise<GatewayAccount> {
  const row = await loadAccount(ctx, id, true);
  const status = input.status ?? row.status;
  if (input.default === true && status !== "active") refuseDisabledDefault();
  let sealed = row.credentials_sealed;
  if (input.credentials !== undefined) {
    assertCredentials(row.gateway, input.credentials);
    sealed = sealCredentials(ctx.tenantId, id, input.credentials);
  }
  const now = nowDate(ctx);
  const isDefault = status === "active" && (input.default ?? row.is_default);
  if (isDefault && !row.is_default) await demoteDefault(ctx, row.business_entity_id, now);
  const updated = await updateGatewayAccount(ctx.db, ctx.tenantId, id, {
    name: input.name ?? row.name,
    status,
    is_default: isDefault,
    credentials_sealed: sealed,
    updated_at: now,
  });
  const before = toGatewayAccount(row);
  const after = toGatewayAccount(updated);
  ctx.audit({ targetType: "gateway_account", targetId: id, before, after });
  return after;
}

/**
 * Deletes an account that holds no live payment source (move or delete them first); its
 * credentials are erased, the record stays for the deleted sources and payments that name it.
 * Customers switched to it fall back to their entity's default.
 */
export async function deleteGatewayAccount(ctx: Ctx, id: string): Promise<GatewayAccount> {
  const row = await loadAccount(ctx, id, true);
  const held = await countLiveSources(ctx.db, ctx.tenantId, id);
  if (held > 0) {
    throw conflict(
      "gateway_account_in_use",
      `gateway account ${id} holds ${held} payment source(s); switch or delete them first`,
      { id, payment_sources: held },
    );
  }
  const now = nowDate(ctx);
  await clearCustomersOfAccount(ctx.db, ctx.tenantId, id);
  const deleted = await updateGatewayAccount(ctx.db, ctx.tenantId, id, {
    is_default: false,
    credentials_sealed: null,
    deleted_at: now,
    updated_at: now,
  });
  const after = toGatewayAccount(deleted);
  ctx.audit({ targetType: "gateway_account", targetId: id, before: toGatewayAccount(row), after });
  return after;
}

// ---- for payment sources ----------------------------------------------------------------------

/** The account holding a source; null: the built-in test gateway. */
export async function accountOfSource(
  ctx: Ctx,
  source: { gateway_account_id: string | null },
): Promise<GatewayAccountRow | null> {
  if (source.gateway_account_id === null) return null;
  return (await findGatewayAccount(ctx.db, ctx.tenantId, source.gateway_account_id)) ?? null;
}

const usable = (row: GatewayAccountRow | undefined, entityId: string) =>
  row !== undefined &&
  row.deleted_at === null &&
  row.status === "active" &&
  row.business_entity_id === entityId;

/**
 * Where a customer's new payment sources go: the account it was switched to while that is
 * live, active and of the customer's entity (a customer that moved to another entity leaves
 * its old entity's accounts behind); else its entity's default; else the built-in gateway.
 */
export async function resolveCustomerGateway(
  ctx: Ctx,
  customer: { id: string; business_entity_id: string },
): Promise<{ account: GatewayAccountRow | null; view: CustomerGateway }> {
  const chosenId = await customerGatewayAccountId(ctx.db, ctx.tenantId, customer.id);
  const chosen = chosenId ? await findGatewayAccount(ctx.db, ctx.tenantId, chosenId) : undefined;
  const fallback = usable(chosen, customer.business_entity_id)
    ? undefined
    : await defaultGatewayAccount(ctx.db, ctx.tenantId, customer.business_entity_id);
  const account = usable(chosen, customer.business_entity_id) ? chosen! : (fallback ?? null);
  return {
    account,
    view: {
      customer_id: customer.id,
      gateway_account_id: account?.id ?? null,
      gateway: kindOf(account),
      chosen_by:
        account === null ? "built_in" : account === chosen ? "customer" : "business_entity",
    },
  };
}

/**
 * An account a customer's source or default may move to: live, of the customer's business
 * entity, active. Refused with a code otherwise (`field`: where the id was given).
 */
export async function targetAccount(
  ctx: Ctx,
  customer: { id: string; business_entity_id: string },
  id: string,
): Promise<GatewayAccountRow> {
  const field = "gateway_account_id";
  const row = await findGatewayAccount(ctx.db, ctx.tenantId, id);
  if (!row || row.deleted_at) {
    throw unprocessable("gateway_account_not_found", `no gateway account ${id}`, { field, id });
  }
  if (row.business_entity_id !== customer.business_entity_id) {
    throw unprocessable(
      "gateway_account_other_entity",
      `gateway account ${id} belongs to business entity ${row.business_entity_id}, not the customer's ${customer.business_entity_id}`,
      { field, id, business_entity_id: row.business_entity_id },
    );
  }
  if (row.status !== "active") {
    throw unprocessable("gateway_account_disabled", `gateway account ${id} is disabled`, {
      field,
      id,
    });
  }
  return row;
}

/**
 * An account's credentials sealed again under the current key (ACCRUE_SECRET_KEY), opened
 * with the key they were sealed under (the current one or one of ACCRUE_SECRET_KEY_PREVIOUS);
 * a SealError when none of this process's keys opens them.
 */
export function resealedCredentials(
  row: Pick<GatewayAccountRow, "id" | "tenant_id"> & { credentials_sealed: string },
): string {
  const key = currentSealingKey();
  if (!key) throw new Error("ACCRUE_SECRET_KEY is not set: there is no key to seal under");
  const context = sealContext(row.tenant_id, row.id);
  return seal(key, unsealWithKnownKeys(row.credentials_sealed, context), context);
}
