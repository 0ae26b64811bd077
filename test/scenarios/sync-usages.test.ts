/**
 * Syncing a contract's draft invoice with usage recorded after billing wrote it, on a test
 * clock; every amount derived by hand.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("sync usages of a draft invoice", (t) => {
  const ids: Record<string, string> = {};
  let api: Awaited<ReturnType<typeof billingTenant>>;
  const sync = (invoice: string) => api.request("POST", `/v1/invoices/${invoice}/sync_usages`);

  // "Metered", 10.00 a month prepaid, and API calls at 0.50 each (metered, billed when the
  // month ends), signed up on 2026-02-01 in UTC
  beforeAll(async () => {
    api = await billingTenant(t.server, "Sync usages", "2026-02-01T10:00:00Z");
    const { group, plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "Metered",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    ids.calls = (
      await api.post("/v1/components", {
        plan_group_id: group,
        name: "API calls",
        type: "metered",
        price_per_unit: "0.5",
      })
    ).id;
    ids.customer = await api.customer();
    ids.contract = await api.signup(ids.customer, ids.variant);
    await api.run();
  });

  it("a draft takes the usage recorded for its period after it was written; billing then finds nothing more", async () => {
    const contract = ids.contract!;
    await api.advance("2026-02-10T10:00:00Z");
    await api.post(`/v1/contracts/${contract}/usage`, { component_id: ids.calls, quantity: "100" });
    // Mar 1: the draft bills March's fee and February's 100 calls, 100 × 0.50 = 50.00
    await api.advance("2026-03-01T10:00:00Z");
    const settled = await api.post(`/v1/contracts/${contract}/settle`, { draft: true });
    const draft = settled.invoice;
    expect(draft.status).toBe("draft");
    expect(lines(draft)).toEqual([
      ["Metered", "2026-03-01..2026-04-01", "1", "10", "10.00"],
      ["API calls — usage 100", "2026-02-01..2026-03-01", "100", "0.5", "50.00"],
    ]);
    const fee = draft.lines[0].id;

    // Mar 3: 40 more calls dated Feb 27 arrive. Unsynced, billing would correct February by
    // 140 × 0.50 = 70.00 less the 50.00 drafted: 20.00
    await api.advance("2026-03-03T10:00:00Z");
    const late = await api.post(`/v1/contracts/${contract}/usage`, {
      component_id: ids.calls,
      quantity: "40",
      due_date: "2026-02-27T12:00:00Z",
    });
    expect(lines(await api.get(`/v1/contracts/${contract}/billing_preview`))).toEqual([
      [
        "API calls — usage 140 — correction of 50.00 billed",
        "2026-02-01..2026-03-01",
        "1",
        "20.00",
        "20.00",
      ],
    ]);

    // synced: the draft's usage line is rated again, 140 × 0.50 = 70.00; total 10 + 70 = 80.00
    const res = await sync(draft.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe("draft");
    expect(lines(res.body)).toEqual([
      ["Metered", "2026-03-01..2026-04-01", "1", "10", "10.00"],
      ["API calls — usage 140", "2026-02-01..2026-03-01", "140", "0.5", "70.00"],
    ]);
    expect(res.body.lines[0].id).toBe(fee);
    expect(res.body.total_net).toBe("80.00");
    // the late record is billed by the draft, and billing has nothing left to bill
    const usage = (await api.get(`/v1/contracts/${contract}/usage`)).data;
    expect(usage.find((u: any) => u.id === late.id).billed).toBe(true);
    expect((await api.get(`/v1/contracts/${contract}/billing_preview`)).lines).toEqual([]);
    await api.run();
    expect(await api.invoices(contract)).toHaveLength(2);

    // a second sync changes nothing
    const again = await sync(draft.id);
    expect(again.body.lines.map((l: any) => l.id)).toEqual(res.body.lines.map((l: any) => l.id));
    expect(again.body.total_net).toBe("80.00");

    const issued = await api.post(`/v1/invoices/${draft.id}/finalize`);
    expect([issued.status, issued.total_net]).toEqual(["finalized", "80.00"]);
  });

  it("refused: an issued invoice, an invoice of hand-entered charges (422), another tenant's (404)", async () => {
    const issued = (await api.invoices(ids.contract!))[0];
    const res = await sync(issued.id);
    expect([res.status, res.body.error.code]).toEqual([422, "invoice_not_draft"]);

    const byHand = await api.post("/v1/invoices", {
      customer_id: ids.customer,
      currency: "EUR",
      lines: [{ description: "Workshop", unit_price: "100" }],
      draft: true,
    });
    const refused = await sync(byHand.id);
    expect([refused.status, refused.body.error.code]).toEqual([422, "invoice_not_of_contract"]);

    const other = await billingTenant(t.server, "Elsewhere", "2026-03-03T10:00:00Z");
    const foreign = await other.request("POST", `/v1/invoices/${byHand.id}/sync_usages`);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "invoice_not_found"]);
  });
});
