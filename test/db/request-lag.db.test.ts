/**
 * Requests that compute much let the event loop run: while a customer's upcoming invoices or a
 * signup's estimate are previewed over ten years of daily charges, or the PDF of an invoice of
 * 3,652 lines is drawn, a timer keeps firing and /healthz keeps answering. Without the pauses
 * the timer does not fire while the preview is computed or the PDF drawn.
 *
 * /healthz asks the database: on the embedded database (PGlite), which serves one transaction
 * at a time, it waits for the estimate's transaction (rolled back at the end), so it is checked
 * there only for the requests that hold none (upcoming invoices, the PDF).
 */
import { beforeAll, expect, it, vi } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { expectLoopFree, measureLag } from "../loop-lag.js";
import { describeServer } from "../server.js";

// seconds of work each, and room for a slow, busy machine
vi.setConfig({ testTimeout: 120_000 });

/** Daily fees from 2016-05-02 to 2026-05-01 (the tenant's now): 3,652 days. */
const START = "2016-05-02T00:00:00Z";
const DAYS = 3652;
/** Quantity components charged daily besides the fee: each day makes 1 + EXTRAS charges. */
const EXTRAS = 3;

describeServer("long computations of a request let the event loop run", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let variant: string;
  let components: { component_id: string; quantity: string }[];
  let customer: string;

  beforeAll(async () => {
    api = await billingTenant(t.server, "Long history", "2026-05-01T00:00:00Z");
    const { group, plan } = await api.plan();
    variant = await api.variant(plan, {
      internal_name: "Daily",
      recurring_fee: "1",
      fee_period: { unit: "day", count: 1 },
    });
    components = [];
    for (let i = 0; i < EXTRAS; i++) {
      const component = await api.post("/v1/components", {
        plan_group_id: group,
        name: `Seats ${i}`,
        type: "quantity",
        price_per_unit: "1",
        fee_period: { unit: "day", count: 1 },
      });
      components.push({ component_id: component.id, quantity: "1" });
    }
    customer = await api.customer();
    for (let i = 0; i < 2; i++) {
      await api.signup(customer, variant, { start_date: START, components });
    }
  });

  it("a customer's upcoming invoices: two contracts of ten years of daily charges", async () => {
    const lag = await measureLag(t.server.url, () =>
      api.get(`/v1/customers/${customer}/upcoming_invoices`),
    );
    expect(lag.result.invoices).toHaveLength(2);
    expect(lag.result.invoices.map((i: any) => i.invoice.total_net)).toEqual([
      `${DAYS * (1 + EXTRAS)}.00`,
      `${DAYS * (1 + EXTRAS)}.00`,
    ]);
    expectLoopFree(lag, { healthz: true });
  });

  it("a signup's estimate of ten years of daily charges", async () => {
    const lag = await measureLag(t.server.url, () =>
      api.post("/v1/estimates/subscription", {
        customer_id: customer,
        plan_variant_id: variant,
        start_date: START,
        components,
      }),
    );
    expect(lag.result.lines).toHaveLength(DAYS * (1 + EXTRAS));
    expect(lag.result.total_net).toBe(`${DAYS * (1 + EXTRAS)}.00`);
    expectLoopFree(lag, { healthz: t.backend === "postgres" });
  });

  it("the PDF of an invoice of 3,652 lines", async () => {
    // a contract with the daily fee alone, billed
    const alone = await api.customer();
    const contract = await api.signup(alone, variant, { start_date: START });
    await api.post(`/v1/contracts/${contract}/settle`);
    const [invoice] = (await api.get(`/v1/invoices?limit=1&customer_id=${alone}`)).data;
    expect(invoice.total_net).toBe(`${DAYS}.00`);

    const lag = await measureLag(t.server.url, async () => {
      const res = await fetch(`${t.server.url}/v1/invoices/${invoice.id}/pdf`, {
        headers: { authorization: `Bearer ${api.key}` },
      });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    });
    expect(lag.result.subarray(0, 5).toString()).toBe("%PDF-");
    // one page holds a few dozen lines
    const pages = lag.result.toString("latin1").match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(DAYS / 60);
    expectLoopFree(lag, { healthz: true });
  });
});
