import { describe, expect, it } from "vitest";
import { AccrueError } from "../../domain/errors.js";
import { assertEmail, type EmailProblem, emailProblem } from "./email-address.js";

describe("e-mail addresses customers are mailed at", () => {
  it.each([
    "x@example.com",
    "ada.lovelace@kunde.example",
    "books+invoices@sub.domain.example",
    "o'brien@example.ie",
    "a!#$%&'*+/=?^_`{|}~-z@example.com",
    "user@localhost",
    "USER@LOCALHOST",
    "müller@bücher.example",
    "x@xn--bcher-kva.example",
    "a@1.example",
    "a@a-b.example",
    `${"l".repeat(64)}@example.com`,
    `${"l".repeat(64)}@${"d".repeat(63)}.${"d".repeat(63)}.${"d".repeat(57)}.de`,
  ])("accepts %s", (address) => {
    expect(emailProblem(address)).toBeNull();
  });

  const refused: [string, EmailProblem][] = [
    ["plain", "at_sign"],
    ["a@b@example.com", "at_sign"],
    ['"quoted@local"@example.com', "at_sign"],
    ["a b@example.com", "whitespace_or_control"],
    ["ab@example.com ", "whitespace_or_control"],
    ["a\u00a0b@example.com", "whitespace_or_control"],
    ["ab@exa\tmple.com", "whitespace_or_control"],
    ["a\r\nRCPT TO:<x@evil.example>@example.com", "whitespace_or_control"],
    ["a\u0000b@example.com", "whitespace_or_control"],
    ["a\u007fb@example.com", "whitespace_or_control"],
    ["@example.com", "local_part_length"],
    [`${"l".repeat(65)}@example.com`, "local_part_length"],
    // 33 two-byte letters: 66 bytes
    [`${"ü".repeat(33)}@example.com`, "local_part_length"],
    [".ada@example.com", "local_part_invalid"],
    ["ada.@example.com", "local_part_invalid"],
    ["ada..l@example.com", "local_part_invalid"],
    ["a<b@example.com", "local_part_invalid"],
    ["a,b@example.com", "local_part_invalid"],
    ["a;b@example.com", "local_part_invalid"],
    ["a(b)@example.com", "local_part_invalid"],
    ["a\\b@example.com", "local_part_invalid"],
    ["a:b@example.com", "local_part_invalid"],
    ["ada@", "domain_invalid"],
    ["ada@.example.com", "domain_invalid"],
    ["ada@example.com.", "domain_invalid"],
    ["ada@example..com", "domain_invalid"],
    ["ada@-example.com", "domain_invalid"],
    ["ada@example-.com", "domain_invalid"],
    ["ada@exa_mple.com", "domain_invalid"],
    ["ada@example.com>", "domain_invalid"],
    ["ada@[192.0.2.1]", "domain_invalid"],
    ["ada@192.0.2.1", "domain_invalid"],
    [`ada@${"d".repeat(64)}.example`, "domain_invalid"],
    ["ada@example", "domain_without_dot"],
    ["ada@x", "domain_without_dot"],
    [`${"l".repeat(60)}@${"d".repeat(63)}.${"d".repeat(63)}.${"d".repeat(63)}.de`, "too_long"],
  ];
  it.each(refused)("refuses %j (%s)", (address, problem) => {
    expect(emailProblem(address)).toBe(problem);
  });

  it("254 characters in all is the most (RFC 5321)", () => {
    const at254 = `${"l".repeat(61)}@${"d".repeat(63)}.${"d".repeat(63)}.${"d".repeat(61)}.de`;
    expect(at254).toHaveLength(254);
    expect(emailProblem(at254)).toBeNull();
    expect(emailProblem(`l${at254}`)).toBe("too_long");
  });

  it("assertEmail answers the address, or 422 email_invalid naming the field and the rule", () => {
    expect(assertEmail("x@example.com", "email")).toBe("x@example.com");
    let error: unknown;
    try {
      assertEmail("x@example", "email");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AccrueError);
    expect(error).toMatchObject({
      kind: "unprocessable",
      code: "email_invalid",
      details: { field: "email", reason: "domain_without_dot" },
    });
    expect((error as Error).message).toBe(
      "email has a domain without a dot (only localhost may have none)",
    );
  });
});
