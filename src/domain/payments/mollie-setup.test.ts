import { describe, expect, it } from "vitest";
import { readMollieSetup, verificationAmount } from "./mollie-gateway.js";

describe("Mollie's first payment of a payment method setup", () => {
  it("is the smallest amount the currency writes", () => {
    expect(verificationAmount("EUR")).toEqual({ currency: "EUR", value: "0.01" });
    expect(verificationAmount("gbp")).toEqual({ currency: "GBP", value: "0.01" });
    expect(verificationAmount("JPY")).toEqual({ currency: "JPY", value: "1" });
  });

  const payment = (status: string, extra: Record<string, unknown> = {}) => ({
    resource: "payment",
    id: "tr_Setup1",
    status,
    sequenceType: "first",
    customerId: "cst_1",
    metadata: { accrue_customer_id: "cus_1", accrue_setup_id: "pss_1" },
    ...extra,
  });

  it("paid, is the setup's success, naming the setup and the payment", () => {
    expect(readMollieSetup(payment("paid", { mandateId: "mdt_1" }))).toMatchObject({
      id: "tr_Setup1.paid",
      type: "setup.succeeded",
      providerType: "payment.paid",
      chargeReference: null,
      setupId: "pss_1",
      setupReference: "tr_Setup1",
    });
  });

  it("in any other state, nothing to apply", () => {
    for (const status of ["open", "failed", "canceled", "expired"]) {
      expect(readMollieSetup(payment(status))).toMatchObject({
        id: `tr_Setup1.${status}`,
        type: "unknown",
        chargeReference: null,
      });
    }
  });

  it("a payment of no setup of Accrue's is read as a charge's", () => {
    expect(readMollieSetup(payment("paid", { metadata: { order: "42" } }))).toBeUndefined();
    expect(readMollieSetup(payment("paid", { metadata: null }))).toBeUndefined();
    expect(readMollieSetup(payment("paid", { sequenceType: "recurring" }))).toBeUndefined();
  });
});
