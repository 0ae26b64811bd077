/**
 * The SDK against a real Accrue server over HTTP: typed calls, pagination, idempotency keys
 * (given and automatic), typed errors with their machine codes, and rate-limit retries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccrueApiError, createClient, type Fetch, isAccrueApiError } from "../../sdk/src/index.js";
import { BACKENDS } from "../harness.js";
import { describeServer, startTestServer, type TestServer } from "../server.js";

type Sent = { method: string; url: string; headers: Headers; body: string; status: number };

/** A fetch that sends for real and records what went over the wire. */
function recordingFetch(): { fetch: Fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: Fetch = async (request) => {
    const body = await request.clone().text();
    const response = await globalThis.fetch(request);
    sent.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body,
      status: response.status,
    });
    return response;
  };
  return { fetch, sent };
}

async function caught(promise: Promise<unknown>): Promise<AccrueApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AccrueApiError) return error;
    throw error;
  }
  throw new Error("expected an AccrueApiError, but the call succeeded");
}

describeServer("SDK client", (t) => {
  const client = (options: Partial<Parameters<typeof createClient>[0]> = {}) =>
    createClient({
      baseUrl: t.server.url,
      apiKey: t.server.tenant.api_key,
      retryDelayMs: 5,
      ...options,
    });

  it("creates, reads, updates and deletes a customer with typed bodies", async () => {
    const accrue = client();
    const { data: created, response } = await accrue.POST("/v1/customers", {
      body: {
        company_name: "Acme GmbH",
        email: "billing@acme.example",
        time_zone: "Europe/Berlin",
      },
    });
    expect(response.status).toBe(201);
    expect(created.id).toMatch(/^cus_/);
    expect(created).toMatchObject({ company_name: "Acme GmbH", time_zone: "Europe/Berlin" });

    const { data: read } = await accrue.GET("/v1/customers/{id}", {
      params: { path: { id: created.id } },
    });
    expect(read).toEqual(created);

    const { data: patched } = await accrue.PATCH("/v1/customers/{id}", {
      params: { path: { id: created.id } },
      body: { email: "finance@acme.example" },
    });
    expect(patched.email).toBe("finance@acme.example");
    expect(patched.company_name).toBe("Acme GmbH");

    const deleted = await accrue.DELETE("/v1/customers/{id}", {
      params: { path: { id: created.id } },
    });
    expect(deleted.response.ok).toBe(true);
    const gone = await caught(
      accrue.GET("/v1/customers/{id}", { params: { path: { id: created.id } } }),
    );
    expect(gone.code).toBe("customer_not_found");
  });

  it("paginate walks every page of a list with the cursor the server hands out", async () => {
    const { fetch, sent } = recordingFetch();
    const accrue = client({ fetch });
    const email = "pages@sdk.example";
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { data } = await accrue.POST("/v1/customers", {
        body: { company_name: `Page ${i}`, email },
      });
      ids.push(data.id);
    }
    sent.length = 0;

    const seen: string[] = [];
    for await (const customer of accrue.paginate("/v1/customers", {
      params: { query: { email, limit: 3 } },
    })) {
      expect(customer.email).toBe(email);
      seen.push(customer.id);
    }
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(7);
    // three pages: 3 + 3 + 1, the later ones asked for with the previous page's cursor
    expect(sent.map((s) => new URL(s.url).searchParams.get("limit"))).toEqual(["3", "3", "3"]);
    const cursors = sent.map((s) => new URL(s.url).searchParams.get("cursor"));
    expect(cursors[0]).toBeNull();
    expect(cursors[1]).toBe(seen[2]);
    expect(cursors[2]).toBe(seen[5]);

    // stopping early fetches no further page
    sent.length = 0;
    for await (const customer of accrue.paginate("/v1/customers", {
      params: { query: { email, limit: 3 } },
    })) {
      expect(customer.id).toBe(seen[0]);
      break;
    }
    expect(sent).toHaveLength(1);
  });

  it("paginate passes filters and path parameters; an error is thrown from the loop", async () => {
    const accrue = client();
    const { data: customer } = await accrue.POST("/v1/customers", {
      body: { company_name: "Evented GmbH" },
    });
    for (const tag of ["a", "b", "c"]) {
      await accrue.PATCH("/v1/customers/{id}", {
        params: { path: { id: customer.id } },
        body: { tag },
      });
    }
    const types: string[] = [];
    for await (const event of accrue.paginate("/v1/events", {
      params: { query: { subject_id: customer.id, limit: 1 } },
    })) {
      expect(event.subject?.id).toBe(customer.id);
      types.push(event.type);
    }
    expect(types.sort()).toEqual([
      "customer.created",
      "customer.updated",
      "customer.updated",
      "customer.updated",
    ]);

    const none: unknown[] = [];
    for await (const event of accrue.paginate("/v1/events", {
      params: { query: { subject_id: "cus_none" } },
    })) {
      none.push(event);
    }
    expect(none).toEqual([]);

    const missing = accrue.paginate("/v1/contracts/{id}/usage", {
      params: { path: { id: "con_missing" } },
    });
    const error = await caught(missing.next());
    expect(error.status).toBe(404);
    expect(error.code).toBe("contract_not_found");
    expect(error.details).toMatchObject({ id: "con_missing" });
  });

  it("a given Idempotency-Key returns the first answer again, and refuses another body", async () => {
    const accrue = client();
    const key = `sdk-idem-${t.backend}`;
    const body = { company_name: "Once GmbH", external_id: `once-${t.backend}` };
    const first = await accrue.POST("/v1/customers", {
      params: { header: { "idempotency-key": key } },
      body,
    });
    const again = await accrue.POST("/v1/customers", {
      params: { header: { "idempotency-key": key } },
      body,
    });
    expect(again.data).toEqual(first.data);
    expect(first.response.headers.get("idempotent-replayed")).toBeNull();
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    const { data: list } = await accrue.GET("/v1/customers", {
      params: { query: { external_id: body.external_id } },
    });
    expect(list.data.map((c) => c.id)).toEqual([first.data.id]);

    const reused = await caught(
      accrue.POST("/v1/customers", {
        params: { header: { "idempotency-key": key } },
        body: { ...body, company_name: "Twice GmbH" },
      }),
    );
    expect(reused.status).toBe(409);
    expect(reused.code).toBe("idempotency_key_reused");
  });

  it("every POST gets its own Idempotency-Key; GET and PATCH get none", async () => {
    const { fetch, sent } = recordingFetch();
    const accrue = client({ fetch });
    const a = await accrue.POST("/v1/customers", { body: { company_name: "Key A" } });
    const b = await accrue.POST("/v1/customers", { body: { company_name: "Key B" } });
    await accrue.GET("/v1/customers/{id}", { params: { path: { id: a.data.id } } });
    await accrue.PATCH("/v1/customers/{id}", {
      params: { path: { id: b.data.id } },
      body: { tag: "x" },
    });
    const keys = sent.map((s) => s.headers.get("idempotency-key"));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys.slice(2)).toEqual([null, null]);
    expect(sent.map((s) => s.headers.get("authorization"))).toEqual(
      Array(4).fill(`Bearer ${t.server.tenant.api_key}`),
    );
  });

  it("a POST whose answer was lost is retried with the same automatic key: created once", async () => {
    const answers: { status: number; body: any; replayed: string | null }[] = [];
    const keys: (string | null)[] = [];
    let lose = true;
    // the first attempt reaches the server, which creates the customer; its answer never
    // arrives (the connection "drops")
    const fetch: Fetch = async (request) => {
      keys.push(request.headers.get("idempotency-key"));
      const response = await globalThis.fetch(request);
      answers.push({
        status: response.status,
        body: await response.clone().json(),
        replayed: response.headers.get("idempotent-replayed"),
      });
      if (lose) {
        lose = false;
        throw new TypeError("fetch failed: the connection was reset");
      }
      return response;
    };
    const accrue = client({ fetch });
    const externalId = `lost-${t.backend}`;
    const { data, response } = await accrue.POST("/v1/customers", {
      body: { company_name: "Lost Answer Ltd", external_id: externalId },
    });

    expect(keys).toHaveLength(2);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    expect(answers.map((a) => [a.status, a.replayed])).toEqual([
      [201, null],
      [201, "true"],
    ]);
    expect(data).toEqual(answers[0]!.body);
    expect(response.headers.get("idempotent-replayed")).toBe("true");
    const { data: list } = await accrue.GET("/v1/customers", {
      params: { query: { external_id: externalId } },
    });
    expect(list.data).toHaveLength(1);
  });

  it("throws AccrueApiError with the machine code, details and request id", async () => {
    const { fetch, sent } = recordingFetch();
    const accrue = client({ fetch });

    const missing = await caught(
      accrue.GET("/v1/customers/{id}", { params: { path: { id: "cus_doesnotexist" } } }),
    );
    expect(missing).toBeInstanceOf(Error);
    expect(missing.name).toBe("AccrueApiError");
    expect(missing.status).toBe(404);
    expect(missing.code).toBe("customer_not_found");
    expect(missing.message).toBe("no customer cus_doesnotexist");
    expect(missing.details).toEqual({ id: "cus_doesnotexist" });
    expect(missing.requestId).toMatch(/^req_/);
    expect(missing.requestId).toBe(missing.headers.get("x-request-id"));
    expect(isAccrueApiError(missing, "customer_not_found")).toBe(true);
    expect(isAccrueApiError(missing, "validation_failed")).toBe(false);

    const invalid = await caught(
      accrue.POST("/v1/customers", { body: { customer_type: "alien" } as never }),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.code).toBe("validation_failed");
    expect(invalid.details.field).toBe("body.customer_type");

    const unknownField = await caught(
      accrue.POST("/v1/customers", { body: { company_name: "X", nickname: "y" } as never }),
    );
    expect(unknownField.code).toBe("validation_failed");
    expect(unknownField.details.field).toBe("body.nickname");

    const stranger = createClient({ baseUrl: t.server.url, apiKey: "ak_not_a_real_key" });
    const unauthenticated = await caught(stranger.GET("/v1/tenant"));
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.code).toBe("invalid_credentials");

    // client errors are answered at once, never retried
    expect(sent.map((s) => s.status)).toEqual([404, 400, 400]);
  });

  it("raw answers { data, error } without throwing, through the same transport", async () => {
    const accrue = client();
    const { data, error, response } = await accrue.raw.GET("/v1/customers/{id}", {
      params: { path: { id: "cus_missing" } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error?.error.code).toBe("customer_not_found");
    const tenant = await accrue.raw.GET("/v1/tenant");
    expect(tenant.data?.id).toBe(t.server.tenant.tenant_id);
  });
});

// one server per back end with a limit of 1 request a second (bursts of 2)
describe.each(BACKENDS)("SDK client against a rate limit [%s]", (backend) => {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(backend, { rateLimit: 1 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("without retries, a 429 is thrown as rate_limited with Retry-After", async () => {
    const accrue = createClient({
      baseUrl: server!.url,
      apiKey: server!.tenant.api_key,
      retries: 0,
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => accrue.GET("/v1/tenant")));
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThanOrEqual(2);
    const error = (refused[0] as PromiseRejectedResult).reason as AccrueApiError;
    expect(error).toBeInstanceOf(AccrueApiError);
    expect(error.status).toBe(429);
    expect(error.code).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.details).toMatchObject({ limit: 1 });
  });

  it("with retries, waits as Retry-After says and every call succeeds", async () => {
    const { fetch, sent } = recordingFetch();
    const accrue = createClient({
      baseUrl: server!.url,
      apiKey: server!.tenant.api_key,
      fetch,
      retries: 6,
    });
    const started = Date.now();
    const answers = await Promise.all(
      [1, 2, 3].map((n) =>
        accrue.POST("/v1/customers", { body: { company_name: `Limited ${n}` } }),
      ),
    );
    expect(answers.map((a) => a.response.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.data.id)).size).toBe(3);
    const statuses = sent.map((s) => s.status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    // a refused request waited at least the one second Retry-After asked for
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    // each call kept its one key through its retries
    const keysByCall = new Map<string, Set<string>>();
    for (const s of sent) {
      const name = JSON.parse(s.body).company_name as string;
      const keys = keysByCall.get(name) ?? new Set();
      keys.add(s.headers.get("idempotency-key")!);
      keysByCall.set(name, keys);
    }
    expect([...keysByCall.values()].map((k) => k.size)).toEqual([1, 1, 1]);
  });
});
