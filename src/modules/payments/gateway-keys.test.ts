import { describe, expect, it } from "vitest";
import { gatewayIdempotencyKey } from "./gateway-keys.js";

describe("idempotency keys toward a gateway", () => {
  const request = { tenantId: "ten_1", requestId: "req_A", idempotencyKey: null };

  it("without a client key: the request id and the record, unique per request", () => {
    expect(gatewayIdempotencyKey(request, "charge", "pms_1")).toBe("req_A_pms_1");
    expect(gatewayIdempotencyKey({ ...request, requestId: "req_B" }, "charge", "pms_1")).toBe(
      "req_B_pms_1",
    );
  });

  it("with a client key: the same for a retry, another for another tenant, key, call or record", () => {
    const keyed = { ...request, idempotencyKey: "collect-1" };
    const key = gatewayIdempotencyKey(keyed, "charge", "pms_1");
    expect(key).toMatch(/^idem_[A-Za-z0-9_-]{43}_pms_1$/);
    expect(gatewayIdempotencyKey({ ...keyed, requestId: "req_retry" }, "charge", "pms_1")).toBe(
      key,
    );
    const others = [
      gatewayIdempotencyKey({ ...keyed, tenantId: "ten_2" }, "charge", "pms_1"),
      gatewayIdempotencyKey({ ...keyed, idempotencyKey: "collect-2" }, "charge", "pms_1"),
      gatewayIdempotencyKey(keyed, "authorize", "pms_1"),
      gatewayIdempotencyKey(keyed, "charge", "pms_2"),
    ];
    expect(new Set([key, ...others]).size).toBe(5);
    // a client key of any length makes a key of bounded length
    const long = gatewayIdempotencyKey(
      { ...keyed, idempotencyKey: "x".repeat(255) },
      "refund",
      "pay_1",
    );
    expect(long.length).toBe("idem_".length + 43 + "_pay_1".length);
  });
});
