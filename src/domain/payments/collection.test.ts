import { describe, expect, it } from "vitest";
import { collectionStatus, DEFAULT_COLLECTION_RETRY_DAYS, nextAttemptAt } from "./collection.js";

describe("automatic collection's retry schedule", () => {
  const failedAt = new Date("2026-01-01T00:00:00Z");

  it("retries after 3, 5 and 7 days by default, then stops", () => {
    const schedule = DEFAULT_COLLECTION_RETRY_DAYS;
    expect(nextAttemptAt(schedule, 1, failedAt)?.toISOString()).toBe("2026-01-04T00:00:00.000Z");
    expect(nextAttemptAt(schedule, 2, new Date("2026-01-04T00:00:00Z"))?.toISOString()).toBe(
      "2026-01-09T00:00:00.000Z",
    );
    expect(nextAttemptAt(schedule, 3, new Date("2026-01-09T00:00:00Z"))?.toISOString()).toBe(
      "2026-01-16T00:00:00.000Z",
    );
    expect(nextAttemptAt(schedule, 4, new Date("2026-01-16T00:00:00Z"))).toBeNull();
  });

  it("counts days from when the attempt failed, to the millisecond", () => {
    expect(nextAttemptAt([1], 1, new Date("2026-03-28T13:45:10.250Z"))?.toISOString()).toBe(
      "2026-03-29T13:45:10.250Z",
    );
  });

  it("an empty schedule makes one attempt only", () => {
    expect(nextAttemptAt([], 1, failedAt)).toBeNull();
  });

  it("reads the state from the latest attempt", () => {
    expect(collectionStatus(undefined)).toBe("not_attempted");
    expect(collectionStatus({ status: "pending", next_attempt_at: null })).toBe("pending");
    expect(collectionStatus({ status: "succeeded", next_attempt_at: null })).toBe("succeeded");
    expect(collectionStatus({ status: "failed", next_attempt_at: failedAt })).toBe("retrying");
    expect(collectionStatus({ status: "failed", next_attempt_at: null })).toBe("exhausted");
  });
});
