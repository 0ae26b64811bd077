import { describe, expect, it } from "vitest";
import { allows, DOCUMENT_TRANSITIONS, type DocumentStatus } from "./states.js";

const STATUSES: DocumentStatus[] = ["draft", "finalized", "void"];

describe("document states", () => {
  it("allows each action only from the states the table names", () => {
    const allowed = Object.fromEntries(
      (["finalize", "void", "credit"] as const).map((action) => [
        action,
        STATUSES.filter((s) => allows(action, s)),
      ]),
    );
    expect(allowed).toEqual({
      finalize: ["draft"],
      void: ["draft", "finalized"],
      credit: ["finalized"],
    });
  });

  it("void is final: nothing leaves it", () => {
    for (const action of Object.keys(
      DOCUMENT_TRANSITIONS,
    ) as (keyof typeof DOCUMENT_TRANSITIONS)[]) {
      expect(allows(action, "void")).toBe(false);
    }
  });

  it("every action leads to a state that exists, and a draft is never reached again", () => {
    for (const { to } of Object.values(DOCUMENT_TRANSITIONS)) {
      expect(STATUSES).toContain(to);
      expect(to).not.toBe("draft");
    }
  });
});
