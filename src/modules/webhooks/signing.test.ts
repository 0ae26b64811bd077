import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, sign, signatureHeaders } from "./signing.js";

describe("Standard Webhooks signatures", () => {
  it("verify with the standardwebhooks library, as a receiver would", () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = JSON.stringify({ type: "customer.created", data: { name: "Ädä 🚀" } });
    const now = Math.floor(Date.now() / 1000);
    const headers = signatureHeaders([secret], "evt_1", now, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() =>
      new Webhook(secret).verify(body, { ...headers, "webhook-timestamp": String(now - 3600) }),
    ).toThrow();
  });

  it("match the library's own signature byte for byte", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const at = new Date(1_700_000_000_000);
    const ours = sign(
      secret,
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      1_700_000_000,
      '{"test": 2432232314}',
    );
    const theirs = new Webhook(secret).sign(
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      at,
      '{"test": 2432232314}',
    );
    expect(ours).toBe(theirs);
  });

  it("carry one signature per secret during a rotation; each verifies", () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
    const now = Math.floor(Date.now() / 1000);
    const headers = signatureHeaders([a, b], "evt_2", now, "{}");
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(a).verify("{}", headers)).toEqual({});
    expect(new Webhook(b).verify("{}", headers)).toEqual({});
  });
});
