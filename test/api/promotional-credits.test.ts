/**
 * Promotional credits over HTTP: add, deduct and set with their ledger entries and events;
 * bad amounts and deductions beyond the balance refused with nothing written; idempotent
 * retries; other tenants and read-only keys kept out; adds at once lose no update.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("promotional credits", (t) => {
  let customer: string;
  const credits = (id: string) => `/v1/customers/${id}/promotional_credits`;
  const change = (action: string, body: Record<string, unknown>, id = customer) =>
    t.server.post(`${credits(id)}/${action}`, { currency: "EUR", description: "promo", ...body });
  /** What the customer's ledger holds: entries, audit records and events about it. */
  const footprint = async (id = customer) => {
    const count = async (table: "promotional_credit_entries" | "outbox_events") =>
      (
        await t.server.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("tenant_id", "=", t.server.tenant.tenant_id)
          .executeTakeFirstOrThrow()
      ).n;
    return `${(await t.server.must("GET", credits(id))).balances.map((b: any) => `${b.currency} ${b.balance}`).join(",")} / ${await count("promotional_credit_entries")} / ${await count("outbox_events")}`;
  };

  beforeAll(async () => {
    await t.server.must("POST", "/v1/test_clock", { frozen_time: "2026-05-04T08:00:00Z" });
    customer = (await t.server.must("POST", "/v1/customers", { email: "p@x.example" })).id;
  });

  it("add, deduct and set: each answers the balance and the entry, and is announced", async () => {
    const added = await change("add", { amount: "25.50", reference: "spring-campaign" });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toEqual({
      customer_id: customer,
      currency: "EUR",
      balance: "25.50",
      entry: {
        id: expect.stringMatching(/^pce_/),
        customer_id: customer,
        currency: "EUR",
        kind: "add",
        amount: "25.50",
        balance_after: "25.50",
        description: "promo",
        reference: "spring-campaign",
        created_at: "2026-05-04T08:00:00.000Z",
      },
    });
    const deducted = await change("deduct", { amount: "5.25" });
    expect(deducted.body).toMatchObject({
      balance: "20.25",
      entry: { kind: "deduct", amount: "-5.25", balance_after: "20.25", reference: null },
    });
    // set records the difference
    const lowered = await change("set", { amount: "3" });
    expect(lowered.body).toMatchObject({
      balance: "3.00",
      entry: { kind: "set", amount: "-17.25", balance_after: "3.00" },
    });
    const raised = await change("set", { amount: "10.00" });
    expect(raised.body.entry).toMatchObject({
      kind: "set",
      amount: "7.00",
      balance_after: "10.00",
    });

    const listed = await t.server.must("GET", credits(customer));
    expect(listed.balances).toEqual([{ currency: "EUR", balance: "10.00" }]);
    expect(listed.data.map((e: any) => [e.kind, e.amount, e.balance_after])).toEqual([
      ["set", "7.00", "10.00"],
      ["set", "-17.25", "3.00"],
      ["deduct", "-5.25", "20.25"],
      ["add", "25.50", "25.50"],
    ]);
    const events = (await t.server.must("GET", "/v1/events?limit=100")).data.filter((e: any) =>
      e.type.startsWith("promotional_credits."),
    );
    expect(events.map((e: any) => e.type).reverse()).toEqual([
      "promotional_credits.added",
      "promotional_credits.deducted",
      "promotional_credits.set",
      "promotional_credits.set",
    ]);
    expect(events[0].data).toEqual(raised.body);
    const audit = await t.server.must("GET", `/v1/audit_events?target_id=${customer}&limit=100`);
    expect(audit.data.some((a: any) => a.operation === "promotional_credits.deduct")).toBe(true);
  });

  it("deducting more than the balance: 422 insufficient_promotional_credits, nothing written", async () => {
    const before = await footprint();
    const res = await change("deduct", { amount: "10.01" });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: "insufficient_promotional_credits",
      details: { field: "amount", balance: "10.00" },
    });
    // a currency the customer has no credits in has a balance of zero
    const other = await change("deduct", { amount: "0.01", currency: "USD" });
    expect(other.status).toBe(422);
    expect(other.body.error.details.balance).toBe("0.00");
    expect(await footprint()).toBe(before);
  });

  it("bad amounts, currencies and customers are refused with a code, nothing written", async () => {
    const before = await footprint();
    const cases: [string, Record<string, unknown>, number, string][] = [
      ["add", { amount: "0" }, 422, "invalid_amount"],
      ["deduct", { amount: "0.00" }, 422, "invalid_amount"],
      ["add", { amount: "1.001" }, 400, "too_many_decimals"],
      ["add", { amount: "1.5", currency: "JPY" }, 400, "too_many_decimals"],
      ["add", { amount: "-1.00" }, 400, "validation_failed"],
      ["add", { amount: 5 }, 400, "validation_failed"],
      ["add", { amount: "1.00", currency: "XYZ" }, 400, "invalid_currency"],
      ["add", { amount: "1.00", description: "" }, 400, "validation_failed"],
      ["add", { amount: "1.00", extra: true }, 400, "validation_failed"],
    ];
    for (const [action, body, status, code] of cases) {
      const res = await change(action, body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const missing = await t.server.post(`${credits(customer)}/add`, { amount: "1.00" });
    expect(missing.status).toBe(400);
    const unknown = await change("add", { amount: "1.00" }, "cus_00000000000000000000000000");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "customer_not_found"]);
    const unknownList = await t.server.get(credits("cus_00000000000000000000000000"));
    expect(unknownList.status).toBe(404);
    expect(await footprint()).toBe(before);
    // setting to zero is allowed: it empties the balance
    const zero = await change("set", { amount: "0", currency: "GBP" });
    expect(zero.body).toMatchObject({ balance: "0.00", entry: { amount: "0.00" } });
  });

  it("an Idempotency-Key retry answers the first response and writes once", async () => {
    const id = (await t.server.must("POST", "/v1/customers", { email: "i@x.example" })).id;
    const headers = { "idempotency-key": "promo-add-1" };
    const body = { amount: "4.00", currency: "EUR", description: "welcome" };
    const first = await t.server.post(`${credits(id)}/add`, body, { headers });
    const again = await t.server.post(`${credits(id)}/add`, body, { headers });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const other = await t.server.post(
      `${credits(id)}/add`,
      { ...body, amount: "5.00" },
      { headers },
    );
    expect([other.status, other.body.error.code]).toEqual([409, "idempotency_key_reused"]);
    const listed = await t.server.must("GET", credits(id));
    expect(listed.balances).toEqual([{ currency: "EUR", balance: "4.00" }]);
    expect(listed.data).toHaveLength(1);
  });

  it("another tenant cannot see or change the credits; a read-only key can only read", async () => {
    const ro = (await t.server.must("POST", "/v1/api_keys", { name: "ro", roles: ["read_only"] }))
      .secret;
    const before = await footprint();
    const other = await t.server.createTenant("Elsewhere");
    for (const action of ["add", "deduct", "set"]) {
      const res = await t.server.post(
        `${credits(customer)}/${action}`,
        { amount: "1.00", currency: "EUR", description: "x" },
        { key: other.api_key },
      );
      expect([res.status, res.body.error.code]).toEqual([404, "customer_not_found"]);
    }
    const read = await t.server.get(credits(customer), { key: other.api_key });
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain("10.00");

    const refused = await t.server.post(
      `${credits(customer)}/add`,
      { amount: "1.00", currency: "EUR", description: "x" },
      { key: ro },
    );
    expect([refused.status, refused.body.error.code]).toEqual([403, "permission_denied"]);
    expect(refused.body.error.details.required_any_of).toEqual(["payments:write"]);
    expect((await t.server.get(credits(customer), { key: ro })).status).toBe(200);
    expect(await footprint()).toBe(before);
  });

  it("the ledger pages newest first and filters by currency; balances per currency", async () => {
    const id = (await t.server.must("POST", "/v1/customers", { email: "m@x.example" })).id;
    for (const [amount, currency] of [
      ["1.00", "EUR"],
      ["2.00", "USD"],
      ["3.00", "EUR"],
      ["500", "JPY"],
    ]) {
      await t.server.must("POST", `${credits(id)}/add`, { amount, currency, description: "m" });
    }
    const first = await t.server.must("GET", `${credits(id)}?limit=3`);
    expect(first.balances).toEqual([
      { currency: "EUR", balance: "4.00" },
      { currency: "JPY", balance: "500" },
      { currency: "USD", balance: "2.00" },
    ]);
    expect(first.data.map((e: any) => e.amount)).toEqual(["500", "3.00", "2.00"]);
    expect(first.has_more).toBe(true);
    const second = await t.server.must("GET", `${credits(id)}?limit=3&cursor=${first.next_cursor}`);
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.data.map((e: any) => e.amount)).toEqual(["1.00"]);
    const eur = await t.server.must("GET", `${credits(id)}?currency=EUR`);
    expect(eur.data.map((e: any) => e.balance_after)).toEqual(["4.00", "1.00"]);
  });

  it("adds sent at once lose no update: the balance is their sum, each entry's balance distinct", async () => {
    const id = (await t.server.must("POST", "/v1/customers", { email: "c@x.example" })).id;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.server.post(`${credits(id)}/add`, {
          amount: `${i + 1}.00`,
          currency: "EUR",
          description: `add ${i + 1}`,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    // 1 + 2 + … + 8 = 36
    const listed = await t.server.must("GET", credits(id));
    expect(listed.balances).toEqual([{ currency: "EUR", balance: "36.00" }]);
    // oldest first, every entry's balance is the one before it plus its amount
    let running = 0;
    for (const e of [...listed.data].reverse()) {
      running += Number(e.amount);
      expect(Number(e.balance_after)).toBe(running);
    }
    expect(running).toBe(36);
    // and a deduction racing a set: the ledger stays the sum of its entries
    await Promise.all([
      t.server.post(`${credits(id)}/deduct`, { amount: "6.00", currency: "EUR", description: "d" }),
      t.server.post(`${credits(id)}/set`, { amount: "5.00", currency: "EUR", description: "s" }),
    ]);
    const after = await t.server.must("GET", credits(id));
    const sum = after.data.reduce((s: number, e: any) => s + Math.round(Number(e.amount) * 100), 0);
    expect(Math.round(Number(after.balances[0].balance) * 100)).toBe(sum);
    expect(after.data[0].balance_after).toBe(after.balances[0].balance);
  });
});
