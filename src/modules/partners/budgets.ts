/**
 * Customer budgets, frozen customers at the door of ordering, and bill summaries.
 *
 * A budget caps what a customer's documents (invoices less credit notes, not void) add up to
 * in its currency: per calendar month (UTC) for a monthly budget, since it was set for a
 * package budget. An order whose first settlement would take the customer past its budget
 * is refused (`budget_exceeded`); one that takes it past the alert threshold emits
 * `budget.threshold_crossed`, once per budget period.
 */
import { conflict, unprocessable } from "../../domain/errors.js";
import { fromDecimalString, money, toDecimalString } from "../../domain/money/index.js";
import { type Ctx, nowDate } from "../context.js";
import {
  type BudgetRow,
  documentsTotalSince,
  findBudget,
  markBudgetAlerted,
  type PartnerRow,
  partnerCustomerCountsByCurrency,
  partnerDocumentTotals,
  upsertBudget,
} from "./partners.repository.js";
import { partnerCustomer } from "./partners.service.js";

export type Budget = {
  customer_id: string;
  type: "monthly" | "package";
  currency: string;
  amount: string;
  used_amount: string;
  remaining_amount: string;
  alert_threshold_percent: number;
  /** The month a monthly budget is counting ("2026-03"); null for a package budget. */
  period: string | null;
  updated_at: string;
};

/** The budget period as of now and its first day. */
function periodOf(ctx: Ctx, budget: BudgetRow): { key: string; from: string } {
  if (budget.type === "package") {
    return { key: "package", from: budget.created_at.toISOString().slice(0, 10) };
  }
  const month = nowDate(ctx).toISOString().slice(0, 7);
  return { key: month, from: `${month}-01` };
}

async function toBudget(ctx: Ctx, row: BudgetRow): Promise<Budget> {
  const period = periodOf(ctx, row);
  const used = await documentsTotalSince(
    ctx.db,
    ctx.tenantId,
    row.customer_id,
    row.currency,
    period.from,
  );
  const amount = BigInt(row.amount);
  const remaining = amount > used ? amount - used : 0n;
  return {
    customer_id: row.customer_id,
    type: row.type,
    currency: row.currency,
    amount: toDecimalString(money(amount, row.currency)),
    used_amount: toDecimalString(money(used, row.currency)),
    remaining_amount: toDecimalString(money(remaining, row.currency)),
    alert_threshold_percent: row.alert_threshold_percent,
    period: row.type === "monthly" ? period.key : null,
    updated_at: row.updated_at.toISOString(),
  };
}

export async function getBudget(
  ctx: Ctx,
  partner: PartnerRow,
  customerId: string,
): Promise<Budget> {
  await partnerCustomer(ctx, partner, customerId);
  const row = await findBudget(ctx.db, ctx.tenantId, customerId);
  if (!row) {
    throw unprocessable("budget_not_set", `customer ${customerId} has no budget`, {
      id: customerId,
    });
  }
  return toBudget(ctx, row);
}

export type BudgetInput = {
  amount: string;
  currency: string;
  type?: "monthly" | "package" | undefined;
  alert_threshold_percent?: number | undefined;
};

/** Sets (or replaces) a customer's budget. A new amount or period re-arms the alert. */
export async function setBudget(
  ctx: Ctx,
  partner: PartnerRow,
  customerId: string,
  input: BudgetInput,
): Promise<Budget> {
  await partnerCustomer(ctx, partner, customerId, { forUpdate: true });
  const amount = fromDecimalString(input.amount, input.currency, "amount");
  if (amount.amount <= 0n) {
    throw unprocessable("invalid_budget_amount", "a budget is more than zero", {
      field: "amount",
    });
  }
  const beforeRow = await findBudget(ctx.db, ctx.tenantId, customerId, { forUpdate: true });
  const before = beforeRow ? await toBudget(ctx, beforeRow) : undefined;
  const now = nowDate(ctx);
  const type = input.type ?? "monthly";
  const threshold = input.alert_threshold_percent ?? 80;
  const kept = beforeRow && beforeRow.type === type && BigInt(beforeRow.amount) === amount.amount;
  const row = await upsertBudget(
    ctx.db,
    {
      customer_id: customerId,
      tenant_id: ctx.tenantId,
      type,
      currency: amount.currency,
      amount: amount.amount,
      alert_threshold_percent: threshold,
      alerted_period: null,
      created_at: now,
      updated_at: now,
    },
    {
      type,
      currency: amount.currency,
      amount: amount.amount,
      alert_threshold_percent: threshold,
      alerted_period: kept ? beforeRow.alerted_period : null,
      // a package budget counts from when it was (re)set
      ...(type === "package" && !kept ? { created_at: now } : {}),
      updated_at: now,
    },
  );
  const after = await toBudget(ctx, row);
  ctx.audit({ targetType: "customer_budget", targetId: customerId, before, after });
  await ctx.emit({
    type: "budget.updated",
    subjectType: "customer",
    subjectId: customerId,
    payload: after,
  });
  return after;
}

/**
 * The door of ordering for a customer, called when an order is committed or approved:
 * refused while the customer is frozen; with a budget, `preview` prices the order and an
 * order past the budget is refused, one past the alert threshold announced.
 */
export async function admitOrder(
  ctx: Ctx,
  customer: { id: string; frozen_at: Date | null },
  preview: () => Promise<{ currency: string; total_gross: string }>,
): Promise<void> {
  assertNotFrozen(customer);
  const budget = await findBudget(ctx.db, ctx.tenantId, customer.id, { forUpdate: true });
  if (!budget) return;
  const priced = await preview();
  if (priced.currency !== budget.currency) return;
  const period = periodOf(ctx, budget);
  const used = await documentsTotalSince(
    ctx.db,
    ctx.tenantId,
    customer.id,
    budget.currency,
    period.from,
  );
  const order = fromDecimalString(priced.total_gross, priced.currency).amount;
  const limit = BigInt(budget.amount);
  const show = (n: bigint) => toDecimalString(money(n, budget.currency));
  if (used + order > limit) {
    throw unprocessable(
      "budget_exceeded",
      `the order (${show(order)} ${budget.currency}) would take customer ${customer.id} past its budget (${show(limit)}, ${show(used)} used)`,
      {
        customer_id: customer.id,
        currency: budget.currency,
        budget_amount: show(limit),
        used_amount: show(used),
        order_amount: show(order),
      },
    );
  }
  const threshold = (limit * BigInt(budget.alert_threshold_percent)) / 100n;
  if (used + order >= threshold && budget.alerted_period !== period.key) {
    await markBudgetAlerted(ctx.db, customer.id, period.key);
    await ctx.emit({
      type: "budget.threshold_crossed",
      subjectType: "customer",
      subjectId: customer.id,
      payload: {
        customer_id: customer.id,
        currency: budget.currency,
        budget_amount: show(limit),
        used_amount: show(used),
        projected_amount: show(used + order),
        alert_threshold_percent: budget.alert_threshold_percent,
        period: budget.type === "monthly" ? period.key : null,
      },
    });
  }
}

/** Refuses anything a frozen customer would start (orders, self-service). */
export function assertNotFrozen(customer: { id: string; frozen_at: Date | null }): void {
  if (customer.frozen_at) {
    throw conflict("customer_frozen", `customer ${customer.id} is frozen by its partner`, {
      customer_id: customer.id,
    });
  }
}

// ---- bill summary -------------------------------------------------------------------------

export type BillSummary = {
  partner_id: string;
  period: string;
  currencies: {
    currency: string;
    /** Invoices issued in the month (gross). */
    invoiced_amount: string;
    /** Credit notes issued in the month (gross, a positive number). */
    credited_amount: string;
    /** Tax of the invoices less that of the credit notes. */
    tax_amount: string;
    /** invoiced − credited. */
    amount_due: string;
    invoice_count: number;
    credit_note_count: number;
    customer_count: number;
  }[];
};

/** A partner's month: its customers' documents (not void) issued in it, per currency. */
export async function billSummary(
  ctx: Ctx,
  partner: PartnerRow,
  period: string,
): Promise<BillSummary> {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const from = `${period}-01`;
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
  const rows = await partnerDocumentTotals(ctx.db, ctx.tenantId, partner.id, from, next);
  const customers = await partnerCustomerCountsByCurrency(
    ctx.db,
    ctx.tenantId,
    partner.id,
    from,
    next,
  );
  const currencies = [...new Set(rows.map((r) => r.currency))];
  return {
    partner_id: partner.id,
    period,
    currencies: currencies.map((currency) => {
      const of = (kind: string) => rows.find((r) => r.currency === currency && r.kind === kind);
      const inv = of("invoice");
      const crn = of("credit_note");
      const invoiced = BigInt(inv?.gross ?? "0");
      const credited = BigInt(crn?.gross ?? "0");
      const tax = BigInt(inv?.tax ?? "0") - BigInt(crn?.tax ?? "0");
      const show = (n: bigint) => toDecimalString(money(n, currency));
      return {
        currency,
        invoiced_amount: show(invoiced),
        credited_amount: show(credited),
        tax_amount: show(tax),
        amount_due: show(invoiced - credited),
        invoice_count: Number(inv?.n ?? 0),
        credit_note_count: Number(crn?.n ?? 0),
        customer_count: Number(customers.find((c) => c.currency === currency)?.n ?? 0),
      };
    }),
  };
}
