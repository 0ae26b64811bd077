/**
 * Webhook delivery by the worker, to real HTTP receivers on 127.0.0.1, on injected time:
 * signatures, retries, crashes, two workers, SSRF refusal, auto-disable, redelivery, order,
 * tenant isolation.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, MAX_RETRY_DELAY_MS } from "../../src/domain/webhooks.js";
import { attempt, claimDue } from "../../src/modules/webhooks/delivery.js";
import { openDatabase } from "../../src/storage/db.js";
import { fanOut } from "../../src/workflows/webhook-delivery.js";
import { describeServer, type TestServer } from "../server.js";
import { Receiver, TestTime, webhookWorker } from "../webhook-receiver.js";

type Endpoint = { id: string; secret: string };

async function createEndpoint(
  server: TestServer,
  url: string,
  eventTypes: string[] = ["api_key.created"],
  key?: string,
): Promise<Endpoint> {
  const res = await server.post(
    "/v1/webhook_endpoints",
    { url, event_types: eventTypes },
    key ? { key } : {},
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Creates an API key: one api_key.created event. Returns the key's id. */
async function makeEvent(server: TestServer, key?: string): Promise<string> {
  const res = await server.post(
    "/v1/api_keys",
    { name: "evt", roles: ["read_only"] },
    key ? { key } : {},
  );
  expect(res.status).toBe(201);
  return res.body.id;
}

async function eventOf(server: TestServer, subjectId: string, key?: string): Promise<any> {
  const res = await server.get(`/v1/events?subject_id=${subjectId}`, key ? { key } : {});
  return res.body.data.at(-1);
}

async function deliveriesOf(server: TestServer, endpointId: string): Promise<any[]> {
  const res = await server.get(`/v1/webhook_deliveries?endpoint_id=${endpointId}&limit=100`);
  return res.body.data;
}

async function deliveryOf(server: TestServer, endpointId: string): Promise<any> {
  const [d] = await deliveriesOf(server, endpointId);
  return (await server.get(`/v1/webhook_deliveries/${d.id}`)).body;
}

const receivers: Receiver[] = [];
async function receiver(): Promise<Receiver> {
  const r = await Receiver.start();
  receivers.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describeServer("webhook delivery", (t) => {
  /** Deletes the endpoint so what it still has pending does not run in later tests. */
  const retire = (e: Endpoint) => t.server.request("DELETE", `/v1/webhook_endpoints/${e.id}`);

  it("signs per Standard Webhooks: the standardwebhooks library verifies the delivery", async () => {
    const r = await receiver();
    const ep = await createEndpoint(t.server, r.url);
    const keyId = await makeEvent(t.server);
    const worker = webhookWorker(t.server.db);
    await worker.tick();

    expect(r.received).toHaveLength(1);
    const [got] = r.received;
    const payload = Receiver.verify(ep.secret, got!) as any;
    const event = await eventOf(t.server, keyId);
    expect(got!.id).toBe(event.id);
    expect(payload).toEqual(event);
    expect(payload).toMatchObject({
      type: "api_key.created",
      subject: { type: "api_key", id: keyId },
      data: { id: keyId, roles: ["read_only"] },
    });
    expect(got!.headers["content-type"]).toBe("application/json");
    expect(got!.headers["user-agent"]).toMatch(/^Accrue-Webhooks\//);
    expect(Math.abs(Number(got!.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    // another secret does not verify
    expect(() => Receiver.verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", got!)).toThrow();

    const delivery = await deliveryOf(t.server, ep.id);
    expect(delivery).toMatchObject({
      event_id: event.id,
      event_type: "api_key.created",
      status: "succeeded",
      attempt_count: 1,
      next_attempt_at: null,
      last_status_code: 204,
      last_error: null,
    });
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ succeeded: true, status_code: 204, error: null });
    expect(delivery.attempts[0].duration_ms).toBeGreaterThanOrEqual(0);

    // a second tick sends nothing more
    await worker.tick();
    expect(r.received).toHaveLength(1);
    await retire(ep);
  });

  it("during a secret rotation each message verifies with the old and with the new secret", async () => {
    const r = await receiver();
    const ep = await createEndpoint(t.server, r.url);
    const rotated = await t.server.post(`/v1/webhook_endpoints/${ep.id}/rotate_secret`);
    await makeEvent(t.server);
    await webhookWorker(t.server.db).tick();
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.signature.split(" ")).toHaveLength(2);
    expect(Receiver.verify(ep.secret, r.received[0]!)).toBeTruthy();
    expect(Receiver.verify(rotated.body.secret, r.received[0]!)).toBeTruthy();
    await retire(ep);
  });

  it("a receiver failing 3 times then succeeding gets the event once successfully, with 3 failed attempts recorded, on the backoff schedule", async () => {
    const N = 3;
    const r = await receiver();
    r.answer = (_req, n) => (n < N ? { status: 500, body: `boom ${n}` } : { status: 200 });
    const ep = await createEndpoint(t.server, r.url);
    const keyId = await makeEvent(t.server);
    const worker = webhookWorker(t.server.db);
    await worker.tick();
    for (let i = 0; i < N; i++) {
      const d = await deliveryOf(t.server, ep.id);
      expect(d.status).toBe("pending");
      // nothing happens before the retry is due
      await worker.tick();
      expect(r.received).toHaveLength(i + 1);
      worker.time.set(new Date(d.next_attempt_at));
      await worker.tick();
    }

    const event = await eventOf(t.server, keyId);
    expect(r.received.map((x) => x.id)).toEqual(Array(N + 1).fill(event.id));
    const d = await deliveryOf(t.server, ep.id);
    expect(d).toMatchObject({ status: "succeeded", attempt_count: N + 1, last_status_code: 200 });
    const attempts = [...d.attempts].reverse();
    expect(attempts.map((a: any) => a.succeeded)).toEqual([false, false, false, true]);
    expect(attempts.slice(0, N).map((a: any) => a.status_code)).toEqual([500, 500, 500]);
    expect(attempts.slice(0, N).map((a: any) => a.response_excerpt)).toEqual([
      "boom 0",
      "boom 1",
      "boom 2",
    ]);
    expect(attempts[0].error).toBe("http_status: 500");
    // 10 s, 20 s, 40 s (random() = 0.5: the jitter factor is exactly 1)
    const gaps = attempts
      .slice(1)
      .map(
        (a: any, i: number) => Date.parse(a.attempted_at) - Date.parse(attempts[i].attempted_at),
      );
    expect(gaps).toEqual([10_000, 20_000, 40_000]);
    await retire(ep);
  });

  it("a worker killed mid-delivery loses nothing: the lease runs out and another worker delivers", async () => {
    const r = await receiver();
    const ep = await createEndpoint(t.server, r.url);
    const keyId = await makeEvent(t.server);
    const time = new TestTime();
    const worker = webhookWorker(t.server.db, { time });
    await fanOut(t.server.db, { now: time.now, limit: 100 });

    // worker 1 claims the delivery and dies before sending (its lease is committed)
    const lost = await claimDue(t.server.db, { now: time.now, leaseMs: 60_000, limit: 10 });
    expect(lost).toHaveLength(1);
    await worker.tick();
    expect(r.received).toHaveLength(0); // leased: nobody else may send it yet

    // worker 2 claims it after the lease, sends it, and dies before recording
    time.advance(60_001);
    const sent = await claimDue(t.server.db, { now: time.now, leaseMs: 60_000, limit: 10 });
    expect(sent).toHaveLength(1);
    const outcome = await attempt(sent[0]!, {
      now: time.now,
      signingTime: () => Math.floor(Date.now() / 1000),
      allowPrivate: true,
      resolve: async () => [],
      timeoutMs: 2_000,
    });
    expect(outcome.succeeded).toBe(true);
    expect(r.received).toHaveLength(1);

    // once the lease runs out, a live worker delivers it again and records it
    await worker.tick();
    expect(r.received).toHaveLength(1);
    time.advance(60_001);
    await worker.tick();
    const event = await eventOf(t.server, keyId);
    expect(r.received.map((x) => x.id)).toEqual([event.id, event.id]); // at least once, same id
    const d = await deliveryOf(t.server, ep.id);
    expect(d).toMatchObject({ status: "succeeded", attempt_count: 1 });
    await retire(ep);
  });

  it("two workers deliver each event exactly once", async () => {
    const r = await receiver();
    r.answer = async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return { status: 204 };
    };
    const ep = await createEndpoint(t.server, r.url);
    const COUNT = 40;
    for (let i = 0; i < COUNT; i++) await makeEvent(t.server);

    // on PostgreSQL the second worker has its own connection pool, as another process would
    const second = t.server.database.url
      ? await openDatabase({ backend: "postgres", url: t.server.database.url })
      : null;
    try {
      const time = new TestTime();
      const a = webhookWorker(t.server.db, { time, batchSize: 5 });
      const b = webhookWorker(second?.db ?? t.server.db, { time, batchSize: 5 });
      for (let round = 0; round < 20 && r.received.length < COUNT; round++) {
        await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      }
    } finally {
      await second?.close();
    }
    const ids = r.received.map((x) => x.id);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    const deliveries = await deliveriesOf(t.server, ep.id);
    expect(deliveries.filter((d) => d.status === "succeeded")).toHaveLength(COUNT);
    const attempts = await t.server.db
      .selectFrom("webhook_attempts as a")
      .innerJoin("webhook_deliveries as d", "d.id", "a.delivery_id")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("d.endpoint_id", "=", ep.id)
      .executeTakeFirstOrThrow();
    expect(Number(attempts.n)).toBe(COUNT);
    await retire(ep);
  });

  it("refuses loopback and private destinations unless allowed, resolving host names first", async () => {
    const r = await receiver();
    const direct = await createEndpoint(t.server, r.url);
    const named = await createEndpoint(t.server, `http://localhost:${r.port}/hook`);
    const v6 = await createEndpoint(t.server, `http://[::ffff:127.0.0.1]:${r.port}/hook`);
    // a public name that resolves to a private address (DNS rebinding) is refused too
    const rebound = await createEndpoint(t.server, `http://hooks.example.com:${r.port}/hook`);
    await makeEvent(t.server);
    const strict = webhookWorker(t.server.db, {
      allowPrivate: false,
      resolve: async (host) => (host === "hooks.example.com" ? ["10.1.2.3"] : ["127.0.0.1"]),
    });
    await strict.tick();
    expect(r.received).toHaveLength(0);
    for (const [ep, pattern] of [
      [direct, /^address_not_allowed: 127\.0\.0\.1 resolves to 127\.0\.0\.1 \(loopback\)/],
      [named, /^address_not_allowed: localhost is a loopback name/],
      [v6, /^address_not_allowed: .*\(loopback\)/],
      [rebound, /^address_not_allowed: hooks\.example\.com resolves to 10\.1\.2\.3 \(private\)/],
    ] as const) {
      const d = await deliveryOf(t.server, ep.id);
      expect(d.status).toBe("pending");
      expect(d.attempts[0]).toMatchObject({ succeeded: false, status_code: null });
      expect(d.attempts[0].error).toMatch(pattern);
      expect(d.attempts[0].error).toContain("ACCRUE_WEBHOOK_ALLOW_PRIVATE=true");
    }

    // never connect to the example.com name for real
    await retire(rebound);

    // with the system resolver too: a localhost name is loopback whatever it resolves to
    const system = webhookWorker(t.server.db, { allowPrivate: false });
    await t.server.post(
      `/v1/webhook_deliveries/${(await deliveryOf(t.server, named.id)).id}/redeliver`,
    );
    system.time.advance(1_000);
    await system.tick();
    expect((await deliveryOf(t.server, named.id)).attempts[0].error).toMatch(
      /^address_not_allowed: localhost is a loopback name/,
    );
    expect(r.received).toHaveLength(0);

    // the operator allows private destinations: the direct endpoint's retry goes through
    const allowed = webhookWorker(t.server.db, { allowPrivate: true, time: strict.time });
    strict.time.advance(MAX_RETRY_DELAY_MS);
    await allowed.tick();
    expect(r.received.length).toBeGreaterThanOrEqual(3);
    expect((await deliveryOf(t.server, direct.id)).status).toBe("succeeded");
    for (const ep of [direct, named, v6]) await retire(ep);
  });

  it("an endpoint failing its whole ~2-day schedule is disabled, with a webhook_endpoint.disabled event", async () => {
    const failing = await receiver();
    failing.answer = () => ({ status: 503, body: "down" });
    const monitor = await receiver();
    const ep = await createEndpoint(t.server, failing.url);
    const watcher = await createEndpoint(t.server, monitor.url, ["webhook_endpoint.disabled"]);
    await makeEvent(t.server);
    const worker = webhookWorker(t.server.db);
    const started = worker.time.now().getTime();
    await worker.tick();
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      const d = await deliveryOf(t.server, ep.id);
      expect(d.status, `after attempt ${i}`).toBe("pending");
      worker.time.set(new Date(d.next_attempt_at));
      await worker.tick();
    }
    const elapsedHours = (worker.time.now().getTime() - started) / 3600_000;
    expect(elapsedHours).toBeGreaterThan(40);
    expect(elapsedHours).toBeLessThan(56);

    const d = await deliveryOf(t.server, ep.id);
    expect(d).toMatchObject({
      status: "failed",
      attempt_count: MAX_ATTEMPTS,
      next_attempt_at: null,
    });
    expect(d.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(failing.received).toHaveLength(MAX_ATTEMPTS);
    const endpoint = (await t.server.get(`/v1/webhook_endpoints/${ep.id}`)).body;
    expect(endpoint).toMatchObject({ enabled: false, disabled_reason: "sustained_failure" });

    const events = await t.server.get(
      `/v1/events?type=webhook_endpoint.disabled&subject_id=${ep.id}`,
    );
    expect(events.body.data).toHaveLength(1);
    expect(events.body.data[0].data).toMatchObject({
      id: ep.id,
      enabled: false,
      disabled_reason: "sustained_failure",
      failed_delivery_id: d.id,
    });
    const audit = await t.server.get(
      `/v1/audit_events?target_id=${ep.id}&operation=webhook_endpoints.disable`,
    );
    expect(audit.body.data[0]).toMatchObject({ actor: { type: "system", id: "webhook-delivery" } });

    // the event is delivered to the other endpoint
    await worker.tick();
    expect(monitor.received.map((x) => x.json.type)).toEqual(["webhook_endpoint.disabled"]);

    // a disabled endpoint gets nothing new; enabled again, it does
    await makeEvent(t.server);
    await worker.tick();
    expect(failing.received).toHaveLength(MAX_ATTEMPTS);
    failing.answer = () => ({ status: 200 });
    await t.server.request("PATCH", `/v1/webhook_endpoints/${ep.id}`, { body: { enabled: true } });
    await makeEvent(t.server);
    await worker.tick();
    expect(failing.received).toHaveLength(MAX_ATTEMPTS + 1);
    expect((await t.server.get(`/v1/webhook_endpoints/${ep.id}`)).body.failing_since).toBeNull();
    await retire(ep);
    await retire(watcher);
  });

  it("one success in between keeps a failing endpoint enabled", async () => {
    const r = await receiver();
    r.answer = (req) => (req.json?.subject?.id === "ok" ? { status: 200 } : { status: 500 });
    const ep = await createEndpoint(t.server, r.url);
    const first = await makeEvent(t.server);
    const worker = webhookWorker(t.server.db);
    await worker.tick();
    let flipped = false;
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      const d = (await deliveriesOf(t.server, ep.id)).find((x) => x.status === "pending");
      worker.time.set(new Date(d.next_attempt_at));
      if (i === 8 && !flipped) {
        // the receiver accepts one other event: the endpoint is not failing "sustainedly"
        flipped = true;
        const second = await makeEvent(t.server);
        r.answer = (req) => (req.json?.subject?.id === second ? { status: 200 } : { status: 500 });
      }
      await worker.tick();
    }
    const deliveries = await deliveriesOf(t.server, ep.id);
    expect(deliveries.map((x) => x.status).sort()).toEqual(["failed", "succeeded"]);
    expect((await eventOf(t.server, first)).type).toBe("api_key.created");
    const endpoint = (await t.server.get(`/v1/webhook_endpoints/${ep.id}`)).body;
    expect(endpoint.enabled).toBe(true);
    expect(endpoint.failing_since).not.toBeNull();
    await retire(ep);
  });

  it("redelivery: a delivery or an event is sent again now, with the same webhook-id", async () => {
    const r = await receiver();
    const ep = await createEndpoint(t.server, r.url);
    const keyId = await makeEvent(t.server);
    const worker = webhookWorker(t.server.db);
    await worker.tick();
    const event = await eventOf(t.server, keyId);
    const d = await deliveryOf(t.server, ep.id);
    expect(d.status).toBe("succeeded");

    const again = await t.server.post(`/v1/webhook_deliveries/${d.id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: d.id, status: "pending", attempt_count: 0 });
    // the API queues redeliveries on the wall clock; the worker's injected clock follows it
    worker.time.advance(1_000);
    await worker.tick();
    expect(r.received.map((x) => x.id)).toEqual([event.id, event.id]);

    // an endpoint created after the event gets it by redelivering the event
    const late = await receiver();
    const lateEp = await createEndpoint(t.server, late.url);
    const res = await t.server.post(`/v1/events/${event.id}/redeliver`);
    expect(res.status).toBe(202);
    expect(res.body.data.map((x: any) => x.endpoint_id).sort()).toEqual([ep.id, lateEp.id].sort());
    worker.time.advance(1_000);
    await worker.tick();
    expect(late.received.map((x) => x.id)).toEqual([event.id]);
    expect(r.received).toHaveLength(3);
    const audit = await t.server.get(`/v1/audit_events?operation=events.redeliver`);
    expect(audit.body.data.length).toBeGreaterThanOrEqual(2);

    // a disabled endpoint's delivery cannot be redelivered
    await t.server.request("PATCH", `/v1/webhook_endpoints/${ep.id}`, { body: { enabled: false } });
    const refused = await t.server.post(`/v1/webhook_deliveries/${d.id}/redeliver`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("webhook_endpoint_disabled");
    await retire(ep);
    await retire(lateEp);
  });

  it("per subject, a later event waits until the earlier one is delivered", async () => {
    const r = await receiver();
    let failedOnce = false;
    r.answer = (req) => {
      if (req.json.subject.id === keyId && !failedOnce) {
        failedOnce = true;
        return { status: 500 };
      }
      return { status: 204 };
    };
    const ep = await createEndpoint(t.server, r.url, ["api_key.*"]);
    const keyId = await makeEvent(t.server);
    await t.server.post(`/v1/api_keys/${keyId}/revoke`);
    const other = await makeEvent(t.server);
    const seen = () => r.received.map((x) => `${x.json.type} ${x.json.subject.id}`);
    const worker = webhookWorker(t.server.db);
    await worker.tick();
    // the created event failed; revoked (same subject) waits; the other subject goes ahead
    expect(seen().sort()).toEqual([`api_key.created ${keyId}`, `api_key.created ${other}`].sort());
    await worker.tick();
    expect(r.received).toHaveLength(2);
    worker.time.advance(MAX_RETRY_DELAY_MS);
    await worker.tick();
    await worker.tick();
    expect(seen().filter((x) => x.endsWith(keyId))).toEqual([
      `api_key.created ${keyId}`,
      `api_key.created ${keyId}`,
      `api_key.revoked ${keyId}`,
    ]);
    await retire(ep);
  });

  it("timeouts, redirects and long answers: recorded, bounded, not followed", async () => {
    const r = await receiver();
    r.answer = async (req) => {
      const kind = req.json?.data?.name;
      if (kind === "slow") {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        return { status: 200 };
      }
      if (kind === "redirect") return { status: 302, headers: { location: "http://127.0.0.1:1/" } };
      return { status: 200, body: "é".repeat(3_000) };
    };
    const ep = await createEndpoint(t.server, r.url);
    for (const name of ["slow", "redirect", "long"]) {
      await t.server.post("/v1/api_keys", { name, roles: ["read_only"] });
    }
    await webhookWorker(t.server.db, { timeoutMs: 200 }).tick();
    const deliveries = await deliveriesOf(t.server, ep.id);
    const byName: Record<string, any> = {};
    for (const d of deliveries) {
      const full = (await t.server.get(`/v1/webhook_deliveries/${d.id}`)).body;
      const event = (await t.server.get(`/v1/events/${d.event_id}`)).body;
      byName[event.data.name] = full;
    }
    expect(byName.slow.attempts[0].error).toBe("timeout: no complete response within 200 ms");
    expect(byName.slow.status).toBe("pending");
    expect(byName.redirect.attempts[0]).toMatchObject({
      succeeded: false,
      status_code: 302,
      error: "http_status: 302 (redirects are not followed)",
    });
    expect(r.received).toHaveLength(3);
    const excerpt = byName.long.attempts[0].response_excerpt as string;
    expect(byName.long.status).toBe("succeeded");
    expect(Buffer.byteLength(excerpt)).toBeLessThanOrEqual(1024 + 2);
    expect(excerpt.startsWith("éé")).toBe(true);
    await retire(ep);
  });

  it("an endpoint deleted with deliveries pending: they are cancelled, nothing is sent", async () => {
    const r = await receiver();
    r.answer = () => ({ status: 500 });
    const ep = await createEndpoint(t.server, r.url);
    await makeEvent(t.server);
    const worker = webhookWorker(t.server.db);
    await worker.tick();
    await retire(ep);
    worker.time.advance(MAX_RETRY_DELAY_MS);
    await worker.tick();
    expect(r.received).toHaveLength(1);
    const [d] = await deliveriesOf(t.server, ep.id);
    expect(d).toMatchObject({ status: "cancelled", last_error: "endpoint deleted" });
  });

  it("the deliveries list counts what its filters hold when asked, the same on every page", async () => {
    const r = await receiver();
    const ep = await createEndpoint(t.server, r.url);
    for (let i = 0; i < 3; i++) await makeEvent(t.server);
    const worker = webhookWorker(t.server.db);
    await worker.tick();
    r.answer = () => ({ status: 500 });
    await makeEvent(t.server);
    await worker.tick();
    const all = await deliveriesOf(t.server, ep.id);
    expect(all.map((d) => d.status).sort()).toEqual([
      "pending",
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
    for (const status of [undefined, "succeeded", "pending", "failed"]) {
      const q = `endpoint_id=${ep.id}${status ? `&status=${status}` : ""}`;
      const expected = all.filter((d) => !status || d.status === status).map((d) => d.id);
      const ids: string[] = [];
      const totals = new Set<unknown>();
      let cursor: string | null = null;
      do {
        const page: any = (
          await t.server.get(
            `/v1/webhook_deliveries?${q}&include_total=true&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
          )
        ).body;
        for (const d of page.data) ids.push(d.id);
        totals.add(page.total_count);
        cursor = page.next_cursor;
      } while (cursor);
      expect(ids, q).toEqual(expected);
      expect(totals, q).toEqual(new Set([expected.length]));
    }
    const uncounted = await t.server.get(`/v1/webhook_deliveries?endpoint_id=${ep.id}`);
    expect(uncounted.body.total_count).toBeUndefined();
    await retire(ep);
  });

  it("tenant isolation: an endpoint receives only its own tenant's events", async () => {
    const ra = await receiver();
    const rb = await receiver();
    const b = await t.server.createTenant("Tenant B");
    const epA = await createEndpoint(t.server, ra.url, ["*"]);
    const epB = await createEndpoint(t.server, rb.url, ["*"], b.api_key);
    const aKey = await makeEvent(t.server);
    const bKey = await makeEvent(t.server, b.api_key);
    await webhookWorker(t.server.db).tick();

    expect(ra.received.length).toBeGreaterThan(0);
    expect(rb.received.length).toBeGreaterThan(0);
    for (const x of ra.received) expect(x.json.tenant_id).toBe(t.server.tenant.tenant_id);
    for (const x of rb.received) expect(x.json.tenant_id).toBe(b.tenant_id);
    expect(ra.received.map((x) => x.json.subject?.id)).toContain(aKey);
    expect(ra.received.map((x) => x.json.subject?.id)).not.toContain(bKey);
    expect(rb.received.map((x) => x.json.subject?.id)).toContain(bKey);
    expect(rb.received.map((x) => x.json.subject?.id)).not.toContain(aKey);

    // and B's deliveries are invisible to A
    const bDeliveries = await t.server.get(`/v1/webhook_deliveries?endpoint_id=${epB.id}`, {
      key: b.api_key,
    });
    expect(bDeliveries.body.data.length).toBeGreaterThan(0);
    const seenByA = await t.server.get(`/v1/webhook_deliveries?endpoint_id=${epB.id}`);
    expect(seenByA.body.data).toEqual([]);
    const one = await t.server.get(`/v1/webhook_deliveries/${bDeliveries.body.data[0].id}`);
    expect(one.status).toBe(404);
    const redeliver = await t.server.post(
      `/v1/webhook_deliveries/${bDeliveries.body.data[0].id}/redeliver`,
    );
    expect(redeliver.status).toBe(404);
    await retire(epA);
    await t.server.request("DELETE", `/v1/webhook_endpoints/${epB.id}`, { key: b.api_key });
  });
});

describe("webhook jobs with no endpoints", () => {
  it("are registered in the worker loop", async () => {
    const { workerJobs } = await import("../../src/jobs/index.js");
    const names = workerJobs({ webhookAllowPrivate: false }).map((j) => j.name);
    expect(names).toEqual(expect.arrayContaining(["webhook-fan-out", "webhook-delivery"]));
  });
});
