/**
 * Conflicting requests at once (meaningful on PostgreSQL, where they really overlap; PGlite
 * runs transactions one after another): changes to one contract serialise on its row, and
 * idempotent retries under load answer with the first response and write once.
 */
import { beforeAll, expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("concurrent requests", (t) => {
  const ids: Record<string, string> = {};
  const post = async (url: string, body?: unknown) => {
    const res = await t.server.post(url, body);
    expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  };

  async function contractOn(variant: string): Promise<string> {
    const customer = await post("/v1/customers", { email: "c@x.example" });
    const order = await post("/v1/orders", { customer_id: customer.id, plan_variant_id: variant });
    await post(`/v1/orders/${order.id}/commit`);
    return order.contract_id;
  }

  const phases = async (contract: string) =>
    (await t.server.get(`/v1/contracts/${contract}`)).body.phases as {
      start_date: string;
      plan_variant_id: string;
    }[];

  // three plan variants of one plan group
  beforeAll(async () => {
    await post("/v1/test_clock", { frozen_time: "2026-04-01T10:00:00Z" });
    const group = await post("/v1/plan_groups", { name: "G", currency: "EUR", price_type: "net" });
    const plan = await post("/v1/plans", { plan_group_id: group.id, name: "P" });
    for (const [name, fee] of [
      ["basic", "10"],
      ["pro", "20"],
      ["max", "30"],
    ] as const) {
      ids[name] = (
        await post("/v1/plan_variants", {
          plan_id: plan.id,
          internal_name: name,
          recurring_fee: fee,
          fee_period: { unit: "month", count: 1 },
        })
      ).id;
    }
  });

  it("two changes committed at once: the second sees the first (no change is lost)", async () => {
    for (let round = 0; round < 5; round++) {
      const contract = await contractOn(ids.basic!);
      const [toPro, toMax] = await Promise.all([
        post("/v1/orders", {
          contract_id: contract,
          plan_variant_id: ids.pro,
          change_date: "2026-04-10T10:00:00Z",
        }),
        post("/v1/orders", {
          contract_id: contract,
          plan_variant_id: ids.max,
          change_date: "2026-04-15T10:00:00Z",
        }),
      ]);
      const commits = await Promise.all(
        [toPro, toMax].map((o) => t.server.post(`/v1/orders/${o.id}/commit`)),
      );
      expect(commits.map((c) => c.status)).toEqual([200, 200]);
      const after = (await phases(contract)).map((p) => [
        Date.parse(p.start_date),
        p.plan_variant_id,
      ]);
      const start = after[0]![0];
      // pro first, then max from the 15th; or max first, then pro from the 10th, which
      // replaces what was scheduled after it. Never max alone: that would lose the pro change
      expect([
        [
          [start, ids.basic],
          [Date.parse("2026-04-10T10:00:00Z"), ids.pro],
          [Date.parse("2026-04-15T10:00:00Z"), ids.max],
        ],
        [
          [start, ids.basic],
          [Date.parse("2026-04-10T10:00:00Z"), ids.pro],
        ],
      ]).toContainEqual(after);
    }
  });

  it("an upgrade and an end at once: both apply, whichever comes first", async () => {
    for (let round = 0; round < 5; round++) {
      const contract = await contractOn(ids.basic!);
      const order = await post("/v1/orders", {
        contract_id: contract,
        plan_variant_id: ids.pro,
        change_date: "2026-04-10T10:00:00Z",
      });
      const [commit, end] = await Promise.all([
        t.server.post(`/v1/orders/${order.id}/commit`),
        t.server.post(`/v1/contracts/${contract}/end`, { end_date: "2026-04-20T10:00:00Z" }),
      ]);
      expect([commit.status, end.status]).toEqual([200, 200]);
      const read = (await t.server.get(`/v1/contracts/${contract}`)).body;
      expect(Date.parse(read.end_date)).toBe(Date.parse("2026-04-20T10:00:00Z"));
      // basic, pro from the change date, and the inactive phase that the end begins
      expect(
        read.phases.map((p: { type: string; plan_variant_id: string | null }) => [
          p.type,
          p.plan_variant_id,
        ]),
      ).toEqual([
        ["normal", ids.basic],
        ["normal", ids.pro],
        ["inactive", null],
      ]);
    }
  });

  it("retries under load: every retry answers the first response, each key writes once", async () => {
    const before = (
      await t.server.db
        .selectFrom("customers")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    const keys = Array.from({ length: 30 }, (_, i) => `load-${i}`);
    const answers = await Promise.all(
      keys.flatMap((key) =>
        Array.from({ length: 4 }, () =>
          t.server
            .post(
              "/v1/customers",
              { email: `${key}@x.example` },
              {
                headers: { "idempotency-key": key },
              },
            )
            .then((res) => ({ key, status: res.status, id: res.body.id as string })),
        ),
      ),
    );
    for (const key of keys) {
      const mine = answers.filter((a) => a.key === key);
      expect(mine.map((a) => a.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(mine.map((a) => a.id)).size).toBe(1);
    }
    const after = (
      await t.server.db
        .selectFrom("customers")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(after) - Number(before)).toBe(keys.length);
  });
});
