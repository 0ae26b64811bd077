/**
 * Billing on a test clock, through the HTTP API: invoices, their lines and taxes, an upgrade
 * repaired at the next settlement, void and re-billing, credit notes, PDFs, and the final
 * settlement of an ended contract. Every amount is derived in a comment.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("billing", (t) => {
  const ids: Record<string, string> = {};
  const post = (url: string, body?: unknown) => t.server.post(url, body);
  const get = (url: string) => t.server.get(url);
  const advance = (to: string) => post("/v1/test_clock/advance", { frozen_time: to });
  const run = async () => {
    const res = await post("/v1/billing_runs");
    expect(res.status).toBe(201);
    return res.body;
  };
  const invoices = async () => (await get("/v1/invoices?limit=100")).body.data;
  const lines = (invoice: any) =>
    invoice.lines.map((l: any) => [
      l.description,
      `${l.period_start}..${l.period_end}`,
      l.quantity,
      l.unit_price,
      l.amount,
      l.tax_rate,
    ]);

  // German seller and customer, 19 % VAT, Basic 30.00 and Pro 60.00 a month
  beforeAll(async () => {
    const create = (url: string, body?: unknown) => t.server.must("POST", url, body);
    await create("/v1/test_clock", { frozen_time: "2026-01-15T10:00:00Z" });
    const policy = await post("/v1/tax_policies", {
      name: "VAT",
      rates: [
        { country: "DE", rate: "19" },
        { country: "AT", rate: "20" },
      ],
    });
    expect(policy.status).toBe(201);
    const entities = (await get("/v1/business_entities")).body.data;
    expect(entities).toHaveLength(1);
    const entity = await t.server.request("PATCH", `/v1/business_entities/${entities[0].id}`, {
      body: {
        name: "Acme GmbH",
        country: "DE",
        vat_id: "DE123456789",
        address: {
          street: "Hauptstraße",
          house_number: "1",
          postal_code: "10115",
          city: "Berlin",
          country: "DE",
        },
        default_tax_policy_id: policy.body.id,
      },
    });
    expect(entity.status).toBe(200);
    const group = await create("/v1/plan_groups", {
      name: "G",
      currency: "EUR",
      price_type: "net",
    });
    const plan = await create("/v1/plans", { plan_group_id: group.id, name: "Cloud" });
    const monthly = { fee_period: { unit: "month", count: 1 } };
    ids.basic = (
      await create("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Basic",
        recurring_fee: "30",
        ...monthly,
      })
    ).id;
    ids.pro = (
      await create("/v1/plan_variants", {
        plan_id: plan.id,
        internal_name: "Pro",
        recurring_fee: "60",
        ...monthly,
      })
    ).id;
    const customer = await create("/v1/customers", {
      company_name: "Kunde AG",
      email: "billing@kunde.example",
      time_zone: "Europe/Berlin",
      address: {
        street: "Ring",
        house_number: "5",
        postal_code: "80331",
        city: "München",
        country: "DE",
      },
    });
    ids.customer = customer.id;
    const order = await create("/v1/orders", {
      customer_id: customer.id,
      plan_variant_id: ids.basic,
    });
    expect((await post(`/v1/orders/${order.id}/commit`)).body.status).toBe("succeeded");
    ids.contract = order.contract_id;
  });

  it("the first run bills the first month in advance", async () => {
    const r = await run();
    expect(r).toMatchObject({
      trigger: "api",
      status: "completed",
      contracts_billed: 1,
      invoices_created: 1,
      failures: 0,
    });
    const [invoice] = await invoices();
    expect(invoice).toMatchObject({
      kind: "invoice",
      status: "finalized",
      number: "INV-000001",
      contract_id: ids.contract,
      issue_date: "2026-01-15",
      due_date: "2026-01-29", // 14 days' payment terms
      service_period_start: "2026-01-15",
      service_period_end: "2026-02-15",
      currency: "EUR",
      total_net: "30.00",
      total_tax: "5.70", // 19 % of 30.00
      total_gross: "35.70",
      tax_rows: [{ rate: "19", net: "30.00", tax: "5.70", gross: "35.70" }],
      reverse_charge: false,
      billing_run_id: r.id,
    });
    expect(invoice.sender).toMatchObject({ name: "Acme GmbH", vat_id: "DE123456789" });
    expect(invoice.recipient).toMatchObject({ name: "Kunde AG" });
    expect(lines(invoice)).toEqual([["Basic", "2026-01-15..2026-02-15", "1", "30", "30.00", "19"]]);
    ids.first = invoice.id;
  });

  it("running again bills nothing: nothing is due until Feb 15", async () => {
    expect(await run()).toBeNull();
    await advance("2026-02-14T22:00:00Z"); // Feb 14, 23:00 in Berlin
    expect(await run()).toBeNull();
    expect(await invoices()).toHaveLength(1);
    expect((await get(`/v1/contracts/${ids.contract}`)).status).toBe(200);
  });

  it("an upgrade on Feb 25 is previewed, then billed with March: credit and charge by days", async () => {
    await advance("2026-02-15T10:00:00Z");
    await run(); // February: 30.00
    await advance("2026-02-25T10:00:00Z");
    const order = (
      await post("/v1/orders", { contract_id: ids.contract, plan_variant_id: ids.pro })
    ).body;
    await post(`/v1/orders/${order.id}/commit`);
    const preview = (await get(`/v1/contracts/${ids.contract}/billing_preview`)).body;
    // the period Feb 15 – Mar 15 has 28 days; Basic kept 10 of them, Pro has 18
    expect(preview.lines.map((l: any) => [l.description, l.amount])).toEqual([
      ["Basic (10 of 28 days) — correction of 30.00 billed", "-19.29"], // 30 × 10/28 = 10.71; −30.00
      ["Pro (18 of 28 days)", "38.57"], // 60 × 18/28 = 38.571…
    ]);
    expect(await run()).toBeNull(); // billed at the next regular billing date

    await advance("2026-03-15T10:00:00Z");
    await run();
    const third = (await invoices()).find((i: any) => i.number === "INV-000003");
    expect(third.number).toBe("INV-000003");
    expect(lines(third)).toEqual([
      [
        "Basic (10 of 28 days) — correction of 30.00 billed",
        "2026-02-15..2026-02-25",
        "1",
        "-19.29",
        "-19.29",
        "19",
      ],
      ["Pro (18 of 28 days)", "2026-02-25..2026-03-15", "1", "60", "38.57", "19"],
      ["Pro", "2026-03-15..2026-04-15", "1", "60", "60.00", "19"],
    ]);
    // net −19.29 + 38.57 + 60.00 = 79.28; tax 19 % = 15.0632 → 15.06
    expect(third).toMatchObject({ total_net: "79.28", total_tax: "15.06", total_gross: "94.34" });
    ids.third = third.id;
  });

  it("a credit note credits part of a line, never more than is left of it", async () => {
    const third = (await get(`/v1/invoices/${ids.third}`)).body;
    const march = third.lines[2];
    const cn = await post(`/v1/invoices/${ids.third}/credit_notes`, {
      lines: [{ line_id: march.id, amount: "10" }],
      reason: "Outage",
    });
    expect(cn.status).toBe(201);
    expect(cn.body).toMatchObject({
      kind: "credit_note",
      status: "finalized",
      number: "CN-000001",
      corrects_invoice_id: ids.third,
      total_net: "-10.00",
      total_tax: "-1.90",
      total_gross: "-11.90",
    });
    expect(cn.body.lines[0]).toMatchObject({
      description: "Outage: Pro",
      amount: "-10.00",
      credited_line_id: march.id,
    });
    const over = await post(`/v1/invoices/${ids.third}/credit_notes`, {
      lines: [{ line_id: march.id, amount: "50.01" }],
    });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: "credit_exceeds_line",
      details: { remaining: "50.00" },
    });
    const cannot = await post(`/v1/invoices/${ids.third}/void`);
    expect(cannot.body.error.code).toBe("invoice_has_credit_notes");
  });

  it("voiding an invoice unbills it: the next settlement bills its charges again", async () => {
    const voided = await post(`/v1/invoices/${ids.first}/void`);
    expect(voided.body).toMatchObject({ status: "void", number: "INV-000001" });
    const again = await post(`/v1/invoices/${ids.first}/void`);
    expect(again.body.error.code).toBe("invoice_void");
    const settled = await post(`/v1/contracts/${ids.contract}/settle`);
    expect(settled.body).not.toHaveProperty("error");
    expect(settled.status).toBe(200);
    expect(settled.body.invoice.number).toBe("INV-000004");
    expect(lines(settled.body.invoice)).toEqual([
      ["Basic", "2026-01-15..2026-02-15", "1", "30", "30.00", "19"],
    ]);
    expect((await post(`/v1/contracts/${ids.contract}/settle`)).body.invoice).toBeNull();
  });

  it("drafts wait for finalization and take the next number then", async () => {
    const rated = await post(`/v1/contracts/${ids.contract}/rated_items`, {
      description: "Setup work",
      quantity: "3",
      price_per_unit: "12.5",
      period_start: "2026-03-15T10:00:00Z",
      period_end: "2026-03-15T10:00:00Z",
    });
    expect(rated.status).toBe(201);
    // a charge deleted before billing is never billed
    const mistaken = await post(`/v1/contracts/${ids.contract}/rated_items`, {
      description: "Entered twice",
      quantity: "1",
      price_per_unit: "99",
    });
    const removed = await t.server.request(
      "DELETE",
      `/v1/contracts/${ids.contract}/rated_items/${mistaken.body.id}`,
    );
    expect(removed.status).toBe(204);
    const draft = (await post(`/v1/contracts/${ids.contract}/settle`, { draft: true })).body
      .invoice;
    expect(draft).toMatchObject({ status: "draft", number: null, total_net: "37.50" }); // 3 × 12.50
    const items = (await get(`/v1/contracts/${ids.contract}/rated_items`)).body.data;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ billed: true, invoice_id: draft.id });
    const billed = await t.server.request(
      "DELETE",
      `/v1/contracts/${ids.contract}/rated_items/${rated.body.id}`,
    );
    expect([billed.status, billed.body.error.code]).toEqual([422, "rated_item_billed"]);
    const gone = await t.server.request(
      "DELETE",
      `/v1/contracts/${ids.contract}/rated_items/${mistaken.body.id}`,
    );
    expect([gone.status, gone.body.error.code]).toEqual([404, "rated_item_not_found"]);
    const done = await post(`/v1/invoices/${draft.id}/finalize`);
    expect(done.body).toMatchObject({ status: "finalized", number: "INV-000005" });
    const twice = await post(`/v1/invoices/${draft.id}/finalize`);
    expect(twice.body.error.code).toBe("invoice_not_draft");
  });

  it("PDFs: with credentials, and through a signed link without", async () => {
    const pdf = await fetch(`${t.server.url}/v1/invoices/${ids.third}/pdf`, {
      headers: { authorization: `Bearer ${t.server.tenant.api_key}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const link = await post(`/v1/invoices/${ids.third}/download_link`);
    expect(link.status).toBe(201);
    const path = new URL(link.body.url).pathname;
    const open = await fetch(`${t.server.url}${path}`);
    expect(open.status).toBe(200);
    expect(
      Buffer.from(await open.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const tampered = await fetch(`${t.server.url}${path.slice(0, -3)}abc`);
    expect(tampered.status).toBeGreaterThanOrEqual(400);
    expect(tampered.status).toBeLessThan(500);
    // an hour later the link has expired (the tenant's clock decides)
    await advance("2026-03-15T11:00:01Z");
    const expired = await fetch(`${t.server.url}${path}`);
    expect(expired.status).toBeGreaterThanOrEqual(400);
    expect(expired.status).toBeLessThan(500);
  });

  it("the cancellation preview shows the final invoice", async () => {
    const preview = (await get(`/v1/contracts/${ids.contract}/cancellation_preview`)).body;
    // no contract term or notice: the contract could end today (Mar 15), and March's Pro
    // fee, billed in advance, would not be due at all
    expect(preview.end_date).toBe("2026-03-15T10:00:00Z");
    expect(preview.invoice.lines.map((l: any) => [l.description, l.amount])).toEqual([
      ["Pro — no longer due", "-60.00"],
    ]);
    expect(preview.invoice).toMatchObject({
      total_net: "-60.00",
      total_tax: "-11.40",
      total_gross: "-71.40",
    });
  });

  it("an end in the past month: the final settlement credits the unused days", async () => {
    await post(`/v1/contracts/${ids.contract}/end`, { end_date: "2026-03-31T10:00:00Z" });
    await advance("2026-04-01T10:00:00Z");
    const r = await run();
    expect(r).toMatchObject({ contracts_billed: 1, credit_notes_created: 1 });
    const last = (await invoices()).find((i: any) => i.billing_run_id === r.id);
    // Pro Mar 15 – Apr 15 (31 days) kept 16: 60 × 16/31 = 30.97; 60.00 billed → −29.03
    expect(last).toMatchObject({ kind: "credit_note", number: "CN-000002", total_net: "-29.03" });
    // tax −29.03 × 19 % = −5.5157 → −5.52
    expect(last).toMatchObject({ total_tax: "-5.52", total_gross: "-34.55" });
    const contract = await t.server.db
      .selectFrom("contracts")
      .select("next_billing_at")
      .where("id", "=", ids.contract!)
      .executeTakeFirstOrThrow();
    expect(contract.next_billing_at).toBeNull();
    await advance("2026-06-01T10:00:00Z");
    expect(await run()).toBeNull();
  });

  it("every document state change is an event", async () => {
    const events = await t.server.db
      .selectFrom("outbox_events")
      .select("type")
      .where("type", "like", "%.%")
      .where((eb) => eb.or([eb("type", "like", "invoice.%"), eb("type", "like", "credit_note.%")]))
      .orderBy("id")
      .execute();
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count("invoice.created")).toBe(5);
    expect(count("invoice.finalized")).toBe(5);
    expect(count("invoice.voided")).toBe(1);
    expect(count("credit_note.created")).toBe(2);
    expect(count("credit_note.finalized")).toBe(2);
  });
});
