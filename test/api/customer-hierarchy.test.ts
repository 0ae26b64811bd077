/**
 * Account hierarchy: link a customer under a parent, change who receives and pays its
 * invoices, unlink it, and the consolidated view. The transfer rules on these operations are
 * cases of entity-rules.test.ts.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("customer hierarchy", (t) => {
  const customer = async (company_name: string): Promise<string> =>
    (await t.server.must("POST", "/v1/customers", { company_name })).id;
  const link = (id: string, body: Record<string, unknown>) =>
    t.server.post(`/v1/customers/${id}/hierarchy/link`, body);
  const view = async (id: string) => (await t.server.get(`/v1/customers/${id}/hierarchy`)).body;

  beforeAll(async () => {
    await t.server.must("POST", "/v1/test_clock", { frozen_time: "2026-03-01T09:00:00Z" });
  });

  it("link → settings → view → unlink, each audited with an event", async () => {
    const parent = await customer("Holding");
    const child = await customer("Subsidiary");
    const linked = await link(child, { parent_id: parent, payment_owner: "parent" });
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({
      customer_id: child,
      parent_id: parent,
      invoice_owner: "self",
      payment_owner: "parent",
      created_at: "2026-03-01T09:00:00.000Z",
      updated_at: "2026-03-01T09:00:00.000Z",
    });

    await t.server.must("POST", "/v1/test_clock/advance", { frozen_time: "2026-03-02T09:00:00Z" });
    const changed = await t.server.post(`/v1/customers/${child}/hierarchy/settings`, {
      invoice_owner: "parent",
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      invoice_owner: "parent",
      payment_owner: "parent",
      updated_at: "2026-03-02T09:00:00.000Z",
    });

    // the child has 10.00 of credit: an offline payment with nothing to pay
    await t.server.must("POST", "/v1/payments", {
      customer_id: child,
      amount: "10.00",
      currency: "EUR",
      method: "offline",
    });
    expect(await view(parent)).toEqual({
      customer_id: parent,
      link: null,
      ancestors: [],
      balances: [],
      children: [
        {
          ...changed.body,
          display_name: "Subsidiary",
          has_children: false,
          balances: [{ currency: "EUR", balance: "-10.00" }],
        },
      ],
    });
    expect(await view(child)).toMatchObject({
      customer_id: child,
      link: changed.body,
      ancestors: [parent],
      balances: [{ currency: "EUR", balance: "-10.00" }],
      children: [],
    });

    const unlinked = await t.server.post(`/v1/customers/${child}/hierarchy/unlink`);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body).toEqual(changed.body);
    expect(await view(child)).toMatchObject({ link: null, ancestors: [] });
    expect((await view(parent)).children).toEqual([]);

    const audit = (await t.server.get(`/v1/audit_events?target_id=${child}`)).body.data;
    expect(
      audit
        .filter((e: { operation: string }) => e.operation.startsWith("customer_hierarchy."))
        .map((e: { operation: string }) => e.operation),
    ).toEqual([
      "customer_hierarchy.unlink",
      "customer_hierarchy.update_settings",
      "customer_hierarchy.link",
    ]);
    const events = (await t.server.get(`/v1/events?subject_id=${child}`)).body.data;
    expect(
      events
        .map((e: { type: string }) => e.type)
        .filter((type: string) => type.startsWith("customer_hierarchy.")),
    ).toEqual([
      "customer_hierarchy.unlinked",
      "customer_hierarchy.updated",
      "customer_hierarchy.linked",
    ]);
  });

  it("no cycles, directly or through ancestors; no self link; at most five levels", async () => {
    const [a, b, c, d, e, f] = await Promise.all(
      ["A", "B", "C", "D", "E", "F"].map((n) => customer(n)),
    );
    // a ← b ← c ← d ← e: five levels
    for (const [child, parent] of [
      [b, a],
      [c, b],
      [d, c],
      [e, d],
    ] as const) {
      expect((await link(child!, { parent_id: parent })).status).toBe(200);
    }
    expect((await view(e!)).ancestors).toEqual([d, c, b, a]);
    for (const [child, parent] of [
      [a, b],
      [a, e],
      [c, e],
      [c, c],
    ] as const) {
      const res = await link(child!, { parent_id: parent });
      expect([res.status, res.body.error.code], `${child} under ${parent}`).toEqual([
        422,
        child === a || child === c ? "hierarchy_cycle" : "",
      ]);
    }
    const deep = await link(f!, { parent_id: e });
    expect(deep.status).toBe(422);
    expect(deep.body.error).toMatchObject({ code: "hierarchy_too_deep", details: { limit: 5 } });
    // a subtree counts with its own levels: f ← b's subtree (4 levels) under a new root is 5
    await t.server.post(`/v1/customers/${b}/hierarchy/unlink`);
    expect((await link(b!, { parent_id: f })).status).toBe(200);
    const g = await customer("G");
    const tooDeep = await link(f!, { parent_id: g });
    expect(tooDeep.body.error.code).toBe("hierarchy_too_deep");
    expect((await view(f!)).link).toBeNull();
  });

  it("bad input: 422 or 400 with a code, nothing written", async () => {
    const p = await customer("P");
    const q = await customer("Q");
    const c = await customer("C");
    const cases: [string, string, Record<string, unknown> | undefined, number, string][] = [
      ["link", c, { parent_id: "customer_none" }, 422, "unknown_customer"],
      ["link", c, { parent_id: p, invoice_owner: "parent" }, 422, "hierarchy_settings_invalid"],
      ["link", c, { parent_id: p, payment_owner: "boss" }, 400, "validation_failed"],
      ["link", c, {}, 400, "validation_failed"],
      ["settings", c, { payment_owner: "parent" }, 422, "hierarchy_not_linked"],
      ["unlink", c, undefined, 422, "hierarchy_not_linked"],
      ["link", "customer_none", { parent_id: p }, 404, "customer_not_found"],
    ];
    for (const [action, id, body, status, code] of cases) {
      const res = await t.server.post(`/v1/customers/${id}/hierarchy/${action}`, body);
      expect([res.status, res.body.error.code], `${action} ${JSON.stringify(body)}`).toEqual([
        status,
        code,
      ]);
    }
    expect((await view(c)).link).toBeNull();
    await t.server.must("POST", `/v1/customers/${c}/hierarchy/link`, { parent_id: p });
    const again = await link(c, { parent_id: q });
    expect(again.body.error).toMatchObject({
      code: "hierarchy_already_linked",
      details: { parent_id: p },
    });
    const bad = await t.server.post(`/v1/customers/${c}/hierarchy/settings`, {
      invoice_owner: "parent",
    });
    expect(bad.body.error.code).toBe("hierarchy_settings_invalid");
    const empty = await t.server.post(`/v1/customers/${c}/hierarchy/settings`, {});
    expect(empty.status).toBe(400);
    expect((await view(c)).link).toMatchObject({ invoice_owner: "self", payment_owner: "self" });
    // a customer in a hierarchy cannot be deleted, as parent or as child
    for (const id of [c, p]) {
      const del = await t.server.request("DELETE", `/v1/customers/${id}`);
      expect([del.status, del.body.error.code]).toEqual([422, "customer_in_hierarchy"]);
    }
  });

  it("another tenant's customers are not found; a read-only key may only read", async () => {
    const p = await customer("P2");
    const c = await customer("C2");
    const other = await t.server.createTenant("Hierarchy B");
    const theirs = (
      await t.server.request("POST", "/v1/customers", {
        key: other.api_key,
        body: { company_name: "Theirs" },
      })
    ).body.id;
    const cross = await link(c, { parent_id: theirs });
    expect([cross.status, cross.body.error.code]).toEqual([422, "unknown_customer"]);
    const foreign = await t.server.request("POST", `/v1/customers/${c}/hierarchy/link`, {
      key: other.api_key,
      body: { parent_id: theirs },
    });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "customer_not_found"]);
    const read = await t.server.request("GET", `/v1/customers/${c}/hierarchy`, {
      key: other.api_key,
    });
    expect(read.status).toBe(404);

    const { secret } = await t.server.must("POST", "/v1/api_keys", {
      name: "hierarchy viewer",
      roles: ["read_only"],
    });
    expect((await t.server.get(`/v1/customers/${c}/hierarchy`, { key: secret })).status).toBe(200);
    const denied = await t.server.post(
      `/v1/customers/${c}/hierarchy/link`,
      { parent_id: p },
      { key: secret },
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.details).toMatchObject({
      operation: "customer_hierarchy.link",
      required_any_of: ["customers:write"],
    });
  });

  it("a link replayed with the same Idempotency-Key answers the first link", async () => {
    const p = await customer("P3");
    const c = await customer("C3");
    const headers = { "idempotency-key": "hierarchy-link-1" };
    const first = await t.server.post(
      `/v1/customers/${c}/hierarchy/link`,
      { parent_id: p },
      {
        headers,
      },
    );
    const replay = await t.server.post(
      `/v1/customers/${c}/hierarchy/link`,
      { parent_id: p },
      {
        headers,
      },
    );
    expect(first.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });
});
