import { describe, expect, it } from "vitest";
import {
  ACTION_FROM,
  allowsAction,
  canMove,
  FULFILMENT_STATUSES,
  type FulfilmentStatus,
  shippedAmount,
} from "./fulfilment.states.js";

describe("fulfilment order states", () => {
  it("moves forward one step at a time: new → processing → complete/shipped → delivered → returned", () => {
    const moves = FULFILMENT_STATUSES.flatMap((from) =>
      FULFILMENT_STATUSES.filter((to) => to !== from && canMove(from, to)).map(
        (to) => `${from}→${to}`,
      ),
    );
    expect(moves).toEqual([
      "new→processing",
      "processing→complete",
      "processing→shipped",
      "complete→shipped",
      "complete→delivered",
      "shipped→delivered",
      "delivered→returned",
    ]);
  });

  it("never moves backwards, skips a step, or leaves cancelled by an update", () => {
    expect(canMove("shipped", "new")).toBe(false);
    expect(canMove("delivered", "shipped")).toBe(false);
    expect(canMove("new", "shipped")).toBe(false);
    expect(canMove("new", "delivered")).toBe(false);
    for (const to of FULFILMENT_STATUSES) {
      if (to !== "cancelled") expect(canMove("cancelled", to), to).toBe(false);
      // cancelling is its own action, never an update
      if (to !== "cancelled") expect(canMove(to, "cancelled"), to).toBe(false);
    }
    // staying put (an update of tracking details only) is always allowed
    for (const s of FULFILMENT_STATUSES) expect(canMove(s, s)).toBe(true);
  });

  it("each action starts from its own statuses", () => {
    const table = Object.fromEntries(
      (Object.keys(ACTION_FROM) as (keyof typeof ACTION_FROM)[]).map((action) => [
        action,
        FULFILMENT_STATUSES.filter((s: FulfilmentStatus) => allowsAction(action, s)),
      ]),
    );
    expect(table).toEqual({
      cancel: ["new", "processing", "complete"],
      refund: ["delivered", "returned"],
      reopen: ["cancelled"],
      delete: ["new", "cancelled"],
      resend: ["shipped", "delivered"],
    });
  });
});

describe("the amount of a shipped quantity", () => {
  it("is the whole line's amount for its whole quantity, however the quantity is written", () => {
    expect(shippedAmount(3750n, "3", "3", "EUR")).toBe(3750n);
    expect(shippedAmount(3750n, "3", "3.00", "EUR")).toBe(3750n);
    expect(shippedAmount(999n, "0.5", "0.50", "EUR")).toBe(999n);
  });

  it("is the line's share otherwise, rounded once half away from zero", () => {
    // 37.50 × 2 / 3 = 25.00
    expect(shippedAmount(3750n, "3", "2", "EUR")).toBe(2500n);
    // 10.00 × 1 / 3 = 3.333… → 3.33
    expect(shippedAmount(1000n, "3", "1", "EUR")).toBe(333n);
    // 10.00 × 2 / 3 = 6.666… → 6.67
    expect(shippedAmount(1000n, "3", "2", "EUR")).toBe(667n);
    // 0.05 × 1.5 / 3 = 0.025 → 0.03 (half away from zero)
    expect(shippedAmount(5n, "3", "1.5", "EUR")).toBe(3n);
    // 1000 JPY × 0.25 / 1 = 250 JPY (no minor unit)
    expect(shippedAmount(1000n, "1", "0.25", "JPY")).toBe(250n);
  });
});
