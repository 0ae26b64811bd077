/**
 * Promotional credits on a test clock: 25.00 EUR of credits against a plan of 19.99 EUR a
 * month billed in advance. January's invoice is covered in full (paid when issued), February's
 * takes the 5.01 left and owes 14.98; a draft issued by hand in March takes credits set since.
 * The ledger, the invoices and the customer's balance agree after every step.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("promotional credits consumed across invoices", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const credits = () => api.get(`/v1/customers/${ids.customer}/promotional_credits`);
  /** The ledger oldest first: [kind, amount, balance after, reference]. */
  const ledger = async () =>
    (await credits()).data
      .map((e: any) => [e.kind, e.amount, e.balance_after, e.reference])
      .reverse();
  const balance = () => api.get(`/v1/customers/${ids.customer}/balance`);
  const invoices = async () =>
    (await api.invoices(ids.contract!)).map((i: any) => [
      i.status,
      i.total_gross,
      i.credits_applied,
    ]);
  const events = async (type: string) =>
    (await api.get(`/v1/events?type=${type}&limit=100`)).data.map((e: any) => e.data).reverse();

  // 19.99 EUR a month from 1 January, no tax; 25.00 EUR of credits before the first invoice
  beforeAll(async () => {
    api = await billingTenant(t.server, "Credits", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "19.99",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer();
    await api.post(`/v1/customers/${ids.customer}/promotional_credits/add`, {
      amount: "25.00",
      currency: "EUR",
      description: "Welcome offer",
    });
    ids.contract = await api.signup(ids.customer, ids.variant);
  });

  it("January's invoice of 19.99 is covered by credits in full: paid when issued, 5.01 left", async () => {
    await api.run();
    const [january] = await api.invoices(ids.contract!);
    ids.january = january.id;
    // 19.99 owed, 25.00 available: all of it applied; 25.00 − 19.99 = 5.01 left
    expect(january).toMatchObject({
      status: "finalized",
      total_gross: "19.99",
      credits_applied: "19.99",
    });
    expect(await ledger()).toEqual([
      ["add", "25.00", "25.00", null],
      ["applied", "-19.99", "5.01", ids.january],
    ]);
    expect((await credits()).balances).toEqual([{ currency: "EUR", balance: "5.01" }]);
    expect(await balance()).toMatchObject({
      balances: [
        {
          currency: "EUR",
          invoiced: "19.99",
          credits_applied: "19.99",
          paid: "0.00",
          balance: "0.00",
        },
      ],
      open_invoices: [],
    });
    const [finalized] = await events("invoice.finalized");
    expect(finalized).toMatchObject({ id: ids.january, credits_applied: "19.99" });
    expect(await events("invoice.paid")).toEqual([
      { invoice_id: ids.january, number: january.number, payment_id: null },
    ]);
  });

  it("February's invoice takes the 5.01 left and owes 14.98", async () => {
    await api.advance("2026-02-01T00:30:00Z");
    await api.run();
    const [, february] = await api.invoices(ids.contract!);
    ids.february = february.id;
    // 19.99 owed, 5.01 available: 5.01 applied, 19.99 − 5.01 = 14.98 owed
    expect(february).toMatchObject({ total_gross: "19.99", credits_applied: "5.01" });
    expect(await ledger()).toEqual([
      ["add", "25.00", "25.00", null],
      ["applied", "-19.99", "5.01", ids.january],
      ["applied", "-5.01", "0.00", ids.february],
    ]);
    expect((await credits()).balances).toEqual([{ currency: "EUR", balance: "0.00" }]);
    // invoiced 39.98 − credits 25.00 = 14.98, all of it February's
    expect(await balance()).toMatchObject({
      balances: [{ invoiced: "39.98", credits_applied: "25.00", paid: "0.00", balance: "14.98" }],
      open_invoices: [{ invoice_id: ids.february, total: "19.99", due: "14.98" }],
    });
    // partly covered: not paid yet
    expect((await events("invoice.paid")).map((e: any) => e.invoice_id)).toEqual([ids.january]);
  });

  it("a payment of 14.98 settles February", async () => {
    const payment = await api.post("/v1/payments", {
      customer_id: ids.customer,
      amount: "14.98",
      currency: "EUR",
      method: "offline",
    });
    expect(payment).toMatchObject({
      allocations: [{ invoice_id: ids.february, amount: "14.98" }],
      unapplied: "0.00",
    });
    expect(await balance()).toMatchObject({
      balances: [{ invoiced: "39.98", credits_applied: "25.00", paid: "14.98", balance: "0.00" }],
      open_invoices: [],
    });
    expect((await events("invoice.paid")).map((e: any) => e.invoice_id)).toEqual([
      ids.january,
      ids.february,
    ]);
  });

  it("an invoice credits were applied to cannot be voided; credits go nowhere", async () => {
    const voided = await api.request("POST", `/v1/invoices/${ids.january}/void`);
    expect([voided.status, voided.body.error.code]).toEqual([422, "invoice_has_payments"]);
    expect((await credits()).balances).toEqual([{ currency: "EUR", balance: "0.00" }]);
  });

  it("a draft takes no credits; finalizing it by hand applies the credits set since", async () => {
    await api.request("PATCH", "/v1/tenant", { auto_finalize_invoices: false });
    await api.post(`/v1/customers/${ids.customer}/promotional_credits/set`, {
      amount: "12.50",
      currency: "EUR",
      description: "Goodwill",
    });
    // credits in another currency never pay a EUR invoice
    await api.post(`/v1/customers/${ids.customer}/promotional_credits/add`, {
      amount: "3.00",
      currency: "USD",
      description: "Dollar promo",
    });
    await api.advance("2026-03-01T00:30:00Z");
    await api.run();
    const [, , march] = await api.invoices(ids.contract!);
    ids.march = march.id;
    expect(march).toMatchObject({ status: "draft", credits_applied: "0.00" });
    // a draft owes nothing yet, and its customer's credits are untouched
    expect((await balance()).balances[0]).toMatchObject({ invoiced: "39.98", balance: "0.00" });
    expect((await credits()).balances).toEqual([
      { currency: "EUR", balance: "12.50" },
      { currency: "USD", balance: "3.00" },
    ]);

    const issued = await api.post(`/v1/invoices/${ids.march}/finalize`);
    // 19.99 owed, 12.50 available: all 12.50 applied, 19.99 − 12.50 = 7.49 owed
    expect(issued).toMatchObject({ status: "finalized", credits_applied: "12.50" });
    expect(await invoices()).toEqual([
      ["finalized", "19.99", "19.99"],
      ["finalized", "19.99", "5.01"],
      ["finalized", "19.99", "12.50"],
    ]);
    expect((await ledger()).slice(3)).toEqual([
      ["set", "12.50", "12.50", null],
      ["add", "3.00", "3.00", null],
      ["applied", "-12.50", "0.00", ids.march],
    ]);
    expect((await credits()).balances).toEqual([
      { currency: "EUR", balance: "0.00" },
      { currency: "USD", balance: "3.00" },
    ]);
    // invoiced 59.97 − credits 37.50 − paid 14.98 = 7.49, March's
    expect(await balance()).toMatchObject({
      balances: [{ invoiced: "59.97", credits_applied: "37.50", paid: "14.98", balance: "7.49" }],
      open_invoices: [{ invoice_id: ids.march, due: "7.49" }],
    });
    // the customer's balance is the sum of what its open invoices owe
    const account = await balance();
    const owed = account.open_invoices.reduce(
      (s: number, i: any) => s + Math.round(Number(i.due) * 100),
      0,
    );
    expect(Math.round(Number(account.balances[0].balance) * 100)).toBe(owed);
  });
});
