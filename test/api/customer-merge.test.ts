/**
 * Merging customers over HTTP, on a test clock: A (a contract billed 30.00 in January, paid
 * 50.00, a card, a contact and 5.00 of promotional credits) is merged into B (a contract billed
 * 30.00, unpaid, with its own primary card). Derived by hand: before, A's balance is −20.00
 * and B's 30.00; after, B's is 10.00 and A is gone; February bills A's old contract once, to B.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const CARD = { number: "4242424242424242", exp_month: 12, exp_year: 2030 };

describeServer("merging customers", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const ids: Record<string, string> = {};
  const merge = (from: string, to: string) =>
    api.request("POST", "/v1/customers/merge", { from_customer_id: from, to_customer_id: to });

  beforeAll(async () => {
    api = await billingTenant(t.server, "Customer merge", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.a = await api.customer({ company_name: "A" });
    ids.b = await api.customer({ company_name: "B" });
    ids.ka = await api.signup(ids.a, ids.variant);
    ids.kb = await api.signup(ids.b, ids.variant);
    await api.run();
    ids.invoiceA = (await api.invoices(ids.ka))[0].id;
    ids.payment = (
      await api.post("/v1/payments", {
        customer_id: ids.a,
        amount: "50.00",
        currency: "EUR",
        method: "offline",
      })
    ).id;
    ids.cardA = (
      await api.post(`/v1/customers/${ids.a}/payment_sources`, { type: "card", card: CARD })
    ).id;
    ids.cardB = (
      await api.post(`/v1/customers/${ids.b}/payment_sources`, { type: "card", card: CARD })
    ).id;
    ids.contactA = (await api.post(`/v1/customers/${ids.a}/contacts`, { email: "a@x.example" })).id;
    await api.post(`/v1/customers/${ids.a}/promotional_credits/add`, {
      amount: "5.00",
      currency: "EUR",
      description: "Welcome",
    });
  });

  it("refuses what would change how records bill, and writes nothing", async () => {
    const zone = await api.customer({ company_name: "Z", time_zone: "America/New_York" });
    const parent = await api.customer({ company_name: "P" });
    const child = await api.customer({ company_name: "C" });
    await api.post(`/v1/customers/${child}/hierarchy/link`, { parent_id: parent });
    const cases: [string, string, number, string, string?][] = [
      [ids.a!, ids.a!, 422, "customers_not_mergeable", "same_customer"],
      [ids.a!, zone, 422, "customers_not_mergeable", "time_zone"],
      [child, ids.b!, 422, "customers_not_mergeable", "hierarchy"],
      [ids.a!, parent, 422, "customers_not_mergeable", "hierarchy"],
      ["cus_nope", ids.b!, 404, "customer_not_found"],
    ];
    for (const [from, to, status, code, reason] of cases) {
      const res = await merge(from, to);
      expect(
        [res.status, res.body.error.code, res.body.error.details?.reason],
        `${from}→${to}`,
      ).toEqual([status, code, reason ?? res.body.error.details?.reason]);
    }
    expect((await api.get(`/v1/customers/${ids.a}/balance`)).balances[0].balance).toBe("-20.00");
  });

  it("moves contracts, documents, payments, sources, contacts and credits; the sum is unchanged", async () => {
    expect((await api.get(`/v1/customers/${ids.b}/balance`)).balances[0].balance).toBe("30.00");
    const res = await merge(ids.a!, ids.b!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      customer: { id: ids.b, company_name: "B" },
      merged_customer_id: ids.a,
      moved: {
        contracts: 1,
        documents: 1,
        payments: 1,
        payment_sources: 1,
        contacts: 1,
        promotional_credit_currencies: ["EUR"],
      },
    });
    expect((await api.request("GET", `/v1/customers/${ids.a}`)).status).toBe(404);
    expect((await api.get(`/v1/contracts/${ids.ka}`)).customer_id).toBe(ids.b);
    expect((await api.get(`/v1/invoices/${ids.invoiceA}`)).customer_id).toBe(ids.b);
    expect((await api.get(`/v1/payments/${ids.payment}`)).customer_id).toBe(ids.b);
    // 30 + 30 invoiced − 50 paid = 10; A's invoice was paid by its own payment already
    const balance = await api.get(`/v1/customers/${ids.b}/balance`);
    expect(balance.balances[0]).toMatchObject({
      invoiced: "60.00",
      paid: "50.00",
      balance: "10.00",
    });
    expect(balance.open_invoices.map((i: any) => i.due)).toEqual(["30.00"]);
    // B keeps its primary card; A's card comes without a role
    const sources = (await api.get(`/v1/customers/${ids.b}/payment_sources`)).data;
    expect(sources.map((s: any) => [s.id, s.role])).toEqual([
      [ids.cardA, "none"],
      [ids.cardB, "primary"],
    ]);
    const contacts = (await api.get(`/v1/customers/${ids.b}/contacts`)).data;
    expect(contacts.map((c: any) => c.id)).toEqual([ids.contactA]);
    const credits = await api.get(`/v1/customers/${ids.b}/promotional_credits`);
    expect(credits.balances).toEqual([{ currency: "EUR", balance: "5.00" }]);
    const events = await api.get(`/v1/events?subject_id=${ids.b}&type=customer.merged`);
    expect(events.data).toHaveLength(1);
    const again = await merge(ids.a!, ids.b!);
    expect([again.status, again.body.error.code]).toEqual([404, "customer_not_found"]);
  });

  it("February bills both contracts once, to B, and the credits apply there", async () => {
    await api.advance("2026-02-01T00:30:00Z");
    await api.run();
    const feb = (await api.invoices(ids.ka!)).filter((i) => i.kind === "invoice");
    expect(feb.map((i) => [i.customer_id, i.total_gross])).toEqual([
      [ids.b, "30.00"],
      [ids.b, "30.00"],
    ]);
    // 60 + 60 invoiced − 5 credits − 50 paid = 65
    const balance = await api.get(`/v1/customers/${ids.b}/balance`);
    expect(balance.balances[0].balance).toBe("65.00");
  });
});
