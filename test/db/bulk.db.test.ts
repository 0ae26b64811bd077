import { expect, it } from "vitest";
import { toJson } from "../../src/lib/json.js";
import { insertMany } from "../../src/storage/bulk.js";
import { createTenant } from "../../src/workflows/tenants.js";
import { describeEachBackend } from "../harness.js";

describeEachBackend("bulk insert through unnest", (t) => {
  it("every value arrives as written: quotes, backslashes, braces, commas, NULL, unicode", async () => {
    const db = t.database.db;
    const tenant = await createTenant(db, { name: "Bulk" });
    const awkward = [
      'say "hi"',
      "back\\slash \\\\ two",
      "{braces},[brackets]",
      "NULL",
      "",
      "line\nbreak\ttab",
      "ünïcødé — €5 😀",
      "it's",
    ];
    const when = new Date("2026-02-28T23:59:59.123Z");
    await insertMany(
      db,
      "outbox_events",
      {
        id: "text",
        tenant_id: "text",
        type: "text",
        subject_type: "text",
        subject_id: "text",
        occurred_at: "timestamptz",
        tenant_time: "timestamptz",
        payload: "jsonb",
      },
      awkward.map((text, i) => ({
        id: `evt_bulk_${i}`,
        tenant_id: tenant.tenant_id,
        type: text,
        subject_type: i % 2 === 0 ? null : "x",
        subject_id: null,
        occurred_at: when,
        tenant_time: when,
        payload: toJson({ text, n: 10n ** 20n, nested: { list: [text, null] } }),
      })),
    );
    const rows = await db
      .selectFrom("outbox_events")
      .select(["id", "type", "subject_type", "subject_id", "tenant_time", "payload"])
      .where("tenant_id", "=", tenant.tenant_id)
      .where("id", "like", "evt_bulk_%")
      .orderBy("id")
      .execute();
    expect(rows).toEqual(
      awkward.map((text, i) => ({
        id: `evt_bulk_${i}`,
        type: text,
        subject_type: i % 2 === 0 ? null : "x",
        subject_id: null,
        tenant_time: when,
        payload: { text, n: "100000000000000000000", nested: { list: [text, null] } },
      })),
    );
  });

  it("no rows: nothing is sent", async () => {
    await expect(
      insertMany(t.database.db, "outbox_events", { id: "text" }, []),
    ).resolves.toBeUndefined();
  });
});
