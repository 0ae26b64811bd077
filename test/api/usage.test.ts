import { Temporal } from "temporal-polyfill";
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("metered usage", (t) => {
  const ids: Record<string, string> = {};

  // a contract with a metered and a quantity component
  beforeAll(async () => {
    const create = (url: string, body?: unknown) => t.server.must("POST", url, body);
    await create("/v1/test_clock", { frozen_time: "2025-04-01T00:00:00Z" });
    const group = await create("/v1/plan_groups", {
      name: "G",
      currency: "EUR",
      price_type: "net",
    });
    ids.group = group.id;
    const plan = await create("/v1/plans", { plan_group_id: group.id, name: "P" });
    const variant = await create("/v1/plan_variants", {
      plan_id: plan.id,
      internal_name: "V",
      recurring_fee: "5",
      fee_period: { unit: "month", count: 1 },
    });
    ids.metered = (
      await create("/v1/components", {
        plan_group_id: group.id,
        name: "API calls",
        type: "metered",
        price_per_unit: "0.001",
      })
    ).id;
    ids.seats = (
      await create("/v1/components", {
        plan_group_id: group.id,
        name: "Seats",
        type: "quantity",
        price_per_unit: "3",
      })
    ).id;
    const customer = await create("/v1/customers", { email: "u@x.example" });
    const order = await create("/v1/orders", {
      customer_id: customer.id,
      plan_variant_id: variant.id,
    });
    await create(`/v1/orders/${order.id}/commit`);
    ids.contract = order.contract_id;
  });

  it("post, list, dedupe by key, delete while unbilled", async () => {
    const first = await t.server.post(`/v1/contracts/${ids.contract}/usage`, {
      component_id: ids.metered,
      quantity: "1500",
      key: "evt-1",
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      quantity: "1500",
      key: "evt-1",
      billed: false,
      due_date: "2025-04-01T00:00:00.000Z",
    });
    const repeat = await t.server.post(`/v1/contracts/${ids.contract}/usage`, {
      component_id: ids.metered,
      quantity: "9999",
      key: "evt-1",
    });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    const second = await t.server.post(`/v1/contracts/${ids.contract}/usage`, {
      component_id: ids.metered,
      quantity: "0.5",
      due_date: "2025-03-15T00:00:00Z",
    });
    const list = await t.server.get(`/v1/contracts/${ids.contract}/usage`);
    expect(list.body.data.map((u: { id: string }) => u.id)).toEqual([
      first.body.id,
      second.body.id,
    ]);

    const del = await t.server.request(
      "DELETE",
      `/v1/contracts/${ids.contract}/usage/${second.body.id}`,
    );
    expect(del.status).toBe(204);
    expect((await t.server.get(`/v1/contracts/${ids.contract}/usage`)).body.data).toHaveLength(1);
  });

  it("billed usage cannot be deleted → 422", async () => {
    const u = (
      await t.server.post(`/v1/contracts/${ids.contract}/usage`, {
        component_id: ids.metered,
        quantity: "1",
      })
    ).body;
    await t.server.db
      .updateTable("usage_records")
      .set({ billed_at: new Date(), invoice_id: "inv_x" })
      .where("id", "=", u.id)
      .execute();
    const del = await t.server.request("DELETE", `/v1/contracts/${ids.contract}/usage/${u.id}`);
    expect(del.status).toBe(422);
    expect(del.body.error.code).toBe("usage_billed");
    expect(
      await t.server.db.selectFrom("usage_records").select("id").where("id", "=", u.id).execute(),
    ).toHaveLength(1);
  });

  it("bad usage: non-metered or foreign component, unknown contract, bad quantity", async () => {
    const seats = await t.server.post(`/v1/contracts/${ids.contract}/usage`, {
      component_id: ids.seats,
      quantity: "1",
    });
    expect(seats.body.error.code).toBe("component_not_metered");
    const unknown = await t.server.post("/v1/contracts/con_01J00000000000000000000000/usage", {
      component_id: ids.metered,
      quantity: "1",
    });
    expect(unknown.status).toBe(404);
    const negative = await t.server.post(`/v1/contracts/${ids.contract}/usage`, {
      component_id: ids.metered,
      quantity: "-1",
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details.field).toBe("body.quantity");
  });

  it("batch ingestion: many events in one request; repeated keys skipped; one bad event refuses all", async () => {
    const events = Array.from({ length: 500 }, (_, i) => ({
      contract_id: ids.contract,
      component_id: ids.metered,
      quantity: String(i + 1),
      key: `batch-${i % 400}`,
    }));
    const res = await t.server.post("/v1/usage/batch", { events });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 400, duplicates: 100 });
    const again = await t.server.post("/v1/usage/batch", { events: events.slice(0, 10) });
    expect(again.body).toEqual({ accepted: 0, duplicates: 10 });

    const before = await t.server.db.selectFrom("usage_records").select("id").execute();
    const bad = await t.server.post("/v1/usage/batch", {
      events: [
        { contract_id: ids.contract, component_id: ids.metered, quantity: "1", key: "fresh-1" },
        { contract_id: ids.contract, component_id: ids.seats, quantity: "1" },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.field).toBe("events.1.component_id");
    expect((await t.server.db.selectFrom("usage_records").select("id").execute()).length).toBe(
      before.length,
    );
    const tooMany = await t.server.post("/v1/usage/batch", {
      events: Array.from({ length: 1001 }, () => events[0]),
    });
    expect(tooMany.status).toBe(400);
  });

  it("a batch stores memos, keys and due dates exactly as sent", async () => {
    const awkward = [
      'say "hi"',
      "back\\slash\\",
      '\\"',
      "{a,b}",
      "NULL",
      "",
      " spaced ",
      "né 🚀 ,\n\t",
    ];
    const dues = [
      "2025-03-01T10:00:00Z",
      "2025-03-01t10:00:00.1234+02:00",
      "2025-03-01 10:00:00.999999999-05:30",
      "2025-03-01T10:00:00+0100",
      "2025-03-01T10:00:00-08",
      "2025-03-31T23:59:60Z",
    ];
    const events = awkward.map((text, i) => ({
      contract_id: ids.contract,
      component_id: ids.metered,
      quantity: "2.5",
      due_date: dues[i % dues.length],
      ...(text === "" ? {} : { memo: text }),
      key: `exact-${i}-${text}`,
    }));
    const res = await t.server.post("/v1/usage/batch", { events });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: events.length, duplicates: 0 });
    const stored = await t.server.db
      .selectFrom("usage_records")
      .select(["memo", "key", "due_at", "quantity"])
      .where("key", "like", "exact-%")
      .execute();
    const byKey = new Map(stored.map((r) => [r.key, r]));
    for (const e of events) {
      const row = byKey.get(e.key);
      expect(row?.memo).toBe(e.memo ?? null);
      expect(row?.due_at.getTime()).toBe(Temporal.Instant.from(e.due_date!).epochMilliseconds);
      expect(Number(row?.quantity)).toBe(2.5);
    }
  });

  it("another tenant can neither read nor post usage of this contract", async () => {
    const other = await t.server.createTenant("Usage B");
    expect(
      (await t.server.get(`/v1/contracts/${ids.contract}/usage`, { key: other.api_key })).status,
    ).toBe(404);
    const post = await t.server.post(
      `/v1/contracts/${ids.contract}/usage`,
      { component_id: ids.metered, quantity: "1" },
      { key: other.api_key },
    );
    expect(post.status).toBe(404);
    const batch = await t.server.post(
      "/v1/usage/batch",
      { events: [{ contract_id: ids.contract, component_id: ids.metered, quantity: "1" }] },
      { key: other.api_key },
    );
    expect(batch.status).toBe(422);
    expect(batch.body.error.code).toBe("unknown_contract");
  });
});
