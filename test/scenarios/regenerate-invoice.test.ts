/**
 * Regenerating a contract's invoice after it was voided: a void invoice stops counting as
 * billed, so settling now bills its charges again, once.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("regenerating a voided invoice", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let contract: string;
  let first: any;

  // 30/month prepaid from April 1; April billed: 30.00 for April 1 – May 1
  beforeAll(async () => {
    api = await billingTenant(t.server, "Regenerate", "2025-04-01T10:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    contract = await api.signup(await api.customer(), variant);
    first = (await api.post(`/v1/contracts/${contract}/settle`, {})).invoice;
  });

  it("refused while no invoice of the contract is void (409 nothing_to_regenerate)", async () => {
    const res = await api.request("POST", `/v1/contracts/${contract}/regenerate_invoice`, {});
    expect([res.status, res.body.error.code]).toEqual([409, "nothing_to_regenerate"]);
    const preview = await api.request(
      "GET",
      `/v1/contracts/${contract}/regenerate_invoice_preview`,
    );
    expect([preview.status, preview.body.error.code]).toEqual([409, "nothing_to_regenerate"]);
  });

  it("after the void: the same charges on a new invoice, once", async () => {
    await api.advance("2025-04-05T10:00:00Z");
    await api.post(`/v1/invoices/${first.id}/void`, {});
    // the void invoice no longer counts as billed: April's fee, 30.00, is due again
    const april = [["Monthly", "2025-04-01..2025-05-01", "1", "30", "30.00"]];
    const preview = await api.get(`/v1/contracts/${contract}/regenerate_invoice_preview`);
    expect(lines(preview)).toEqual(april);
    expect(preview.total_net).toBe("30.00");
    expect(await api.invoices(contract)).toHaveLength(1);

    const regenerated = await api.post(`/v1/contracts/${contract}/regenerate_invoice`, {});
    expect(regenerated.invoice.id).not.toBe(first.id);
    expect(lines(regenerated.invoice)).toEqual(april);
    expect(regenerated.invoice.total_net).toBe("30.00");
    const docs = await api.invoices(contract);
    expect(docs.map((d: any) => d.status)).toEqual(["void", regenerated.invoice.status]);

    // billed again: nothing left to regenerate, and a billing run bills nothing twice
    const again = await api.request("POST", `/v1/contracts/${contract}/regenerate_invoice`, {});
    expect([again.status, again.body.error.code]).toEqual([409, "nothing_to_regenerate"]);
    await api.run();
    expect(await api.invoices(contract)).toHaveLength(2);
  });
});
