/**
 * The contracts list filtered by status (as of the tenant's clock: future, in trial, trial
 * expired, active, temporarily inactive, ended) and by customer, each alone and combined,
 * paged one row at a time; with include_total, how many match, the same on every page. Each
 * expectation is the same filter applied in memory to the statuses the whole list shows.
 * The days the contracts start on (UTC, each end included) filter them too, with the others.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { pageThrough } from "../paging.js";
import { describeServer } from "../server.js";

type Row = { id: string; customer_id: string; status: string; start_date: string };

describeServer("the contracts list filtered", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let all: Row[] = [];
  const customers: string[] = [];

  /** Every row of the list with `query`, a page of `limit` at a time, and each page's total. */
  const pages = (query: string, limit = 1) =>
    pageThrough<Row>((p) => api.get(p), "/v1/contracts", query, limit);

  beforeAll(async () => {
    api = await billingTenant(t.server, "Filtered contracts", "2026-01-01T00:00:00Z");
    for (const name of ["Acme", "Globex"])
      customers.push(await api.customer({ company_name: name }));
    const [a = "", b = ""] = customers;
    const monthly = { recurring_fee: "10", fee_period: { unit: "month", count: 1 } };
    const { plan } = await api.plan();
    const basic = await api.variant(plan, { internal_name: "Basic", ...monthly });
    const trial = await api.plan({ name: "Pro", trial_period: { unit: "month", count: 1 } });
    const pro = await api.variant(trial.plan, { internal_name: "Pro", ...monthly });
    const short = await api.plan({
      name: "Try",
      trial_period: { unit: "week", count: 1 },
      trial_end_policy: "expire",
    });
    const tryout = await api.variant(short.plan, { internal_name: "Try", ...monthly });

    await api.signup(a, basic); // active
    await api.signup(b, tryout); // its trial expires on 8 January
    const ended = await api.signup(a, basic);
    await api.post(`/v1/contracts/${ended}/end`, { end_date: "2026-01-05T00:00:00Z" });
    const resting = await api.signup(b, basic);
    await api.advance("2026-01-10T00:00:00Z");
    await api.post("/v1/subscription_actions/deactivate", { contract_id: resting });
    await api.signup(a, pro); // in trial
    await api.signup(b, basic, { start_date: "2026-02-01T00:00:00Z" }); // future
    all = (await api.get("/v1/contracts?limit=100")).data;
  });

  const STATUSES = [
    "future",
    "in_trial",
    "trial_expired",
    "active",
    "temporarily_inactive",
    "ended",
  ];

  it("has contracts in every status but transferred, of two customers", () => {
    expect(all).toHaveLength(6);
    expect(all.map((c) => c.status).sort()).toEqual([...STATUSES].sort());
    expect(new Set(all.map((c) => c.customer_id))).toEqual(new Set(customers));
  });

  it("answers the contracts each status holds, counted, with and without a customer", async () => {
    for (const status of [...STATUSES, "transferred"]) {
      for (const customer of [undefined, ...customers]) {
        const q = `status=${status}${customer ? `&customer_id=${customer}` : ""}`;
        const expected = all.filter(
          (r) => r.status === status && (!customer || r.customer_id === customer),
        );
        const { ids, totals } = await pages(`${q}&include_total=true`);
        expect(ids, q).toEqual(expected.map((r) => r.id));
        expect(new Set(totals), q).toEqual(new Set([expected.length]));
      }
    }
  });

  it("counts every contract, or a customer's, only when asked", async () => {
    const counted = await pages("include_total=true", 4);
    expect(counted.ids).toEqual(all.map((r) => r.id));
    expect(new Set(counted.totals)).toEqual(new Set([6]));
    const theirs = await pages(`customer_id=${customers[0]}&include_total=true`, 2);
    expect(new Set(theirs.totals)).toEqual(new Set([3]));
    const uncounted = await pages("", 4);
    expect(uncounted.ids).toEqual(all.map((r) => r.id));
    expect(new Set(uncounted.totals)).toEqual(new Set([undefined]));
  });

  it("takes the status on the tenant's clock: a trial ends, a future contract starts", async () => {
    await api.advance("2026-02-11T00:00:00Z");
    const now = (await api.get("/v1/contracts?limit=100")).data as Row[];
    for (const status of ["in_trial", "active", "future"]) {
      const { ids, totals } = await pages(`status=${status}&include_total=true`, 10);
      const expected = now.filter((r) => r.status === status).map((r) => r.id);
      expect(ids, status).toEqual(expected);
      expect(totals, status).toEqual([expected.length]);
    }
    // the trial from 10 January ended on 10 February, the future contract started on 1 February
    expect(now.filter((r) => r.status === "future" || r.status === "in_trial")).toHaveLength(0);
    expect(now.filter((r) => r.status === "active")).toHaveLength(3);
  });

  it("refuses a status that does not exist", async () => {
    const res = await api.request("GET", "/v1/contracts?status=paused");
    expect(res.status).toBe(400);
  });

  it("answers the contracts starting within the days asked, each end included, with the other filters", async () => {
    const dayOf = (instant: string) => instant.slice(0, 10);
    // the statuses as of the clock now (an earlier case moved it)
    const all: Row[] = (await api.get("/v1/contracts?limit=100")).data;
    // four start on 1 January, one on 10 January, one on 1 February
    expect(all.map((c) => dayOf(c.start_date)).sort()).toEqual([
      "2026-01-01",
      "2026-01-01",
      "2026-01-01",
      "2026-01-01",
      "2026-01-10",
      "2026-02-01",
    ]);
    const ranges: [string | undefined, string | undefined][] = [
      ["2026-01-01", "2026-01-01"],
      ["2026-01-02", undefined],
      ["2026-01-10", "2026-01-10"],
      [undefined, "2026-01-09"],
      ["2026-01-10", "2026-01-31"],
      ["2026-02-02", undefined],
    ];
    for (const [from, to] of ranges) {
      for (const other of ["", "status=active", `customer_id=${customers[1]}`]) {
        const q = [from && `start_from=${from}`, to && `start_to=${to}`, other]
          .filter(Boolean)
          .join("&");
        const expected = all.filter((r) => {
          const day = dayOf(r.start_date);
          if ((from && day < from) || (to && day > to)) return false;
          if (other === "status=active") return r.status === "active";
          if (other.startsWith("customer_id=")) return r.customer_id === customers[1];
          return true;
        });
        const { ids, totals } = await pages(`${q}&include_total=true`);
        expect(ids, q).toEqual(expected.map((r) => r.id));
        expect(new Set(totals), q).toEqual(new Set([expected.length]));
      }
    }
    // in every sort too
    const started = await pages("start_from=2026-01-02&sort=start&order=desc", 1);
    expect(started.ids).toEqual(
      all
        .filter((r) => r.start_date >= "2026-01-02")
        .map((r) => r.id)
        .reverse(),
    );
    for (const [name, value] of [
      ["start_from", "2026-02-30"],
      ["start_to", "yesterday"],
      ["start_from", "2026-01-02T00:00:00Z"],
    ] as const) {
      const res = await api.request("GET", `/v1/contracts?${name}=${value}`);
      expect(res.status, `${name}=${value}`).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.details.field).toBe(`query.${name}`);
    }
  });
});
