/**
 * Paying and payment methods in the customer portal over HTTP, with a contract's self-service
 * token: the customer's open invoices with what each owes, a card added (the first becomes
 * primary), another made primary, one removed; an invoice paid now through the primary card,
 * a declined card leaving the invoice open with a failed payment, everything owed paid at
 * once; and nothing of another customer reachable with the token.
 *
 * No tax policy: an invoice's gross is its net. Amounts derived by hand below.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const CARD = { number: "4242424242424242", exp_month: 12, exp_year: 2030 };
const DECLINED = { ...CARD, number: "4000000000000002" };

describeServer("portal payments", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let variant: string;
  /** A customer signed up to the plan, with a portal token for its contract. */
  const subscriber = async (name: string) => {
    const customer = await api.customer({ company_name: name });
    const contract = await api.signup(customer, variant);
    const { token } = await api.post(`/v1/contracts/${contract}/self_service_token`, {});
    return { customer, contract, token: token as string };
  };
  const invoice = async (customer: string, price: string) =>
    api.post("/v1/invoices", {
      customer_id: customer,
      currency: "EUR",
      lines: [{ description: "Workshop", unit_price: price }],
    });
  const portal = (
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) =>
    t.server.request(method, `/portal/api${path}`, {
      key: token,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
  const openOf = async (token: string) =>
    (await portal(token, "GET", "/payments")).body.open_invoices.map((i: any) => [
      i.id,
      i.amount_due,
    ]);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Portal payments", "2026-04-01T00:00:00Z");
    const { plan } = await api.plan();
    // a zero fee: the signup's invoice owes nothing, so only the invoices below are open
    variant = await api.variant(plan, {
      internal_name: "Free",
      recurring_fee: "0",
      fee_period: { unit: "month", count: 1 },
    });
  });

  it("manages payment sources: added (the first is primary), made primary, removed", async () => {
    const { customer, contract, token } = await subscriber("Karten");
    expect((await portal(token, "GET", "/payment_sources")).body.data).toEqual([]);
    const first = await portal(token, "POST", "/payment_sources", { type: "card", card: CARD });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      type: "card",
      role: "primary",
      status: "valid",
      card: { brand: "visa", last4: "4242" },
    });
    // the gateway's references stay inside
    expect(first.body.gateway_reference).toBeUndefined();
    const second = await portal(token, "POST", "/payment_sources", {
      type: "card",
      card: { ...CARD, number: "5555555555554444" },
    });
    expect([second.status, second.body.role, second.body.card.brand]).toEqual([
      201,
      "none",
      "mastercard",
    ]);
    const primary = await portal(token, "POST", `/payment_sources/${second.body.id}/primary`);
    expect([primary.status, primary.body.role]).toEqual([200, "primary"]);
    const roles = async () =>
      (await portal(token, "GET", "/payment_sources")).body.data
        .map((s: any) => [s.card.last4, s.role])
        .sort();
    expect(await roles()).toEqual([
      ["4242", "none"],
      ["4444", "primary"],
    ]);
    const removed = await portal(token, "DELETE", `/payment_sources/${first.body.id}`);
    expect([removed.status, removed.body.status]).toEqual([200, "deleted"]);
    expect(await roles()).toEqual([["4444", "primary"]]);
    // the merchant's API sees the same sources, changed by the portal's actor
    const sources = (await api.get(`/v1/customers/${customer}/payment_sources`)).data;
    expect(sources.map((s: any) => [s.id, s.role])).toEqual([[second.body.id, "primary"]]);
    const audit = (await api.get(`/v1/audit_events?target_id=${second.body.id}`)).data;
    expect(audit.length).toBeGreaterThan(0);
    for (const a of audit) expect(a.actor).toEqual({ type: "self_service", id: contract });
  });

  it("pays an open invoice through the primary card; a declined card leaves it open with a failed payment", async () => {
    const { customer, token } = await subscriber("Zahler");
    const owed = await invoice(customer, "29.75");
    expect(await openOf(token)).toEqual([[owed.id, "29.75"]]);
    // no payment source yet: paying needs one
    const none = await portal(token, "POST", "/pay", { invoice_id: owed.id });
    expect([none.status, none.body.error.code]).toEqual([422, "payment_source_required"]);
    // a card the gateway declines: 422 with its message, the failed payment kept
    await portal(token, "POST", "/payment_sources", { type: "card", card: DECLINED });
    const declined = await portal(
      token,
      "POST",
      "/pay",
      { invoice_id: owed.id },
      { "idempotency-key": "pay-declined-1" },
    );
    expect([declined.status, declined.body.error.code]).toEqual([422, "portal_payment_failed"]);
    expect(declined.body.error.message).toBe("the payment failed: the card was declined");
    const failed = await api.get(`/v1/payments/${declined.body.error.details.payment_id}`);
    expect([failed.status, failed.amount, failed.customer_id]).toEqual([
      "failed",
      "29.75",
      customer,
    ]);
    expect(await openOf(token)).toEqual([[owed.id, "29.75"]]);
    // the same request again answers the same, and charges nothing more
    const again = await portal(
      token,
      "POST",
      "/pay",
      { invoice_id: owed.id },
      { "idempotency-key": "pay-declined-1" },
    );
    expect([again.status, again.body.error.code]).toEqual([422, "portal_payment_failed"]);
    expect(again.body.error.details.payment_id).toBe(declined.body.error.details.payment_id);
    const attempts = (await api.get(`/v1/payments?customer_id=${customer}`)).data;
    expect(attempts.map((p: any) => p.status)).toEqual(["failed"]);
    // a card that works, made primary: the invoice is paid in full
    const good = await portal(token, "POST", "/payment_sources", { type: "card", card: CARD });
    await portal(token, "POST", `/payment_sources/${good.body.id}/primary`);
    const paid = await portal(
      token,
      "POST",
      "/pay",
      { invoice_id: owed.id },
      { "idempotency-key": "pay-ok-1" },
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect([paid.body.status, paid.body.amount, paid.body.payment_source_id]).toEqual([
      "succeeded",
      "29.75",
      good.body.id,
    ]);
    expect(await openOf(token)).toEqual([]);
    const collection = await api.get(`/v1/invoices/${owed.id}/payments`);
    expect(collection.due).toBe("0.00");
    // nothing left to pay
    const settled = await portal(token, "POST", "/pay", { invoice_id: owed.id });
    expect([settled.status, settled.body.error.code]).toEqual([422, "invoice_settled"]);
  });

  it("pays everything owed at once, oldest first", async () => {
    const { customer, token } = await subscriber("Alles");
    const a = await invoice(customer, "10");
    const b = await invoice(customer, "5.50");
    await portal(token, "POST", "/payment_sources", { type: "card", card: CARD });
    const paid = await portal(token, "POST", "/pay", {});
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    // 10.00 + 5.50 = 15.50
    expect(paid.body.amount).toBe("15.50");
    expect(paid.body.allocations.map((x: any) => [x.invoice_id, x.amount])).toEqual([
      [a.id, "10.00"],
      [b.id, "5.50"],
    ]);
    expect(await openOf(token)).toEqual([]);
  });

  it("reaches nothing of another customer: its invoice and its payment sources are not found", async () => {
    const mine = await subscriber("Ich");
    const other = await subscriber("Andere");
    const theirs = await invoice(other.customer, "7");
    await portal(mine.token, "POST", "/payment_sources", { type: "card", card: CARD });
    const source = await portal(other.token, "POST", "/payment_sources", {
      type: "card",
      card: CARD,
    });
    const pay = await portal(mine.token, "POST", "/pay", { invoice_id: theirs.id });
    expect([pay.status, pay.body.error.code]).toEqual([404, "invoice_not_found"]);
    const primary = await portal(mine.token, "POST", `/payment_sources/${source.body.id}/primary`);
    expect(primary.status).toBe(422);
    expect(primary.body.error.code).toBe("payment_source_not_found");
    const remove = await portal(mine.token, "DELETE", `/payment_sources/${source.body.id}`);
    expect([remove.status, remove.body.error.code]).toEqual([404, "payment_source_not_found"]);
    // the other customer's invoice is still open, its source untouched
    expect(await openOf(other.token)).toEqual([[theirs.id, "7.00"]]);
    expect((await portal(other.token, "GET", "/payment_sources")).body.data).toHaveLength(1);
    // an API key is no portal token
    const withKey = await t.server.request("GET", "/portal/api/payments", { key: api.key });
    expect(withKey.status).toBe(401);
  });
});
