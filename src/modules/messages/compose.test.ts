import { describe, expect, it } from "vitest";
import {
  draftDirectMessages,
  draftMessages,
  type MessageEvent,
  type MessageFacts,
  messageKindFor,
  sampleData,
  templateKey,
} from "./compose.js";
import { MESSAGE_KINDS, renderMessage } from "./templates.js";

const event = (type: string, payload: Record<string, unknown>): MessageEvent => ({
  id: "evt_1",
  tenant_id: "ten_1",
  type,
  subject_id: "con_1",
  payload,
});

const payment = (over: Record<string, unknown>) =>
  event("payment.succeeded", {
    kind: "payment",
    status: "succeeded",
    method: "card",
    amount: "10.00",
    currency: "EUR",
    ...over,
  });

const facts: MessageFacts = {
  customer: { id: "cus_1", name: "Ann", locale: "fr-FR", language: null, time_zone: "UTC" },
  recipients: ["a@x.example", " a@x.example ", "b@x.example"],
  sender: { name: "Shop", address: "shop@x.example" },
  entityId: "ent_shop",
};

describe("which events become messages", () => {
  it("a payment only when it collected money", () => {
    expect(messageKindFor(payment({}))).toBe("payment_succeeded");
    for (const method of ["offline", "test_card", "test_direct_debit", "direct_debit"]) {
      expect(messageKindFor(payment({ method }))).toBe("payment_succeeded");
    }
    expect(messageKindFor(payment({ amount: "0.00" }))).toBeNull();
    expect(messageKindFor(payment({ kind: "write_off", method: "write_off" }))).toBeNull();
    expect(messageKindFor(payment({ kind: "tax_withheld", method: "tax_withheld" }))).toBeNull();
    expect(messageKindFor(payment({ kind: "refund" }))).toBeNull();
    expect(messageKindFor(payment({ status: "pending" }))).toBeNull();
  });

  it("a contract's creation unless it was imported or transferred; grace only with money owed", () => {
    expect(messageKindFor(event("contract.created", { status: "active" }))).toBe(
      "contract_confirmation",
    );
    expect(messageKindFor(event("contract.created", { billed_until: null }))).toBeNull();
    expect(messageKindFor(event("contract.created", { status: "transferred" }))).toBeNull();
    expect(messageKindFor(event("contract.grace_period_ended", { owed: "3.00" }))).toBe(
      "grace_ending",
    );
    expect(messageKindFor(event("contract.grace_period_ended", { owed: "0.00" }))).toBeNull();
    expect(messageKindFor(event("contract.trial_end_approaching", {}))).toBe("trial_ending");
    expect(messageKindFor(event("contract.phase_started", {}))).toBeNull();
    expect(messageKindFor(event("verification_code.sent", { code: "X" }))).toBeNull();
  });
});

describe("composing", () => {
  it("prefers the entity's template, then the tenant's, then the built-in one", () => {
    const e = event("contract.trial_end_approaching", { trial_end_date: "2026-03-15T00:00:00Z" });
    const source = (subject: string) => ({ subject, text: "x", html: null });
    const both = new Map([
      [templateKey("trial_ending", "fr", "ent_shop"), source("entity")],
      [templateKey("trial_ending", "fr"), source("tenant")],
    ]);
    const now = new Date("2026-03-01T00:00:00Z");
    const subject = (templates: Map<string, ReturnType<typeof source>>, f = facts) =>
      draftMessages(e, f, { now, smtpConfigured: true, templates })[0]!.subject;
    expect(subject(both)).toBe("entity");
    expect(subject(both, { ...facts, entityId: "ent_other" })).toBe("tenant");
    expect(subject(new Map())).toBe("Votre période d'essai se termine le 15 mars 2026");
    // one message per distinct recipient
    expect(draftMessages(e, facts, { now, smtpConfigured: true })).toHaveLength(2);
  });

  it("a verification code is composed for an address with no customer, in the language asked", () => {
    const [row, ...rest] = draftDirectMessages(
      {
        id: "vc_1",
        tenant_id: "ten_1",
        content: {
          kind: "verification_code",
          code: "7K3M9QXP",
          valid_minutes: 5,
          partner_name: null,
        },
      },
      { ...facts, customer: null, language: "de", recipients: ["new@x.example"] },
      { now: new Date() },
    );
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      event_id: "vc_1",
      customer_id: null,
      kind: "verification_code",
      language: "de",
      status: "queued",
      subject: "Ihr Bestätigungscode",
    });
    expect(row!.body_text).toContain(
      "Ihr Bestätigungscode lautet 7K3M9QXP. Er ist 5 Minuten gültig.",
    );
  });

  it("every kind's preview fills every value its built-in template names", () => {
    for (const kind of MESSAGE_KINDS) {
      for (const language of ["en", "de", "fr"] as const) {
        const text = renderMessage(kind, language, sampleData(kind, language)).text;
        // no value rendered empty: no doubled spaces or a space before punctuation
        expect(text, `${kind} ${language}`).not.toMatch(/ {2}| [.,]|\(\)/);
        expect(text).not.toContain("{{");
      }
    }
    expect(
      renderMessage("payment_succeeded", "en", sampleData("payment_succeeded", "en")).text,
    ).toContain(
      "thank you: we received your payment of €1,234.50 on March 1, 2026. It was applied to INV-000042.",
    );
  });
});
