/**
 * The pause estimate on a date, with and without a resume date, against the real pause: a
 * German seller (19 % VAT), plan variant M at 30.00 a month billed a month in advance, a
 * contract from 1 April 2026 (April billed at once, 1 April – 1 May). On 10 April the merchant
 * asks what pausing on 16 April, and resuming on 16 May, would bill; then schedules both and
 * lets the scheduled actions job and billing run. Every figure is derived by hand.
 */
import { pino } from "pino";
import { beforeAll, expect, it } from "vitest";
import { scheduledActionsJob } from "../../src/jobs/scheduled-actions.js";
import { billingTenant, lines } from "../billing-tenant.js";
import { describeServer } from "../server.js";

const PAUSE = "2026-04-16T00:00:00Z";
const RESUME = "2026-05-16T00:00:00Z";
const totals = (doc: any) => [doc.total_net, doc.total_tax, doc.total_gross];

describeServer("pause estimate on a date", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let contract: string;
  const job = scheduledActionsJob();
  const runDue = () => job.run({ db: t.server.db, log: pino({ enabled: false }) });
  const written = async () => [
    (await api.get(`/v1/subscription_actions?contract_id=${contract}&limit=100`)).data.length,
    (await api.invoices(contract)).length,
  ];

  beforeAll(async () => {
    api = await billingTenant(t.server, "Pause", "2026-04-01T00:00:00Z");
    const policy = await api.post("/v1/tax_policies", {
      name: "VAT",
      rates: [{ country: "DE", rate: "19" }],
    });
    const [entity] = (await api.get("/v1/business_entities")).data;
    await api.request("PATCH", `/v1/business_entities/${entity.id}`, {
      country: "DE",
      address: { city: "Berlin", country: "DE" },
      default_tax_policy_id: policy.id,
    });
    const { plan } = await api.plan({}, { tax_policy_id: policy.id });
    const m = await api.variant(plan, {
      internal_name: "M",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    const customer = await api.customer({ company_name: "Kunde", address: { country: "DE" } });
    contract = await api.signup(customer, m);
    await api.run();
    await api.advance("2026-04-10T00:00:00Z");
  });

  it("estimates a pause on a date, then one with a resume date, and writes nothing", async () => {
    const before = await written();
    expect(before).toEqual([0, 1]);
    const paused = await api.post("/v1/estimates/pause", {
      contract_id: contract,
      pause_date: PAUSE,
    });
    // April (30 days) was billed 30.00; paused from 16 April, 1 – 16 April is 15 of 30 days:
    // 15.00 stays billed, −15.00 is corrected; VAT 19 % of −15.00 = −2.85; gross −17.85
    expect(paused.date).toBe("2026-04-16");
    expect(lines(paused)).toEqual([
      [
        "M (15 of 30 days) — correction of 30.00 billed",
        "2026-04-01..2026-04-16",
        "1",
        "-15.00",
        "-15.00",
      ],
    ]);
    expect(totals(paused)).toEqual(["-15.00", "-2.85", "-17.85"]);

    const resumed = await api.post("/v1/estimates/pause", {
      contract_id: contract,
      pause_date: PAUSE,
      resume_date: RESUME,
    });
    // and resumed on 16 May: billing runs again from there to the anniversary, 1 June —
    // 16 of May's 31 days: 30.00 × 16 / 31 = 15.4838… = 15.48. Net −15.00 + 15.48 = 0.48;
    // VAT 19 % of 0.48 = 0.0912 = 0.09; gross 0.57
    expect(resumed.date).toBe("2026-05-16");
    expect(lines(resumed)).toEqual([
      [
        "M (15 of 30 days) — correction of 30.00 billed",
        "2026-04-01..2026-04-16",
        "1",
        "-15.00",
        "-15.00",
      ],
      ["M (16 of 31 days)", "2026-05-16..2026-06-01", "1", "30", "15.48"],
    ]);
    expect(totals(resumed)).toEqual(["0.48", "0.09", "0.57"]);

    const backwards = await api.request("POST", "/v1/estimates/pause", {
      contract_id: contract,
      pause_date: PAUSE,
      resume_date: "2026-04-12T00:00:00Z",
    });
    expect([backwards.status, backwards.body.error.code]).toEqual([422, "end_before_start"]);
    const past = await api.request("POST", "/v1/estimates/pause", {
      contract_id: contract,
      pause_date: "2026-04-05T00:00:00Z",
    });
    expect([past.status, past.body.error.code]).toEqual([422, "scheduled_date_not_in_future"]);
    expect(await written()).toEqual(before);
  });

  it("the real pause and resumption bill what the estimate said", async () => {
    await api.post("/v1/subscription_actions/rest", {
      contract_id: contract,
      scheduled_date: PAUSE,
    });
    await api.post("/v1/subscription_actions/end_resting", {
      contract_id: contract,
      scheduled_date: RESUME,
    });
    await api.advance("2026-04-16T08:00:00Z");
    expect(await runDue()).toBe(1);
    await api.run();
    await api.advance("2026-05-16T08:00:00Z");
    expect(await runDue()).toBe(1);
    await api.run();
    const documents = (await api.invoices(contract)).slice(1);
    // the correction and the resumed period, as estimated: −15.00 and 15.48 net
    const billed = documents.flatMap((d: any) => lines(d));
    expect(billed).toEqual([
      [
        "M (15 of 30 days) — correction of 30.00 billed",
        "2026-04-01..2026-04-16",
        "1",
        "-15.00",
        "-15.00",
      ],
      ["M (16 of 31 days)", "2026-05-16..2026-06-01", "1", "30", "15.48"],
    ]);
  });
});
