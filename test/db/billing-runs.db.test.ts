/**
 * Billing runs under contention and failure: two runs at once settle every contract once
 * with gap-free numbers; a contract whose settlement fails is retried later without holding
 * up the others; the worker job does the same on its own.
 */

import pino from "pino";
import { beforeAll, expect, it } from "vitest";
import { billingJob } from "../../src/jobs/billing.js";
import { runBilling } from "../../src/workflows/billing-run.js";
import { describeServer } from "../server.js";

const CONTRACTS = 12;

describeServer("billing runs", (t) => {
  const contracts: string[] = [];
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const systemNow = () => new Date();

  // a dozen monthly contracts
  beforeAll(async () => {
    const create = (url: string, body?: unknown) => t.server.must("POST", url, body);
    await create("/v1/test_clock", { frozen_time: "2026-05-01T08:00:00Z" });
    const group = await create("/v1/plan_groups", {
      name: "G",
      currency: "EUR",
      price_type: "net",
    });
    const plan = await create("/v1/plans", { plan_group_id: group.id, name: "P" });
    const variant = await create("/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "Monthly",
      recurring_fee: "9.99",
      fee_period: { unit: "month", count: 1 },
    });
    for (let i = 0; i < CONTRACTS; i++) {
      const customer = await create("/v1/customers", { email: `c${i}@x.example` });
      const order = await create("/v1/orders", {
        customer_id: customer.id,
        plan_variant_id: variant.id,
      });
      await create(`/v1/orders/${order.id}/commit`);
      contracts.push(order.contract_id);
    }
  });

  it("two runs at once settle each contract exactly once, numbered without gaps", async () => {
    const tenantId = t.server.tenant.tenant_id;
    const [a, b] = await Promise.all([
      runBilling(t.server.db, { tenantId, trigger: "api", limit: 100, systemNow }),
      runBilling(t.server.db, { tenantId, trigger: "api", limit: 100, systemNow }),
    ]);
    const billed = [...a, ...b].reduce((n, r) => n + r.contracts_billed, 0);
    expect(billed).toBe(CONTRACTS);
    const rows = await t.server.db
      .selectFrom("invoices")
      .select(["contract_id", "number", "total_net"])
      .where("tenant_id", "=", tenantId)
      .execute();
    expect(rows).toHaveLength(CONTRACTS);
    expect(new Set(rows.map((r) => r.contract_id)).size).toBe(CONTRACTS);
    expect(rows.map((r) => r.number).sort()).toEqual(
      Array.from({ length: CONTRACTS }, (_, i) => `INV-${String(i + 1).padStart(6, "0")}`),
    );
    expect(rows.every((r) => r.total_net === "999")).toBe(true);
    // and again: nothing is due
    expect(
      await runBilling(t.server.db, { tenantId, trigger: "api", limit: 100, systemNow }),
    ).toEqual([]);
  });

  it("a failing contract is recorded and retried later; the others are billed", async () => {
    const tenantId = t.server.tenant.tenant_id;
    await post("/v1/test_clock/advance", { frozen_time: "2026-06-01T08:00:00Z" });
    const broken = contracts[0]!;
    const customer = await t.server.db
      .selectFrom("contracts")
      .select("customer_id")
      .where("id", "=", broken)
      .executeTakeFirstOrThrow();
    // data no settlement can work with (an unknown time zone written behind the API's back)
    await t.server.db
      .updateTable("customers")
      .set({ time_zone: "Nowhere/Atlantis" })
      .where("id", "=", customer.customer_id)
      .execute();
    const [run] = await runBilling(t.server.db, {
      tenantId,
      trigger: "api",
      limit: 100,
      systemNow,
    });
    expect(run).toMatchObject({
      contracts_billed: CONTRACTS - 1,
      failures: 1,
      status: "completed",
    });
    expect(run!.last_error).toContain(broken);
    const row = await t.server.db
      .selectFrom("contracts")
      .select("next_billing_at")
      .where("id", "=", broken)
      .executeTakeFirstOrThrow();
    // retried 15 minutes after the tenant's now
    expect(row.next_billing_at?.toISOString()).toBe("2026-06-01T08:15:00.000Z");

    await t.server.db
      .updateTable("customers")
      .set({ time_zone: "UTC" })
      .where("id", "=", customer.customer_id)
      .execute();
    await post("/v1/test_clock/advance", { frozen_time: "2026-06-01T08:15:00Z" });
    const job = billingJob({ now: systemNow });
    const handled = await job.run({ db: t.server.db, log: pino({ level: "silent" }) });
    expect(handled).toBe(1);
    const count = await t.server.db
      .selectFrom("invoices")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("contract_id", "=", broken)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
    const runs = (await t.server.get("/v1/billing_runs")).body.data;
    expect(runs[0]).toMatchObject({ trigger: "worker", contracts_billed: 1, failures: 0 });
  });

  it("a tenant that reviews its documents gets drafts, issued one by one", async () => {
    const patch = await t.server.request("PATCH", "/v1/tenant", {
      body: { auto_finalize_invoices: false },
    });
    expect(patch.body).toMatchObject({ auto_finalize_invoices: false });
    await post("/v1/test_clock/advance", { frozen_time: "2026-07-01T08:00:00Z" });
    const run = (await post("/v1/billing_runs")).body;
    expect(run).toMatchObject({ contracts_billed: CONTRACTS, invoices_created: CONTRACTS });
    const drafts = (await t.server.get("/v1/invoices?status=draft&limit=100")).body.data;
    expect(drafts).toHaveLength(CONTRACTS);
    expect(drafts.every((d: { number: string | null }) => d.number === null)).toBe(true);
    const issued = await post(`/v1/invoices/${drafts[0].id}/finalize`);
    // May's twelve invoices and June's twelve (one of them retried) came before
    expect(issued.body.number).toBe(`INV-${String(2 * CONTRACTS + 1).padStart(6, "0")}`);
  });
});

describeServer("billing runs: batches of many contracts", (t) => {
  const systemNow = () => new Date();
  const contracts: string[] = [];
  let calls = "";

  it("each contract's usage and rated items point at its own invoice", async () => {
    const post = async (url: string, body?: unknown) => {
      const res = await t.server.post(url, body);
      expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    await post("/v1/test_clock", { frozen_time: "2026-05-01T08:00:00Z" });
    const group = await post("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" });
    const plan = await post("/v1/plans", { plan_group_id: group.id, name: "P" });
    calls = (
      await post("/v1/components", {
        plan_group_id: group.id,
        name: "Calls",
        type: "metered",
        price_per_unit: "0.1",
      })
    ).id;
    const variant = await post("/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    for (let i = 0; i < 5; i++) {
      const customer = await post("/v1/customers", { email: `b${i}@x.example` });
      const order = await post("/v1/orders", {
        customer_id: customer.id,
        plan_variant_id: variant.id,
      });
      await post(`/v1/orders/${order.id}/commit`);
      contracts.push(order.contract_id);
      // a different amount per contract: i + 1 items at 5.00, 10 × (i + 1) calls
      await post(`/v1/contracts/${order.contract_id}/rated_items`, {
        description: "Work",
        quantity: String(i + 1),
        price_per_unit: "5",
        period_start: "2026-05-01T08:00:00Z",
        period_end: "2026-05-01T08:00:00Z",
      });
      await post(`/v1/contracts/${order.contract_id}/usage`, {
        component_id: calls,
        quantity: String(10 * (i + 1)),
        due_date: "2026-05-10T08:00:00Z",
      });
    }
    const tenantId = t.server.tenant.tenant_id;
    const first = await runBilling(t.server.db, {
      tenantId,
      trigger: "api",
      limit: 100,
      systemNow,
    });
    expect(first).toMatchObject([{ contracts_billed: 5, invoices_created: 5 }]);
    await post("/v1/test_clock/advance", { frozen_time: "2026-06-01T08:00:00Z" });
    const second = await runBilling(t.server.db, {
      tenantId,
      trigger: "api",
      limit: 100,
      systemNow,
    });
    expect(second).toMatchObject([{ contracts_billed: 5, invoices_created: 5 }]);

    const invoices = await t.server.db
      .selectFrom("invoices")
      .select(["id", "contract_id", "total_net", "created_at"])
      .where("tenant_id", "=", tenantId)
      .orderBy("id")
      .execute();
    const contractOf = new Map(invoices.map((i) => [i.id, i.contract_id]));
    const rated = await t.server.db
      .selectFrom("rated_items")
      .select(["contract_id", "invoice_id"])
      .where("tenant_id", "=", tenantId)
      .execute();
    const usage = await t.server.db
      .selectFrom("usage_records")
      .select(["contract_id", "invoice_id"])
      .where("tenant_id", "=", tenantId)
      .execute();
    expect(rated).toHaveLength(5);
    expect(usage).toHaveLength(5);
    for (const r of [...rated, ...usage]) {
      expect(r.invoice_id, r.contract_id).not.toBeNull();
      expect(contractOf.get(r.invoice_id!)).toBe(r.contract_id);
    }
    // May: 10.00 + (i + 1) × 5.00; June: 10.00 + 10 × (i + 1) × 0.10 = 10.00 + (i + 1) × 1.00
    const totals = (from: number, step: number) =>
      contracts.map((_c, i) => String(from + (i + 1) * step)).sort();
    const byMonth = (prefix: string) =>
      invoices
        .filter((i) => i.created_at.toISOString().startsWith(prefix))
        .map((i) => i.total_net)
        .sort();
    expect(byMonth("2026-05")).toEqual(totals(1000, 500));
    expect(byMonth("2026-06")).toEqual(totals(1000, 100));
  });

  it("a batch with invoices and a credit note counts each kind", async () => {
    // the first contract ends in the past (June 20): its credit note and the others' July
    // invoices are settled in one batch
    const ended = await t.server.post(`/v1/contracts/${contracts[0]}/end`, {
      end_date: "2026-06-20T08:00:00Z",
    });
    expect(ended.status).toBe(200);
    await t.server.post("/v1/test_clock/advance", { frozen_time: "2026-07-01T08:00:00Z" });
    const [run] = await runBilling(t.server.db, {
      tenantId: t.server.tenant.tenant_id,
      trigger: "api",
      limit: 100,
      systemNow,
    });
    expect(run).toMatchObject({
      contracts_billed: 5,
      invoices_created: 4,
      credit_notes_created: 1,
    });
    const documents = await t.server.db
      .selectFrom("invoices")
      .select(["kind", "number", "contract_id"])
      .where("billing_run_id", "=", run!.id)
      .execute();
    expect(documents.filter((d) => d.kind === "credit_note")).toEqual([
      { kind: "credit_note", number: "CN-000001", contract_id: contracts[0] },
    ]);
    expect(
      documents
        .filter((d) => d.kind === "invoice")
        .map((d) => d.number)
        .sort(),
    ).toEqual(["INV-000011", "INV-000012", "INV-000013", "INV-000014"]);
  });
});
