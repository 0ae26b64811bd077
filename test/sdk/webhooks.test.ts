/**
 * The SDK's webhook verification, on deliveries a real Accrue server signed and sent to a
 * receiver on 127.0.0.1, and cross-checked with the standardwebhooks library.
 */

import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { createClient, type WebhookEvent } from "../../sdk/src/index.js";
import {
  verifyWebhook,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from "../../sdk/src/webhooks.js";
import { generateWebhookSecret, signatureHeaders } from "../../src/modules/webhooks/signing.js";
import { describeServer } from "../server.js";
import { type Received, Receiver, webhookWorker } from "../webhook-receiver.js";

function failure(fn: () => unknown): WebhookVerificationErrorCode {
  try {
    fn();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
  throw new Error("expected a WebhookVerificationError, but verification passed");
}

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describeServer("SDK webhook verification", (t) => {
  /** An endpoint for customer events, a new customer, and the delivery that announced it. */
  async function delivered(): Promise<{
    secret: string;
    endpointId: string;
    customerId: string;
    got: Received;
    receiver: Receiver;
  }> {
    const receiver = await Receiver.start();
    receivers.push(receiver);
    const accrue = createClient({ baseUrl: t.server.url, apiKey: t.server.tenant.api_key });
    const { data: endpoint } = await accrue.POST("/v1/webhook_endpoints", {
      body: { url: receiver.url, event_types: ["customer.created"] },
    });
    const { data: customer } = await accrue.POST("/v1/customers", {
      body: { company_name: "Hooked GmbH" },
    });
    await webhookWorker(t.server.db).tick();
    const got = receiver.received.find((r) => r.json?.data?.id === customer.id);
    if (!got || !endpoint.secret) throw new Error("no delivery arrived");
    return {
      secret: endpoint.secret,
      endpointId: endpoint.id,
      customerId: customer.id,
      got,
      receiver,
    };
  }

  it("verifies a delivery as received and returns the event", async () => {
    const { secret, customerId, got } = await delivered();
    const event = verifyWebhook(got.body, got.headers, secret);
    expect(event.type).toBe("customer.created");
    expect(event.subject).toEqual({ type: "customer", id: customerId });
    expect((event.data as { id: string }).id).toBe(customerId);
    expect(event.id).toBe(got.headers["webhook-id"]);
    // the same from fetch Headers and raw bytes
    const headers = new Headers(got.headers as Record<string, string>);
    const fromBytes = verifyWebhook<WebhookEvent>(
      new TextEncoder().encode(got.body),
      headers,
      secret,
    );
    expect(fromBytes).toEqual(event);
    // and the standardwebhooks library agrees
    expect(Receiver.verify(secret, got)).toEqual(event);
  });

  it("refuses a tampered body, another secret, and a stale or future timestamp", async () => {
    const { secret, got } = await delivered();
    const sentAt = Number(got.timestamp);

    expect(
      failure(() => verifyWebhook(got.body.replace("Hooked", "Hacked"), got.headers, secret)),
    ).toBe("invalid_signature");
    expect(failure(() => verifyWebhook(`${got.body} `, got.headers, secret))).toBe(
      "invalid_signature",
    );
    expect(failure(() => verifyWebhook(got.body, got.headers, generateWebhookSecret()))).toBe(
      "invalid_signature",
    );
    const otherId = { ...got.headers, "webhook-id": "evt_other" };
    expect(failure(() => verifyWebhook(got.body, otherId, secret))).toBe("invalid_signature");

    // the receiver's clock five minutes and one second after sending: too old
    const late = new Date((sentAt + 301) * 1000);
    expect(failure(() => verifyWebhook(got.body, got.headers, secret, { now: late }))).toBe(
      "timestamp_too_old",
    );
    const early = new Date((sentAt - 301) * 1000);
    expect(failure(() => verifyWebhook(got.body, got.headers, secret, { now: early }))).toBe(
      "timestamp_too_new",
    );
    // within the tolerance, and a tolerance of one's own
    const inTime = verifyWebhook(got.body, got.headers, secret, {
      now: new Date((sentAt + 299) * 1000),
    });
    expect(inTime.type).toBe("customer.created");
    expect(
      failure(() =>
        verifyWebhook(got.body, got.headers, secret, {
          now: new Date((sentAt + 61) * 1000),
          toleranceSeconds: 60,
        }),
      ),
    ).toBe("timestamp_too_old");

    // a replayed message re-dated by an attacker no longer matches its signature
    const redated = {
      ...got.headers,
      "webhook-timestamp": String(Math.floor(Date.now() / 1000) + 1),
    };
    expect(failure(() => verifyWebhook(got.body, redated, secret))).toBe("invalid_signature");
  });

  it("during a secret rotation a delivery verifies with the old and the new secret", async () => {
    const { secret: old, endpointId, receiver } = await delivered();
    const accrue = createClient({ baseUrl: t.server.url, apiKey: t.server.tenant.api_key });
    const { data: rotated } = await accrue.POST("/v1/webhook_endpoints/{id}/rotate_secret", {
      params: { path: { id: endpointId } },
    });
    const fresh = rotated.secret!;
    expect(fresh).not.toBe(old);
    const { data: customer } = await accrue.POST("/v1/customers", {
      body: { company_name: "Rotated GmbH" },
    });
    await webhookWorker(t.server.db).tick();
    const got = receiver.received.find((r) => r.json?.data?.id === customer.id)!;
    expect(got.signature.split(" ")).toHaveLength(2);
    expect(verifyWebhook(got.body, got.headers, fresh).type).toBe("customer.created");
    expect(verifyWebhook(got.body, got.headers, old).type).toBe("customer.created");
    expect(failure(() => verifyWebhook(got.body, got.headers, generateWebhookSecret()))).toBe(
      "invalid_signature",
    );
  });
});

describe("verifyWebhook", () => {
  const secret = generateWebhookSecret();
  const body = JSON.stringify({ id: "evt_1", type: "customer.created", data: { name: "Ädä 🚀" } });
  const now = Math.floor(Date.now() / 1000);

  it("accepts what the standardwebhooks library signs, and refuses what it refuses", () => {
    const wh = new Webhook(secret);
    const signature = wh.sign("msg_1", new Date(now * 1000), body);
    const headers = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(now),
      "webhook-signature": signature,
    };
    expect(verifyWebhook(body, headers, secret)).toEqual(JSON.parse(body));
    expect(wh.verify(body, headers)).toEqual(JSON.parse(body));

    const tampered = body.replace("Ädä", "Ada");
    expect(() => wh.verify(tampered, headers)).toThrow();
    expect(failure(() => verifyWebhook(tampered, headers, secret))).toBe("invalid_signature");

    const stale = { ...headers, "webhook-timestamp": String(now - 3600) };
    expect(() => wh.verify(body, stale)).toThrow();
    expect(failure(() => verifyWebhook(body, stale, secret))).toBe("timestamp_too_old");
  });

  it("finds the one matching signature among several, and ignores other versions", () => {
    const headers = signatureHeaders([generateWebhookSecret(), secret], "evt_1", now, body);
    expect(verifyWebhook(body, headers, secret)).toEqual(JSON.parse(body));
    const mac = headers["webhook-signature"].split(" ")[1]!.slice("v1,".length);
    const otherVersion = { ...headers, "webhook-signature": `v2,${mac} v1a,${mac}` };
    expect(failure(() => verifyWebhook(body, otherVersion, secret))).toBe("invalid_signature");
    const truncated = { ...headers, "webhook-signature": `v1,${mac.slice(0, 20)}` };
    expect(failure(() => verifyWebhook(body, truncated, secret))).toBe("invalid_signature");
  });

  it("names what is missing or malformed", () => {
    const headers = signatureHeaders([secret], "evt_1", now, body);
    const without = (name: string) =>
      Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
    expect(failure(() => verifyWebhook(body, without("webhook-id"), secret))).toBe(
      "missing_header",
    );
    expect(failure(() => verifyWebhook(body, without("webhook-signature"), secret))).toBe(
      "missing_header",
    );
    expect(
      failure(() => verifyWebhook(body, { ...headers, "webhook-timestamp": "soon" }, secret)),
    ).toBe("invalid_timestamp");
    expect(failure(() => verifyWebhook(body, headers, "whsec_"))).toBe("invalid_secret");
    expect(failure(() => verifyWebhook(body, headers, "whsec_not base64!"))).toBe("invalid_secret");
    // header names are case-insensitive in a plain object too
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook(body, upper, secret)).toEqual(JSON.parse(body));
    // a correctly signed body that is not JSON
    const text = "not json";
    expect(
      failure(() => verifyWebhook(text, signatureHeaders([secret], "evt_2", now, text), secret)),
    ).toBe("invalid_payload");
  });
});
