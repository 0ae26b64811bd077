/**
 * The customer communications besides documents and dunning, through a real SMTP server on
 * loopback (test/smtp-receiver.ts): a payment received, a contract confirmed, a trial ending,
 * a grace period ended, a portal link and a partner's verification code (the Huawei API),
 * each in the customer's language with its values; and a business entity's own template
 * winning over the tenant's.
 */
import type { Kysely } from "kysely";
import { afterEach, expect, it } from "vitest";
import { contractPhaseEvents } from "../../src/jobs/contract-phase-events.js";
import { graceExpiryJob } from "../../src/jobs/dunning.js";
import { messageJobs } from "../../src/jobs/messages.js";
import { startWorker, type Worker } from "../../src/jobs/runner.js";
import { type Mailer, smtpMailer } from "../../src/modules/messages/index.js";
import type { DB } from "../../src/storage/schema.js";
import { describeServer, type TestServer } from "../server.js";
import { type Received, SmtpReceiver } from "../smtp-receiver.js";
import { TestTime, testLog } from "../webhook-receiver.js";

const receivers: SmtpReceiver[] = [];
const mailers: Mailer[] = [];
afterEach(async () => {
  for (const m of mailers.splice(0)) m.close();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

/** Composes and sends every message due now, to a fresh SMTP receiver; answers it. */
async function deliver(db: Kysely<DB>): Promise<SmtpReceiver> {
  const r = await SmtpReceiver.start();
  receivers.push(r);
  const mailer = smtpMailer(r.url, { timeoutMs: 2_000 });
  mailers.push(mailer);
  const time = new TestTime();
  // messages queued by a request are due at once (real time)
  time.advance(1_000);
  const worker: Worker = startWorker({
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
  await worker.tick();
  return r;
}

const to = (r: SmtpReceiver, address: string): Received[] =>
  r.received.filter((m) => m.to.includes(address));

// Intl separates French and German amounts with no-break spaces
const plain = (s: string | undefined) => (s ?? "").replace(/[\u00a0\u202f]/g, " ");

let seq = 0;
let tenants = 0;

/** A tenant of its own with a plan (EUR 10.00 a month, optional trial); a request helper. */
async function setup(server: TestServer, plan: Record<string, unknown> = {}) {
  const tenant = await server.createTenant(`Kinds ${++tenants}`);
  const key = tenant.api_key;
  const as = async (method: string, url: string, body?: unknown) => {
    const res = await server.request(method, url, body === undefined ? { key } : { key, body });
    if (res.status >= 300)
      throw new Error(`${method} ${url} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const entity = (await as("GET", "/v1/business_entities")).data[0].id as string;
  await as("PATCH", `/v1/business_entities/${entity}`, {
    name: "Beispiel AG",
    email: "billing@beispiel.example",
  });
  const group = await as("POST", "/v1/plan_groups", {
    name: "G",
    currency: "EUR",
    price_type: "net",
  });
  const p = await as("POST", "/v1/plans", { plan_group_id: group.id, name: "Pro", ...plan });
  const variant = await as("POST", "/v1/plan_variants", {
    plan_id: p.id,
    internal_name: "monthly",
    recurring_fee: "10",
    fee_period: { unit: "month", count: 1 },
  });
  const customer = async (body: Record<string, unknown>) =>
    (await as("POST", "/v1/customers", { time_zone: "UTC", ...body })).id as string;
  const signup = async (customerId: string) => {
    const order = await as("POST", "/v1/orders", {
      customer_id: customerId,
      plan_variant_id: variant.id,
    });
    await as("POST", `/v1/orders/${order.id}/commit`);
    return order.contract_id as string;
  };
  const events = async () =>
    server.db
      .selectFrom("outbox_events")
      .select(["type", "payload"])
      .where("tenant_id", "=", tenant.tenant_id)
      .execute();
  return { key, tenantId: tenant.tenant_id, entity, as, customer, signup, events };
}

describeServer("customer messages: payments, contracts, trials, grace, links, codes", (t) => {
  it("a collected payment is confirmed in German with its amount and invoice; a write-off is not", async () => {
    const { as, customer } = await setup(t.server);
    const address = `zahler${++seq}@kunde.example`;
    const c = await customer({ email: address, locale: "de-DE", company_name: "Zahler GmbH" });
    const invoice = await as("POST", "/v1/invoices", {
      customer_id: c,
      currency: "EUR",
      lines: [{ description: "Beratung", unit_price: "1234.5", quantity: "1" }],
    });
    const other = await as("POST", "/v1/invoices", {
      customer_id: c,
      currency: "EUR",
      lines: [{ description: "Rest", unit_price: "5", quantity: "1" }],
    });
    await as("POST", "/v1/payments", {
      customer_id: c,
      currency: "EUR",
      amount: invoice.total_gross,
      method: "offline",
      invoice_ids: [invoice.id],
    });
    await as("POST", `/v1/invoices/${other.id}/write_off`, {});

    const r = await deliver(t.server.db);
    const mails = to(r, address);
    const paid = mails.filter((m) => m.mail.subject?.startsWith("Zahlung"));
    expect(paid).toHaveLength(1);
    const amount = new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(
      invoice.total_gross,
    );
    expect(plain(paid[0]!.mail.subject)).toBe(`Zahlung über ${plain(amount)} erhalten`);
    expect(plain(paid[0]!.mail.text)).toContain(
      `Ihre Zahlung über ${plain(amount)} vom ${new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "UTC" }).format(new Date())} ist bei uns eingegangen. Sie wurde auf ${invoice.number} angerechnet.`,
    );
    expect(paid[0]!.mail.headers.get("content-language")).toBe("de");
    // two invoices issued, one paid: the write-off tells nothing
    expect(mails.map((m) => m.mail.subject?.split(" ")[0]).sort()).toEqual([
      "Rechnung",
      "Rechnung",
      "Zahlung",
    ]);
  });

  it("a signup is confirmed (plan, start) in English; a trial's end is announced in French in the customer's time zone", async () => {
    const { as, customer, signup } = await setup(t.server, {
      trial_period: { unit: "day", count: 14 },
      name_translations: { fr: "Pro (FR)" },
    });
    // 23:30 UTC is already the next day in Paris
    await as("POST", "/v1/test_clock", { frozen_time: "2026-01-31T23:30:00Z" });
    const en = `en${++seq}@x.example`;
    const fr = `fr${seq}@x.example`;
    const english = await customer({ email: en, first_name: "Ann", last_name: "Lee" });
    const french = await customer({ email: fr, locale: "fr-FR", time_zone: "Europe/Paris" });
    const contractEn = await signup(english);
    await signup(french);

    let r = await deliver(t.server.db);
    const [confirmed] = to(r, en);
    expect(confirmed!.mail.subject).toBe("Your subscription to Pro is confirmed");
    expect(confirmed!.mail.text).toContain(
      `Your subscription ${contractEn} to Pro starts on January 31, 2026.`,
    );
    const [confirmedFr] = to(r, fr);
    expect(confirmedFr!.mail.subject).toBe("Confirmation de votre abonnement Pro (FR)");
    expect(confirmedFr!.mail.text).toContain("commence le 1 février 2026.");

    // three days before the trial ends (14 days after 2026-01-31T23:30Z)
    await as("POST", "/v1/test_clock/advance", { frozen_time: "2026-02-12T00:00:00Z" });
    await contractPhaseEvents({ trialEndNoticeDays: 3 }).run({ db: t.server.db, log: testLog });
    r = await deliver(t.server.db);
    const [ending] = to(r, fr);
    expect(ending!.mail.subject).toBe("Votre période d'essai se termine le 15 février 2026");
    expect(ending!.mail.text).toContain(
      "votre période d'essai de Pro (FR) se termine le 15 février 2026.",
    );
    expect(ending!.mail.html).toContain('<html lang="fr">');
    const [endingEn] = to(r, en);
    expect(endingEn!.mail.subject).toBe("Your trial ends on February 14, 2026");
  });

  it("a grace period that ends while money is owed is told, with the amount owed", async () => {
    const { as, customer, signup } = await setup(t.server);
    await as("POST", "/v1/test_clock", { frozen_time: "2026-03-01T00:00:00Z" });
    const address = `grace${++seq}@x.example`;
    const c = await customer({ email: address, locale: "en-GB" });
    const contract = await signup(c);
    await as("POST", "/v1/invoices", {
      customer_id: c,
      currency: "EUR",
      lines: [{ description: "Setup", unit_price: "30", quantity: "1" }],
    });
    await as("POST", "/v1/subscription_actions/extend_grace_period", {
      contract_id: contract,
      end_grace_period_after_specific_days: 1,
    });
    // a second customer whose grace ends with nothing owed hears nothing
    const quiet = `quiet${seq}@x.example`;
    const paidUp = await customer({ email: quiet });
    const other = await signup(paidUp);
    await as("POST", "/v1/subscription_actions/extend_grace_period", {
      contract_id: other,
      end_grace_period_after_specific_days: 1,
    });
    await as("POST", "/v1/test_clock/advance", { frozen_time: "2026-03-03T00:00:00Z" });
    while ((await graceExpiryJob().run({ db: t.server.db, log: testLog })) > 0) {}

    const r = await deliver(t.server.db);
    const [told] = to(r, address).filter((m) => m.mail.subject?.includes("grace"));
    expect(told!.mail.subject).toBe("Your grace period has ended");
    expect(told!.mail.text).toContain(
      `the grace period of your subscription ${contract} ended on 2 March 2026, and €30.00 is still outstanding.`,
    );
    expect(to(r, quiet).filter((m) => m.mail.subject?.includes("grace"))).toEqual([]);
  });

  it("a portal link is mailed when asked, and never put into an event", async () => {
    const { as, key, customer, signup, events } = await setup(t.server);
    const address = `portal${++seq}@x.example`;
    const c = await customer({ email: address, locale: "de-DE", time_zone: "Europe/Berlin" });
    const contract = await signup(c);
    const silent = await as("POST", `/v1/contracts/${contract}/self_service_token`, {});
    expect(silent.message_ids).toBeUndefined();
    const link = await as("POST", `/v1/contracts/${contract}/self_service_token`, {
      send_email: true,
      validity_minutes: 120,
    });
    expect(link.message_ids).toHaveLength(1);

    const r = await deliver(t.server.db);
    const mails = to(r, address).filter((m) => m.mail.subject === "Ihr Link zum Kundenportal");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.text).toContain(`in unserem Kundenportal:\n${link.url}`);
    const expires = new Intl.DateTimeFormat("de-DE", {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: "Europe/Berlin",
    }).format(new Date(link.expires_at));
    expect(mails[0]!.mail.text).toContain(`Der Link gilt bis ${expires}.`);
    expect(mails[0]!.from).toBe("billing@beispiel.example");
    expect(JSON.stringify(await events())).not.toContain(link.token);

    // the message is in the customer's log
    const log = await as("GET", `/v1/customers/${c}/messages`);
    expect(log.data.find((m: any) => m.kind === "portal_link")).toMatchObject({
      id: link.message_ids[0],
      status: "sent",
      recipient: address,
    });

    // nobody to send it to
    const nobody = await customer({ first_name: "No", last_name: "Mail" });
    const orphan = await signup(nobody);
    const refused = await t.server.request("POST", `/v1/contracts/${orphan}/self_service_token`, {
      key,
      body: { send_email: true },
    });
    expect([refused.status, refused.body.error.code]).toEqual([422, "message_recipient_missing"]);
  });

  it("Huawei: a verification code is mailed to the address and serves to register it", async () => {
    const { as, events } = await setup(t.server);
    const partner = await as("POST", "/v1/partners", { name: "Reseller One" });
    const key = await as("POST", "/v1/api_keys", {
      name: "huawei",
      roles: ["admin"],
      partner_id: partner.id,
    });
    const huawei = (url: string, body: unknown) =>
      t.server.request("POST", url, {
        key: null,
        headers: { "x-auth-token": key.secret },
        body,
      });
    const address = `buyer${++seq}@shop.example`;
    const sent = await huawei("/v2/bases/verificationcode/send", {
      receiver_type: 2,
      email: address,
      timeout: 10,
      lang: "en-us",
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    const r = await deliver(t.server.db);
    const [mail] = to(r, address);
    expect(mail!.mail.subject).toBe("Your verification code");
    expect(mail!.from).toBe("billing@beispiel.example");
    const code =
      /registering with Reseller One is ([0-9A-Z]{8})\. It is valid for 10 minutes\./.exec(
        mail!.mail.text ?? "",
      )?.[1];
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    // the code is in no event (so in no webhook)
    const all = await events();
    expect(all.some((e) => e.type === "verification_code.sent")).toBe(true);
    expect(JSON.stringify(all)).not.toContain(code);

    const registered = await huawei("/v2/partners/sub-customers", {
      domain_name: `buyer-${seq}`,
      email: address,
      verification_code: code,
      xaccount_id: `x${seq}`,
      xaccount_type: "shop",
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    expect(registered.body.domain_id).toMatch(/^cus_/);
  });

  it("a business entity's own template wins over the tenant's, which wins over the built-in one", async () => {
    const { as, key, customer } = await setup(t.server);
    const shop = await as("POST", "/v1/business_entities", {
      name: "Shop GmbH",
      email: "shop@beispiel.example",
    });
    const body = (subject: string) => ({ subject, text: "Hello {{customer.name}}." });
    await as("PUT", "/v1/message_templates/invoice_issued/en", body("Tenant {{document.number}}"));
    const own = await as(
      "PUT",
      `/v1/message_templates/invoice_issued/en?business_entity_id=${shop.id}`,
      body("Shop {{document.number}} from {{entity.name}}"),
    );
    expect(own).toMatchObject({ source: "business_entity", business_entity_id: shop.id });

    const unknown = await t.server.request(
      "PUT",
      "/v1/message_templates/invoice_issued/en?business_entity_id=ent_nope",
      { key, body: body("x") },
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "business_entity_not_found"]);

    const listed = await as("GET", "/v1/message_templates");
    expect(listed.data).toHaveLength(34);
    expect(
      listed.data
        .filter((x: any) => x.kind === "invoice_issued" && x.language === "en")
        .map((x: any) => [x.source, x.business_entity_id]),
    ).toEqual([
      ["tenant", null],
      ["business_entity", shop.id],
    ]);
    const forShop = await as("GET", `/v1/message_templates?business_entity_id=${shop.id}`);
    expect(forShop.data).toHaveLength(33);
    const inForce = (kind: string) =>
      forShop.data.find((x: any) => x.kind === kind && x.language === "en").source;
    expect([inForce("invoice_issued"), inForce("payment_failed")]).toEqual([
      "business_entity",
      "built_in",
    ]);
    const preview = await as(
      "GET",
      `/v1/message_templates/invoice_issued/en/preview?business_entity_id=${shop.id}`,
    );
    expect(preview.subject).toBe("Shop INV-000042 from Example Ltd");

    const shopAddress = `shopper${++seq}@x.example`;
    const plainAddress = `plain${seq}@x.example`;
    const shopper = await customer({ email: shopAddress, business_entity_id: shop.id });
    const plainCustomer = await customer({ email: plainAddress });
    const issue = (c: string) =>
      as("POST", "/v1/invoices", {
        customer_id: c,
        currency: "EUR",
        lines: [{ description: "x", unit_price: "1", quantity: "1" }],
      });
    const a = await issue(shopper);
    const b = await issue(plainCustomer);
    const r = await deliver(t.server.db);
    expect(to(r, shopAddress).map((m) => m.mail.subject)).toEqual([
      `Shop ${a.number} from Shop GmbH`,
    ]);
    expect(to(r, plainAddress).map((m) => m.mail.subject)).toEqual([`Tenant ${b.number}`]);

    // removing the entity's template brings the tenant's back for it
    expect(
      (
        await t.server.request(
          "DELETE",
          `/v1/message_templates/invoice_issued/en?business_entity_id=${shop.id}`,
          { key },
        )
      ).status,
    ).toBe(204);
    const back = await as(
      "GET",
      `/v1/message_templates/invoice_issued/en/preview?business_entity_id=${shop.id}`,
    );
    expect(back).toMatchObject({ source: "tenant", subject: "Tenant INV-000042" });
  });
});
