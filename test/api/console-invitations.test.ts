/**
 * Console users invited and reset by e-mail, through a real SMTP server on loopback
 * (test/smtp-receiver.ts): the link is read from the mail that arrived and used. Invitations
 * (single use, 7 days, voided by a new one), password resets (one answer for every address,
 * limited, single use, 1 hour, every session ended), and the token nowhere but in the mail.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { messageJobs } from "../../src/jobs/messages.js";
import { startWorker } from "../../src/jobs/runner.js";
import { type Mailer, smtpMailer } from "../../src/modules/messages/index.js";
import { describeServer, type TestServer } from "../server.js";
import { SmtpReceiver } from "../smtp-receiver.js";
import { testLog } from "../webhook-receiver.js";

let receiver: SmtpReceiver;
let mailer: Mailer;
beforeAll(async () => {
  receiver = await SmtpReceiver.start();
  mailer = smtpMailer(receiver.url, { timeoutMs: 2_000 });
});
afterAll(async () => {
  mailer.close();
  await receiver.close();
});

const password = "correct horse battery staple";
let seq = 0;
const address = (what: string) =>
  `${what}-${++seq}-${Math.random().toString(36).slice(2, 8)}@team.example`;

/** Sends every due message once. */
async function sendMail(server: TestServer): Promise<void> {
  const worker = startWorker({
    db: server.db,
    log: testLog,
    jobs: messageJobs({ mailer, random: () => 0, defaultSender: "noreply@accrue.test" }),
    intervalMs: 10,
    autoStart: false,
  });
  await worker.tick();
}

/** The mails that arrived for `to`. */
const mailsTo = (to: string) => receiver.received.filter((m) => m.to.includes(to));

/** The token of the console link of `page` in the one mail `to` got last. */
function linkToken(to: string, page: "accept-invitation" | "reset-password"): string {
  const mail = mailsTo(to).at(-1);
  expect(mail, `a mail to ${to}`).toBeDefined();
  const pattern = new RegExp(
    `http://127\\.0\\.0\\.1/console#/${page}\\?token=(cut_[A-Za-z0-9_-]{43})`,
  );
  const found = pattern.exec(mail!.mail.text ?? "");
  expect(found, mail!.mail.text).not.toBeNull();
  // the HTML part carries the same link
  expect(mail!.mail.html).toContain(found![0]);
  return found![1]!;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describeServer("console invitations and password resets", (t) => {
  const post = (url: string, body: unknown) => t.server.post(url, body, { key: null });

  /** Nothing the API stored or would deliver holds `token` but the mail's own message row. */
  async function expectTokenOnlyInMail(token: string): Promise<void> {
    const [events, audit, deliveries, tokens] = await Promise.all([
      t.server.db.selectFrom("outbox_events").select("payload").execute(),
      t.server.db.selectFrom("audit_events").selectAll().execute(),
      t.server.db.selectFrom("webhook_deliveries").selectAll().execute(),
      t.server.db.selectFrom("console_user_tokens").selectAll().execute(),
    ]);
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(deliveries)).not.toContain(token);
    expect(JSON.stringify(tokens)).not.toContain(token);
    expect(tokens.map((r) => r.token_hash)).toContain(sha256(token));
  }

  it("an invited user gets a mail, sets its password through the link once, and signs in", async () => {
    const email = address("invited");
    const created = await t.server.post("/v1/console_users", {
      email,
      name: "Ines Invited",
      roles: ["read_only"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, status: "invited", disabled_at: null });
    // no password yet: signing in fails like a wrong password
    const early = await post("/v1/console_sessions", { email, password });
    expect(early.status).toBe(401);
    expect(early.body.error.code).toBe("invalid_credentials");

    await sendMail(t.server);
    const [mail] = mailsTo(email);
    expect(mail!.mail.subject).toBe("You are invited to the Accrue console of Test");
    expect(mail!.mail.from?.value).toEqual([{ address: "noreply@127.0.0.1", name: "Accrue" }]);
    expect(mail!.mail.text).toContain("Hello Ines Invited,");
    const token = linkToken(email, "accept-invitation");
    await expectTokenOnlyInMail(token);

    // the message is in the log of no customer, with its own event id and no event behind it
    const message = await t.server.db
      .selectFrom("messages")
      .selectAll()
      .where("recipient", "=", email)
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({
      kind: "console_invitation",
      customer_id: null,
      status: "sent",
    });
    const event = await t.server.db
      .selectFrom("outbox_events")
      .select("id")
      .where("id", "=", message.event_id)
      .executeTakeFirst();
    expect(event).toBeUndefined();

    const weak = await post("/v1/console_invitations/accept", { token, password: " ".repeat(13) });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe("weak_password");

    const accepted = await post("/v1/console_invitations/accept", { token, password });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ id: created.body.id, status: "active" });

    const again = await post("/v1/console_invitations/accept", {
      token,
      password: "another long password",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("console_link_used");

    const session = await post("/v1/console_sessions", { email, password });
    expect(session.status).toBe(201);
    expect(session.body.user.status).toBe("active");

    // the creation and the acceptance are audited, without the token
    const audit = await t.server.db
      .selectFrom("audit_events")
      .select(["operation", "actor_type", "actor_id"])
      .where("target_id", "=", created.body.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.operation)).toEqual(
      expect.arrayContaining(["console_users.create", "console_invitations.accept"]),
    );
    expect(audit.find((a) => a.operation === "console_invitations.accept")).toMatchObject({
      actor_type: "console_user",
      actor_id: created.body.id,
    });
  });

  it("refuses unknown tokens, a password with invite: true, and another purpose's token", async () => {
    const unknown = await post("/v1/console_invitations/accept", {
      token: `cut_${"x".repeat(43)}`,
      password,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("console_link_unknown");
    const unknownReset = await post("/v1/console_password_resets/complete", {
      token: "nonsense",
      password,
    });
    expect(unknownReset.status).toBe(404);
    expect(unknownReset.body.error.code).toBe("console_link_unknown");

    const both = await t.server.post("/v1/console_users", {
      email: address("both"),
      name: "B",
      password,
      invite: true,
      roles: ["read_only"],
    });
    expect(both.status).toBe(422);
    expect(both.body.error.code).toBe("console_user_invite_with_password");

    // an invitation's token does not reset a password
    const email = address("purpose");
    await t.server.post("/v1/console_users", {
      email,
      name: "P",
      invite: true,
      roles: ["read_only"],
    });
    await sendMail(t.server);
    const token = linkToken(email, "accept-invitation");
    const wrong = await post("/v1/console_password_resets/complete", { token, password });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe("console_link_unknown");
    expect((await post("/v1/console_invitations/accept", { token, password })).status).toBe(200);
  });

  it("an expired invitation is refused; inviting again voids the old link, in German", async () => {
    const email = address("expired");
    const created = await t.server.post("/v1/console_users", {
      email,
      name: "Erik",
      roles: ["read_only"],
    });
    await sendMail(t.server);
    const first = linkToken(email, "accept-invitation");
    // the link expires 7 days after it was made
    const stored = await t.server.db
      .selectFrom("console_user_tokens")
      .select(["created_at", "expires_at", "purpose"])
      .where("token_hash", "=", sha256(first))
      .executeTakeFirstOrThrow();
    expect(stored.purpose).toBe("invitation");
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBe(7 * 24 * 3600_000);
    await t.server.db
      .updateTable("console_user_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("token_hash", "=", sha256(first))
      .execute();
    const expired = await post("/v1/console_invitations/accept", { token: first, password });
    expect(expired.status).toBe(409);
    expect(expired.body.error.code).toBe("console_link_expired");

    const again = await t.server.post(`/v1/console_users/${created.body.id}/invitation`, {
      language: "de",
    });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe("invited");
    await sendMail(t.server);
    expect(mailsTo(email)).toHaveLength(2);
    expect(mailsTo(email).at(-1)!.mail.subject).toBe("Einladung zur Accrue-Konsole von Test");
    const second = linkToken(email, "accept-invitation");
    expect(second).not.toBe(first);
    expect((await post("/v1/console_invitations/accept", { token: second, password })).status).toBe(
      200,
    );
    // an active user is not invited again
    const active = await t.server.post(`/v1/console_users/${created.body.id}/invitation`, {});
    expect(active.status).toBe(422);
    expect(active.body.error.code).toBe("console_user_not_invited");
  });

  it("a password reset answers alike for any address, mails a link once, and ends every session", async () => {
    const email = address("reset");
    const user = await t.server.post("/v1/console_users", {
      email,
      name: "Rosa Reset",
      password,
      roles: ["read_only"],
    });
    expect(user.body.status).toBe("active");
    const session = (await post("/v1/console_sessions", { email, password })).body.access_token;
    expect((await t.server.get("/v1/customers", { key: session })).status).toBe(200);

    const nobody = address("nobody");
    const forKnown = await post("/v1/console_password_resets", {
      email: email.toUpperCase(),
      language: "fr",
    });
    const forUnknown = await post("/v1/console_password_resets", {
      email: nobody,
      language: "fr",
    });
    expect(forKnown.status).toBe(202);
    expect(forUnknown.status).toBe(202);
    expect(forUnknown.body).toEqual(forKnown.body);
    expect(forKnown.body).toEqual({ accepted: true });

    await sendMail(t.server);
    expect(mailsTo(nobody)).toHaveLength(0);
    expect(mailsTo(email)).toHaveLength(1);
    expect(mailsTo(email)[0]!.mail.subject).toBe(
      "Réinitialisez votre mot de passe de la console Accrue",
    );
    const token = linkToken(email, "reset-password");
    await expectTokenOnlyInMail(token);
    const stored = await t.server.db
      .selectFrom("console_user_tokens")
      .select(["created_at", "expires_at"])
      .where("token_hash", "=", sha256(token))
      .executeTakeFirstOrThrow();
    expect(stored.expires_at.getTime() - stored.created_at.getTime()).toBe(3600_000);

    // not an invitation's token
    const asInvitation = await post("/v1/console_invitations/accept", { token, password });
    expect(asInvitation.body.error.code).toBe("console_link_unknown");

    const fresh = "a brand new password";
    const done = await post("/v1/console_password_resets/complete", { token, password: fresh });
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ id: user.body.id, status: "active" });
    // the old session is gone, and the old password with it
    expect((await t.server.get("/v1/customers", { key: session })).status).toBe(401);
    expect((await post("/v1/console_sessions", { email, password })).status).toBe(401);
    expect((await post("/v1/console_sessions", { email, password: fresh })).status).toBe(201);

    const reused = await post("/v1/console_password_resets/complete", {
      token,
      password: "yet another password",
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("console_link_used");

    const audit = await t.server.db
      .selectFrom("audit_events")
      .select("operation")
      .where("target_id", "=", user.body.id)
      .execute();
    expect(audit.map((a) => a.operation)).toEqual(
      expect.arrayContaining([
        "console_password_resets.create",
        "console_password_resets.complete",
      ]),
    );
  });

  it("an expired reset link is refused; a disabled user is mailed nothing", async () => {
    const email = address("late");
    await t.server.post("/v1/console_users", {
      email,
      name: "L",
      password,
      roles: ["read_only"],
    });
    await post("/v1/console_password_resets", { email });
    await sendMail(t.server);
    const token = linkToken(email, "reset-password");
    await t.server.db
      .updateTable("console_user_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("token_hash", "=", sha256(token))
      .execute();
    const late = await post("/v1/console_password_resets/complete", { token, password });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("console_link_expired");

    const gone = address("disabled");
    const disabled = await t.server.post("/v1/console_users", {
      email: gone,
      name: "D",
      password,
      roles: ["read_only"],
    });
    await t.server.post(`/v1/console_users/${disabled.body.id}/disable`, {});
    expect((await post("/v1/console_password_resets", { email: gone })).status).toBe(202);
    await sendMail(t.server);
    expect(mailsTo(gone)).toHaveLength(0);
  });

  it("reset requests are limited per address and e-mail, the same for unknown addresses; at most 3 mails an hour", async () => {
    const email = address("many");
    const user = await t.server.post("/v1/console_users", {
      email,
      name: "M",
      password,
      roles: ["read_only"],
    });
    const nobody = address("nobody");
    const answers = async (who: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        statuses.push((await post("/v1/console_password_resets", { email: who })).status);
      }
      return statuses;
    };
    const known = await answers(email);
    const unknown = await answers(nobody);
    // five free, the sixth starts a back-off, the seventh waits
    expect(known).toEqual([202, 202, 202, 202, 202, 202, 429]);
    expect(unknown).toEqual(known);
    const limited = await post("/v1/console_password_resets", { email });
    expect(limited.body.error.code).toBe("too_many_password_reset_requests");
    expect(limited.body.error.details.retry_after_seconds).toBeGreaterThan(0);

    const links = await t.server.db
      .selectFrom("console_user_tokens")
      .select("used_at")
      .where("console_user_id", "=", user.body.id)
      .execute();
    expect(links).toHaveLength(3);
    // each new link voided the one before it
    expect(links.filter((l) => l.used_at === null)).toHaveLength(1);
    await sendMail(t.server);
    expect(mailsTo(email)).toHaveLength(3);
    // sign-in of the user from the same address is not held back by the reset requests
    expect((await post("/v1/console_sessions", { email, password })).status).toBe(201);
  });
});
