import { describe, expect, it } from "vitest";
import { BILLING_BATCH, TENANT_TURN, turnOf } from "./billing-run.js";

describe("a tenant's turn in a billing run over every tenant", () => {
  it("is a whole batch when one tenant is due", () => {
    expect(turnOf(1)).toBe(BILLING_BATCH);
    // no tenant found is no reason for a turn of zero or of more than a batch
    expect(turnOf(0)).toBe(BILLING_BATCH);
  });

  it("shares about one batch among the tenants due, never below the smallest turn", () => {
    expect(turnOf(2)).toBe(BILLING_BATCH / 2);
    expect(turnOf(3)).toBe(Math.max(TENANT_TURN, Math.floor(BILLING_BATCH / 3)));
    for (let due = 1; due <= 1000; due++) {
      const turn = turnOf(due);
      expect(turn).toBeGreaterThanOrEqual(TENANT_TURN);
      expect(turn).toBeLessThanOrEqual(BILLING_BATCH);
      // a round over the due tenants is no more than a batch unless every turn is the smallest
      if (turn > TENANT_TURN) expect(turn * due).toBeLessThanOrEqual(BILLING_BATCH);
    }
    expect(turnOf(1000)).toBe(TENANT_TURN);
  });
});
