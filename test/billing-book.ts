/**
 * A book of N contracts to bill, for the billing-run benchmark and the process tests (kill
 * and rerun, several workers). One template contract is made through the HTTP API (in
 * process, `inject`), then copied N − 1 times in SQL, every column as the API wrote it.
 *
 * Each contract: Basic 10.00 a month prepaid from 2026-01-01 (UTC), 3 seats at 2.00 a month,
 * and 1,350 API calls in January (100 free; tiered 0.01 up to 1,000, 0.005 above). On the
 * tenant clock of 2026-02-01 the settlement bills one invoice of five lines:
 *   January: Basic 10.00, Seats 6.00; February: Basic 10.00, Seats 6.00;
 *   January's calls: 1,250 → 1,000 × 0.01 + 250 × 0.005 = 11.25.   Total 43.25.
 */

import type { Kysely } from "kysely";
import { sql } from "kysely";
import { Temporal } from "temporal-polyfill";
import { buildApp } from "../src/http/app.js";
import type { Backend } from "../src/storage/db.js";
import type { DB } from "../src/storage/schema.js";
import { createTenant } from "../src/workflows/tenants.js";

export const BOOK_START = "2026-01-01T00:00:00Z";
export const BOOK_BILLED_AT = "2026-02-01T00:00:00Z";
/** What each contract's invoice totals (net; no tax policy). */
export const BOOK_INVOICE_TOTAL = "43.25";
export const BOOK_LINES_PER_INVOICE = 5;

export type Book = { tenantId: string; apiKey: string; contracts: number };

/** Copies that the tables take per statement (bounded memory on the database side). */
const CHUNK = 20_000;

export async function seedBook(
  db: Kysely<DB>,
  backend: Backend,
  options: { contracts: number; progress?: (copied: number) => void },
): Promise<Book> {
  const tenant = await createTenant(db, {
    name: "Book",
    testClockNow: Temporal.Instant.from(BOOK_START),
  });
  const app = await buildApp({
    db,
    backend,
    config: { bodyLimit: 1_048_576, logLevel: "silent", publicUrl: "http://127.0.0.1" },
  });
  const post = async (url: string, body: unknown): Promise<any> => {
    const res = await app.inject({
      method: "POST",
      url,
      headers: { authorization: `Bearer ${tenant.api_key}` },
      payload: body as object,
    });
    if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  try {
    const group = await post("/v1/plan_groups", {
      name: "Book",
      currency: "EUR",
      price_type: "net",
    });
    const plan = await post("/v1/plans", { plan_group_id: group.id, name: "Basic" });
    const seats = await post("/v1/components", {
      plan_group_id: group.id,
      name: "Seats",
      type: "quantity",
      price_per_unit: "2",
    });
    const calls = await post("/v1/components", {
      plan_group_id: group.id,
      name: "API calls",
      type: "metered",
      price_model: "tiered",
      tiers: [
        { from: "0", price: "0.01" },
        { from: "1000", price: "0.005" },
      ],
    });
    const variant = await post("/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "Basic",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
      quotas: [{ component_id: calls.id, quantity: "100" }],
    });
    const customer = await post("/v1/customers", { email: "book@x.example", time_zone: "UTC" });
    const order = await post("/v1/orders", {
      customer_id: customer.id,
      plan_variant_id: variant.id,
      components: [{ component_id: seats.id, quantity: "3" }],
    });
    await post(`/v1/orders/${order.id}/commit`, {});
    const contract = order.contract_id as string;
    for (const [quantity, day] of [
      ["400", "05"],
      ["700", "14"],
      ["250", "28"],
    ]) {
      await post(`/v1/contracts/${contract}/usage`, {
        component_id: calls.id,
        quantity,
        due_date: `2026-01-${day}T12:00:00Z`,
      });
    }
    await copyContract(db, customer.id, contract, options.contracts - 1, options.progress);
  } finally {
    await app.close();
  }
  await db
    .updateTable("tenants")
    .set({ test_clock_now: new Date(BOOK_BILLED_AT) })
    .where("id", "=", tenant.tenant_id)
    .execute();
  return { tenantId: tenant.tenant_id, apiKey: tenant.api_key, contracts: options.contracts };
}

async function columns(db: Kysely<DB>, table: string): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}
    ORDER BY ordinal_position`.execute(db);
  return rows.map((r) => r.column_name);
}

/**
 * `INSERT INTO table SELECT … FROM table, generate_series` with the named columns replaced
 * by expressions of the copy number `n`; every other column is copied as it is.
 */
async function copyRows(
  db: Kysely<DB>,
  table: string,
  where: string,
  replace: Record<string, string>,
  from: number,
  to: number,
): Promise<void> {
  const cols = await columns(db, table);
  const select = cols.map((c) => replace[c] ?? `t.${c}`).join(", ");
  await sql
    .raw(
      `INSERT INTO ${table} (${cols.join(", ")})
       SELECT ${select} FROM ${table} t, generate_series(${from}, ${to}) AS n WHERE ${where}`,
    )
    .execute(db);
}

/** A copy's id: the template's prefix and time part, the copy number as the random part. */
const copyId = (column: string) =>
  `substr(${column}, 1, length(${column}) - 16) || lpad(n::text, 16, '0')`;

async function copyContract(
  db: Kysely<DB>,
  customerId: string,
  contractId: string,
  copies: number,
  progress?: (copied: number) => void,
): Promise<void> {
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  for (let from = 1; from <= copies; from += CHUNK) {
    const to = Math.min(copies, from + CHUNK - 1);
    await db.transaction().execute(async (trx) => {
      await copyRows(
        trx,
        "customers",
        `t.id = ${lit(customerId)}`,
        { id: copyId("t.id"), external_id: "NULL" },
        from,
        to,
      );
      await copyRows(
        trx,
        "contracts",
        `t.id = ${lit(contractId)}`,
        { id: copyId("t.id"), customer_id: copyId("t.customer_id") },
        from,
        to,
      );
      for (const table of ["contract_phases", "component_subscriptions", "usage_records"]) {
        const replace: Record<string, string> = { contract_id: copyId("t.contract_id") };
        if (table !== "contract_phases") replace.id = copyId("t.id");
        await copyRows(trx, table, `t.contract_id = ${lit(contractId)}`, replace, from, to);
      }
    });
    progress?.(to);
  }
}

/** Every invoice of the book's tenant, per contract, as comparable text. */
export async function bookInvoices(
  db: Kysely<DB>,
  tenantId: string,
): Promise<{ contracts: number; invoices: number; numbers: string[]; byContract: string[] }> {
  const rows = await db
    .selectFrom("invoices as i")
    .innerJoin("invoice_lines as l", "l.invoice_id", "i.id")
    .select([
      "i.contract_id",
      "i.number",
      "i.status",
      "i.total_net",
      "l.charge_key",
      "l.description",
      "l.period_start",
      "l.period_end",
      "l.amount",
    ])
    .where("i.tenant_id", "=", tenantId)
    .orderBy("i.contract_id")
    .orderBy("l.charge_key")
    .execute();
  const perContract = new Map<string, string[]>();
  const numbers = new Set<string>();
  const invoices = new Set<string>();
  for (const r of rows) {
    numbers.add(String(r.number));
    invoices.add(`${r.contract_id}:${r.number}`);
    const line = [
      r.status,
      r.total_net,
      (r.charge_key ?? "").replace(/[a-z]{3}_[0-9A-Z]{26}/g, "…"),
      r.description,
      `${r.period_start}..${r.period_end}`,
      r.amount,
    ].join(" | ");
    perContract.set(r.contract_id!, [...(perContract.get(r.contract_id!) ?? []), line]);
  }
  return {
    contracts: perContract.size,
    invoices: invoices.size,
    numbers: [...numbers].sort(),
    byContract: [...perContract.values()].map((l) => l.join("\n")).sort(),
  };
}
