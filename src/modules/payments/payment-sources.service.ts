/**
 * Payment sources (Chargebee's payment sources and payment roles): a customer's cards and bank
 * accounts held by a gateway — the built-in test gateway (src/domain/payments/test-gateway.ts)
 * until real ones are connected. A customer has at most one primary source, charged first,
 * and one backup, charged when the primary fails. Collecting charges them for what the
 * customer, or one invoice, owes; every attempt is a payment, failed or succeeded.
 *
 * Every change locks the customer first, like every money movement of the customer, so roles
 * change one at a time and a collection reads what is owed after any other movement committed.
 */
import type { Static } from "typebox";
import { isAccrueError, notFound, unprocessable } from "../../domain/errors.js";
import { assertCurrency } from "../../domain/money/currency.js";
import { fromDecimalString } from "../../domain/money/money.js";
import {
  type ChargeStatus,
  type CreatedSource,
  chargeDescription,
  type SourceToken,
} from "../../domain/payments/gateway.js";
import { applyPayment, type Due } from "../../domain/payments/payments.js";
import { newId } from "../../lib/ids.js";
import { type Ctx, nowDate } from "../context.js";
import { customerForChange, findCustomer } from "../customers/index.js";
import { findEntity } from "../entities/index.js";
import { findInvoice } from "../invoicing/index.js";
import { fetchPage, type Page } from "../pagination.js";
import { findAuthenticationExpiryHours, findTenant } from "../tenants/index.js";
import {
  type GatewayAccountRow,
  setCustomerGatewayAccount,
} from "./gateway-accounts.repository.js";
import type { GatewayAccountTarget } from "./gateway-accounts.schemas.js";
import {
  accountOfSource,
  adapterFor,
  type CustomerGateway,
  kindOf,
  resolveCustomerGateway,
  targetAccount,
} from "./gateway-accounts.service.js";
import { gatewayIdempotencyKey } from "./gateway-keys.js";
import {
  clearRole,
  findPaymentSource,
  findSourceById,
  gatewayCustomerReference,
  insertPaymentSource,
  listPaymentSources as listRows,
  type PaymentSourceRow,
  sourcesWithRole,
  updatePaymentSource,
} from "./payment-sources.repository.js";
import type {
  AssignRoleInput,
  AuthorizePaymentInput,
  CaptureInput,
  CollectInvoiceInput,
  CollectPaymentInput,
  PaymentSourceInput,
  PaymentSourceSchema,
  UpdatePaymentMethodInput,
} from "./payment-sources.schemas.js";
import {
  hasPendingPayment,
  paymentsAwaitingCustomer,
  settleAuthorization,
  settlePending,
} from "./payments.repository.js";
import {
  announce,
  insertPayment,
  invoiceDues,
  loadPayment,
  lockCustomer,
  type Payment,
  view,
} from "./payments.service.js";

export type PaymentSource = Static<typeof PaymentSourceSchema>;
type Role = PaymentSourceRow["role"];

/** The tenant's date today, `YYYY-MM-DD` in UTC. */
const today = (ctx: Ctx) => nowDate(ctx).toISOString().slice(0, 10);

function cardExpired(row: PaymentSourceRow, on: string): boolean {
  if (row.type !== "card" || row.card_exp_year === null || row.card_exp_month === null) {
    return false;
  }
  const [year, month] = on.split("-").map(Number) as [number, number];
  return row.card_exp_year < year || (row.card_exp_year === year && row.card_exp_month < month);
}

export function toPaymentSource(row: PaymentSourceRow, on: string): PaymentSource {
  return {
    id: row.id,
    customer_id: row.customer_id,
    type: row.type,
    gateway: row.gateway,
    gateway_account_id: row.gateway_account_id,
    role: row.role,
    status: row.deleted_at ? "deleted" : cardExpired(row, on) ? "expired" : "valid",
    card:
      row.type === "card"
        ? {
            brand: row.card_brand ?? "other",
            last4: row.card_last4 ?? "",
            exp_month: row.card_exp_month ?? 0,
            exp_year: row.card_exp_year ?? 0,
          }
        : null,
    bank_account:
      row.type === "bank_account"
        ? {
            country: row.bank_country ?? "",
            last4: row.bank_last4 ?? "",
            account_holder_name: row.bank_account_holder ?? "",
          }
        : null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    deleted_at: row.deleted_at ? row.deleted_at.toISOString() : null,
  };
}

export async function loadSource(
  ctx: Ctx,
  customerId: string,
  id: string,
  field?: string,
): Promise<PaymentSourceRow> {
  const row = await findPaymentSource(ctx.db, ctx.tenantId, customerId, id, { forUpdate: true });
  if (!row || row.deleted_at) {
    const message = `customer ${customerId} has no payment source ${id}`;
    throw field
      ? unprocessable("payment_source_not_found", message, { field })
      : notFound("payment_source_not_found", message, { id });
  }
  return row;
}

async function announceSource(
  ctx: Ctx,
  type:
    | "payment_source.added"
    | "payment_source.role_changed"
    | "payment_source.deleted"
    | "payment_source.gateway_account_switched",
  before: PaymentSource | null,
  after: PaymentSource,
) {
  ctx.audit({ targetType: "payment_source", targetId: after.id, before, after });
  await ctx.emit({ type, subjectType: "customer", subjectId: after.customer_id, payload: after });
}

// ---- reads ----------------------------------------------------------------------------------------

export async function listPaymentSources(
  ctx: Ctx,
  customerId: string,
  page: { limit: number; cursor?: string | undefined; include_deleted?: boolean | undefined },
): Promise<Page<PaymentSource>> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  if (!customer)
    throw notFound("customer_not_found", `no customer ${customerId}`, { id: customerId });
  const on = today(ctx);
  return fetchPage(
    page.limit,
    (limit) =>
      listRows(ctx.db, ctx.tenantId, customerId, {
        limit,
        after: page.cursor,
        deleted: page.include_deleted,
      }),
    (row) => toPaymentSource(row, on),
  );
}

export async function getPaymentSource(
  ctx: Ctx,
  customerId: string,
  id: string,
): Promise<PaymentSource> {
  const row = await findPaymentSource(ctx.db, ctx.tenantId, customerId, id);
  if (!row) {
    throw notFound(
      "payment_source_not_found",
      `customer ${customerId} has no payment source ${id}`,
      {
        id,
      },
    );
  }
  return toPaymentSource(row, today(ctx));
}

/** A payment source by its id alone, whichever customer holds it. */
export async function getPaymentSourceById(ctx: Ctx, id: string): Promise<PaymentSource> {
  const row = await findSourceById(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound("payment_source_not_found", `no payment source ${id}`, { id });
  return toPaymentSource(row, today(ctx));
}

// ---- changes --------------------------------------------------------------------------------------

type SourceData = Static<typeof UpdatePaymentMethodInput>;

/** What the customer gave, as the gateway's token: refused when type and details disagree. */
function tokenOf(input: SourceData): SourceToken {
  if (input.type === "provider_token") {
    if (!input.provider_token || input.card || input.bank_account) {
      throw unprocessable(
        "source_details_mismatch",
        "a provider_token source takes provider_token and neither card nor bank_account",
        { field: "provider_token" },
      );
    }
    return { type: "provider_token", token: input.provider_token };
  }
  if (input.provider_token !== undefined) {
    throw unprocessable(
      "source_details_mismatch",
      `a ${input.type} source takes no provider_token; send type provider_token`,
      { field: "provider_token" },
    );
  }
  if (input.type === "card") {
    if (!input.card || input.bank_account) {
      throw unprocessable(
        "source_details_mismatch",
        "a card source takes card and not bank_account",
        { field: "card" },
      );
    }
    return { type: "card", card: input.card };
  }
  if (!input.bank_account || input.card) {
    throw unprocessable(
      "source_details_mismatch",
      "a bank account source takes bank_account and not card",
      { field: "bank_account" },
    );
  }
  return { type: "bank_account", bank_account: input.bank_account };
}

/**
 * What the gateway account the customer's new sources go to keeps of the card or account
 * given, as the columns of a new source.
 */
async function tokenize(
  ctx: Ctx,
  customer: { id: string; business_entity_id: string },
  input: SourceData,
) {
  const token = tokenOf(input);
  const { account } = await resolveCustomerGateway(ctx, customer);
  const id = newId("paymentSource");
  const created = await adapterFor(account).createSource({
    customerId: customer.id,
    customerReference: account
      ? await gatewayCustomerReference(ctx.db, ctx.tenantId, customer.id, account.id)
      : undefined,
    token,
    today: today(ctx),
    nonce: id.slice(4),
  });
  return columnsOf(id, account, created, input.bank_account?.account_holder_name);
}

/** The columns of a new source the gateway account created. */
function columnsOf(
  id: string,
  account: GatewayAccountRow | null,
  created: CreatedSource,
  holderName?: string | undefined,
) {
  const common = {
    id,
    type: created.type,
    gateway: kindOf(account),
    gateway_account_id: account?.id ?? null,
    gateway_customer_reference: created.customerReference,
    gateway_reference: created.reference,
  };
  if (created.type === "card") {
    return {
      ...common,
      card_brand: created.card.brand,
      card_last4: created.card.last4,
      card_exp_month: created.card.exp_month,
      card_exp_year: created.card.exp_year,
    };
  }
  return {
    ...common,
    bank_country: created.bankAccount.country,
    bank_last4: created.bankAccount.last4,
    bank_account_holder: holderName ?? created.bankAccount.holderName ?? "",
  };
}

async function insertSource(
  ctx: Ctx,
  customer: { id: string; business_entity_id: string },
  input: SourceData,
  role: Role,
): Promise<PaymentSource> {
  return keepSource(ctx, customer.id, await tokenize(ctx, customer, input), role);
}

/**
 * Keeps a source a gateway account created on its own hosted page (the customer's details
 * entered there): the customer's primary when it has none (its customer locked).
 */
export async function keepCreatedSource(
  ctx: Ctx,
  customerId: string,
  input: { id: string; account: GatewayAccountRow; created: CreatedSource },
): Promise<PaymentSource> {
  const held = await sourcesWithRole(ctx.db, ctx.tenantId, customerId);
  const role = held.some((s) => s.role === "primary") ? "none" : "primary";
  return keepSource(ctx, customerId, columnsOf(input.id, input.account, input.created), role);
}

async function keepSource(
  ctx: Ctx,
  customerId: string,
  columns: ReturnType<typeof columnsOf>,
  role: Role,
): Promise<PaymentSource> {
  const now = nowDate(ctx);
  if (role !== "none") await demote(ctx, customerId, role, now);
  const row = await insertPaymentSource(ctx.db, {
    ...columns,
    tenant_id: ctx.tenantId,
    customer_id: customerId,
    role,
    created_at: now,
    updated_at: now,
  });
  const source = toPaymentSource(row, today(ctx));
  await announceSource(ctx, "payment_source.added", null, source);
  return source;
}

/** Takes `role` from the source that holds it, announcing the change. */
async function demote(ctx: Ctx, customerId: string, role: "primary" | "backup", at: Date) {
  const holder = (await sourcesWithRole(ctx.db, ctx.tenantId, customerId)).find(
    (s) => s.role === role,
  );
  if (!holder) return;
  await clearRole(ctx.db, ctx.tenantId, customerId, role, at);
  const on = today(ctx);
  await announceSource(
    ctx,
    "payment_source.role_changed",
    toPaymentSource(holder, on),
    toPaymentSource({ ...holder, role: "none", updated_at: at }, on),
  );
}

/** Adds a card or bank account; the first source becomes primary unless a role is named. */
export async function addPaymentSource(
  ctx: Ctx,
  customerId: string,
  input: Static<typeof PaymentSourceInput>,
): Promise<PaymentSource> {
  const customer = await customerForChange(ctx, customerId);
  const held = await sourcesWithRole(ctx.db, ctx.tenantId, customerId);
  const role = input.role ?? (held.some((s) => s.role === "primary") ? "none" : "primary");
  return insertSource(ctx, customer, input, role);
}

/**
 * Replaces the customer's primary payment method (Chargebee's update_payment_method): the new
 * source becomes primary and the one it replaces is deleted.
 */
export async function updatePaymentMethod(
  ctx: Ctx,
  customerId: string,
  input: SourceData,
): Promise<PaymentSource> {
  const customer = await customerForChange(ctx, customerId);
  const old = (await sourcesWithRole(ctx.db, ctx.tenantId, customerId)).find(
    (s) => s.role === "primary",
  );
  if (old) await removeSource(ctx, old, false);
  return insertSource(ctx, customer, input, "primary");
}

/** Gives a source the primary or backup role (taking it from the source that held it), or none. */
export async function assignPaymentRole(
  ctx: Ctx,
  customerId: string,
  input: Static<typeof AssignRoleInput>,
): Promise<PaymentSource> {
  await customerForChange(ctx, customerId);
  const row = await loadSource(ctx, customerId, input.payment_source_id, "payment_source_id");
  if (row.role === input.role) return toPaymentSource(row, today(ctx));
  const now = nowDate(ctx);
  // the source gives up its own role first, so the unique role index never sees two holders
  if (row.role !== "none") await clearRole(ctx.db, ctx.tenantId, customerId, row.role, now);
  if (input.role !== "none") await demote(ctx, customerId, input.role, now);
  const updated = await updatePaymentSource(ctx.db, ctx.tenantId, row.id, {
    role: input.role,
    updated_at: now,
  });
  const on = today(ctx);
  const after = toPaymentSource(updated, on);
  await announceSource(ctx, "payment_source.role_changed", toPaymentSource(row, on), after);
  return after;
}

async function removeSource(ctx: Ctx, row: PaymentSourceRow, promoteBackup: boolean) {
  const now = nowDate(ctx);
  const deleted = await updatePaymentSource(ctx.db, ctx.tenantId, row.id, {
    role: "none",
    deleted_at: now,
    updated_at: now,
  });
  const on = today(ctx);
  await announceSource(
    ctx,
    "payment_source.deleted",
    toPaymentSource(row, on),
    toPaymentSource(deleted, on),
  );
  if (promoteBackup && row.role === "primary") {
    const backup = (await sourcesWithRole(ctx.db, ctx.tenantId, row.customer_id)).find(
      (s) => s.role === "backup",
    );
    if (backup) {
      const promoted = await updatePaymentSource(ctx.db, ctx.tenantId, backup.id, {
        role: "primary",
        updated_at: now,
      });
      await announceSource(
        ctx,
        "payment_source.role_changed",
        toPaymentSource(backup, on),
        toPaymentSource(promoted, on),
      );
    }
  }
}

/**
 * Deletes a payment source: the gateway forgets it, the record stays (marked deleted) for the
 * payments that name it. A deleted primary hands its role to the backup.
 */
export async function deletePaymentSource(
  ctx: Ctx,
  customerId: string,
  id: string,
): Promise<PaymentSource> {
  await customerForChange(ctx, customerId);
  const row = await loadSource(ctx, customerId, id);
  await removeSource(ctx, row, true);
  return getPaymentSource(ctx, customerId, id);
}

// ---- collecting -------------------------------------------------------------------------------

/** How long the test gateway holds an authorized amount. */
export const AUTHORIZATION_HOLD_DAYS = 7;

/**
 * What the gateway account holding `source` answers to charging (or holding) `amount`: an
 * expired card, or an account disabled or deleted since, fails without asking the gateway.
 */
async function gatewayVerdict(
  ctx: Ctx,
  source: PaymentSourceRow,
  amount: bigint,
  currency: string,
  authorize: boolean,
  on: string,
  dues: readonly Due[],
) {
  if (cardExpired(source, on)) {
    return { status: "failed", code: "expired_card", message: "the card has expired" } as const;
  }
  const account = await accountOfSource(ctx, source);
  if (account && (account.status !== "active" || account.deleted_at)) {
    return {
      status: "failed",
      code: "gateway_account_disabled",
      message: `the gateway account ${account.id} holding the source is ${account.deleted_at ? "deleted" : "disabled"}`,
    } as const;
  }
  const gateway = adapterFor(account);
  const request = {
    reference: source.gateway_reference,
    customerReference: source.gateway_customer_reference,
    amount,
    currency,
    idempotencyKey: gatewayIdempotencyKey(ctx, authorize ? "authorize" : "charge", source.id),
    ...(account ? { description: await describeCharge(ctx, account, source, dues) } : {}),
  };
  return authorize ? gateway.authorize(request) : gateway.charge(request);
}

/**
 * What a charge through `account` is for, as the customer reads it: the seller (the account's
 * business entity, else the tenant) and the numbers of the invoices it pays.
 */
async function describeCharge(
  ctx: Ctx,
  account: { business_entity_id: string },
  source: PaymentSourceRow,
  dues: readonly Due[],
): Promise<string> {
  const entity = await findEntity(ctx, account.business_entity_id);
  const merchant = entity?.name ?? (await findTenant(ctx.db, ctx.tenantId))?.name ?? "";
  const ids = dues.map((d) => d.invoiceId);
  const numbers = ids.length
    ? (await invoiceDues(ctx, source.customer_id, { ids }))
        .map((d) => d.number)
        .filter((n): n is string => n !== null)
    : [];
  return chargeDescription({ merchant, invoiceNumbers: numbers });
}

/** A charge's method: the built-in test gateway's, or a provider's card or direct debit. */
const methodOf = (source: PaymentSourceRow) =>
  source.gateway === "test"
    ? source.type === "card"
      ? ("test_card" as const)
      : ("test_direct_debit" as const)
    : source.type === "card"
      ? ("card" as const)
      : ("direct_debit" as const);

/**
 * Charges `amount` through the sources in turn until one succeeds; each attempt is a payment
 * (failed ones change no balance). What succeeds is applied to `dues`; an authorization only
 * holds the amount (status `authorized`, applied to nothing until captured). A charge the
 * gateway decides later (a direct debit) is `pending`: applied to nothing, and no other
 * source is tried, until a sync reads the gateway's verdict; one the customer's bank asks
 * the customer to authenticate is `requires_action` the same way, until the customer
 * confirms it ({@link confirmPaymentAction}) or the gateway reports it settled. While one is pending, no other
 * collection in its currency starts (it could take the money twice). Answers the last
 * attempt. A gateway that gives no answer throws: nothing is recorded, the caller retries.
 */
async function charge(
  ctx: Ctx,
  customerId: string,
  sources: readonly PaymentSourceRow[],
  amount: bigint,
  currency: string,
  dues: readonly Due[],
  authorize = false,
): Promise<Payment> {
  const on = today(ctx);
  if (!authorize && (await hasPendingPayment(ctx.db, ctx.tenantId, customerId, currency))) {
    throw unprocessable(
      "payment_pending",
      `customer ${customerId} has a payment in ${currency} pending at the gateway or waiting for their authentication`,
      { currency },
    );
  }
  let last: Payment | undefined;
  for (const source of sources) {
    const verdict = await gatewayVerdict(ctx, source, amount, currency, authorize, on, dues);
    const base = {
      customerId,
      kind: "payment" as const,
      method: methodOf(source),
      amount,
      currency,
      cardLast4: source.type === "card" ? source.card_last4 : null,
      paymentSourceId: source.id,
      gatewayReference: "reference" in verdict ? verdict.reference : null,
      receivedAt: nowDate(ctx),
    };
    if (verdict.status === "failed") {
      const row = await insertPayment(
        ctx,
        { ...base, status: "failed", failure: { code: verdict.code, message: verdict.message } },
        [],
      );
      last = await announce(ctx, await view(ctx, row), "payment.failed");
      continue;
    }
    if (verdict.status === "pending") {
      const row = await insertPayment(ctx, { ...base, status: "pending" }, []);
      return announce(ctx, await view(ctx, row), "payment.pending");
    }
    if (verdict.status === "requires_action" && authorize) {
      // a hold cannot wait for the customer: confirmed later it would read as paid while the
      // money is only held, so it is refused as the bank asked
      const row = await insertPayment(
        ctx,
        {
          ...base,
          status: "failed",
          failure: {
            code: "authentication_required",
            message: "the bank asks the customer to authenticate; a hold cannot wait for it",
          },
        },
        [],
      );
      last = await announce(ctx, await view(ctx, row), "payment.failed");
      continue;
    }
    if (verdict.status === "requires_action") {
      // the bank asks the customer: no other source is tried (the customer may confirm it)
      const row = await insertPayment(ctx, { ...base, status: "requires_action" }, []);
      return announce(ctx, await view(ctx, row), "payment.action_required");
    }
    if (authorize) {
      const until = new Date(base.receivedAt.getTime() + AUTHORIZATION_HOLD_DAYS * 86_400_000);
      const row = await insertPayment(
        ctx,
        { ...base, status: "authorized", authorizedUntil: until },
        [],
      );
      const held = await view(ctx, row);
      ctx.audit({ targetType: "payment", targetId: row.id, after: held });
      await ctx.emit({
        type: "payment.authorized",
        subjectType: "customer",
        subjectId: customerId,
        payload: held,
      });
      return held;
    }
    const { allocations } = applyPayment(amount, dues);
    const row = await insertPayment(ctx, { ...base, status: "succeeded" }, allocations);
    return announce(ctx, await view(ctx, row), "payment.succeeded");
  }
  if (!last) throw new Error("charge needs at least one source");
  return last;
}

/** The source named, or the primary then the backup; refused when there is none. */
async function sourcesToCharge(
  ctx: Ctx,
  customerId: string,
  named: string | undefined,
): Promise<PaymentSourceRow[]> {
  if (named !== undefined) return [await loadSource(ctx, customerId, named, "payment_source_id")];
  const held = await sourcesWithRole(ctx.db, ctx.tenantId, customerId);
  if (held.length === 0) {
    throw unprocessable(
      "payment_source_required",
      `customer ${customerId} has no primary or backup payment source`,
      { field: "payment_source_id" },
    );
  }
  return held;
}

/**
 * Collects what the customer owes in a currency now (Chargebee's collect_payment for a
 * customer): charged through the source named, else the primary and then the backup, and
 * applied to the open invoices oldest first.
 */
export async function collectCustomerPayment(
  ctx: Ctx,
  customerId: string,
  input: Static<typeof CollectPaymentInput>,
): Promise<Payment> {
  await customerForChange(ctx, customerId);
  const open = (await invoiceDues(ctx, customerId)).filter((d) => d.due > 0n);
  let currency = input.currency;
  if (currency === undefined) {
    const owed = [...new Set(open.map((d) => d.currency))];
    if (owed.length > 1) {
      throw unprocessable(
        "currency_required",
        `customer ${customerId} owes in ${owed.join(", ")}: name the currency`,
        { field: "currency" },
      );
    }
    currency = owed[0];
  }
  const dues = open
    .filter((d) => d.currency === currency)
    .map((d) => ({ invoiceId: d.id, due: d.due }));
  const owed = dues.reduce((s, d) => s + d.due, 0n);
  if (currency === undefined || (input.amount === undefined && owed === 0n)) {
    throw unprocessable("nothing_to_collect", `customer ${customerId} owes nothing`, {
      field: "currency",
    });
  }
  const amount = input.amount ? fromDecimalString(input.amount, currency, "amount").amount : owed;
  if (amount <= 0n) {
    throw unprocessable("invalid_amount", "a payment is more than zero", { field: "amount" });
  }
  const sources = await sourcesToCharge(ctx, customerId, input.payment_source_id);
  return charge(ctx, customerId, sources, amount, currency, dues);
}

/** Collects an issued invoice now (Chargebee's collect_payment for an invoice). */
export async function collectInvoicePayment(
  ctx: Ctx,
  invoiceId: string,
  input: Static<typeof CollectInvoiceInput>,
): Promise<Payment> {
  const invoice = await findInvoice(ctx.db, ctx.tenantId, invoiceId);
  if (!invoice) throw notFound("invoice_not_found", `no invoice ${invoiceId}`, { id: invoiceId });
  await lockCustomer(ctx, invoice.customer_id);
  await ctx.guard({ kind: "invoice", row: invoice });
  if (invoice.kind !== "invoice" || invoice.status !== "finalized") {
    throw unprocessable("invoice_not_open", "only an issued invoice takes payments", {
      id: invoiceId,
    });
  }
  const [open] = await invoiceDues(ctx, invoice.customer_id, { ids: [invoice.id] });
  const due = open?.due ?? 0n;
  const amount = input.amount
    ? fromDecimalString(input.amount, invoice.currency, "amount").amount
    : due;
  if (amount <= 0n) {
    throw unprocessable(
      input.amount ? "invalid_amount" : "invoice_settled",
      input.amount ? "a payment is more than zero" : "the invoice owes nothing",
      { field: "amount" },
    );
  }
  const sources = await sourcesToCharge(ctx, invoice.customer_id, input.payment_source_id);
  return charge(ctx, invoice.customer_id, sources, amount, invoice.currency, [
    { invoiceId: invoice.id, due },
  ]);
}

// ---- authorizations -------------------------------------------------------------------------------

/**
 * Holds `amount` on the customer's payment source (Chargebee's authorization payment): the
 * source named, else the primary and then the backup. The hold lasts
 * {@link AUTHORIZATION_HOLD_DAYS} days at the test gateway; until captured it pays nothing.
 */
export async function authorizePayment(
  ctx: Ctx,
  customerId: string,
  input: Static<typeof AuthorizePaymentInput>,
): Promise<Payment> {
  assertCurrency(input.currency);
  await customerForChange(ctx, customerId);
  const amount = fromDecimalString(input.amount, input.currency, "amount").amount;
  if (amount <= 0n) {
    throw unprocessable("invalid_amount", "an authorization is more than zero", {
      field: "amount",
    });
  }
  const sources = await sourcesToCharge(ctx, customerId, input.payment_source_id);
  return charge(ctx, customerId, sources, amount, input.currency, [], true);
}

/** An authorization of the tenant, its customer locked; refused when it is not held any more. */
async function heldAuthorization(ctx: Ctx, id: string) {
  const unlocked = await loadPayment(ctx, id);
  await lockCustomer(ctx, unlocked.customer_id);
  await ctx.guard({ kind: "payment", id });
  const row = await loadPayment(ctx, id, true);
  if (row.status !== "authorized") {
    throw unprocessable(
      "payment_not_authorized",
      `payment ${id} is ${row.status}, not an authorization still held`,
      { id, status: row.status },
    );
  }
  return row;
}

const expired = (ctx: Ctx, row: { authorized_until: Date | null }) =>
  row.authorized_until !== null && nowDate(ctx).getTime() > row.authorized_until.getTime();

/**
 * Captures a held authorization: it becomes a succeeded payment of its whole amount, applied
 * to the invoices named (in order) or every open one, oldest first; what is left is the
 * customer's credit.
 */
export async function captureAuthorization(
  ctx: Ctx,
  id: string,
  input: Static<typeof CaptureInput>,
): Promise<Payment> {
  const row = await heldAuthorization(ctx, id);
  if (expired(ctx, row)) {
    throw unprocessable(
      "authorization_expired",
      `the gateway let the hold of payment ${id} go at ${row.authorized_until!.toISOString()}`,
      { id },
    );
  }
  const open = await invoiceDues(
    ctx,
    row.customer_id,
    input.invoice_ids ? { ids: input.invoice_ids } : { currency: row.currency },
  );
  const byId = new Map(open.map((d) => [d.id, d]));
  const dues = (input.invoice_ids ?? open.map((d) => d.id)).map((invoiceId, i) => {
    const due = byId.get(invoiceId);
    if (!due || due.currency !== row.currency) {
      throw unprocessable(
        due ? "currency_mismatch" : "unknown_invoice",
        due
          ? `invoice ${invoiceId} is in ${due.currency}`
          : `no issued invoice ${invoiceId} of this customer`,
        { field: `invoice_ids.${i}` },
      );
    }
    return { invoiceId, due: due.due };
  });
  const { allocations } = applyPayment(BigInt(row.amount), dues);
  const captured = await (await gatewayOfPayment(ctx, row)).capture({
    chargeReference: row.gateway_reference ?? row.id,
    amount: BigInt(row.amount),
    idempotencyKey: gatewayIdempotencyKey(ctx, "capture", row.id),
  });
  if (captured.status !== "succeeded") {
    throw unprocessable(
      "gateway_capture_refused",
      `the gateway did not capture payment ${id}: ${"message" in captured ? captured.message : captured.status}`,
      { id, status: captured.status },
    );
  }
  await settleAuthorization(ctx.db, ctx.tenantId, id, "succeeded", allocations);
  return announce(ctx, await view(ctx, await loadPayment(ctx, id)), "payment.succeeded");
}

/** The adapter of the gateway account holding the source a payment was charged through. */
async function gatewayOfPayment(ctx: Ctx, row: { payment_source_id: string | null }) {
  const source = row.payment_source_id
    ? await findSourceById(ctx.db, ctx.tenantId, row.payment_source_id)
    : undefined;
  return adapterFor(source ? await accountOfSource(ctx, source) : null);
}

async function release(ctx: Ctx, id: string, reason: string): Promise<Payment> {
  const before = await view(ctx, await loadPayment(ctx, id));
  await settleAuthorization(ctx.db, ctx.tenantId, id, "voided", []);
  const after = await view(ctx, await loadPayment(ctx, id));
  ctx.audit({ targetType: "payment", targetId: id, before, after });
  await ctx.emit({
    type: "payment.voided",
    subjectType: "customer",
    subjectId: after.customer_id,
    payload: { ...after, reason },
  });
  return after;
}

/** Lets a held authorization go (Chargebee's cancel an authorization payment). */
export async function voidAuthorization(ctx: Ctx, id: string): Promise<Payment> {
  const row = await heldAuthorization(ctx, id);
  await (await gatewayOfPayment(ctx, row)).release({
    chargeReference: row.gateway_reference ?? row.id,
    idempotencyKey: gatewayIdempotencyKey(ctx, "release", row.id),
  });
  return release(ctx, id, "voided");
}

/**
 * Reads a payment's state from its gateway (Chargebee's sync_transaction). The test gateway
 * changes one thing on its own: an authorization whose hold ran out is voided. Other payments
 * answer as they are.
 */
export async function syncPayment(ctx: Ctx, id: string): Promise<Payment> {
  const unlocked = await loadPayment(ctx, id);
  await lockCustomer(ctx, unlocked.customer_id);
  await ctx.guard({ kind: "payment", id });
  const row = await loadPayment(ctx, id, true);
  if (row.status === "authorized" && expired(ctx, row)) return release(ctx, id, "expired");
  if (row.status === "pending") return settleWithGateway(ctx, row);
  if (row.status === "requires_action") return settleActionWithGateway(ctx, row);
  return view(ctx, row);
}

/**
 * Asks the gateway how a payment that required the customer's action went (the customer
 * authenticated it, or failed to), and settles it so; one still waiting answers as it is.
 */
async function settleActionWithGateway(
  ctx: Ctx,
  row: Awaited<ReturnType<typeof loadPayment>>,
): Promise<Payment> {
  const gateway = await gatewayOfPayment(ctx, row);
  if (!gateway.actionOutcome) return view(ctx, row);
  const verdict = await gateway.actionOutcome({
    chargeReference: row.gateway_reference ?? row.id,
  });
  return settlePayment(
    ctx,
    row,
    verdict.status,
    verdict.status === "failed" ? { code: verdict.code, message: verdict.message } : undefined,
  );
}

/** The address the customer's browser comes back to after authenticating a payment. */
export type ReturnUrlOf = (payment: { id: string; customer_id: string }) => Promise<string>;

/**
 * The customer, present now, confirms a payment their bank asks them to authenticate: the
 * gateway confirms the charge again with its source and the address the customer comes back
 * to (`returnUrl`). Answers where to send the customer (`redirect_url`, the bank's
 * authentication), or, when the gateway settled the charge at once, the payment settled so.
 * A payment of another customer is not found; one that no longer waits answers as it is. One
 * past the tenant's `authentication_expiry_hours` that the worker has not expired yet is
 * expired here as the worker would ({@link expireWaitingPayment}) and answered failed
 * (`authentication_expired`): the customer cannot complete it any more.
 */
export async function confirmPaymentAction(
  ctx: Ctx,
  customerId: string,
  paymentId: string,
  returnUrl: ReturnUrlOf,
  onRefused?: OnCancelRefused,
): Promise<{ payment: Payment; redirect_url: string | null }> {
  await lockCustomer(ctx, customerId);
  // a payment that is not there is answered as one of another customer: not found
  const row = await loadPayment(ctx, paymentId, true).catch((error: unknown) => {
    if (isAccrueError(error) && error.code === "payment_not_found") return undefined;
    throw error;
  });
  if (!row || row.customer_id !== customerId || row.kind !== "payment") {
    throw notFound("payment_not_found", `no payment ${paymentId}`, { id: paymentId });
  }
  if (row.status !== "requires_action")
    return { payment: await view(ctx, row), redirect_url: null };
  // past its window and not expired by the worker yet: expired now, as the worker would
  const hours = await findAuthenticationExpiryHours(ctx.db, ctx.tenantId);
  if (pastAuthentication(ctx, row, hours)) {
    return { payment: await expireAction(ctx, row, hours, onRefused), redirect_url: null };
  }
  const source = row.payment_source_id
    ? await findSourceById(ctx.db, ctx.tenantId, row.payment_source_id)
    : undefined;
  const gateway = await gatewayOfPayment(ctx, row);
  if (!source?.gateway_reference || !gateway.confirmAction) {
    throw unprocessable(
      "payment_action_not_supported",
      `payment ${paymentId} cannot be confirmed through its gateway`,
      { id: paymentId },
    );
  }
  const answer = await gateway.confirmAction({
    chargeReference: row.gateway_reference ?? row.id,
    sourceReference: source.gateway_reference,
    returnUrl: await returnUrl(row),
    idempotencyKey: gatewayIdempotencyKey(ctx, "confirm", row.id),
  });
  if (answer.status === "redirect") {
    return { payment: await view(ctx, row), redirect_url: answer.url };
  }
  const settled = await settlePayment(
    ctx,
    row,
    answer.status,
    answer.status === "failed" ? { code: answer.code, message: answer.message } : undefined,
  );
  return { payment: settled, redirect_url: null };
}

/** The customer's payments waiting for the customer to authenticate them, oldest first. */
export async function paymentsToConfirm(ctx: Ctx, customerId: string): Promise<Payment[]> {
  const rows = await paymentsAwaitingCustomer(ctx.db, ctx.tenantId, customerId);
  const shown: Payment[] = [];
  for (const row of rows) shown.push(await view(ctx, row));
  return shown;
}

/**
 * The customer came back from authenticating a payment: the gateway tells how it went, and
 * the payment is settled so (succeeded: applied to the open invoices; failed: counted by
 * dunning). One settled already (the gateway's event came first) answers as it is: settled
 * once whichever arrives first, both under the customer's lock. One still waiting past the
 * tenant's `authentication_expiry_hours` that the worker has not expired yet is expired here
 * as the worker and the confirmation would ({@link expireWaitingPayment}: cancelled at the
 * gateway under the same key), and answered failed (`authentication_expired`).
 */
export async function completePaymentAction(
  ctx: Ctx,
  paymentId: string,
  onRefused?: OnCancelRefused,
): Promise<Payment> {
  const unlocked = await loadPayment(ctx, paymentId);
  await lockCustomer(ctx, unlocked.customer_id);
  const row = await loadPayment(ctx, paymentId, true);
  if (row.status !== "requires_action") return view(ctx, row);
  // past its window and not expired by the worker yet: expired now, as the worker would
  const hours = await findAuthenticationExpiryHours(ctx.db, ctx.tenantId);
  if (pastAuthentication(ctx, row, hours)) return expireAction(ctx, row, hours, onRefused);
  return settleActionWithGateway(ctx, row);
}

/**
 * Expires a payment that waited for the customer's authentication longer than the tenant
 * allows (`hours`, on the tenant's clock from when it was charged): the gateway cancels the
 * charge so the customer can no longer complete it, and the payment is recorded failed
 * (`authentication_expired`, `payment.failed`), which collection and dunning treat as any
 * failed charge. When the gateway answers that the charge settled first (the customer
 * authenticated at the last moment), it is settled so instead. Answers the payment, or null
 * when it no longer waits (settled by the customer's return or the gateway's event, both
 * under the same customer lock) or is not due yet. A gateway that gives no answer throws:
 * nothing is recorded, and the next run tries again.
 */
export async function expireWaitingPayment(
  ctx: Ctx,
  paymentId: string,
  hours: number,
  onRefused?: OnCancelRefused,
): Promise<Payment | null> {
  const unlocked = await loadPayment(ctx, paymentId);
  await lockCustomer(ctx, unlocked.customer_id);
  const row = await loadPayment(ctx, paymentId, true);
  if (row.status !== "requires_action" || !pastAuthentication(ctx, row, hours)) return null;
  return expireAction(ctx, row, hours, onRefused);
}

/**
 * Told when the gateway refused for good to cancel a payment that is expired (an invalid
 * request): the payment is failed all the same, and the charge may still wait at the gateway,
 * so the caller logs it for someone to cancel it there.
 */
export type OnCancelRefused = (refusal: {
  paymentId: string;
  reference: string;
  code: string;
  message: string;
}) => void;

/**
 * The request id a payment's expiry runs under in the worker; the gateway's cancellation is
 * keyed by it and the payment (`expire_<payment id>_<payment id>`) whoever expires the
 * payment, so the worker and the customer's confirmation ask the gateway under one key.
 */
export const paymentExpiryRequestId = (paymentId: string): string => `expire_${paymentId}`;

/** Whether a payment waiting for the customer's authentication is past the tenant's window. */
const pastAuthentication = (ctx: Ctx, row: { received_at: Date }, hours: number): boolean =>
  row.received_at.getTime() + hours * 3_600_000 <= nowDate(ctx).getTime();

/**
 * Expires a locked payment that waits for the customer's authentication past its window:
 * cancelled at the gateway and recorded failed, or, when the gateway says it settled first,
 * recorded as it settled.
 */
async function expireAction(
  ctx: Ctx,
  row: Awaited<ReturnType<typeof loadPayment>>,
  hours: number,
  onRefused?: OnCancelRefused,
): Promise<Payment> {
  const waited = `the customer did not authenticate the payment within ${hours} hours`;
  const expiry = (why: string) => ({
    code: "authentication_expired",
    message: `${waited}; ${why}`,
  });
  const gateway = await gatewayOfPayment(ctx, row);
  const verdict = gateway.cancelAction
    ? await gateway.cancelAction({
        chargeReference: row.gateway_reference ?? row.id,
        idempotencyKey: `${paymentExpiryRequestId(row.id)}_${row.id}`,
      })
    : undefined;
  if (verdict === undefined || verdict.status === "failed") {
    return settlePayment(ctx, row, "failed", expiry("it was cancelled"));
  }
  if (verdict.status === "missing") {
    // nothing can be taken through a charge the gateway does not know
    return settlePayment(ctx, row, "failed", expiry(`${verdict.message}; nothing can be taken`));
  }
  if (verdict.status === "refused") {
    // final: asking again would be refused again; the payment fails here all the same
    onRefused?.({ paymentId: row.id, ...verdict });
    return settlePayment(
      ctx,
      row,
      "failed",
      expiry(`the gateway refused to cancel it (${verdict.code}: ${verdict.message})`),
    );
  }
  // settled at the gateway first (or, as it reads, still on its way): recorded as it stands
  return settlePayment(ctx, row, verdict.status);
}

/** How the gateway says a payment's charge stands now (read from the gateway). */
export async function chargeStatusAtGateway(
  ctx: Ctx,
  row: Awaited<ReturnType<typeof loadPayment>>,
): Promise<ChargeStatus> {
  return (await gatewayOfPayment(ctx, row)).fetchStatus({
    chargeReference: row.gateway_reference ?? row.id,
  });
}

/**
 * Asks the gateway how a pending payment went, and settles it so ({@link settlePayment}).
 */
async function settleWithGateway(
  ctx: Ctx,
  row: Awaited<ReturnType<typeof loadPayment>>,
): Promise<Payment> {
  const status = await (await gatewayOfPayment(ctx, row)).fetchStatus({
    chargeReference: row.gateway_reference ?? row.id,
  });
  return settlePayment(ctx, row, status);
}

/**
 * Settles a pending payment, or one that required the customer's action (its customer
 * locked), as the gateway tells, by a sync, the customer's return or the gateway's event: succeeded, it is applied to the customer's open invoices in its currency, oldest
 * first (what is left is credit); failed, it changes no balance (`failure`: the gateway's
 * reason, when it gave one). Succeeded at the gateway after Accrue recorded it failed (a
 * cancel the gateway refused, then the customer paid), the money is recorded all the same:
 * the failure is cleared and the payment applied as any that succeeded. Pending when it
 * required the customer's action, it becomes
 * pending (`payment.pending`); still pending otherwise (or unknown), it answers as it is.
 */
export async function settlePayment(
  ctx: Ctx,
  row: Awaited<ReturnType<typeof loadPayment>>,
  status: ChargeStatus,
  failure?: { code: string; message: string },
): Promise<Payment> {
  if (status === "succeeded") {
    const dues = (await invoiceDues(ctx, row.customer_id, { currency: row.currency }))
      .filter((d) => d.due > 0n)
      .map((d) => ({ invoiceId: d.id, due: d.due }));
    const { allocations } = applyPayment(BigInt(row.amount), dues);
    await settlePending(ctx.db, ctx.tenantId, row.id, {
      status: "succeeded",
      allocations,
      afterFailure: row.status === "failed",
    });
    return announce(ctx, await view(ctx, await loadPayment(ctx, row.id)), "payment.succeeded");
  }
  if (status === "failed") {
    await settlePending(ctx.db, ctx.tenantId, row.id, {
      status: "failed",
      failure: failure ?? {
        code: "gateway_declined",
        message: "the gateway reports the payment failed",
      },
    });
    return announce(ctx, await view(ctx, await loadPayment(ctx, row.id)), "payment.failed");
  }
  if (status === "pending" && row.status === "requires_action") {
    // authenticated and on its way (a charge the gateway decides later): it waits for the
    // gateway's event or a sync as any pending payment, no longer for the customer
    await settlePending(ctx.db, ctx.tenantId, row.id, { status: "pending" });
    return announce(ctx, await view(ctx, await loadPayment(ctx, row.id)), "payment.pending");
  }
  return view(ctx, row);
}

// ---- gateway accounts -----------------------------------------------------------------------------

/** The customer's sources' gateway kind must match the target's to move between accounts. */
function assertSameKind(from: GatewayAccountRow | null, to: GatewayAccountRow) {
  if (kindOf(from) !== to.gateway) {
    throw unprocessable(
      "gateway_kind_mismatch",
      `the source is held by a ${kindOf(from)} gateway; gateway account ${to.id} is ${to.gateway}`,
      { field: "gateway_account_id", from: kindOf(from), to: to.gateway },
    );
  }
}

/**
 * Moves a payment source to another account of the same gateway (Chargebee's
 * switch_gateway_account): the gateway keeps one vault for both, so the source keeps its
 * reference and is charged through the new account from now on.
 */
export async function switchSourceGatewayAccount(
  ctx: Ctx,
  customerId: string,
  id: string,
  input: Static<typeof GatewayAccountTarget>,
): Promise<PaymentSource> {
  const customer = await customerForChange(ctx, customerId);
  const row = await loadSource(ctx, customerId, id);
  const target = await targetAccount(ctx, customer, input.gateway_account_id);
  assertSameKind(await accountOfSource(ctx, row), target);
  const on = today(ctx);
  if (row.gateway_account_id === target.id) return toPaymentSource(row, on);
  const updated = await updatePaymentSource(ctx.db, ctx.tenantId, row.id, {
    gateway_account_id: target.id,
    updated_at: nowDate(ctx),
  });
  const after = toPaymentSource(updated, on);
  await announceSource(
    ctx,
    "payment_source.gateway_account_switched",
    toPaymentSource(row, on),
    after,
  );
  return after;
}

/** Where the customer's new payment sources go (Chargebee: the customer's gateway). */
export async function getCustomerGateway(ctx: Ctx, customerId: string): Promise<CustomerGateway> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  if (!customer) {
    throw notFound("customer_not_found", `no customer ${customerId}`, { id: customerId });
  }
  return (await resolveCustomerGateway(ctx, customer)).view;
}

/**
 * Switches the customer to a gateway account of its business entity (Chargebee's switch
 * gateway for a customer): its new payment sources are kept there, and charged through it.
 * Sources it has stay where they are (switch_gateway_account moves one).
 */
export async function switchCustomerGateway(
  ctx: Ctx,
  customerId: string,
  input: Static<typeof GatewayAccountTarget>,
): Promise<CustomerGateway> {
  const customer = await customerForChange(ctx, customerId);
  const target = await targetAccount(ctx, customer, input.gateway_account_id);
  // a customer switched to an account Accrue cannot reach could get no new source
  adapterFor(target);
  const before = (await resolveCustomerGateway(ctx, customer)).view;
  await setCustomerGatewayAccount(ctx.db, ctx.tenantId, customerId, target.id, nowDate(ctx));
  const after = (await resolveCustomerGateway(ctx, customer)).view;
  ctx.audit({ targetType: "customer_gateway_account", targetId: customerId, before, after });
  return after;
}

/**
 * Copies a card to another gateway account (Chargebee's copy card / export payment source):
 * the customer gets a second source, without a role, holding the target account's own
 * reference of the same card. Only where the card's gateway can hand its cards to the
 * target's kind.
 */
export async function copyCardToGatewayAccount(
  ctx: Ctx,
  customerId: string,
  id: string,
  input: Static<typeof GatewayAccountTarget>,
): Promise<PaymentSource> {
  const customer = await customerForChange(ctx, customerId);
  const row = await loadSource(ctx, customerId, id);
  if (row.type !== "card") {
    throw unprocessable("payment_source_not_card", `payment source ${id} is not a card`, { id });
  }
  const target = await targetAccount(ctx, customer, input.gateway_account_id);
  if (row.gateway_account_id === target.id) {
    throw unprocessable(
      "same_gateway_account",
      `payment source ${id} is held by gateway account ${target.id} already`,
      { field: "gateway_account_id" },
    );
  }
  const from = await accountOfSource(ctx, row);
  const gateway = adapterFor(from);
  if (!gateway.canCopyCardTo(target.gateway)) {
    throw unprocessable(
      "card_copy_not_supported",
      `a ${kindOf(from)} gateway cannot copy its cards to a ${target.gateway} account`,
      { field: "gateway_account_id", from: kindOf(from), to: target.gateway },
    );
  }
  const copyId = newId("paymentSource");
  const copy = await gateway.copyCard({ reference: row.gateway_reference, nonce: copyId.slice(4) });
  const now = nowDate(ctx);
  const inserted = await insertPaymentSource(ctx.db, {
    id: copyId,
    tenant_id: ctx.tenantId,
    customer_id: customerId,
    type: "card",
    gateway: row.gateway,
    gateway_account_id: target.id,
    gateway_customer_reference: row.gateway_customer_reference,
    gateway_reference: copy.reference,
    role: "none",
    card_brand: row.card_brand,
    card_last4: row.card_last4,
    card_exp_month: row.card_exp_month,
    card_exp_year: row.card_exp_year,
    created_at: now,
    updated_at: now,
  });
  const source = toPaymentSource(inserted, today(ctx));
  await announceSource(ctx, "payment_source.added", null, source);
  return source;
}
