/**
 * Automatic collection on a test clock, through the HTTP API and the worker's collection job,
 * on the built-in test gateway. Seven customers sign up on January 1 for 30.00 EUR a month,
 * each with a card set-up of its own, and billing issues their January invoices:
 *
 * - ada: a good card — charged 30.00 by the worker that day;
 * - bob: a declined card — attempt 1 fails; bob replaces the card on January 2, and the retry
 *   3 days later (January 4) charges the new card;
 * - cleo: a declined primary and a good backup — one attempt: the primary fails, the backup pays;
 * - dan: a good card, auto_collection off — left to pay, until he turns it on (January 2);
 * - eve: a card with insufficient funds — attempts on January 1, 4 (+3 days), 9 (+5) and 16 (+7)
 *   all fail; collection stops (`invoice.collection_failed`), dunning goes on;
 * - fay: no payment source — nothing, until she adds a card (January 2);
 * - gus: a good card and 10.00 paid ahead — charged 20.00, what he owes.
 *
 * Running the job twice (at once, too) charges once.
 */
import { pino } from "pino";
import { beforeAll, expect, it } from "vitest";
import { collectionJob } from "../../src/jobs/collection.js";
import { dunningJob } from "../../src/jobs/dunning.js";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const VISA = { number: "4242424242424242", exp_month: 12, exp_year: 2030 };
const DECLINED = { number: "4000000000000002", exp_month: 12, exp_year: 2030 };
const NO_FUNDS = { number: "4000000000009995", exp_month: 12, exp_year: 2030 };
const MASTERCARD = { number: "5555555555554444", exp_month: 12, exp_year: 2030 };

const NAMES = ["ada", "bob", "cleo", "dan", "eve", "fay", "gus"] as const;
type Name = (typeof NAMES)[number];

describeServer("automatic collection", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const customer = {} as Record<Name, string>;
  const invoice = {} as Record<Name, string>;
  const source: Record<string, string> = {};
  const log = pino({ enabled: false });
  const collect = () => collectionJob().run({ db: t.server.db, log });
  const dun = () => dunningJob().run({ db: t.server.db, log });

  /** The customer's payments, oldest first, as [status, amount, source, failure code]. */
  const payments = async (name: Name) =>
    ((await api.get(`/v1/payments?customer_id=${customer[name]}&limit=100`)).data as any[])
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((p) => [p.status, p.amount, p.payment_source_id, p.failure?.code ?? null]);
  const due = async (name: Name) =>
    (await api.get(`/v1/customers/${customer[name]}/balance`)).open_invoices.map((i: any) => i.due);
  const collection = (name: Name) => api.get(`/v1/invoices/${invoice[name]}/collection`);
  const events = async (type: string) =>
    ((await api.get(`/v1/events?type=${type}&limit=100`)).data as any[])
      .map((e) => e.data ?? e.payload)
      .reverse();
  const addCard = async (name: Name, card: typeof VISA, role?: string) =>
    (
      await api.post(`/v1/customers/${customer[name]}/payment_sources`, {
        type: "card",
        card,
        ...(role ? { role } : {}),
      })
    ).id as string;

  beforeAll(async () => {
    api = await billingTenant(t.server, "Automatic collection", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    for (const name of NAMES) {
      customer[name] = await api.customer({
        email: `${name}@x.example`,
        ...(name === "dan" ? { auto_collection: "off" } : {}),
      });
    }
    source.ada = await addCard("ada", VISA);
    source.bobDeclined = await addCard("bob", DECLINED);
    source.cleoDeclined = await addCard("cleo", DECLINED);
    source.cleoBackup = await addCard("cleo", MASTERCARD, "backup");
    source.dan = await addCard("dan", VISA);
    source.eve = await addCard("eve", NO_FUNDS);
    source.gus = await addCard("gus", VISA);
    await api.post("/v1/payments", {
      customer_id: customer.gus,
      amount: "10.00",
      currency: "EUR",
      method: "offline",
      reference: "paid ahead",
    });
    // dunning notices an invoice after four failed payments (or 30 days)
    await api.request("PUT", "/v1/dunning_policy", {
      steps: [{ name: "collection_failed", after_days: 30, after_failed_payments: 4 }],
    });
    const contracts: Record<string, string> = {};
    for (const name of NAMES) contracts[name] = await api.signup(customer[name], variant);
    await api.run();
    for (const name of NAMES) invoice[name] = (await api.invoices(contracts[name]!))[0].id;
  });

  it("a customer collects automatically by default; the retry schedule is 3, 5 and 7 days", async () => {
    expect((await api.get(`/v1/customers/${customer.ada}`)).auto_collection).toBe("on");
    expect((await api.get(`/v1/customers/${customer.dan}`)).auto_collection).toBe("off");
    expect(await api.get("/v1/dunning_policy")).toMatchObject({
      collection_retry_days: [3, 5, 7],
    });
    for (const name of NAMES) {
      expect(await api.get(`/v1/invoices/${invoice[name]}`)).toMatchObject({
        status: "finalized",
        total_gross: "30.00",
      });
    }
    expect(await collection("ada")).toEqual({
      invoice_id: invoice.ada,
      customer_id: customer.ada,
      auto_collection: "on",
      status: "not_attempted",
      next_attempt_at: null,
      attempts: [],
    });
  });

  it("January 1: the worker charges each issued invoice once, even when two workers run at once", async () => {
    const [first, second] = await Promise.all([collect(), collect()]);
    // ada, bob, cleo, eve, gus: one attempt each; dan is off, fay has no source
    expect(first! + second!).toBe(5);
    expect(await collect()).toBe(0);

    expect(await payments("ada")).toEqual([["succeeded", "30.00", source.ada, null]]);
    expect(await due("ada")).toEqual([]);
    const ada = await collection("ada");
    const [adaPayment] = (await api.get(`/v1/payments?customer_id=${customer.ada}`)).data;
    expect(ada).toEqual({
      invoice_id: invoice.ada,
      customer_id: customer.ada,
      auto_collection: "on",
      status: "succeeded",
      next_attempt_at: null,
      attempts: [
        {
          attempt: 1,
          status: "succeeded",
          attempted_at: "2026-01-01T00:00:00.000Z",
          payment_source_id: source.ada,
          payment_id: adaPayment.id,
          payment_ids: [adaPayment.id],
          settled_at: null,
          next_attempt_at: null,
        },
      ],
    });
    expect(adaPayment).toMatchObject({
      method: "test_card",
      card_last4: "4242",
      allocations: [{ invoice_id: invoice.ada, amount: "30.00" }],
    });

    // the gateway's idempotency key is the invoice and the attempt number (and the source)
    const [stored] = await t.server.db
      .selectFrom("payments")
      .select("gateway_reference")
      .where("id", "=", adaPayment.id)
      .execute();
    expect(stored!.gateway_reference).toBe(`ch_test_ok_collect_${invoice.ada}_1_${source.ada}`);

    const audit = (await api.get(`/v1/audit_events?target_id=${invoice.ada}`)).data;
    expect(audit.find((a: any) => a.operation === "invoices.collect")).toMatchObject({
      actor: { type: "system", id: "collection" },
      request_id: `collect_${invoice.ada}_1`,
      idempotency_key: null,
      after: { collection_attempt: 1, status: "succeeded", next_attempt_at: null },
    });
  });

  it("a declined card: the attempt fails and the next is due 3 days later", async () => {
    expect(await payments("bob")).toEqual([
      ["failed", "30.00", source.bobDeclined, "card_declined"],
    ]);
    expect(await due("bob")).toEqual(["30.00"]);
    expect(await collection("bob")).toMatchObject({
      status: "retrying",
      next_attempt_at: "2026-01-04T00:00:00.000Z",
      attempts: [
        {
          attempt: 1,
          status: "failed",
          payment_source_id: source.bobDeclined,
          next_attempt_at: "2026-01-04T00:00:00.000Z",
        },
      ],
    });
  });

  it("a declined primary: the backup pays in the same attempt", async () => {
    expect(await payments("cleo")).toEqual([
      ["failed", "30.00", source.cleoDeclined, "card_declined"],
      ["succeeded", "30.00", source.cleoBackup, null],
    ]);
    expect(await due("cleo")).toEqual([]);
    const cleo = await collection("cleo");
    const ids = ((await api.get(`/v1/payments?customer_id=${customer.cleo}`)).data as any[])
      .map((p) => p.id)
      .sort();
    expect(cleo).toMatchObject({
      status: "succeeded",
      next_attempt_at: null,
      attempts: [
        {
          attempt: 1,
          status: "succeeded",
          payment_source_id: source.cleoBackup,
          payment_id: ids[1],
          payment_ids: ids,
        },
      ],
    });
  });

  it("auto_collection off, or no payment source: the invoice is left open", async () => {
    for (const name of ["dan", "fay"] as const) {
      expect(await payments(name)).toEqual([]);
      expect(await due(name)).toEqual(["30.00"]);
    }
    expect(await collection("dan")).toMatchObject({
      auto_collection: "off",
      status: "not_attempted",
      attempts: [],
    });
  });

  it("what the customer paid ahead is not charged again", async () => {
    expect(await payments("gus")).toEqual([
      ["succeeded", "10.00", null, null],
      ["succeeded", "20.00", source.gus, null],
    ]);
    const balance = await api.get(`/v1/customers/${customer.gus}/balance`);
    expect(balance.balances[0]).toMatchObject({
      invoiced: "30.00",
      paid: "30.00",
      balance: "0.00",
    });
  });

  it("January 2: turned on, or a card added, the next run collects; bob replaces his card", async () => {
    await api.advance("2026-01-02T09:00:00Z");
    await api.request("PATCH", `/v1/customers/${customer.dan}`, { auto_collection: "on" });
    source.fay = await addCard("fay", VISA);
    const replaced = await api.post(`/v1/customers/${customer.bob}/update_payment_method`, {
      type: "card",
      card: VISA,
    });
    source.bobVisa = replaced.id;
    expect(await collect()).toBe(2);
    expect(await collect()).toBe(0);
    expect(await payments("dan")).toEqual([["succeeded", "30.00", source.dan, null]]);
    expect(await payments("fay")).toEqual([["succeeded", "30.00", source.fay, null]]);
    expect((await collection("fay")).attempts).toMatchObject([
      { attempt: 1, attempted_at: "2026-01-02T09:00:00.000Z", status: "succeeded" },
    ]);
    // bob's retry is not due before January 4
    expect(await payments("bob")).toHaveLength(1);
  });

  it("January 4: the retries are made; bob's new card pays, eve's fails again", async () => {
    await api.advance("2026-01-03T23:59:59Z");
    expect(await collect()).toBe(0);
    await api.advance("2026-01-04T00:00:00Z");
    expect(await collect()).toBe(2);
    expect(await collect()).toBe(0);
    expect(await payments("bob")).toEqual([
      ["failed", "30.00", source.bobDeclined, "card_declined"],
      ["succeeded", "30.00", source.bobVisa, null],
    ]);
    expect(await due("bob")).toEqual([]);
    expect(await collection("bob")).toMatchObject({
      status: "succeeded",
      next_attempt_at: null,
      attempts: [
        { attempt: 1, status: "failed", next_attempt_at: "2026-01-04T00:00:00.000Z" },
        {
          attempt: 2,
          status: "succeeded",
          attempted_at: "2026-01-04T00:00:00.000Z",
          payment_source_id: source.bobVisa,
          next_attempt_at: null,
        },
      ],
    });
    expect(await collection("eve")).toMatchObject({
      status: "retrying",
      next_attempt_at: "2026-01-09T00:00:00.000Z",
    });
  });

  it("the last retry fails: collection stops, dunning goes on", async () => {
    await api.advance("2026-01-09T00:00:00Z");
    expect(await collect()).toBe(1);
    expect((await collection("eve")).next_attempt_at).toBe("2026-01-16T00:00:00.000Z");
    expect(await events("invoice.collection_failed")).toEqual([]);
    expect(await dun()).toBe(0);

    await api.advance("2026-01-16T00:00:00Z");
    expect(await collect()).toBe(1);
    expect(await payments("eve")).toEqual(
      Array.from({ length: 4 }, () => ["failed", "30.00", source.eve, "insufficient_funds"]),
    );
    const eve = await collection("eve");
    expect(eve.status).toBe("exhausted");
    expect(eve.next_attempt_at).toBeNull();
    expect(
      eve.attempts.map((a: any) => [a.attempt, a.status, a.attempted_at, a.next_attempt_at]),
    ).toEqual([
      [1, "failed", "2026-01-01T00:00:00.000Z", "2026-01-04T00:00:00.000Z"],
      [2, "failed", "2026-01-04T00:00:00.000Z", "2026-01-09T00:00:00.000Z"],
      [3, "failed", "2026-01-09T00:00:00.000Z", "2026-01-16T00:00:00.000Z"],
      [4, "failed", "2026-01-16T00:00:00.000Z", null],
    ]);
    expect(await events("invoice.collection_failed")).toEqual([
      {
        invoice_id: invoice.eve,
        number: expect.any(String),
        customer_id: customer.eve,
        attempts: 4,
        due: "30.00",
      },
    ]);
    // nothing more is tried
    await api.advance("2026-01-30T00:00:00Z");
    expect(await collect()).toBe(0);
    expect(await payments("eve")).toHaveLength(4);
    // the four failed payments reach the dunning step
    expect(await dun()).toBe(1);
    expect(await events("invoice.dunning_level_reached")).toMatchObject([
      { invoice_id: invoice.eve, name: "collection_failed", failed_payments: 4 },
    ]);
    expect(await due("eve")).toEqual(["30.00"]);
  });

  it("payment events: one per charge, each failed one counted", async () => {
    const failed = (await events("payment.failed")).map((p: any) => p.customer_id);
    expect(failed.filter((c: string) => c === customer.eve)).toHaveLength(4);
    expect(failed.filter((c: string) => c === customer.bob)).toHaveLength(1);
    expect(failed.filter((c: string) => c === customer.cleo)).toHaveLength(1);
    expect(failed).toHaveLength(6);
    const paid = (await events("invoice.paid")).map((p: any) => p.invoice_id).sort();
    expect(paid).toEqual([invoice.ada, invoice.bob, invoice.cleo, invoice.dan, invoice.fay].sort());
  });
});

describeServer("automatic collection settings", (t) => {
  it("the retry schedule is set with the dunning policy, checked, and kept when left out", async () => {
    const api = await billingTenant(t.server, "Collection settings", "2026-01-01T00:00:00Z");
    const steps = [{ name: "reminder", after_days: 3 }];
    const set = await api.request("PUT", "/v1/dunning_policy", {
      steps,
      collection_retry_days: [1, 2],
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      steps: [{ level: 1, name: "reminder", after_days: 3 }],
      collection_retry_days: [1, 2],
      authentication_expiry_hours: 24,
    });
    const kept = await api.request("PUT", "/v1/dunning_policy", { steps });
    expect(kept.body.collection_retry_days).toEqual([1, 2]);
    const none = await api.request("PUT", "/v1/dunning_policy", {
      steps,
      collection_retry_days: [],
    });
    expect(none.body.collection_retry_days).toEqual([]);
    for (const bad of [[0], [61], Array.from({ length: 11 }, () => 1), [1.5]]) {
      const res = await api.request("PUT", "/v1/dunning_policy", {
        steps,
        collection_retry_days: bad,
      });
      expect([res.status, res.body.error.code], JSON.stringify(bad)).toEqual([
        400,
        "validation_failed",
      ]);
    }
    expect((await api.get("/v1/dunning_policy")).collection_retry_days).toEqual([]);
    const updated = (await api.get("/v1/events?type=dunning_policy.updated&limit=10")).data;
    expect(updated[0].data ?? updated[0].payload).toMatchObject({ collection_retry_days: [] });

    const bad = await api.request("POST", "/v1/customers", { auto_collection: "sometimes" });
    expect([bad.status, bad.body.error.code]).toEqual([400, "validation_failed"]);
    const missing = await api.request("GET", "/v1/invoices/inv_nope/collection");
    expect([missing.status, missing.body.error.code]).toEqual([404, "invoice_not_found"]);
  });
});
