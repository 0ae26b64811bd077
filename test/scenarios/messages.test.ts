/**
 * A German customer's mail on a test clock, read from a real SMTP server on loopback: the
 * signup's confirmation, the invoice with its PDF, a failed-payment notice, two dunning steps and the cancellation
 * confirmation, each in German, each once; and the customer's message log.
 */
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { dunningJob } from "../../src/jobs/dunning.js";
import { messageJobs } from "../../src/jobs/messages.js";
import { smtpMailer } from "../../src/modules/messages/index.js";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";
import { SmtpReceiver } from "../smtp-receiver.js";

describeServer("customer messages on a test clock", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let smtp: SmtpReceiver;
  let mailer: ReturnType<typeof smtpMailer>;
  const ids: Record<string, string> = {};
  const log = pino({ enabled: false });
  const address = `kunde-${Math.random().toString(36).slice(2)}@beispiel.example`;
  /** Composes and sends what the events so far tell the customer. */
  const mail = async () => {
    for (const job of messageJobs({ mailer, defaultSender: "rechnung@accrue.test" })) {
      await job.run({ db: t.server.db, log });
    }
    return smtp.received.filter((m) => m.to.includes(address));
  };

  // 30 EUR a month from Jan 1 2026, billed in advance, to a German customer
  beforeAll(async () => {
    smtp = await SmtpReceiver.start();
    mailer = smtpMailer(smtp.url);
    api = await billingTenant(t.server, "Nachrichten", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "Monatlich",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    ids.customer = await api.customer({
      email: address,
      first_name: "Erika",
      last_name: "Mustermann",
      locale: "de-DE",
      language: "de",
      time_zone: "Europe/Berlin",
    });
    ids.contract = await api.signup(ids.customer, ids.variant);
    await api.request("PUT", "/v1/dunning_policy", {
      steps: [
        { name: "Zahlungserinnerung", after_days: 0 },
        { name: "Mahnung", after_days: 7 },
      ],
    });
  });
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
  });

  it("the signup is confirmed and the January invoice mailed in German with its PDF", async () => {
    await api.run();
    const [invoice] = await api.invoices(ids.contract!);
    ids.invoice = invoice.id;
    expect(invoice).toMatchObject({ status: "finalized", issue_date: "2026-01-01" });
    const got = await mail();
    expect(got).toHaveLength(2);
    const confirmation = got[0]!.mail;
    expect(confirmation.subject).toBe("Bestätigung Ihres Abonnements Plan");
    expect(confirmation.text).toContain(
      `Ihr Abonnement ${ids.contract} (Plan) beginnt am 1. Januar 2026.`,
    );
    const m = got[1]!.mail;
    expect(m.subject).toBe(`Rechnung ${invoice.number} von Nachrichten`);
    expect(m.headers.get("content-language")).toBe("de");
    expect(m.text).toContain("Guten Tag Erika Mustermann,");
    // issued Jan 1 2026 for 30,00 € (net, no tax policy), written the German way
    expect(m.text).toMatch(/vom 1\. Januar 2026 über 30,00\s€\./);
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]!.filename).toBe(`${invoice.number}.pdf`);
    expect(m.attachments[0]!.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("a declined card: a failed-payment notice in German", async () => {
    const res = await api.request("POST", "/v1/payments", {
      customer_id: ids.customer,
      currency: "EUR",
      amount: "30.00",
      method: "card",
      card_number: "4000000000000002",
    });
    expect(res.body.status).toBe("failed");
    const got = await mail();
    expect(got).toHaveLength(3);
    expect(got[2]!.mail.subject).toMatch(/^Ihre Zahlung über 30,00\s€ ist fehlgeschlagen$/);
    expect(got[2]!.mail.text).toContain("wir konnten Ihre Zahlung über 30,00");
    expect(got[2]!.mail.attachments).toHaveLength(0);
  });

  it("two dunning steps: a reminder at once, a dunning notice a week later", async () => {
    await dunningJob().run({ db: t.server.db, log });
    await api.advance("2026-01-08T00:00:00Z");
    await dunningJob().run({ db: t.server.db, log });
    const got = await mail();
    expect(got).toHaveLength(5);
    const [reminder, notice] = got.slice(3).map((r) => r.mail);
    const number = (await api.invoices(ids.contract!))[0].number;
    expect(reminder!.subject).toBe(`Zahlungserinnerung: Rechnung ${number} ist überfällig`);
    expect(reminder!.text).toContain("(Zahlungserinnerung)");
    expect(notice!.text).toMatch(/mit 30,00\s€ seit 7 Tagen überfällig \(Mahnung\)/);
  });

  it("the cancellation is confirmed in German with the end date in the customer's time zone", async () => {
    // Jan 31 23:30 UTC is Feb 1 in Berlin
    await api.post(`/v1/contracts/${ids.contract}/end`, { end_date: "2026-01-31T23:30:00Z" });
    const got = await mail();
    expect(got).toHaveLength(6);
    expect(got[5]!.mail.subject).toBe("Ihr Abonnement endet am 1. Februar 2026");
    // sending again sends nothing: every event was mailed once
    expect(await mail()).toHaveLength(6);
  });

  it("the customer's message log lists each mail, newest first", async () => {
    const page = await api.get(`/v1/customers/${ids.customer}/messages`);
    expect(page.data.map((m: any) => [m.kind, m.status, m.language])).toEqual([
      ["contract_cancelled", "sent", "de"],
      ["dunning_step", "sent", "de"],
      ["dunning_step", "sent", "de"],
      ["payment_failed", "sent", "de"],
      ["invoice_issued", "sent", "de"],
      ["contract_confirmation", "sent", "de"],
    ]);
    expect(page.data.at(-2).attachment_document_id).toBe(ids.invoice);
  });
});
