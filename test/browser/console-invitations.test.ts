/**
 * Console users invited and reset by e-mail, and a customer's message log, in a real browser
 * (Debian's chromium via playwright-core) against a listening server whose mails go to a real
 * SMTP server on loopback (test/smtp-receiver.ts): an administrator invites a user, who opens
 * the mailed link, chooses a password and is signed in; the user forgets it and resets it; a
 * customer's page lists its messages and resends one. Axe checks each page; screenshots are
 * kept under test-results/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { messageJobs } from "../../src/jobs/messages.js";
import { startWorker } from "../../src/jobs/runner.js";
import { type Mailer, smtpMailer } from "../../src/modules/messages/index.js";
import { BACKENDS } from "../harness.js";
import { SmtpReceiver } from "../smtp-receiver.js";
import { testLog } from "../webhook-receiver.js";
import {
  apiClient,
  closePageWorld,
  expectAccessible,
  openPageWorld,
  type PageWorld,
  screenshot,
} from "./browser.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 180_000 });

for (const backend of BACKENDS) {
  describe(`console invitations and message log in chromium [${backend}]`, () => {
    let world: PageWorld | undefined;
    let smtp: SmtpReceiver | undefined;
    let mailer: Mailer | undefined;
    let base: string;
    let key: string;
    let page: Page;
    let errors: string[];
    const api = apiClient(
      () => base,
      () => key,
    );
    const shot = (name: string) => screenshot(page, `${backend}-invitations-${name}`);

    /** Runs the message jobs until a run has nothing left to do (a batch may stop early). */
    const sendMail = async () => {
      for (let run = 0; run < 10; run++) {
        const worker = startWorker({
          db: world!.database.db,
          log: testLog,
          jobs: messageJobs({ mailer: mailer!, random: () => 0, defaultSender: "noreply@x.test" }),
          intervalMs: 10,
          autoStart: false,
        });
        const handled = await worker.tick();
        await worker.stop();
        if (handled === 0) return;
      }
    };

    /** The console link in the last mail to `to`. */
    const linkIn = (to: string, page: string) => {
      const mail = smtp!.received.filter((m) => m.to.includes(to)).at(-1);
      expect(mail, `a mail to ${to}`).toBeDefined();
      const found = new RegExp(`${base}/console#/${page}\\?token=cut_[A-Za-z0-9_-]+`).exec(
        mail!.mail.text ?? "",
      );
      expect(found, mail!.mail.text).not.toBeNull();
      return found![0];
    };

    const signInWithKey = async () => {
      await page.goto(`${base}/console#/`);
      await page.getByLabel("API key", { exact: true }).fill(key);
      await page.getByRole("button", { name: "Sign in with the key" }).click();
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    };

    beforeAll(async () => {
      [world, smtp] = await Promise.all([
        openPageWorld(backend, "Invite Ltd"),
        SmtpReceiver.start(),
      ]);
      mailer = smtpMailer(smtp.url, { timeoutMs: 2_000 });
      ({ base, key, page, errors } = world);
    });

    afterAll(async () => {
      mailer?.close();
      await smtp?.close();
      await closePageWorld(world);
    });

    it("an invited user accepts through the mailed link, is signed in, and resets a forgotten password", async () => {
      await signInWithKey();
      await page.getByRole("navigation").getByRole("link", { name: "Console users" }).click();
      await page.getByRole("heading", { level: 1, name: "Console users" }).waitFor();
      const form = page.getByRole("form", { name: "Add a console user", exact: true });
      await form.getByLabel("Name", { exact: true }).fill("Ivy Invited");
      await form.getByLabel("E-mail").fill("ivy@invite.example");
      await expect(form.getByLabel("Send an invitation").isChecked()).resolves.toBe(true);
      await expect(form.getByLabel("Password").count()).resolves.toBe(0);
      await form.getByLabel("admin", { exact: true }).check();
      await form.getByRole("button", { name: "Add console user" }).click();
      await expect
        .poll(() => form.getByRole("status").textContent())
        .toContain("Invited Ivy Invited <ivy@invite.example>");
      await page.getByRole("button", { name: "Invite again: Ivy Invited" }).waitFor();
      await expect(page.getByRole("row", { name: /Ivy Invited/ }).textContent()).resolves.toContain(
        "invited",
      );
      await page.getByRole("button", { name: "Sign out" }).click();

      await sendMail();
      const invitation = linkIn("ivy@invite.example", "accept-invitation");
      await page.goto(invitation);
      await page.getByRole("heading", { level: 1, name: "Accept your invitation" }).waitFor();
      // the token leaves the address bar
      await expect.poll(() => page.url()).toBe(`${base}/console#/accept-invitation`);
      await expectAccessible(page, "the invitation page");
      await shot("accept");
      await page.getByLabel("New password").fill("ivy's own long password");
      await page.getByLabel("Repeat the password").fill("ivy's own long password");
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      const [user] = (await api("GET", "/v1/console_users")).data;
      expect(user).toMatchObject({ email: "ivy@invite.example", status: "active" });
      await page.getByRole("button", { name: "Sign out" }).click();

      // the link works once
      await page.goto(invitation);
      await page.getByLabel("New password").fill("another long password");
      await page.getByLabel("Repeat the password").fill("another long password");
      await page.getByRole("button", { name: "Set password and sign in" }).click();
      await expect.poll(() => page.getByRole("alert").textContent()).toContain("console_link_used");

      // forgotten: the sign-in page leads to a reset link
      await page.goto(`${base}/console#/`);
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.getByRole("heading", { level: 1, name: "Forgot your password?" }).waitFor();
      await expectAccessible(page, "the forgot-password page");
      await page.getByLabel("E-mail").fill("ivy@invite.example");
      await page.getByRole("button", { name: "Send the link" }).click();
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toContain("a link is on its way");
      await shot("forgot");
      await sendMail();
      await page.goto(linkIn("ivy@invite.example", "reset-password"));
      await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
      await expectAccessible(page, "the reset page");
      await page.getByLabel("New password").fill("ivy's newer long password");
      await page.getByLabel("Repeat the password").fill("ivy's newer long password");
      await page.getByRole("button", { name: "Change password" }).click();
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toContain("Your password is changed");
      await page.getByRole("link", { name: "Back to sign-in" }).click();
      await page.getByLabel("E-mail", { exact: true }).fill("ivy@invite.example");
      await page.getByLabel("Password", { exact: true }).fill("ivy's newer long password");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
      await page.getByRole("button", { name: "Sign out" }).click();
      // the refused second use of the invitation is logged as a 409
      expect(errors.filter((e) => !/status of 409\b/.test(e))).toEqual([]);
      errors.splice(0);
    });

    it("a customer's page lists its messages and resends one", async () => {
      const customer = await api("POST", "/v1/customers", {
        company_name: "Mail Recipient GmbH",
        email: "books@recipient.example",
        time_zone: "UTC",
      });
      const invoice = await api("POST", "/v1/invoices", {
        customer_id: customer.id,
        currency: "EUR",
        lines: [{ description: "Consulting", unit_price: "100", quantity: "1" }],
      });
      // the message jobs run as a worker runs them, tick after tick, until the invoice's
      // message is made and sent; failing that, what became of the invoice's events
      const sent = async () =>
        (await api("GET", `/v1/customers/${customer.id}/messages`)).data.filter(
          (m: { status: string }) => m.status === "sent",
        ).length;
      for (let tick = 0; tick < 20 && (await sent()) === 0; tick++) {
        await sendMail();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const events = await world!.database.db
        .selectFrom("outbox_events")
        .select(["type", "messages_composed_at"])
        .where("subject_id", "=", invoice.id)
        .execute();
      expect(await sent(), JSON.stringify(events)).toBe(1);
      await signInWithKey();
      await page.goto(`${base}/console#/customers/${customer.id}`);
      const log = page.getByRole("region", { name: "Messages" });
      await log.getByRole("cell", { name: `Invoice ${invoice.number} from` }).waitFor();
      await log.getByText("1 message", { exact: true }).waitFor();
      const row = log.getByRole("row", { name: /invoice issued/ });
      await expect(row.textContent()).resolves.toContain("books@recipient.example");
      await expect(row.textContent()).resolves.toMatch(/sent\s*sent \d{4}-/);
      await log
        .getByRole("button", { name: "Resend: invoice issued to books@recipient.example" })
        .click();
      await expect
        .poll(() => log.getByRole("status").textContent())
        .toMatch(/^Queued again as message msg_\w+ to books@recipient\.example/);
      await log.getByText("(resent)").waitFor();
      await expect(log.getByRole("row").count()).resolves.toBe(3);
      await log.getByText("2 messages", { exact: true }).waitFor();
      await expectAccessible(page, "the customer page with its messages");
      await shot("message-log");
      const messages = (await api("GET", `/v1/customers/${customer.id}/messages`)).data;
      expect(messages).toHaveLength(2);
      expect(messages[0]).toMatchObject({ status: "queued", resend_of: messages[1].id });
      await sendMail();
      expect(smtp!.received.filter((m) => m.to.includes("books@recipient.example"))).toHaveLength(
        2,
      );
      expect(errors).toEqual([]);
    });
  });
}
