/**
 * The audit log, the webhook deliveries and the subscription actions filtered by UTC days
 * (each end inclusive: the day's last millisecond in, the next day's first out), alone and
 * combined with each list's other filters, paged one row at a time; with include_total, how
 * many match, the same on every page. Each expectation is the same filter applied to the
 * whole list in memory.
 *
 * An action is created at the tenant clock's time, so the test clock places actions on their
 * days. An audit record's occurred_at and a delivery's created_at are wall-clock times (the
 * test clock moves a record's tenant_time only), so those rows are placed on their days by
 * setting the time in the database, at the same edges (an audit record's id with it, as the
 * id holds the time it was made).
 */
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { fanOut } from "../../src/workflows/webhook-delivery.js";
import { moveAuditRecords } from "../audit-at.js";
import { billingTenant } from "../billing-tenant.js";
import { pageThrough } from "../paging.js";
import { describeServer } from "../server.js";

type Row = Record<string, any> & { id: string };

/** The instants rows are placed at, in turn: both edges of 2 January, and the days around. */
const INSTANTS = [
  "2026-01-01T23:59:59.999Z",
  "2026-01-02T00:00:00.000Z",
  "2026-01-02T23:59:59.999Z",
  "2026-01-03T00:00:00.000Z",
  "2026-01-04T06:00:00.000Z",
];

/** Day filters as `from`/`to` pairs, and whether a row of day `d` (YYYY-MM-DD) is in. */
const DAYS: [from: string | null, to: string | null, holds: (d: string) => boolean][] = [
  [null, null, () => true],
  ["2026-01-02", "2026-01-02", (d) => d === "2026-01-02"],
  ["2026-01-03", null, (d) => d >= "2026-01-03"],
  [null, "2026-01-01", (d) => d <= "2026-01-01"],
  ["2026-01-03", "2026-01-02", () => false],
];

const dayOf = (instant: string) => new Date(instant).toISOString().slice(0, 10);

describeServer("the day filters of the audit log, deliveries and actions", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let actions: Row[] = [];
  let audit: Row[] = [];
  let deliveries: Row[] = [];
  const contracts: string[] = [];
  const endpoints: string[] = [];

  /** Every row of the list at `path` with `query`, a page at a time, and each page's total. */
  const pages = (path: string, query: string, limit = 1) =>
    pageThrough<Row>((p) => api.get(p), path, query, limit);

  /**
   * For each day filter (named `from` and `to` on the list) and each of `others` (a query and
   * what it holds), the list answers the rows both hold, counted on every page.
   */
  async function expectFiltered(
    path: string,
    rows: Row[],
    dayOfRow: (r: Row) => string,
    names: [from: string, to: string],
    others: [string, (r: Row) => boolean][],
    limit = 1,
  ) {
    for (const [from, to, holdsDay] of DAYS) {
      for (const [other, holds] of others) {
        const q = [
          from && `${names[0]}=${from}`,
          to && `${names[1]}=${to}`,
          other,
          "include_total=true",
        ]
          .filter(Boolean)
          .join("&");
        const expected = rows.filter((r) => holdsDay(dayOfRow(r)) && holds(r));
        const { ids, totals } = await pages(path, q, limit);
        expect(ids, q).toEqual(expected.map((r) => r.id));
        expect(new Set(totals), q).toEqual(new Set([expected.length]));
      }
    }
  }

  beforeAll(async () => {
    api = await billingTenant(t.server, "Day filters", INSTANTS[0]!);
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "10",
      fee_period: { unit: "month", count: 1 },
    });
    for (const name of ["Acme", "Globex"]) {
      const customer = await api.customer({ company_name: name });
      const order = await api.post("/v1/orders", {
        customer_id: customer,
        plan_variant_id: variant,
        commit: true,
      });
      contracts.push(order.contract_id);
    }
    const [a = "", b = ""] = contracts;
    for (const name of ["first", "second"]) {
      const ep = await api.post("/v1/webhook_endpoints", {
        url: `http://127.0.0.1:9/${name}`,
        event_types: ["api_key.created"],
      });
      endpoints.push(ep.id);
    }
    // one action at each instant, by the test clock: scheduled rests on both contracts, and
    // one executed deactivation
    const submit = [
      () =>
        api.post("/v1/subscription_actions/rest", {
          contract_id: a,
          scheduled_date: "2026-03-01T00:00:00Z",
        }),
      () =>
        api.post("/v1/subscription_actions/rest", {
          contract_id: b,
          scheduled_date: "2026-03-02T00:00:00Z",
        }),
      () =>
        api.post("/v1/subscription_actions/rest", {
          contract_id: a,
          scheduled_date: "2026-03-03T00:00:00Z",
        }),
      () => api.post("/v1/subscription_actions/deactivate", { contract_id: b }),
      () =>
        api.post("/v1/subscription_actions/rest", {
          contract_id: a,
          scheduled_date: "2026-03-04T00:00:00Z",
        }),
    ];
    for (const [i, instant] of INSTANTS.entries()) {
      if (i > 0) await api.advance(instant);
      await submit[i]!();
    }
    // three events, each delivered to both endpoints
    for (const name of ["one", "two", "three"]) {
      await api.post("/v1/api_keys", { name, roles: ["read_only"] });
    }
    await fanOut(t.server.db, { now: () => new Date(), limit: 100 });

    // audit records and deliveries at the instants in turn (the list is newest first)
    const records: Row[] = (await api.get("/v1/audit_events?limit=100")).data;
    await moveAuditRecords(
      t.server.db,
      records.map((r, i) => ({
        id: r.id,
        at: new Date(INSTANTS[(records.length - 1 - i) % INSTANTS.length]!),
      })),
    );
    const delivered: Row[] = (await api.get("/v1/webhook_deliveries?limit=100")).data;
    for (const [i, d] of delivered.entries()) {
      const at = new Date(INSTANTS[i % INSTANTS.length]!);
      // the schema types created_at as written only on insert: set it in plain SQL
      await sql`UPDATE webhook_deliveries SET created_at = ${at} WHERE id = ${d.id}`.execute(
        t.server.db,
      );
    }
    // one delivery cancelled: two statuses to filter by
    await t.server.db
      .updateTable("webhook_deliveries")
      .set({ status: "cancelled" })
      .where("id", "=", delivered[1]!.id)
      .execute();

    actions = (await api.get("/v1/subscription_actions?limit=100")).data;
    audit = (await api.get("/v1/audit_events?limit=100")).data;
    deliveries = (await api.get("/v1/webhook_deliveries?limit=100")).data;
  });

  it("has rows of every list on several days, at both edges of 2 January", () => {
    expect(actions.map((r) => r.created_at)).toEqual(INSTANTS);
    expect(new Set(actions.map((r) => r.state))).toEqual(new Set(["scheduled", "executed"]));
    expect(audit.length).toBeGreaterThan(INSTANTS.length);
    expect(new Set(audit.map((r) => r.occurred_at))).toEqual(new Set(INSTANTS));
    expect(new Set(audit.map((r) => r.operation)).size).toBeGreaterThan(3);
    expect(deliveries).toHaveLength(6);
    expect(new Set(deliveries.map((r) => r.created_at))).toEqual(new Set(INSTANTS));
    expect(new Set(deliveries.map((r) => r.status))).toEqual(new Set(["pending", "cancelled"]));
  });

  it("filters the subscription actions by the days created, with their other filters", async () => {
    const [a = "", b = ""] = contracts;
    await expectFiltered(
      "/v1/subscription_actions",
      actions,
      (r) => dayOf(r.created_at),
      ["created_from", "created_to"],
      [
        ["", () => true],
        [`contract_id=${a}`, (r) => r.contract_id === a],
        [`contract_id=${b}&state=executed`, (r) => r.contract_id === b && r.state === "executed"],
        ["state=scheduled", (r) => r.state === "scheduled"],
        [
          `behaviour_code=${actions[0]!.behaviour_code}`,
          (r) => r.behaviour_code === actions[0]!.behaviour_code,
        ],
      ],
    );
  });

  it("filters the audit log by the days the records occurred, with their other filters", async () => {
    const [a = ""] = contracts;
    await expectFiltered(
      "/v1/audit_events",
      audit,
      (r) => dayOf(r.occurred_at),
      ["occurred_from", "occurred_to"],
      [
        ["", () => true],
        ["operation=subscription_actions.rest", (r) => r.operation === "subscription_actions.rest"],
        [`target_id=${a}`, (r) => r.target?.id === a],
      ],
      4,
    );
  });

  it("filters the webhook deliveries by the days created, with their other filters", async () => {
    const [first = ""] = endpoints;
    const event = deliveries[0]!.event_id;
    await expectFiltered(
      "/v1/webhook_deliveries",
      deliveries,
      (r) => dayOf(r.created_at),
      ["created_from", "created_to"],
      [
        ["", () => true],
        [`endpoint_id=${first}`, (r) => r.endpoint_id === first],
        [`event_id=${event}`, (r) => r.event_id === event],
        ["status=pending", (r) => r.status === "pending"],
        [
          `status=cancelled&endpoint_id=${deliveries[1]!.endpoint_id}`,
          (r) => r.status === "cancelled",
        ],
      ],
    );
  });

  it("counts only when asked", async () => {
    for (const [path, q] of [
      ["/v1/subscription_actions", "created_from=2026-01-02&created_to=2026-01-02"],
      ["/v1/audit_events", "occurred_from=2026-01-02&occurred_to=2026-01-02"],
      ["/v1/webhook_deliveries", "created_from=2026-01-02&created_to=2026-01-02"],
    ] as const) {
      const { ids, totals } = await pages(path, q, 1);
      expect(ids.length, `${path}?${q}`).toBeGreaterThan(1);
      expect(new Set(totals), `${path}?${q}`).toEqual(new Set([undefined]));
    }
  });

  it("refuses a day that is not one, naming the parameter", async () => {
    for (const [path, name] of [
      ["/v1/subscription_actions", "created_from"],
      ["/v1/subscription_actions", "created_to"],
      ["/v1/audit_events", "occurred_from"],
      ["/v1/audit_events", "occurred_to"],
      ["/v1/webhook_deliveries", "created_from"],
      ["/v1/webhook_deliveries", "created_to"],
    ] as const) {
      for (const value of ["2026-13-01", "2026-02-30", "yesterday", "2026-01-02T00:00:00Z"]) {
        const res = await api.request("GET", `${path}?${name}=${value}`);
        expect(res.status, `${path}?${name}=${value}`).toBe(400);
        expect(res.body.error.code).toBe("validation_failed");
        expect(res.body.error.details.field).toBe(`query.${name}`);
      }
    }
  });
});
