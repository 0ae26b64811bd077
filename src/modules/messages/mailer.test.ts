import { describe, expect, it } from "vitest";
import { describeSendError, isRecipientRefusal, isServerUnreachable } from "./mailer.js";

/** Errors shaped as nodemailer's SMTP connection makes them. */
const smtpError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? "x")), fields);

describe("what a failed send means", () => {
  it("a 5xx reply to RCPT TO refuses the recipient for good: a bounce", () => {
    const e = smtpError({
      code: "EENVELOPE",
      command: "RCPT TO",
      responseCode: 550,
      response: "550 5.1.1 user unknown",
      message: "Can't send mail - all recipients were rejected: 550 5.1.1 user unknown",
    });
    expect(isRecipientRefusal(e)).toBe(true);
    expect(isServerUnreachable(e)).toBe(false);
    expect(describeSendError(e)).toBe(
      "smtp 550: Can't send mail - all recipients were rejected: 550 5.1.1 user unknown",
    );
    expect(isRecipientRefusal({ ...e, responseCode: 553 })).toBe(true);
  });

  it("temporary refusals, a refused sender and refused data are not bounces", () => {
    // greylisting, mailbox busy: tried again
    expect(
      isRecipientRefusal(smtpError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 450 })),
    ).toBe(false);
    // the sender refused: Accrue's side, not the recipient's
    expect(
      isRecipientRefusal(smtpError({ code: "EENVELOPE", command: "MAIL FROM", responseCode: 550 })),
    ).toBe(false);
    expect(
      isRecipientRefusal(smtpError({ code: "EMESSAGE", command: "DATA", responseCode: 554 })),
    ).toBe(false);
    expect(isRecipientRefusal(smtpError({ code: "ECONNECTION" }))).toBe(false);
    expect(isRecipientRefusal(undefined)).toBe(false);
  });

  it("a server that cannot be reached or does not answer in time is unreachable", () => {
    for (const code of ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS"]) {
      expect(isServerUnreachable(smtpError({ code })), code).toBe(true);
    }
    expect(isServerUnreachable(smtpError({ code: "EENVELOPE", responseCode: 451 }))).toBe(false);
    expect(isServerUnreachable(smtpError({ code: "EAUTH", responseCode: 535 }))).toBe(false);
  });
});
