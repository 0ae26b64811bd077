import { type Kysely, type Selectable, sql } from "kysely";
import { instantKey, pastKeyset } from "../../storage/keyset.js";
import type { DB, PaymentsTable } from "../../storage/schema.js";
import {
  creditNoteIdsOf,
  creditNotesTotal,
  finalizedTotal,
  invoicesAsI,
} from "../invoicing/index.js";
import { tenantSettings } from "../tenants/index.js";

export type PaymentRow = Selectable<PaymentsTable>;

/** One payment of the tenant, locked when asked. */
export async function findPayment(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<PaymentRow | undefined> {
  let q = db
    .selectFrom("payments")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The allocations of the payments, by payment and in their order. */
export async function allocationsOf(db: Kysely<DB>, paymentIds: readonly string[]) {
  if (paymentIds.length === 0) return [];
  return db
    .selectFrom("payment_allocations")
    .select(["payment_id", "invoice_id", "amount", "position"])
    .where("payment_id", "in", paymentIds)
    .orderBy("payment_id")
    .orderBy("position")
    .execute();
}

/**
 * The refunds of a payment that hold: a refund that failed at the gateway, or a chargeback
 * the bank reversed, gave nothing back.
 */
export function refundsOf(db: Kysely<DB>, tenantId: string, paymentId: string) {
  return db
    .selectFrom("payments")
    .select(["id", "amount"])
    .where("tenant_id", "=", tenantId)
    .where("refunds_payment_id", "=", paymentId)
    .where("status", "=", "succeeded")
    .execute();
}

/**
 * Marks a succeeded refund undone: `failed` (it did not reach the customer, `failure` says
 * why) or `voided` (a chargeback the bank reversed). Its allocations are left to the caller
 * to net out. Undefined when the refund is not a succeeded one.
 */
export function markRefundUndone(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: { status: "failed" | "voided"; failure: { code: string; message: string } | null },
): Promise<PaymentRow | undefined> {
  return db
    .updateTable("payments")
    .set({
      status: values.status,
      failure_code: values.failure?.code ?? null,
      failure_message: values.failure?.message ?? null,
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("kind", "=", "refund")
    .where("status", "=", "succeeded")
    .returningAll()
    .executeTakeFirst();
}

/**
 * The orders of the payments list: by creation (id), by amount (within each currency: the
 * currency code first, then the amount in minor units, an exact integer) or by the day and
 * time it was received (`received_at`), the id breaking ties.
 */
export type PaymentSort = "created" | "amount" | "received";

/** A listed payment with its receipt time as a keyset value (see `instantKey`). */
export type ListedPayment = PaymentRow & { received_key: string };

/** A page of the tenant's payments in `sort` and `order`, past `cursor` (an id) or `after`. */
/** Which of the tenant's payments a list holds: all of them unless narrowed. */
export type PaymentListFilter = {
  customerId?: string | undefined;
  status?: PaymentRow["status"] | undefined;
  /** Received at or after this instant. */
  receivedFrom?: Date | undefined;
  /** Received before this instant. */
  receivedBefore?: Date | undefined;
};

function filteredPayments(db: Kysely<DB>, tenantId: string, f: PaymentListFilter) {
  let q = db.selectFrom("payments").where("tenant_id", "=", tenantId);
  if (f.customerId) q = q.where("customer_id", "=", f.customerId);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.receivedFrom) q = q.where("received_at", ">=", f.receivedFrom);
  if (f.receivedBefore) q = q.where("received_at", "<", f.receivedBefore);
  return q;
}

/** How many of the tenant's payments the filter holds (one COUNT query). */
export async function countPaymentRows(
  db: Kysely<DB>,
  tenantId: string,
  f: PaymentListFilter,
): Promise<number> {
  const row = await filteredPayments(db, tenantId, f)
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listPaymentRows(
  db: Kysely<DB>,
  tenantId: string,
  query: PaymentListFilter & {
    limit: number;
    cursor?: string | undefined;
    sort?: PaymentSort | undefined;
    order?: "asc" | "desc" | undefined;
    /** Where the previous page of a list by amount or receipt ended: its sort values and id. */
    after?: { values: (string | null)[]; id: string } | undefined;
  },
): Promise<ListedPayment[]> {
  const dir = query.order === "desc" ? "desc" : "asc";
  const after = query.after;
  let q = filteredPayments(db, tenantId, query)
    .selectAll()
    .select(instantKey("received_at").as("received_key"));
  switch (query.sort ?? "created") {
    case "created":
      if (query.cursor) q = q.where("id", dir === "desc" ? "<" : ">", query.cursor);
      break;
    case "amount":
      if (after) {
        q = q.where(
          pastKeyset(
            [sql.ref("currency"), sql.ref("amount")],
            [sql`${after.values[0]}`, sql`${after.values[1]}::bigint`],
            after.id,
            dir,
          ),
        );
      }
      q = q.orderBy("currency", dir).orderBy("amount", dir);
      break;
    case "received":
      if (after) {
        q = q.where(
          pastKeyset(
            [sql.ref("received_at")],
            [sql`${after.values[0]}::timestamptz`],
            after.id,
            dir,
          ),
        );
      }
      q = q.orderBy("received_at", dir);
      break;
  }
  return q.orderBy("id", dir).limit(query.limit).execute();
}

export type NewPayment = {
  id: string;
  tenantId: string;
  customerId: string;
  kind: PaymentRow["kind"];
  method: PaymentRow["method"];
  status: PaymentRow["status"];
  amount: bigint;
  currency: string;
  reference: string | null;
  cardLast4: string | null;
  failure: { code: string; message: string } | null;
  refundsPaymentId: string | null;
  paymentMethod?: string | null | undefined;
  refundsCreditNoteId?: string | null | undefined;
  paymentSourceId?: string | null | undefined;
  authorizedUntil?: Date | null | undefined;
  gatewayReference?: string | null | undefined;
  receivedAt: Date;
  createdAt: Date;
};

/** Writes a payment and its allocations to invoices, in order. */
export async function insertPayment(
  db: Kysely<DB>,
  p: NewPayment,
  allocations: readonly { invoiceId: string; amount: bigint }[],
): Promise<void> {
  await db
    .insertInto("payments")
    .values({
      id: p.id,
      tenant_id: p.tenantId,
      customer_id: p.customerId,
      kind: p.kind,
      method: p.method,
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      reference: p.reference,
      card_last4: p.cardLast4,
      failure_code: p.failure?.code ?? null,
      failure_message: p.failure?.message ?? null,
      refunds_payment_id: p.refundsPaymentId,
      payment_method: p.paymentMethod ?? null,
      refunds_credit_note_id: p.refundsCreditNoteId ?? null,
      payment_source_id: p.paymentSourceId ?? null,
      authorized_until: p.authorizedUntil ?? null,
      gateway_reference: p.gatewayReference ?? null,
      received_at: p.receivedAt,
      created_at: p.createdAt,
    })
    .execute();
  if (allocations.length > 0) {
    await db
      .insertInto("payment_allocations")
      .values(
        allocations.map((a, position) => ({
          tenant_id: p.tenantId,
          payment_id: p.id,
          invoice_id: a.invoiceId,
          amount: a.amount,
          position,
        })),
      )
      .execute();
  }
}

/**
 * Adds allocations to a payment already written, after its last one (positive: applied to an
 * invoice; negative: taken off it again).
 */
export async function appendAllocations(
  db: Kysely<DB>,
  tenantId: string,
  paymentId: string,
  allocations: readonly { invoiceId: string; amount: bigint }[],
): Promise<void> {
  if (allocations.length === 0) return;
  const last = await db
    .selectFrom("payment_allocations")
    .select(({ fn }) => fn.max<number | null>("position").as("position"))
    .where("payment_id", "=", paymentId)
    .executeTakeFirst();
  const next = (last?.position ?? -1) + 1;
  await db
    .insertInto("payment_allocations")
    .values(
      allocations.map((a, i) => ({
        tenant_id: tenantId,
        payment_id: paymentId,
        invoice_id: a.invoiceId,
        amount: a.amount,
        position: next + i,
      })),
    )
    .execute();
}

/**
 * What each payment has on the invoice now: its allocations there plus its refunds' reopenings,
 * per payment (write-offs and withheld tax left out: they are not money), only the ones with something left, oldest payment first.
 */
export async function paymentsOnInvoice(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<{ paymentId: string; amount: bigint }[]> {
  const { rows } = await sql<{ payment_id: string; amount: string }>`
    SELECT coalesce(p.refunds_payment_id, p.id) AS payment_id, sum(a.amount)::text AS amount
    FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
    WHERE a.tenant_id = ${tenantId} AND a.invoice_id = ${invoiceId}
      AND p.method NOT IN ('write_off', 'tax_withheld') AND p.status = 'succeeded'
    GROUP BY 1
    HAVING sum(a.amount) <> 0
    ORDER BY 1`.execute(db);
  return rows.map((r) => ({ paymentId: r.payment_id, amount: BigInt(r.amount) }));
}

// ---- what invoices still owe --------------------------------------------------------------------

/**
 * What invoice `i` still owes: its total, less credit notes for it, the promotional credits
 * applied when it was issued, what payments and write-offs applied, and the credit of other
 * credit notes applied to it; plus the credit its own credit notes gave to other invoices.
 */
export const INVOICE_DUE = sql`(i.total_gross
  + ${creditNotesTotal(sql.ref("i.id"))}
  - i.credits_applied
  - coalesce((SELECT sum(a.amount) FROM payment_allocations a WHERE a.invoice_id = i.id), 0)
  - coalesce((SELECT sum(ca.amount) FROM credit_note_allocations ca WHERE ca.invoice_id = i.id), 0)
  + coalesce((SELECT sum(ca.amount) FROM credit_note_allocations ca
              WHERE ca.credit_note_id IN ${creditNoteIdsOf(sql.ref("i.id"))}), 0))`;

export type OpenInvoice = {
  id: string;
  number: string | null;
  currency: string;
  contract_id: string | null;
  issue_date: string;
  total: bigint;
  due: bigint;
};

/** The customer's issued invoices with what each still owes, oldest first. */
export async function findInvoiceDues(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  options: { currency?: string | undefined; ids?: readonly string[] | undefined } = {},
): Promise<OpenInvoice[]> {
  let q = invoicesAsI(db)
    .select([
      "i.id",
      "i.number",
      "i.currency",
      "i.contract_id",
      "i.issue_date",
      "i.total_gross",
      sql<string>`${INVOICE_DUE}`.as("due"),
    ])
    .where("i.tenant_id", "=", tenantId)
    .where("i.customer_id", "=", customerId)
    .where("i.kind", "=", "invoice")
    .where("i.status", "=", "finalized");
  if (options.currency) q = q.where("i.currency", "=", options.currency);
  if (options.ids) q = q.where("i.id", "in", options.ids.length ? options.ids : [""]);
  const rows = await q.orderBy("i.issue_date").orderBy("i.sequence").orderBy("i.id").execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    currency: r.currency,
    contract_id: r.contract_id,
    issue_date: String(r.issue_date),
    total: BigInt(r.total_gross),
    due: BigInt(r.due),
  }));
}

// ---- balances -----------------------------------------------------------------------------------

/** The customer's succeeded payments, refunds and write-offs, summed per currency and kind. */
export function succeededTotals(db: Kysely<DB>, tenantId: string, customerId: string) {
  return db
    .selectFrom("payments")
    .select(["currency", "kind", "method", sql<string>`sum(amount)`.as("total")])
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("status", "=", "succeeded")
    .groupBy(["currency", "kind", "method"])
    .execute();
}

/**
 * The customer's balance in `currency`: finalized documents (less the promotional credits
 * applied to them) less payments net of refunds and write-offs; positive when the customer owes.
 */
export async function balanceIn(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  currency: string,
): Promise<bigint> {
  const { rows } = await sql<{ balance: string | null }>`
    SELECT
      ${finalizedTotal(tenantId, customerId, currency)}
      - coalesce((SELECT sum(CASE kind WHEN 'refund' THEN -amount ELSE amount END) FROM payments
                  WHERE tenant_id = ${tenantId} AND customer_id = ${customerId}
                    AND currency = ${currency} AND status = 'succeeded'), 0) AS balance`.execute(
    db,
  );
  return BigInt(rows[0]?.balance ?? "0");
}

/** How many payments (refunds and write-offs included) the tenant has. */
export async function countPayments(db: Kysely<DB>, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom("payments")
    .select(({ fn }) => fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What payments and write-offs apply to the invoice: its allocations summed (0 when none). */
export async function amountApplied(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<bigint> {
  const row = await db
    .selectFrom("payment_allocations")
    .select(({ fn }) => fn.sum<string>("amount").as("total"))
    .where("tenant_id", "=", tenantId)
    .where("invoice_id", "=", invoiceId)
    .executeTakeFirst();
  return row?.total ? BigInt(row.total) : 0n;
}

/**
 * What the tenant collected (succeeded payments less refunds) per month of receipt (UTC,
 * `YYYY-MM`) and currency, received from `from` up to and including `to`.
 */
export async function collectedByMonth(
  db: Kysely<DB>,
  tenantId: string,
  from: string,
  to: string,
): Promise<{ month: string; currency: string; total: string }[]> {
  const { rows } = await sql<{ month: string; currency: string; total: string }>`
    SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, currency,
           sum(CASE WHEN kind = 'refund' THEN -amount ELSE amount END)::text AS total
    FROM payments
    WHERE tenant_id = ${tenantId} AND status = 'succeeded' AND kind IN ('payment', 'refund')
      AND method <> 'tax_withheld'
      AND received_at >= ${from}::timestamptz
      AND received_at <= ${to}::timestamptz
    GROUP BY 1, 2
  `.execute(db);
  return rows;
}

/**
 * The tenant's failed payments (charges a gateway refused) per currency, attempted from
 * `from` up to and including `to` (ISO timestamps): how many, and their amount.
 */
export async function failedPaymentsBetween(
  db: Kysely<DB>,
  tenantId: string,
  from: string,
  to: string,
): Promise<{ currency: string; count: string; total: string }[]> {
  const { rows } = await sql<{ currency: string; count: string; total: string }>`
    SELECT currency, count(*)::text AS count, sum(amount)::text AS total
    FROM payments
    WHERE tenant_id = ${tenantId} AND status = 'failed' AND kind = 'payment'
      AND received_at >= ${from}::timestamptz
      AND received_at <= ${to}::timestamptz
    GROUP BY 1
  `.execute(db);
  return rows;
}

/** How many of the tenant's issued invoices still owe something, as a scalar subquery. */
export function openInvoiceCount(db: Kysely<DB>, tenantId: string) {
  return invoicesAsI(db)
    .select(sql<string>`count(*)`.as("n"))
    .where("i.tenant_id", "=", tenantId)
    .where("i.kind", "=", "invoice")
    .where("i.status", "=", "finalized")
    .where(sql<boolean>`${INVOICE_DUE} > 0`);
}

/** Removes a payment and its allocations (which must net to nothing on every invoice). */
export async function deletePayment(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  await db
    .deleteFrom("payment_allocations")
    .where("tenant_id", "=", tenantId)
    .where("payment_id", "=", id)
    .execute();
  await db.deleteFrom("payments").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
}

/** What succeeded refunds recorded against the credit note paid out (0 when none). */
export async function refundedOnCreditNote(
  db: Kysely<DB>,
  tenantId: string,
  creditNoteId: string,
): Promise<bigint> {
  const row = await db
    .selectFrom("payments")
    .select(({ fn }) => fn.sum<string>("amount").as("total"))
    .where("tenant_id", "=", tenantId)
    .where("refunds_credit_note_id", "=", creditNoteId)
    .where("kind", "=", "refund")
    .where("status", "=", "succeeded")
    .executeTakeFirst();
  return row?.total ? BigInt(row.total) : 0n;
}

// ---- credit of credit notes applied to other invoices -------------------------------------------

/** Net credit per credit note on the invoice (only those with some), in order of first use. */
export async function creditNotesOnInvoice(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<{ creditNoteId: string; amount: bigint }[]> {
  const { rows } = await sql<{ credit_note_id: string; amount: string }>`
    SELECT credit_note_id, sum(amount)::text AS amount
    FROM credit_note_allocations
    WHERE tenant_id = ${tenantId} AND invoice_id = ${invoiceId}
    GROUP BY credit_note_id
    HAVING sum(amount) <> 0
    ORDER BY min(created_at), credit_note_id`.execute(db);
  return rows.map((r) => ({ creditNoteId: r.credit_note_id, amount: BigInt(r.amount) }));
}

/** What the credit note has applied to other invoices, net. */
export async function creditAllocatedFrom(
  db: Kysely<DB>,
  tenantId: string,
  creditNoteId: string,
): Promise<bigint> {
  const row = await db
    .selectFrom("credit_note_allocations")
    .select(({ fn }) => fn.sum<string>("amount").as("total"))
    .where("tenant_id", "=", tenantId)
    .where("credit_note_id", "=", creditNoteId)
    .executeTakeFirst();
  return row?.total ? BigInt(row.total) : 0n;
}

/** What credit notes have applied to the document, or it (a credit note) to others, net. */
export async function creditAllocatedWith(
  db: Kysely<DB>,
  tenantId: string,
  documentId: string,
): Promise<bigint> {
  const { rows } = await sql<{ total: string | null }>`
    SELECT (coalesce((SELECT sum(amount) FROM credit_note_allocations
                      WHERE tenant_id = ${tenantId} AND invoice_id = ${documentId}), 0)
          + coalesce((SELECT sum(amount) FROM credit_note_allocations
                      WHERE tenant_id = ${tenantId} AND credit_note_id = ${documentId}), 0))::text AS total`.execute(
    db,
  );
  return BigInt(rows[0]?.total ?? "0");
}

/** Appends a credit note's allocation (positive: applied; negative: taken off) after its last. */
export async function appendCreditAllocation(
  db: Kysely<DB>,
  row: { tenantId: string; creditNoteId: string; invoiceId: string; amount: bigint; at: Date },
): Promise<void> {
  await sql`
    INSERT INTO credit_note_allocations (tenant_id, credit_note_id, invoice_id, amount, position, created_at)
    SELECT ${row.tenantId}, ${row.creditNoteId}, ${row.invoiceId}, ${row.amount},
           coalesce(max(position), -1) + 1, ${row.at}
    FROM credit_note_allocations WHERE credit_note_id = ${row.creditNoteId}`.execute(db);
}

/** Moves every payment, refund and write-off of customer `from` to customer `to` (a merge); how many. */
export async function reassignPayments(
  db: Kysely<DB>,
  tenantId: string,
  from: string,
  to: string,
): Promise<number> {
  const moved = await db
    .updateTable("payments")
    .set({ customer_id: to })
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", from)
    .returning("id")
    .execute();
  return moved.length;
}

// ---- withheld tax ---------------------------------------------------------------------------------

/**
 * The withheld tax recorded on the invoice, oldest first, each with what refunds of it (through
 * credit notes) gave back.
 */
export async function taxWithheldOnInvoice(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<{ id: string; amount: bigint; refunded: bigint }[]> {
  const { rows } = await sql<{ id: string; amount: string; refunded: string }>`
    SELECT p.id, p.amount::text AS amount,
           coalesce((SELECT sum(r.amount) FROM payments r
                     WHERE r.refunds_payment_id = p.id AND r.status = 'succeeded'), 0)::text AS refunded
    FROM payments p
    WHERE p.tenant_id = ${tenantId} AND p.kind = 'tax_withheld' AND p.status = 'succeeded'
      AND p.id IN (SELECT a.payment_id FROM payment_allocations a WHERE a.invoice_id = ${invoiceId})
    ORDER BY p.id`.execute(db);
  return rows.map((r) => ({ id: r.id, amount: BigInt(r.amount), refunded: BigInt(r.refunded) }));
}

/**
 * Moves an authorization on: captured (`succeeded`, applied by `allocations`) or `voided`.
 * Only a payment still `authorized` changes; false when it was not.
 */
export async function settleAuthorization(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  status: "succeeded" | "voided",
  allocations: readonly { invoiceId: string; amount: bigint }[],
): Promise<boolean> {
  const row = await db
    .updateTable("payments")
    .set({ status })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .where("status", "=", "authorized")
    .returning("id")
    .executeTakeFirst();
  if (!row) return false;
  await appendAllocations(db, tenantId, id, allocations);
  return true;
}

/**
 * Whether the customer has a payment pending at a gateway in the currency, or one waiting for
 * the customer to authenticate it (it may still take the money).
 */
export async function hasPendingPayment(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
  currency: string,
): Promise<boolean> {
  const row = await db
    .selectFrom("payments")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("status", "in", ["pending", "requires_action"])
    .where("currency", "=", currency)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Moves a pending payment (or one that required the customer's action) on as its gateway
 * decided: `succeeded` (applied by `allocations`) or `failed` (with the gateway's reason).
 * Only a payment still `pending` or `requires_action` changes; false when
 * it was not.
 */
export async function settlePending(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  outcome:
    | {
        status: "succeeded";
        allocations: readonly { invoiceId: string; amount: bigint }[];
        /** The gateway took the money after the payment was recorded failed. */
        afterFailure?: boolean;
      }
    | { status: "failed"; failure: { code: string; message: string } }
    | { status: "pending" },
): Promise<boolean> {
  const row = await db
    .updateTable("payments")
    .set(
      outcome.status === "failed"
        ? {
            status: "failed",
            failure_code: outcome.failure.code,
            failure_message: outcome.failure.message,
          }
        : outcome.status === "succeeded"
          ? { status: "succeeded", failure_code: null, failure_message: null }
          : { status: outcome.status },
    )
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    // a payment authenticated and now on its way moves from requires_action to pending
    .where(
      "status",
      "in",
      outcome.status === "pending"
        ? ["requires_action"]
        : outcome.status === "succeeded" && outcome.afterFailure
          ? ["failed"]
          : ["pending", "requires_action"],
    )
    .returning("id")
    .executeTakeFirst();
  if (!row) return false;
  if (outcome.status === "succeeded")
    await appendAllocations(db, tenantId, id, outcome.allocations);
  return true;
}

// ---- one invoice's account ----------------------------------------------------------------------

/**
 * Every payment, refund, write-off and withheld tax with an allocation on the invoice, with
 * what its allocations there net to (negative for a refund), by payment id (oldest first).
 */
export async function allocationsOnInvoice(
  db: Kysely<DB>,
  tenantId: string,
  invoiceId: string,
): Promise<{ payment: PaymentRow; applied: bigint }[]> {
  const rows = await db
    .selectFrom("payment_allocations as a")
    .innerJoin("payments as p", "p.id", "a.payment_id")
    .selectAll("p")
    .select(sql<string>`sum(a.amount)::text`.as("applied"))
    .where("a.tenant_id", "=", tenantId)
    .where("a.invoice_id", "=", invoiceId)
    .groupBy("p.id")
    .orderBy("p.id")
    .execute();
  return rows.map(({ applied, ...payment }) => ({ payment, applied: BigInt(applied) }));
}

/** How many payments waiting for the customer's authentication are listed for a customer. */
export const MAX_PAYMENTS_AWAITING_CUSTOMER = 100;

/**
 * The customer's payments waiting for the customer to authenticate them (`requires_action`),
 * oldest first, at most {@link MAX_PAYMENTS_AWAITING_CUSTOMER}.
 */
export function paymentsAwaitingCustomer(
  db: Kysely<DB>,
  tenantId: string,
  customerId: string,
): Promise<PaymentRow[]> {
  return db
    .selectFrom("payments")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("customer_id", "=", customerId)
    .where("status", "=", "requires_action")
    .orderBy("id")
    .limit(MAX_PAYMENTS_AWAITING_CUSTOMER)
    .execute();
}

/**
 * Payments of every tenant that waited for the customer's authentication longer than their
 * tenant's `authentication_expiry_hours` allow, by their tenant's clock (`systemNow` for
 * tenants on the system clock): by id after `after`, at most `limit`, each with its tenant's
 * clock and expiry.
 */
export function expiredActionPayments(
  db: Kysely<DB>,
  after: string,
  limit: number,
  systemNow: Date,
): Promise<
  {
    id: string;
    tenant_id: string;
    customer_id: string;
    test_clock_now: Date | null;
    authentication_expiry_hours: number;
  }[]
> {
  return db
    .selectFrom("payments as p")
    .innerJoin(tenantSettings(db).as("t"), "t.id", "p.tenant_id")
    .select([
      "p.id",
      "p.tenant_id",
      "p.customer_id",
      "t.test_clock_now",
      "t.authentication_expiry_hours",
    ])
    .where("p.status", "=", "requires_action")
    .where("p.id", ">", after)
    .where(
      sql<boolean>`p.received_at + t.authentication_expiry_hours * interval '1 hour'
        <= coalesce(t.test_clock_now, ${systemNow})`,
    )
    .orderBy("p.id")
    .limit(limit)
    .execute();
}
