/** /v1/webhook_endpoints, /v1/webhook_deliveries and /v1/events: happy, error and security cases. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS } from "../harness.js";
import { describeServer, startTestServer, type TestServer } from "../server.js";

const endpoint = (server: TestServer, body: Record<string, unknown>, key?: string) =>
  server.post(
    "/v1/webhook_endpoints",
    { url: "https://hooks.example.com/accrue", ...body },
    key ? { key } : {},
  );

describeServer("webhook endpoints", (t) => {
  describe("happy", () => {
    it("create shows the whsec_ secret once; reads never do; a replay answers null", async () => {
      const created = await endpoint(t.server, {
        event_types: ["api_key.created", "customer.*"],
        description: "CRM sync",
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        url: "https://hooks.example.com/accrue",
        description: "CRM sync",
        event_types: ["api_key.created", "customer.*"],
        format: "native",
        enabled: true,
        disabled_reason: null,
        failing_since: null,
      });
      expect(created.body.id).toMatch(/^whe_/);
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

      const read = await t.server.get(`/v1/webhook_endpoints/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ ...created.body, secret: undefined });
      expect(JSON.stringify(read.body)).not.toContain(created.body.secret);
      const list = await t.server.get("/v1/webhook_endpoints?limit=100");
      expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
      const audit = await t.server.get(`/v1/audit_events?target_id=${created.body.id}`);
      expect(audit.body.data).toHaveLength(1);
      expect(JSON.stringify(audit.body)).not.toContain(created.body.secret);
      const event = await t.server.get(`/v1/events?type=webhook_endpoint.created`);
      expect(event.body.data[0]).toMatchObject({ subject: { id: created.body.id } });
      expect(JSON.stringify(event.body)).not.toContain(created.body.secret);

      const headers = { "idempotency-key": "endpoint-once" };
      const first = await t.server.post(
        "/v1/webhook_endpoints",
        { url: "https://a.example/x" },
        { headers },
      );
      const again = await t.server.post(
        "/v1/webhook_endpoints",
        { url: "https://a.example/x" },
        { headers },
      );
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.body).toEqual({ ...first.body, secret: null });
      expect(first.body.event_types).toEqual(["*"]);
    });

    it("update, disable (with a webhook_endpoint.disabled event), enable, delete", async () => {
      const created = await endpoint(t.server, {});
      const id = created.body.id;
      const patch = (body: unknown) =>
        t.server.request("PATCH", `/v1/webhook_endpoints/${id}`, { body });

      const changed = await patch({
        url: "https://other.example/hook",
        event_types: ["api_key.*", "api_key.*"],
        description: "new",
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        url: "https://other.example/hook",
        event_types: ["api_key.*"],
        description: "new",
      });

      const disabled = await patch({ enabled: false });
      expect(disabled.body).toMatchObject({ enabled: false, disabled_reason: "manual" });
      expect(disabled.body.disabled_at).not.toBeNull();
      const events = await t.server.get(`/v1/events?subject_id=${id}`);
      expect(events.body.data.map((e: { type: string }) => e.type)).toEqual([
        "webhook_endpoint.disabled",
        "webhook_endpoint.updated",
        "webhook_endpoint.updated",
        "webhook_endpoint.created",
      ]);

      const enabled = await patch({ enabled: true });
      expect(enabled.body).toMatchObject({
        enabled: true,
        disabled_reason: null,
        disabled_at: null,
      });

      const deleted = await t.server.request("DELETE", `/v1/webhook_endpoints/${id}`);
      expect(deleted.status).toBe(200);
      expect((await t.server.get(`/v1/webhook_endpoints/${id}`)).status).toBe(404);
      const list = await t.server.get("/v1/webhook_endpoints?limit=100");
      expect(list.body.data.map((e: { id: string }) => e.id)).not.toContain(id);
      expect((await patch({ enabled: false })).status).toBe(404);
    });

    it("rotate_secret shows a new secret once; the old one signs beside it for 24 hours", async () => {
      const created = await endpoint(t.server, {});
      const rotated = await t.server.post(`/v1/webhook_endpoints/${created.body.id}/rotate_secret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(created.body.secret);
      const expires = Date.parse(rotated.body.previous_secret_expires_at) - Date.now();
      expect(expires).toBeGreaterThan(23.9 * 3600_000);
      expect(expires).toBeLessThanOrEqual(24 * 3600_000);
      const row = await t.server.db
        .selectFrom("webhook_endpoints")
        .select(["secret", "previous_secret"])
        .where("id", "=", created.body.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ secret: rotated.body.secret, previous_secret: created.body.secret });
    });

    it("lists endpoints with a cursor, never repeating one", async () => {
      for (let i = 0; i < 5; i++) await endpoint(t.server, { description: `page-${i}` });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: any = await t.server.get(
          `/v1/webhook_endpoints?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        );
        seen.push(...res.body.data.map((e: { id: string }) => e.id));
        cursor = res.body.next_cursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...seen].sort());
      expect(seen.length).toBeGreaterThanOrEqual(5);
    });
  });

  describe("errors", () => {
    it.each([
      ["ftp://example.com/x", "invalid_webhook_url"],
      ["https://user:pw@example.com/x", "invalid_webhook_url"],
      ["/relative", "invalid_webhook_url"],
      ["https://example.com/x#frag", "invalid_webhook_url"],
      ["javascript:alert(1)", "invalid_webhook_url"],
    ])("url %s → 400 %s", async (url, code) => {
      const res = await endpoint(t.server, { url });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code, details: { field: "url" } });
    });

    it("an unknown event type → 400 unknown_event_type naming the known ones", async () => {
      const res = await endpoint(t.server, { event_types: ["api_key.creatd"] });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("unknown_event_type");
      expect(res.body.error.details.known).toContain("api_key.created");
      for (const bad of [["nope.*"], ["api_key"], ["*.created"]]) {
        expect((await endpoint(t.server, { event_types: bad })).status).toBe(400);
      }
    });

    it("schema violations name the field; nothing is created", async () => {
      const before = await t.server.get("/v1/webhook_endpoints?limit=100");
      for (const body of [
        { event_types: [] },
        { url: 5 },
        { secret: "whsec_mine" },
        { enabled: "yes" },
      ]) {
        const res = await endpoint(t.server, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.code).toBe("validation_failed");
      }
      const empty = await t.server.request("PATCH", `/v1/webhook_endpoints/whe_nope`, {
        body: {},
      });
      expect(empty.status).toBe(400);
      const after = await t.server.get("/v1/webhook_endpoints?limit=100");
      expect(after.body.data.length).toBe(before.body.data.length);
    });

    it("unknown ids → 404 with a machine code", async () => {
      expect((await t.server.get("/v1/webhook_endpoints/whe_nope")).body.error.code).toBe(
        "webhook_endpoint_not_found",
      );
      expect((await t.server.get("/v1/webhook_deliveries/whd_nope")).body.error.code).toBe(
        "webhook_delivery_not_found",
      );
      expect((await t.server.get("/v1/events/evt_nope")).body.error.code).toBe("event_not_found");
      expect((await t.server.post("/v1/events/evt_nope/redeliver")).status).toBe(404);
      expect((await t.server.post("/v1/webhook_endpoints/whe_x/rotate_secret")).status).toBe(404);
    });

    it("redelivering an event no enabled endpoint takes → 422", async () => {
      const other = await t.server.createTenant("Quiet");
      const key = await t.server.post(
        "/v1/api_keys",
        { name: "k", roles: ["read_only"] },
        { key: other.api_key },
      );
      const events = await t.server.get(`/v1/events?subject_id=${key.body.id}`, {
        key: other.api_key,
      });
      const res = await t.server.post(`/v1/events/${events.body.data[0].id}/redeliver`, undefined, {
        key: other.api_key,
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("no_matching_webhook_endpoints");
    });
  });

  describe("security", () => {
    it("a read-only key reads endpoints, deliveries and events but may not change anything", async () => {
      const created = await endpoint(t.server, {});
      const id = created.body.id;
      const viewer = (await t.server.post("/v1/api_keys", { name: "v", roles: ["read_only"] })).body
        .secret as string;
      for (const path of [
        "/v1/webhook_endpoints",
        `/v1/webhook_endpoints/${id}`,
        "/v1/webhook_deliveries",
        "/v1/events",
      ]) {
        expect((await t.server.get(path, { key: viewer })).status, path).toBe(200);
      }
      const event = (await t.server.get(`/v1/events?subject_id=${id}`)).body.data[0].id;
      const denied = [
        await endpoint(t.server, {}, viewer),
        await t.server.request("PATCH", `/v1/webhook_endpoints/${id}`, {
          key: viewer,
          body: { enabled: false },
        }),
        await t.server.request("DELETE", `/v1/webhook_endpoints/${id}`, { key: viewer }),
        await t.server.post(`/v1/webhook_endpoints/${id}/rotate_secret`, undefined, {
          key: viewer,
        }),
        await t.server.post(`/v1/events/${event}/redeliver`, undefined, { key: viewer }),
        await t.server.post("/v1/webhook_deliveries/whd_x/redeliver", undefined, { key: viewer }),
      ];
      for (const res of denied) {
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("permission_denied");
        expect(res.body.error.details.required_any_of).toEqual(["webhooks:write"]);
      }
      expect((await t.server.get(`/v1/webhook_endpoints/${id}`)).body.enabled).toBe(true);
    });

    it("tenant A never sees tenant B's endpoints, deliveries or events", async () => {
      const b = await t.server.createTenant("Tenant B");
      const bEndpoint = await endpoint(t.server, {}, b.api_key);
      expect(bEndpoint.status).toBe(201);
      const bEvents = await t.server.get("/v1/events?limit=100", { key: b.api_key });
      const bEvent = bEvents.body.data[0].id as string;

      expect((await t.server.get(`/v1/webhook_endpoints/${bEndpoint.body.id}`)).status).toBe(404);
      const patch = await t.server.request("PATCH", `/v1/webhook_endpoints/${bEndpoint.body.id}`, {
        body: { enabled: false },
      });
      expect(patch.status).toBe(404);
      expect((await t.server.get(`/v1/events/${bEvent}`)).status).toBe(404);
      expect((await t.server.post(`/v1/events/${bEvent}/redeliver`)).status).toBe(404);
      const mine = await t.server.get("/v1/webhook_endpoints?limit=100");
      expect(mine.body.data.map((e: { id: string }) => e.id)).not.toContain(bEndpoint.body.id);
      const myEvents = await t.server.get("/v1/events?limit=100");
      expect(myEvents.body.data.map((e: { id: string }) => e.id)).not.toContain(bEvent);
      for (const e of myEvents.body.data) expect(e.tenant_id).toBe(t.server.tenant.tenant_id);
    });
  });
});

describeServer("events", (t) => {
  it("list newest first with filters and a cursor; get returns the same object", async () => {
    const keys = [];
    for (let i = 0; i < 3; i++) {
      keys.push((await t.server.post("/v1/api_keys", { name: `e${i}`, roles: ["admin"] })).body);
    }
    await t.server.post(`/v1/api_keys/${keys[0].id}/revoke`);

    const all = await t.server.get("/v1/events?type=api_key.created&limit=2");
    expect(all.status).toBe(200);
    expect(all.body.has_more).toBe(true);
    expect(all.body.data.map((e: any) => e.subject.id)).toEqual([keys[2].id, keys[1].id]);
    const rest = await t.server.get(
      `/v1/events?type=api_key.created&cursor=${all.body.next_cursor}`,
    );
    expect(rest.body.data.map((e: any) => e.subject.id)).toEqual([keys[0].id]);
    expect(rest.body.has_more).toBe(false);

    const subject = await t.server.get(`/v1/events?subject_id=${keys[0].id}`);
    const [revoked, created] = subject.body.data;
    expect(revoked).toMatchObject({
      type: "api_key.revoked",
      tenant_id: t.server.tenant.tenant_id,
      subject: { type: "api_key", id: keys[0].id },
      data: { id: keys[0].id, name: "e0" },
    });
    expect(revoked.data.revoked_at).not.toBeNull();
    expect(created.type).toBe("api_key.created");
    expect(created.id < revoked.id).toBe(true);
    expect(created.id).toMatch(/^evt_/);
    expect(Date.parse(created.timestamp)).not.toBeNaN();
    expect(created.data.secret).toBeUndefined();

    const one = await t.server.get(`/v1/events/${revoked.id}`);
    expect(one.body).toEqual(revoked);
  });

  it("events carry the tenant clock's time beside the wall-clock time", async () => {
    await t.server.post("/v1/test_clock", { frozen_time: "2025-01-31T00:00:00Z" });
    const key = await t.server.post("/v1/api_keys", { name: "clocked", roles: ["admin"] });
    const events = await t.server.get(`/v1/events?subject_id=${key.body.id}`);
    expect(events.body.data[0].tenant_time).toBe("2025-01-31T00:00:00.000Z");
    expect(Math.abs(Date.parse(events.body.data[0].timestamp) - Date.now())).toBeLessThan(60_000);
  });
});

/** The test servers' DNS: names of this table resolve to its addresses, others do not. */
const DNS: Record<string, string[]> = {
  "hooks.example.com": ["93.184.215.14"],
  "localhost.example.com": ["93.184.215.15", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
  "internal.example.com": ["93.184.215.14", "10.20.30.40"],
  "metadata.example.com": ["169.254.169.254"],
  "loop6.example.com": ["::1"],
  "empty.example.com": [],
};
const resolved: string[] = [];
const fakeResolver = async (host: string): Promise<string[]> => {
  resolved.push(host);
  const addresses = DNS[host];
  if (addresses === undefined)
    throw Object.assign(new Error("no such name"), { code: "ENOTFOUND" });
  return addresses;
};

for (const backend of BACKENDS)
  describe(`webhook endpoint destinations [${backend}]`, () => {
    let strict: TestServer;
    let open: TestServer;
    beforeAll(async () => {
      // the installation's default: private destinations are not allowed
      strict = await startTestServer(
        backend,
        { webhookAllowPrivate: false },
        { webhookResolver: fakeResolver },
      );
      open = await startTestServer(
        backend,
        { webhookAllowPrivate: true },
        { webhookResolver: fakeResolver },
      );
    });
    afterAll(async () => {
      await strict?.close();
      await open?.close();
    });

    /** Creating at `url` is refused, and so is moving an accepted endpoint there. */
    const refusedAtCreationAndUpdate = async (url: string, code: string, details: object) => {
      const created = await strict.post("/v1/webhook_endpoints", { url });
      expect(created.status, JSON.stringify(created.body)).toBe(422);
      expect(created.body.error).toMatchObject({ code, details: { field: "url", ...details } });
      const fine = await strict.post("/v1/webhook_endpoints", {
        url: "https://hooks.example.com/accrue",
      });
      expect(fine.status, JSON.stringify(fine.body)).toBe(201);
      const moved = await strict.request("PATCH", `/v1/webhook_endpoints/${fine.body.id}`, {
        body: { url },
      });
      expect(moved.status).toBe(422);
      expect(moved.body.error).toMatchObject({ code, details: { field: "url", ...details } });
      const read = await strict.get(`/v1/webhook_endpoints/${fine.body.id}`);
      expect(read.body.url).toBe("https://hooks.example.com/accrue");
      await strict.request("DELETE", `/v1/webhook_endpoints/${fine.body.id}`);
    };

    it.each([
      ["http://127.0.0.1:5432/", "loopback"],
      ["http://169.254.169.254/latest/meta-data/", "link-local"],
      ["http://[::1]:8080/hook", "loopback"],
      ["https://10.0.0.1/hook", "private"],
      ["https://172.16.5.4/hook", "private"],
      ["https://192.168.1.1/hook", "private"],
      ["https://[fd00::1]/hook", "private"],
      ["https://[::ffff:127.0.0.1]/hook", "loopback"],
      ["http://2130706433/", "loopback"], // 127.0.0.1 spelled as one number
    ])("%s is refused at creation and update (%s), as delivery would", async (url, reason) => {
      await refusedAtCreationAndUpdate(url, "webhook_url_not_allowed", { reason });
    });

    it.each([
      ["http://localhost:8080/hook", "localhost"],
      ["http://LOCALHOST./hook", "localhost."],
      ["https://api.localhost/hook", "api.localhost"],
      ["https://a.b.Localhost:8443/hook", "a.b.localhost"],
    ])("the localhost name %s is refused as loopback without resolving it", async (url, host) => {
      resolved.length = 0;
      await refusedAtCreationAndUpdate(url, "webhook_url_not_allowed", {
        host,
        address: host,
        reason: "loopback",
      });
      expect(resolved.filter((h) => h !== "hooks.example.com")).toEqual([]);
    });

    it.each([
      ["https://internal.example.com/hook", "10.20.30.40", "private"],
      ["https://metadata.example.com/latest", "169.254.169.254", "link-local"],
      ["https://loop6.example.com:8443/hook", "::1", "loopback"],
    ])("%s resolves to %s: refused (%s), as delivery would", async (url, address, reason) => {
      await refusedAtCreationAndUpdate(url, "webhook_url_not_allowed", {
        host: new URL(url).hostname,
        address,
        reason,
      });
    });

    it.each([
      ["https://nowhere.example.com/hook", "ENOTFOUND"],
      ["https://empty.example.com/hook", "no address"],
    ])("%s does not resolve: refused with webhook_host_unresolvable", async (url, reason) => {
      await refusedAtCreationAndUpdate(url, "webhook_host_unresolvable", {
        host: new URL(url).hostname,
        reason,
      });
    });

    it("a refusal is stored under its Idempotency-Key and answered again", async () => {
      const body = { url: "https://internal.example.com/hook" };
      const headers = { "idempotency-key": `refused-${backend}` };
      const first = await strict.request("POST", "/v1/webhook_endpoints", { body, headers });
      expect(first.status).toBe(422);
      const again = await strict.request("POST", "/v1/webhook_endpoints", { body, headers });
      expect(again.status).toBe(422);
      expect(again.body.error.code).toBe("webhook_url_not_allowed");
      expect(again.headers.get("idempotent-replayed")).toBe("true");
    });

    it("public addresses and names resolving only to public addresses are accepted", async () => {
      for (const url of [
        "https://93.184.215.14/hook",
        "https://localhost.example.com/hook",
        "https://[2606:4700:4700::1111]/hook",
      ]) {
        const res = await strict.post("/v1/webhook_endpoints", { url });
        expect(res.status, url).toBe(201);
        expect(res.body.url).toBe(url);
        await strict.request("DELETE", `/v1/webhook_endpoints/${res.body.id}`);
      }
    });

    it("with private destinations allowed (ACCRUE_WEBHOOK_ALLOW_PRIVATE=true) nothing is refused or resolved", async () => {
      resolved.length = 0;
      for (const url of [
        "http://127.0.0.1:9/hook",
        "http://localhost:9/hook",
        "https://internal.example.com/hook",
        "https://nowhere.example.com/hook",
      ]) {
        const res = await open.post("/v1/webhook_endpoints", { url });
        expect(res.status, url).toBe(201);
      }
      expect(resolved).toEqual([]);
    });
  });
