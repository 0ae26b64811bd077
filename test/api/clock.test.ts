import { expect, it } from "vitest";
import { describeServer } from "../server.js";

describeServer("test clocks", (t) => {
  it("a tenant starts on the system clock", async () => {
    const res = await t.server.get("/v1/test_clock");
    expect(res.status).toBe(200);
    expect(res.body.mode).toBe("system");
    expect(Math.abs(Date.parse(res.body.now) - Date.now())).toBeLessThan(60_000);
  });

  it("a test clock is frozen, moves forward only, and is per tenant", async () => {
    const other = await t.server.createTenant("Clock B");
    const created = await t.server.post("/v1/test_clock", { frozen_time: "2025-01-31T10:00:00Z" });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ mode: "test", now: "2025-01-31T10:00:00Z" });
    expect((await t.server.get("/v1/test_clock")).body.now).toBe("2025-01-31T10:00:00Z");
    expect((await t.server.get("/v1/tenant")).body.clock).toBe("test");

    const again = await t.server.post("/v1/test_clock", { frozen_time: "2025-02-01T00:00:00Z" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("test_clock_exists");

    const forward = await t.server.post("/v1/test_clock/advance", {
      frozen_time: "2025-02-28T00:00:00+01:00",
    });
    expect(forward.status).toBe(200);
    expect(forward.body.now).toBe("2025-02-27T23:00:00Z");

    const back = await t.server.post("/v1/test_clock/advance", {
      frozen_time: "2025-02-01T00:00:00Z",
    });
    expect(back.status).toBe(422);
    expect(back.body.error.code).toBe("clock_cannot_move_backwards");
    expect((await t.server.get("/v1/test_clock")).body.now).toBe("2025-02-27T23:00:00Z");

    // the other tenant is untouched
    expect((await t.server.get("/v1/test_clock", { key: other.api_key })).body.mode).toBe("system");
    const advanceOther = await t.server.post(
      "/v1/test_clock/advance",
      { frozen_time: "2030-01-01T00:00:00Z" },
      { key: other.api_key },
    );
    expect(advanceOther.status).toBe(422);
    expect(advanceOther.body.error.code).toBe("no_test_clock");
  });

  it("audit records carry the tenant clock's time when the operation ran", async () => {
    const res = await t.server.get("/v1/audit_events?operation=test_clock.advance&limit=1");
    // the advance ran while the clock still read 2025-01-31T10:00Z
    expect(res.body.data[0].tenant_time).toBe("2025-01-31T10:00:00.000Z");
    expect(res.body.data[0].after).toEqual({ mode: "test", now: "2025-02-27T23:00:00Z" });
  });

  it("a timestamp without an offset → 400 naming the field", async () => {
    const res = await t.server.post("/v1/test_clock/advance", { frozen_time: "2026-01-01" });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe("body.frozen_time");
  });
});
