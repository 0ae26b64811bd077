/**
 * Customer messages through a real SMTP server on loopback (test/smtp-receiver.ts): what
 * arrives (envelope, headers, language, the invoice PDF), the delivery log, resending, an SMTP
 * outage (queued, retried, reported by /healthz), a crash between send and record (the same
 * Message-ID twice), and no SMTP at all (recorded as skipped).
 */
import net from "node:net";
import type { Kysely } from "kysely";
import { afterEach, expect, it } from "vitest";
import { billingJob } from "../../src/jobs/billing.js";
import { type MessageJobOptions, messageJobs } from "../../src/jobs/messages.js";
import { startWorker, type Worker } from "../../src/jobs/runner.js";
import {
  claimDueMessages,
  draftMessages,
  insertMessages,
  type Mailer,
  smtpMailer,
} from "../../src/modules/messages/index.js";
import type { DB } from "../../src/storage/schema.js";
import { billingTenant } from "../billing-tenant.js";
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
  options: MessageJobOptions = {},
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
      ...options,
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

  it("the customer's message log counts its messages when asked, the same on every page", async () => {
    const { as, customer, invoice, key } = await setup(t.server, { email: `c${++seq}@x.example` });
    for (let i = 0; i < 3; i++) await invoice();
    // another customer of the tenant, with a message of its own
    const other = await as("POST", "/v1/customers", {
      time_zone: "UTC",
      email: `c${++seq}@x.example`,
    });
    await as("POST", "/v1/invoices", {
      customer_id: other.id,
      currency: "EUR",
      lines: [{ description: "Consulting", unit_price: "10", quantity: "1" }],
    });
    await messageWorker(t.server.db, null).tick();
    const all = (await t.server.get(`/v1/customers/${customer}/messages?limit=100`, { key })).body
      .data;
    expect(all).toHaveLength(3);
    const ids: string[] = [];
    const totals = new Set<unknown>();
    let cursor: string | null = null;
    do {
      const page: any = (
        await t.server.get(
          `/v1/customers/${customer}/messages?limit=2&include_total=true${cursor ? `&cursor=${cursor}` : ""}`,
          { key },
        )
      ).body;
      for (const m of page.data) ids.push(m.id);
      totals.add(page.total_count);
      cursor = page.next_cursor;
    } while (cursor);
    expect(ids).toEqual(all.map((m: { id: string }) => m.id));
    // only this customer's
    expect(totals).toEqual(new Set([3]));
    const theirs = await t.server.get(`/v1/customers/${other.id}/messages?include_total=true`, {
      key,
    });
    expect(theirs.body.total_count).toBe(1);
    const uncounted = await t.server.get(`/v1/customers/${customer}/messages`, { key });
    expect(uncounted.body.total_count).toBeUndefined();
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
    // 11 kinds in 3 languages
    expect(list.data).toHaveLength(33);
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

describeServer("customer messages: bounces, large PDFs, a hanging SMTP server", (t) => {
  it("a recipient refused for good (550 at RCPT TO) bounces: not retried, announced, logged", async () => {
    const r = await receiver();
    const address = `gone${++seq}@x.example`;
    const busy = `busy${seq}@x.example`;
    r.refusedRecipients.set(address, 550);
    r.refusedRecipients.set(busy, 450);
    const { customer, invoice, key, as } = await setup(t.server, { email: address });
    const other = await setup(t.server, { email: busy });
    await invoice();
    await other.invoice();
    const worker = messageWorker(t.server.db, r.url);
    await worker.tick();

    const [m] = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    expect(m).toMatchObject({ status: "bounced", attempt_count: 1, next_attempt_at: null });
    expect(m.last_error).toMatch(/^smtp 550: .*5\.1\.1 user unknown/);
    // a temporary refusal (450) is tried again a minute later
    const [b] = (await other.as("GET", `/v1/customers/${other.customer}/messages`)).data;
    expect(b).toMatchObject({ status: "queued", attempt_count: 1 });
    expect(b.last_error).toMatch(/^smtp 450: /);

    // a bounced message is never tried again
    worker.time.advance(25 * 3_600_000);
    await worker.tick();
    const [again] = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    expect(again).toMatchObject({ status: "bounced", attempt_count: 1 });
    expect(
      (await other.as("GET", `/v1/customers/${other.customer}/messages`)).data[0],
    ).toMatchObject({ status: "queued", attempt_count: 2 });
    expect(r.received.filter((x) => x.to.includes(address))).toHaveLength(0);

    const events = await as("GET", `/v1/events?subject_id=${m.id}`);
    expect(events.data).toHaveLength(1);
    expect(events.data[0]).toMatchObject({
      type: "message.bounced",
      subject: { type: "message", id: m.id },
      data: { id: m.id, status: "bounced", recipient: address, customer_id: customer },
    });
    const audit = await as("GET", `/v1/audit_events?target_id=${m.id}`);
    expect(audit.data).toMatchObject([
      { operation: "messages.deliver", target: { type: "message", id: m.id } },
    ]);
  });

  it("POST /v1/messages/{id}/bounce records a later bounce; idempotent, audited, tenant-scoped", async () => {
    const r = await receiver();
    const address = `dsn${++seq}@x.example`;
    const { customer, invoice, key, as } = await setup(t.server, { email: address });
    await invoice();
    await invoice();
    const worker = messageWorker(t.server.db, r.url);
    await worker.tick();
    const [second, first] = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body
      .data;
    expect([first.status, second.status]).toEqual(["sent", "sent"]);

    const reason = "550 5.1.1 <dsn@x.example>: Recipient address rejected: User unknown";
    const res = await t.server.post(`/v1/messages/${first.id}/bounce`, { reason }, { key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: first.id,
      status: "bounced",
      last_error: reason,
      sent_at: first.sent_at,
      attempt_count: 1,
    });
    // bouncing it again answers it as it is: no second event
    const again = await t.server.post(
      `/v1/messages/${first.id}/bounce`,
      { reason: "another" },
      { key },
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
    const events = await as("GET", `/v1/events?subject_id=${first.id}`);
    expect(events.data.map((e: any) => e.type)).toEqual(["message.bounced"]);
    const audit = await as("GET", `/v1/audit_events?target_id=${first.id}`);
    expect(audit.data[0]).toMatchObject({
      operation: "messages.bounce",
      target: { type: "message", id: first.id },
    });
    // the log shows it; the other message is untouched
    const log = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    expect(log.map((m: any) => [m.id, m.status])).toEqual([
      [second.id, "sent"],
      [first.id, "bounced"],
    ]);

    // a message no server accepted cannot bounce
    const queued = await as("POST", `/v1/messages/${second.id}/resend`);
    const early = await t.server.post(`/v1/messages/${queued.id}/bounce`, { reason }, { key });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({
      code: "message_not_sent",
      details: { status: "queued" },
    });
    // no reason: 400
    const bare = await t.server.post(`/v1/messages/${second.id}/bounce`, {}, { key });
    expect(bare.status).toBe(400);
    // another tenant does not see it; a read-only key may not bounce
    const foreign = await t.server.createTenant("Other bounces");
    const hidden = await t.server.post(
      `/v1/messages/${second.id}/bounce`,
      { reason },
      { key: foreign.api_key },
    );
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("message_not_found");
    const readOnly = await as("POST", "/v1/api_keys", { name: "ro", roles: ["read_only"] });
    const refused = await t.server.post(
      `/v1/messages/${second.id}/bounce`,
      { reason },
      { key: readOnly.secret },
    );
    expect(refused.status).toBe(403);
    const still = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    expect(still.find((m: any) => m.id === second.id).status).toBe("sent");
  });

  it("a PDF above the attachment limit is sent as a signed link that works without a key", async () => {
    const r = await receiver();
    const address = `big${++seq}@x.example`;
    const { customer, invoice, key } = await setup(t.server, { email: address, locale: "de-DE" });
    const issued = await invoice();
    const worker = messageWorker(t.server.db, r.url, new TestTime(), {
      attachmentMaxBytes: 1024,
      publicUrl: t.server.url,
    });
    await worker.tick();
    const [got] = r.received.filter((m) => m.to.includes(address));
    expect(got!.mail.attachments).toHaveLength(0);
    const text = got!.mail.text!;
    expect(text).toContain(`Ihr Dokument ${issued.number}.pdf ist zu groß für einen Anhang.`);
    const url = /(http:\/\/\S+\/v1\/message_attachments\/\S+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect(got!.mail.html).toContain(`<a href="${url}">`);
    const [message] = (await t.server.get(`/v1/customers/${customer}/messages`, { key })).body.data;
    expect(message).toMatchObject({ status: "sent", attachment_document_id: issued.id });

    const path = url!.slice(t.server.url.length);
    const pdf = await fetch(url!);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(1024);
    // the same as the API's PDF of the invoice
    const direct = await fetch(`${t.server.url}/v1/invoices/${issued.id}/pdf`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(Buffer.from(await direct.arrayBuffer()).equals(bytes)).toBe(true);

    // an altered link is refused
    const token = path.slice("/v1/message_attachments/".length);
    const [h, p, sig] = token.split(".");
    const forged = `${h}.${p}.${sig!.slice(0, -2)}${sig!.endsWith("AA") ? "BB" : "AA"}`;
    const bad = await t.server.get(`/v1/message_attachments/${forged}`, { key: null });
    expect(bad.status).toBe(403);
    expect(bad.body.error.code).toBe("message_link_invalid");
    const junk = await t.server.get("/v1/message_attachments/not-a-link", { key: null });
    expect(junk.status).toBe(403);
    expect(junk.body.error.code).toBe("message_link_invalid");
    // a document download link is not a message link
    const download = await t.server.post(`/v1/invoices/${issued.id}/download_link`, undefined, {
      key,
    });
    const docToken = download.body.url.split("/").at(-1);
    const crossed = await t.server.get(`/v1/message_attachments/${docToken}`, { key: null });
    expect(crossed.status).toBe(403);

    // a message composed 31 days ago carries a link that has expired
    const late = `late${seq}@x.example`;
    const old = await setup(t.server, { email: late });
    await old.invoice();
    const past = new TestTime();
    past.advance(-31 * 86_400_000);
    await messageWorker(t.server.db, r.url, past, {
      attachmentMaxBytes: 1024,
      publicUrl: t.server.url,
    }).tick();
    const [stale] = r.received.filter((m) => m.to.includes(late));
    const staleUrl = /(http:\/\/\S+\/v1\/message_attachments\/\S+)/.exec(stale!.mail.text!)?.[1];
    const expired = await fetch(staleUrl!);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as any).error.code).toBe("message_link_expired");

    // below the limit the PDF is attached as before
    const small = `small${seq}@x.example`;
    const normal = await setup(t.server, { email: small });
    await normal.invoice();
    await messageWorker(t.server.db, r.url, new TestTime(), {
      attachmentMaxBytes: 5 * 1024 * 1024,
      publicUrl: t.server.url,
    }).tick();
    const [attached] = r.received.filter((m) => m.to.includes(small));
    expect(attached!.mail.attachments).toHaveLength(1);
    expect(attached!.mail.text).not.toContain("/v1/message_attachments/");
  });

  it("an SMTP server that accepts connections and never answers does not hold up billing", async () => {
    // a server that takes the connection and says nothing, ever
    const sockets = new Set<net.Socket>();
    const hanging = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const port = (hanging.address() as net.AddressInfo).port;
    try {
      // ten messages waiting to be sent
      const address = `hang${++seq}@x.example`;
      const mailed = await setup(t.server, { email: address });
      for (let i = 0; i < 10; i++) await mailed.invoice();
      // a contract due for billing
      const api = await billingTenant(t.server, "Billing beside mail", "2026-01-01T00:00:00Z");
      const { plan } = await api.plan();
      const variant = await api.variant(plan, {
        internal_name: "Monthly",
        recurring_fee: "30",
        fee_period: { unit: "month", count: 1 },
      });
      const contract = await api.signup(
        await api.customer({ email: `c${seq}@x.example` }),
        variant,
      );
      expect(await api.invoices(contract)).toHaveLength(0);

      // mail first in the tick, billing after it; each SMTP stage may take 1 s
      const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, { timeoutMs: 1_000 });
      mailers.push(mailer);
      const worker = startWorker({
        db: t.server.db,
        log: testLog,
        jobs: [...messageJobs({ mailer, defaultSender: "billing@accrue.test" }), billingJob()],
        intervalMs: 10,
        autoStart: false,
      });
      const started = performance.now();
      await worker.tick();
      const took = performance.now() - started;
      // one greeting timeout, not ten (10 s): the turn ended when the server did not answer
      expect(took).toBeLessThan(7_000);
      expect(took).toBeGreaterThanOrEqual(900);
      expect(await api.invoices(contract)).toHaveLength(1);
      // one message (the first due, perhaps another test's) was tried and waits for a retry
      const tried = await t.server.db
        .selectFrom("messages")
        .select(["status", "last_error"])
        .where("last_error", "like", "ETIMEDOUT%")
        .execute();
      expect(tried).toHaveLength(1);
      expect(tried[0]).toMatchObject({ status: "queued" });
      // the others were given back at once, and delivery rests until the first retry is due
      const rows = await t.server.db
        .selectFrom("messages")
        .select(["locked_until", "attempt_count", "status"])
        .where("recipient", "=", address)
        .execute();
      expect(rows).toHaveLength(10);
      expect(rows.filter((m) => m.attempt_count === 0).length).toBeGreaterThanOrEqual(9);
      expect(rows.every((m) => m.status === "queued" && m.locked_until === null)).toBe(true);
      const again = performance.now();
      await worker.tick();
      expect(performance.now() - again).toBeLessThan(900);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});
