import { describe, expect, it } from "vitest";
import {
  movesWithBilling,
  moveTiming,
  TRANSFERS_PER_YEAR,
  type TransferFacts,
  transferBlocker,
} from "./transfer.js";

const ok: TransferFacts = {
  sourceEntityId: "ent_a",
  destinationEntityId: "ent_b",
  customerDeprecated: false,
  transfersThisYear: 0,
  contractsInTrial: 0,
  draftDocuments: 0,
  unpaidInvoices: 0,
  unbilledCharges: 0,
  creditCurrencies: [],
  contractCurrencies: ["EUR"],
  destinationCurrencies: [],
};

describe("transfer prerequisites", () => {
  it("a customer meeting all of them can be transferred", () => {
    expect(transferBlocker(ok)).toBeNull();
  });

  it.each([
    [{ destinationEntityId: "ent_a" }, "same_business_entity", 422],
    [{ customerDeprecated: true }, "customer_not_active", 409],
    [{ transfersThisYear: TRANSFERS_PER_YEAR }, "transfer_limit_reached", 409],
    [{ contractsInTrial: 1 }, "contract_in_trial", 409],
    [{ draftDocuments: 1 }, "invoice_pending", 409],
    [{ unpaidInvoices: 2 }, "invoice_unpaid", 409],
    [{ unbilledCharges: 1 }, "unbilled_charges", 409],
    [{ creditCurrencies: ["EUR"] }, "refundable_credits", 409],
    [{ destinationCurrencies: ["GBP"] }, "currency_not_supported", 422],
  ] as const)("%o fails with %s (%i)", (change, code, status) => {
    expect(transferBlocker({ ...ok, ...change })).toMatchObject({ code, status });
  });

  it("the third transfer of a year is allowed, the fourth not", () => {
    expect(transferBlocker({ ...ok, transfersThisYear: 2 })).toBeNull();
    expect(transferBlocker({ ...ok, transfersThisYear: 3 })?.code).toBe("transfer_limit_reached");
  });

  it("reports the first failed prerequisite in the seed's order", () => {
    expect(transferBlocker({ ...ok, unpaidInvoices: 1, contractsInTrial: 1 })?.code).toBe(
      "contract_in_trial",
    );
  });

  it("a destination that names the contracts' currencies accepts them", () => {
    expect(transferBlocker({ ...ok, destinationCurrencies: ["GBP", "EUR"] })).toBeNull();
  });
});

describe("when a contract follows its customer", () => {
  const now = new Date("2026-02-15T00:00:00Z");
  const base = { start_at: new Date("2026-01-01T00:00:00Z"), end_at: null, resting_since: null };

  it("active at its next renewal, future at its start, resting when resumed, ending never", () => {
    expect(moveTiming(base, now)).toBe("at_renewal");
    expect(moveTiming({ ...base, start_at: new Date("2026-03-01T00:00:00Z") }, now)).toBe(
      "at_start",
    );
    expect(moveTiming({ ...base, resting_since: new Date("2026-02-01T00:00:00Z") }, now)).toBe(
      "at_resumption",
    );
    expect(moveTiming({ ...base, end_at: new Date("2026-06-01T00:00:00Z") }, now)).toBe("never");
  });

  it("the billing run moves only contracts without an end date that are not resting", () => {
    expect(movesWithBilling(base)).toBe(true);
    expect(movesWithBilling({ ...base, resting_since: now })).toBe(false);
    expect(movesWithBilling({ ...base, end_at: now })).toBe(false);
  });
});
