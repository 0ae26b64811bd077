/**
 * Promotional credits: a ledger per customer and currency. Credits are added, deducted (never
 * below zero) or set by hand, and applied to the customer's invoices in that currency when
 * they are issued, up to what each owes. Each entry records the balance after it; a balance is
 * the sum of the entries.
 *
 * Every change of one customer's credits runs under the customer's row lock (the lock payments
 * take too), so concurrent changes see each other and no update is lost.
 */
import type { Static } from "typebox";
import { notFound, unprocessable } from "../../domain/errors.js";
import type { EventType } from "../../domain/events.js";
import { assertCurrency } from "../../domain/money/currency.js";
import { fromDecimalString, money, toDecimalString } from "../../domain/money/money.js";
import { newId } from "../../lib/ids.js";
import { type Ctx, nowDate } from "../context.js";
import { findCustomer } from "../customers/index.js";
import { fetchPage } from "../pagination.js";
import {
  balanceIn,
  balancesOf,
  type CreditEntryRow,
  insertEntries,
  listEntryRows,
  type NewCreditEntry,
} from "./credits.repository.js";
import type {
  PromotionalCreditEntrySchema,
  PromotionalCreditsChangeSchema,
  PromotionalCreditsSchema,
} from "./credits.schemas.js";

/** A ledger entry as answered; PromotionalCreditEntrySchema defines it. */
export type PromotionalCreditEntry = Static<typeof PromotionalCreditEntrySchema>;
/** The answer of a change; PromotionalCreditsChangeSchema defines it. */
export type PromotionalCreditsChange = Static<typeof PromotionalCreditsChangeSchema>;
/** A customer's balances and a page of its ledger; PromotionalCreditsSchema defines it. */
export type PromotionalCredits = Static<typeof PromotionalCreditsSchema>;

const dec = (amount: bigint, currency: string) => toDecimalString(money(amount, currency));

function toEntry(e: CreditEntryRow): PromotionalCreditEntry {
  return {
    id: e.id,
    customer_id: e.customer_id,
    currency: e.currency,
    kind: e.kind,
    amount: dec(BigInt(e.amount), e.currency),
    balance_after: dec(BigInt(e.balance_after), e.currency),
    description: e.description,
    reference: e.reference,
    created_at: e.created_at.toISOString(),
  };
}

const rowOf = (e: NewCreditEntry): CreditEntryRow => ({
  id: e.id,
  tenant_id: e.tenantId,
  customer_id: e.customerId,
  currency: e.currency,
  kind: e.kind,
  amount: String(e.amount),
  balance_after: String(e.balanceAfter),
  description: e.description,
  reference: e.reference,
  created_at: e.createdAt,
});

// ---- changes by hand ----------------------------------------------------------------------------

export type PromotionalCreditsInput = {
  amount: string;
  currency: string;
  description: string;
  reference?: string | undefined;
};

type Change = "add" | "deduct" | "set";

const EVENTS: Record<Change, EventType> = {
  add: "promotional_credits.added",
  deduct: "promotional_credits.deducted",
  set: "promotional_credits.set",
};

async function change(
  ctx: Ctx,
  kind: Change,
  customerId: string,
  input: PromotionalCreditsInput,
): Promise<PromotionalCreditsChange> {
  assertCurrency(input.currency);
  const amount = fromDecimalString(input.amount, input.currency, "amount").amount;
  if (kind === "set" ? amount < 0n : amount <= 0n) {
    throw unprocessable(
      "invalid_amount",
      kind === "set" ? "a balance is zero or more" : `credits to ${kind} are more than zero`,
      { field: "amount" },
    );
  }
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId, { forUpdate: true });
  if (!customer) {
    throw notFound("customer_not_found", `no customer ${customerId}`, { id: customerId });
  }
  await ctx.guard({ kind: "customer", row: customer });
  const before = await balanceIn(ctx.db, ctx.tenantId, customer.id, input.currency);
  const delta = kind === "add" ? amount : kind === "deduct" ? -amount : amount - before;
  if (before + delta < 0n) {
    throw unprocessable(
      "insufficient_promotional_credits",
      `the customer has ${dec(before, input.currency)} ${input.currency} of promotional credits`,
      { field: "amount", balance: dec(before, input.currency) },
    );
  }
  const entry: NewCreditEntry = {
    id: newId("promotionalCredit"),
    tenantId: ctx.tenantId,
    customerId: customer.id,
    currency: input.currency,
    kind,
    amount: delta,
    balanceAfter: before + delta,
    description: input.description,
    reference: input.reference ?? null,
    createdAt: nowDate(ctx),
  };
  await insertEntries(ctx.db, [entry]);
  const result: PromotionalCreditsChange = {
    customer_id: customer.id,
    currency: input.currency,
    balance: dec(before + delta, input.currency),
    entry: toEntry(rowOf(entry)),
  };
  ctx.audit({
    targetType: "customer",
    targetId: customer.id,
    before: {
      promotional_credits: { currency: input.currency, balance: dec(before, input.currency) },
    },
    after: { promotional_credits: result },
  });
  await ctx.emit({
    type: EVENTS[kind],
    subjectType: "customer",
    subjectId: customer.id,
    payload: result,
  });
  return result;
}

/** Adds credits to the customer's balance in the currency. */
export function addPromotionalCredits(
  ctx: Ctx,
  customerId: string,
  input: PromotionalCreditsInput,
) {
  return change(ctx, "add", customerId, input);
}

/** Deducts credits from the customer's balance; more than the balance is refused. */
export function deductPromotionalCredits(
  ctx: Ctx,
  customerId: string,
  input: PromotionalCreditsInput,
) {
  return change(ctx, "deduct", customerId, input);
}

/** Sets the customer's balance in the currency; the entry records the difference. */
export function setPromotionalCredits(
  ctx: Ctx,
  customerId: string,
  input: PromotionalCreditsInput,
) {
  return change(ctx, "set", customerId, input);
}

/** The customer's balances per currency and a page of its ledger, newest entry first. */
export async function listPromotionalCredits(
  ctx: Ctx,
  customerId: string,
  query: { limit: number; cursor?: string | undefined; currency?: string | undefined },
): Promise<PromotionalCredits> {
  const customer = await findCustomer(ctx.db, ctx.tenantId, customerId);
  if (!customer) {
    throw notFound("customer_not_found", `no customer ${customerId}`, { id: customerId });
  }
  const balances = await balancesOf(ctx.db, ctx.tenantId, [customer.id]);
  const page = await fetchPage(
    query.limit,
    (n) =>
      listEntryRows(ctx.db, ctx.tenantId, customer.id, {
        limit: n,
        cursor: query.cursor,
        currency: query.currency,
      }),
    toEntry,
  );
  return {
    customer_id: customer.id,
    balances: balances.map((b) => ({ currency: b.currency, balance: dec(b.balance, b.currency) })),
    ...page,
  };
}

// ---- applied to invoices ------------------------------------------------------------------------

/** An invoice being issued, and what it owes that credits may pay. */
export type CreditClaim = { invoiceId: string; customerId: string; currency: string; due: bigint };

/**
 * Applies the customers' credits to invoices as they are issued, in the order given, each up
 * to what it owes, and records an `applied` entry per invoice that took some. Answers what
 * was applied per invoice id (absent: nothing). When none of the customers has credits in an
 * invoice's currency this is one read; otherwise the customers with credits are locked in id
 * order and their balances read again under the locks. Call it before the document numbers
 * are reserved, so a customer's lock is always taken before the counters'.
 */
export async function applyPromotionalCredits(
  ctx: Ctx,
  claims: readonly CreditClaim[],
): Promise<Map<string, bigint>> {
  const applied = new Map<string, bigint>();
  const owing = claims.filter((c) => c.due > 0n);
  if (owing.length === 0) return applied;
  const key = (customerId: string, currency: string) => `${customerId} ${currency}`;
  const wanted = new Set(owing.map((c) => key(c.customerId, c.currency)));
  const found = await balancesOf(
    ctx.db,
    ctx.tenantId,
    [...new Set(owing.map((c) => c.customerId))],
    {
      positive: true,
    },
  );
  const holders = [
    ...new Set(
      found.filter((b) => wanted.has(key(b.customerId, b.currency))).map((b) => b.customerId),
    ),
  ].sort();
  if (holders.length === 0) return applied;
  for (const id of holders) await findCustomer(ctx.db, ctx.tenantId, id, { forUpdate: true });
  const balances = new Map(
    (await balancesOf(ctx.db, ctx.tenantId, holders, { positive: true })).map((b) => [
      key(b.customerId, b.currency),
      b.balance,
    ]),
  );
  const createdAt = nowDate(ctx);
  const entries: NewCreditEntry[] = [];
  for (const claim of owing) {
    const k = key(claim.customerId, claim.currency);
    const balance = balances.get(k) ?? 0n;
    if (balance <= 0n) continue;
    const amount = balance < claim.due ? balance : claim.due;
    balances.set(k, balance - amount);
    applied.set(claim.invoiceId, amount);
    entries.push({
      id: newId("promotionalCredit"),
      tenantId: ctx.tenantId,
      customerId: claim.customerId,
      currency: claim.currency,
      kind: "applied",
      amount: -amount,
      balanceAfter: balance - amount,
      description: "Applied to an invoice when it was issued",
      reference: claim.invoiceId,
      createdAt,
    });
  }
  await insertEntries(ctx.db, entries);
  return applied;
}

/**
 * Moves a merged customer's promotional credits to the customer it was merged into: per
 * currency, a `deduct` entry empties `from` and an `add` entry credits `to`, both naming the
 * other. Both customers are locked by the caller. Answers the currencies moved.
 */
export async function mergePromotionalCredits(
  ctx: Ctx,
  from: string,
  to: string,
): Promise<string[]> {
  const balances = await balancesOf(ctx.db, ctx.tenantId, [from], { positive: true });
  const now = nowDate(ctx);
  const entries: NewCreditEntry[] = [];
  for (const b of balances) {
    const target = await balanceIn(ctx.db, ctx.tenantId, to, b.currency);
    const common = { tenantId: ctx.tenantId, currency: b.currency, createdAt: now };
    entries.push(
      {
        ...common,
        id: newId("promotionalCredit"),
        customerId: from,
        kind: "deduct",
        amount: -b.balance,
        balanceAfter: 0n,
        description: `Merged into customer ${to}`,
        reference: to,
      },
      {
        ...common,
        id: newId("promotionalCredit"),
        customerId: to,
        kind: "add",
        amount: b.balance,
        balanceAfter: target + b.balance,
        description: `Merged from customer ${from}`,
        reference: from,
      },
    );
  }
  await insertEntries(ctx.db, entries);
  return balances.map((b) => b.currency);
}
