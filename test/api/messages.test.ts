/**
 * Customer messages through a real SMTP server on loopback (test/smtp-receiver.ts): what
 * arrives (envelope, headers, language, the invoice PDF), the delivery log, resending, an SMTP
 * outage (queued, retried, reported by /healthz), a crash between send and record (the same
 * Message-ID twice), and no SMTP at all (recorded as skipped).
 */
import type { Kysely } from "kysely";
import { afterEach, expect, it } from "vitest";
import { messageJobs } from "../../src/jobs/messages.js";
import { startWorker, type Worker } from "../../src/jobs/runner.js";
import {
  claimDueMessages,
  draftMessages,
  insertMessages,
  type Mailer,
  smtpMailer,
} from "../../src/modules/messages/index.js";
import type { DB } from "../../src/storage/schema.js";
import { describeServer, type TestServer } from "../server.js";
import { SmtpReceiver } from "../smtp-receiver.js";
import { TestTime, testLog } from "../webhook-receiver.js";

const receivers: SmtpReceiver[] = [];
const mailers: Mailer[] = [];
async function receiver(): Promise<SmtpReceiver> {
  const r = await SmtpReceiver.start();
  receivers.push(r);
  return r;
}
afterEach(async () => {
  for (const m of mailers.splice(0)) m.close();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/** A worker running only the message jobs, ticked by hand. */
function messageWorker(
  db: Kysely<DB>,
  smtpUrl: string | null,
  time = new TestTime(),
): Worker & { time: TestTime } {
  const mailer = smtpUrl ? smtpMailer(smtpUrl, { timeoutMs: 2_000 }) : null;
  if (mailer) mailers.push(mailer);
  const worker = startWorker({
    db,
    log: testLog,
    jobs: messageJobs({
      mailer,
      now: time.now,
      random: () => 0,
      defaultSender: "billing@accrue.test",
    }),
    intervalMs: 10,
    autoStart: false,
  });
  return Object.assign(worker, { time });
}

let seq = 0;
let tenants = 0;
/** A tenant of its own with a customer; returns its key, customer and a request helper. */
async function setup(server: TestServer, customer: Record<string, unknown>) {
  const tenant = await server.createTenant(`Messages ${++tenants}`);
  const key = tenant.api_key;
  const as = async (method: string, url: string, body?: unknown) => {
    const res = await server.request(method, url, body === undefined ? { key } : { key, body });
    if (res.status >= 300)
      throw new Error(`${method} ${url} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const created = await as("POST", "/v1/customers", { time_zone: "UTC", ...customer });
  const invoice = () =>
    as("POST", "/v1/invoices", {
      customer_id: created.id,
      currency: "EUR",
      lines: [{ description: "Consulting", unit_price: "1234.5", quantity: "1" }],
    });
  return { key, customer: created.id as string, as, invoice };
}

describeServer("customer messages", (t) => {
  it("an issued invoice is mailed in German to the billing contacts, with its PDF", async () => {
    const r = await receiver();
    const u = `de${++seq}`;
    const { as, customer, invoice, key } = await setup(t.server, {
      company_name: "Müller & Söhne GmbH",
      email: `${u}-owner@kunde.example`,
      locale: "de-DE",
      language: "de",
    });
    const entities = await as("GET", "/v1/business_entities");
    await as("PATCH", `/v1/business_entities/${entities.data[0].id}`, {
      name: "Beispiel AG",
      email: "rechnung@beispiel.example",
    });
    await as("POST", `/v1/customers/${customer}/contacts`, {
      email: `${u}-books@kunde.example`,
      send_billing_email: true,
      enabled: true,
    });
    // not a billing contact; a billing contact that is disabled
    await as("POST", `/v1/customers/${customer}/contacts`, {
      email: `${u}-ceo@kunde.example`,
      send_billing_email: false,
      enabled: true,
    });
    await as("POST", `/v1/customers/${customer}/contacts`, {
      email: `${u}-old@kunde.example`,
      send_billing_email: true,
      enabled: false,
    });
    const issued = await invoice();

    const worker = messageWorker(t.server.db, r.url);
    await worker.tick();

    const mine = r.received.filter((m) => m.to.some((a) => a.startsWith(u)));
    expect(mine).toHaveLength(1);
    const [got] = mine;
    expect(got!.to).toEqual([`${u}-books@kunde.example`]);
    expect(got!.from).toBe("rechnung@beispiel.example");
    expect(got!.mail.from?.value).toEqual([
      { address: "rechnung@beispiel.example", name: "Beispiel AG" },
    ]);
    expect(got!.mail.subject).toBe(`Rechnung ${issued.number} von Beispiel AG`);
    expect(got!.mail.headers.get("content-language")).toBe("de");
    expect(got!.mail.text).toContain("Guten Tag Müller & Söhne GmbH");
    // 1234.50 EUR net plus tax, formatted the German way
    const total = new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(
      issued.total_gross,
    );
    expect(total).toMatch(/^\d\.\d{3},\d{2}\s€$/);
    expect(got!.mail.text).toContain(`über ${total}`);
    expect(got!.mail.html).toContain("Müller &amp; Söhne GmbH");
    expect(got!.mail.html).toContain('<html lang="de">');
    const [pdf] = got!.mail.attachments;
    expect(pdf).toMatchObject({ filename: `${issued.number}.pdf`, contentType: "application/pdf" });
    expect(pdf!.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const log = await t.server.get(`/v1/customers/${customer}/messages`, { key });
    expect(log.status).toBe(200);
    expect(log.body.data).toHaveLength(1);
    const [message] = log.body.data;
    expect(message).toMatchObject({
      kind: "invoice_issued",
      recipient: `${u}-books@kunde.example`,
      language: "de",
      status: "sent",
      attempt_count: 1,
      attachment_document_id: issued.id,
      last_error: null,
    });
    expect(got!.mail.messageId).toBe(`<${message.id}@beispiel.example>`);

    // another tick sends nothing more
    await worker.tick();
    expect(r.received.filter((m) => m.to.some((a) => a.startsWith(u)))).toHaveLength(1);
  });

  it("without billing contacts the customer's e-mail; French and English by locale", async () => {
    const r = await receiver();
    const fr = await setup(t.server, { email: `fr${++seq}@client.example`, locale: "fr-FR" });
    const en = await setup(t.server, { email: `en${seq}@client.example`, locale: "it-IT" });
    const frInvoice = await fr.invoice();
    const enInvoice = await en.invoice();
    await messageWorker(t.server.db, r.url).tick();
    const to = (a: string) => r.received.filter((m) => m.to.includes(a));
    const [french] = to(`fr${seq}@client.example`);
    const [english] = to(`en${seq}@client.example`);
    expect(french!.mail.subject).toMatch(new RegExp(`^Facture ${frInvoice.number} de `));
    expect(french!.mail.text).toMatch(/Bonjour .*\n\nveuillez trouver ci-joint la facture/);
    expect(french!.mail.text).toMatch(/1[\s\u202f\u00a0]\d{3},\d{2}[\s\u202f\u00a0]€/);
    expect(english!.mail.subject).toMatch(new RegExp(`^Invoice ${enInvoice.number} from `));
    expect(english!.mail.text).toMatch(/€1,\d{3}\.\d{2}/);
    expect(english!.mail.headers.get("content-language")).toBe("en");
  });

  it("without SMTP, messages are recorded as skipped: not sent: no SMTP", async () => {
    const { customer, invoice, key } = await setup(t.server, { email: `n${++seq}@x.example` });
    await invoice();
    await messageWorker(t.server.db, null).tick();
    const log = await t.server.get(`/v1/customers/${customer}/messages`, { key });
    expect(log.body.data).toMatchObject([
      {
        kind: "invoice_issued",
        status: "skipped",
        last_error: "not sent: no SMTP",
        attempt_count: 0,
      },
    ]);
  });

  it("an SMTP outage queues messages, retries them with back-off and /healthz reports it", async () => {
    const { customer, invoice, key } = await setup(t.server, { email: `o${++seq}@x.example` });
    const r = await receiver();
    r.refuse = "mailbox temporarily unavailable";
    const worker = messageWorker(t.server.db, r.url);
    await invoice();
    await worker.tick();
    const log = async () =>
      (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    let [m] = await log();
    expect(m).toMatchObject({ status: "queued", attempt_count: 1 });
    expect(m.last_error).toMatch(/^smtp 451: .*mailbox temporarily unavailable/);
    // the first retry is a minute later
    expect(Date.parse(m.next_attempt_at) - worker.time.now().getTime()).toBe(60_000);

    const health = await t.server.get("/healthz", { key: null });
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: "ok",
      messages: { smtp: "failing", retrying: 1, queued: 1 },
    });
    // the kind of failure only: the server's text may name a recipient
    expect(health.body.messages.last_error).toBe("smtp 451");

    // billing goes on meanwhile: another invoice is issued
    await invoice();
    // not due yet: nothing is attempted
    r.refuse = null;
    await worker.tick();
    expect((await log()).find((x: any) => x.id === m.id).attempt_count).toBe(1);
    worker.time.advance(61_000);
    await worker.tick();
    [m] = (await log()).filter((x: any) => x.id === m.id);
    expect(m).toMatchObject({ status: "sent", attempt_count: 2, last_error: null });
    expect(r.received.filter((x) => x.to.includes(`o${seq}@x.example`))).toHaveLength(2);
    expect((await t.server.get("/healthz", { key: null })).body).toEqual({
      status: "ok",
      database: t.backend,
    });
  });

  it("a worker that dies between sending and recording sends again under the same Message-ID", async () => {
    const r = await receiver();
    const address = `k${++seq}@x.example`;
    const { invoice } = await setup(t.server, { email: address });
    await invoice();
    const worker = messageWorker(t.server.db, r.url);
    const mailer = smtpMailer(r.url);
    mailers.push(mailer);
    // composed as queued: SMTP is configured
    const [compose] = messageJobs({ mailer, now: worker.time.now });
    await compose!.run({ db: t.server.db, log: testLog });
    // a worker claims the message and sends it, then dies before recording the attempt
    const dying = await claimDueMessages(t.server.db, {
      now: worker.time.now(),
      leaseMs: 120_000,
      limit: 100,
    });
    const claimed = dying.messages.find((m) => m.recipient === address)!;
    expect(claimed).toBeDefined();
    await mailer.send(claimed, []);
    // while the lease holds, no other worker sends it
    await worker.tick();
    expect(r.received.filter((m) => m.to.includes(address))).toHaveLength(1);
    // the lease runs out: another worker sends it again, under the same Message-ID
    worker.time.advance(121_000);
    await worker.tick();
    const copies = r.received.filter((m) => m.to.includes(address));
    expect(copies).toHaveLength(2);
    expect(copies[0]!.mail.messageId).toBe(copies[1]!.mail.messageId);
    expect(copies[0]!.mail.messageId).toMatch(new RegExp(`^<${claimed.id}@`));
    expect(r.distinct.filter((m) => m.to.includes(address))).toHaveLength(1);
  });

  it("composing an event twice writes its messages once", async () => {
    const { customer, invoice, key } = await setup(t.server, { email: `c${++seq}@x.example` });
    await invoice();
    await messageWorker(t.server.db, null).tick();
    const [m] = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    const event = await t.server.get(`/v1/events/${m.event_id}`, { key });
    const drafts = draftMessages(
      {
        id: m.event_id,
        tenant_id: event.body.tenant_id,
        type: event.body.type,
        subject_id: event.body.subject.id,
        payload: event.body.data,
      },
      {
        customer: { id: customer, name: "x", locale: null, language: null, time_zone: null },
        recipients: [m.recipient, ` ${m.recipient} `],
        sender: { name: "x", address: "x@x.example" },
      },
      { now: new Date(), smtpConfigured: true },
    );
    expect(drafts).toHaveLength(1);
    await insertMessages(t.server.db, drafts);
    await insertMessages(
      t.server.db,
      drafts.map((d) => ({ ...d, id: `${d.id}x` })),
    );
    const log = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    expect(log).toHaveLength(1);
    expect(log[0].status).toBe("skipped");
  });

  it("resend: a new message with its own Message-ID, audited; tenant-scoped and permission-checked", async () => {
    const r = await receiver();
    const address = `r${++seq}@x.example`;
    const { customer, invoice, key, as } = await setup(t.server, { email: address });
    await invoice();
    const worker = messageWorker(t.server.db, r.url);
    await worker.tick();
    const [original] = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body
      .data;
    const res = await t.server.post(`/v1/messages/${original.id}/resend`, undefined, { key });
    expect(res.status).toBe(201);
    worker.time.advance(1_000);
    expect(res.body).toMatchObject({
      resend_of: original.id,
      status: "queued",
      recipient: address,
      subject: original.subject,
      attachment_document_id: original.attachment_document_id,
    });
    expect(res.body.id).not.toBe(original.id);
    await worker.tick();
    const copies = r.received.filter((m) => m.to.includes(address));
    expect(copies).toHaveLength(2);
    expect(copies[1]!.mail.messageId).not.toBe(copies[0]!.mail.messageId);
    expect(copies[1]!.mail.attachments[0]!.content.subarray(0, 5).toString()).toBe("%PDF-");
    const log = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    expect(log.map((m: any) => [m.id, m.status])).toEqual([
      [res.body.id, "sent"],
      [original.id, "sent"],
    ]);
    const audit = await as("GET", `/v1/audit_events?target_id=${res.body.id}`);
    expect(audit.data).toMatchObject([
      { operation: "messages.resend", target: { type: "message", id: res.body.id } },
    ]);

    // another tenant sees neither the message nor the customer
    const other = await t.server.createTenant("Other messages");
    const foreign = await t.server.post(`/v1/messages/${original.id}/resend`, undefined, {
      key: other.api_key,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("message_not_found");
    const foreignLog = await t.server.get(`/v1/customers/${customer}/messages`, {
      key: other.api_key,
    });
    expect(foreignLog.status).toBe(404);

    // a read-only key reads the log but cannot resend
    const readOnly = await as("POST", "/v1/api_keys", { name: "ro", roles: ["read_only"] });
    expect(
      (await t.server.get(`/v1/customers/${customer}/messages`, { key: readOnly.secret })).status,
    ).toBe(200);
    const refused = await t.server.post(`/v1/messages/${original.id}/resend`, undefined, {
      key: readOnly.secret,
    });
    expect(refused.status).toBe(403);
  });

  it("templates: a tenant's own wording, refused with its line when it does not compile, previewed, used", async () => {
    const { customer, invoice, key, as } = await setup(t.server, {
      email: `tpl${++seq}@x.example`,
      locale: "de-AT",
    });
    const list = await as("GET", "/v1/message_templates");
    expect(list.data).toHaveLength(15);
    expect(list.data.every((x: any) => x.source === "built_in")).toBe(true);
    const builtIn = list.data.find((x: any) => x.kind === "invoice_issued" && x.language === "de");
    expect(builtIn.subject).toBe("Rechnung {{document.number}} von {{entity.name}}");

    const bad = await t.server.request("PUT", "/v1/message_templates/invoice_issued/de", {
      key,
      body: {
        subject: "Rechnung {{document.number}}",
        text: "Hallo,\n\n{{#if document.due_date}}\nfällig",
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: "template_invalid",
      details: { field: "text", line: 3 },
    });
    const unknown = await t.server.request("PUT", "/v1/message_templates/invoice_issued/it", {
      key,
      body: { subject: "x", text: "y" },
    });
    expect(unknown.status).toBe(400);

    const saved = await t.server.request("PUT", "/v1/message_templates/invoice_issued/de", {
      key,
      body: {
        subject: "Ihre Rechnung {{document.number}} <{{entity.name}}>",
        text: "Hallo {{customer.name}},\n\nBetrag: {{document.total}}, fällig am {{document.due_date}}.",
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      kind: "invoice_issued",
      language: "de",
      source: "tenant",
      html: null,
    });

    const preview = await as("GET", "/v1/message_templates/invoice_issued/de/preview");
    expect(preview.source).toBe("tenant");
    expect(preview.subject).toBe("Ihre Rechnung INV-000042 <Example Ltd>");
    expect(preview.text).toMatch(
      /^Hallo Erika Mustermann,\n\nBetrag: 1\.234,50\s€, fällig am 15\. März 2026\.$/,
    );
    expect(preview.html).toContain("<p>Hallo Erika Mustermann,</p>");

    const issued = await invoice();
    await messageWorker(t.server.db, null).tick();
    const [m] = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    expect(m.subject).toBe(`Ihre Rechnung ${issued.number} <Messages ${tenants}>`);

    expect(
      (await t.server.request("DELETE", "/v1/message_templates/invoice_issued/de", { key })).status,
    ).toBe(204);
    const again = await t.server.request("DELETE", "/v1/message_templates/invoice_issued/de", {
      key,
    });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("template_not_found");
    const back = await as("GET", "/v1/message_templates/invoice_issued/de/preview");
    expect(back).toMatchObject({
      source: "built_in",
      subject: "Rechnung INV-000042 von Example Ltd",
    });
  });
});
