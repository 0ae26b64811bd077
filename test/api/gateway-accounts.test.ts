/**
 * Gateway accounts over HTTP on both back ends: accounts per business entity with their
 * credentials sealed (never in an answer, audit record, event, stored answer, log line, nor
 * in clear in the database), sources added to the entity's default account and charged
 * through it, switching a source and a customer to another account, copying a card, and what
 * is refused (a code, nothing written).
 */
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/app.js";
import { configureSealingKey } from "../../src/modules/access/index.js";
import { createTenant } from "../../src/workflows/tenants.js";
import { billingTenant } from "../billing-tenant.js";
import { BACKENDS, createTestDatabase } from "../harness.js";
import { TestServer } from "../server.js";

const SECRET_KEY = "k".repeat(40);
const SECRET = "sk_test_Zq81PLAINTEXTSECRET";
const SECRET2 = "sk_test_Zq82OTHERSECRETVALUE";
const WEBHOOK_SECRET = "whsec_Zq83PLAINTEXT";
const CARD = { number: "4242424242424242", exp_month: 12, exp_year: 2030 };
const IBAN = { iban: "DE89370400440532013000", account_holder_name: "Ada Lovelace" };

for (const backend of BACKENDS) {
  describe(`gateway accounts [${backend}]`, () => {
    let server: TestServer;
    const logLines: string[] = [];
    let api: Awaited<ReturnType<typeof billingTenant>>;
    const ids: Record<string, string> = {};

    const secretsIn = (value: unknown) =>
      [SECRET, SECRET2, WEBHOOK_SECRET].filter((s) => JSON.stringify(value).includes(s));
    const createAccount = async (body: Record<string, unknown>) =>
      (await api.post("/v1/gateway_accounts", body)).id as string;
    const sources = async (customer: string) =>
      (await api.get(`/v1/customers/${customer}/payment_sources`)).data as any[];
    const auditCount = async () => {
      let n = 0;
      let cursor: string | null = null;
      do {
        const page: any = await api.get(
          `/v1/audit_events?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
        );
        n += page.data.length;
        cursor = page.next_cursor;
      } while (cursor);
      return n;
    };
    /** A refused call: its status and code, and that it wrote nothing the audit log shows. */
    const refused = async (method: string, url: string, body: unknown) => {
      const before = await auditCount();
      const res = await api.request(method, url, body);
      expect(await auditCount(), `${url} wrote nothing`).toBe(before);
      return [res.status, res.body?.error?.code];
    };

    beforeAll(async () => {
      const database = await createTestDatabase(backend);
      const sink = new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      });
      const app = await buildApp({
        db: database.db,
        backend: database.backend,
        config: {
          bodyLimit: 1_048_576,
          logLevel: "trace",
          publicUrl: "http://127.0.0.1",
          secretKey: SECRET_KEY,
        },
        logger: pino({ level: "trace" }, sink),
      });
      const url = await app.listen({ host: "127.0.0.1", port: 0 });
      server = new TestServer(app, database, url, await createTenant(database.db, { name: "T" }));
      api = await billingTenant(server, "Gateways", "2026-03-01T00:00:00Z");
      ids.home = (await api.get("/v1/business_entities")).data[0].id;
      ids.uk = (await api.post("/v1/business_entities", { name: "Acme Ltd" })).id;
      ids.customer = await api.customer();
    });
    afterAll(async () => {
      await server?.close();
    });

    it("keeps an account's credentials sealed: never answered, audited, emitted, logged or stored in clear", async () => {
      const res = await api.request("POST", "/v1/gateway_accounts", {
        gateway: "test",
        name: "Test A",
        default: true,
        credentials: { api_key: SECRET, webhook_secret: WEBHOOK_SECRET },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        business_entity_id: ids.home,
        gateway: "test",
        name: "Test A",
        status: "active",
        default: true,
        has_credentials: true,
        deleted_at: null,
      });
      expect(res.body.id).toMatch(/^gwa_/);
      expect(res.body).not.toHaveProperty("credentials");
      ids.a = res.body.id;
      const patched = await api.request("PATCH", `/v1/gateway_accounts/${ids.a}`, {
        credentials: { api_key: SECRET2 },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.has_credentials).toBe(true);

      // an idempotent create keeps its answer and a fingerprint of the request, never the body
      const idempotent = () =>
        server.request("POST", "/v1/gateway_accounts", {
          body: { gateway: "stripe", name: "Kept", credentials: { secret_key: SECRET } },
          headers: { "idempotency-key": "create-stripe" },
        });
      const first = await idempotent();
      expect(first.status).toBe(201);
      expect((await idempotent()).body).toEqual(first.body);
      expect(
        await server.db
          .selectFrom("idempotency_keys")
          .select("key")
          .where("key", "=", "create-stripe")
          .execute(),
      ).toHaveLength(1);

      const answers = [
        first.body,
        res.body,
        patched.body,
        await api.get(`/v1/gateway_accounts/${ids.a}`),
        await api.get("/v1/gateway_accounts"),
      ];
      const audit = (await api.get(`/v1/audit_events?target_id=${ids.a}&limit=100`)).data;
      expect(audit.map((e: any) => e.operation)).toEqual(
        expect.arrayContaining(["gateway_accounts.create", "gateway_accounts.update"]),
      );
      expect(audit.find((e: any) => e.operation === "gateway_accounts.create").after).toMatchObject(
        { id: ids.a, has_credentials: true },
      );
      const db = server.db;
      const stored = await db
        .selectFrom("gateway_accounts")
        .selectAll()
        .where("id", "=", ids.a!)
        .executeTakeFirstOrThrow();
      expect(stored.credentials_sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
      const everywhere = [
        answers,
        audit,
        stored,
        await db.selectFrom("audit_events").selectAll().execute(),
        await db.selectFrom("outbox_events").selectAll().execute(),
        await db.selectFrom("idempotency_keys").selectAll().execute(),
      ];
      expect(secretsIn(everywhere)).toEqual([]);
      // the server did log these requests, and no line carries a secret
      expect(logLines.some((l) => l.includes("/v1/gateway_accounts"))).toBe(true);
      expect(secretsIn(logLines.join("\n"))).toEqual([]);
    });

    it("refuses credentials without a key to seal them, and a provider account without them", async () => {
      configureSealingKey(undefined);
      try {
        expect(
          await refused("POST", "/v1/gateway_accounts", {
            gateway: "test",
            name: "No key",
            credentials: { api_key: SECRET },
          }),
        ).toEqual([422, "secret_key_not_configured"]);
      } finally {
        configureSealingKey(SECRET_KEY);
      }
      expect(
        await refused("POST", "/v1/gateway_accounts", { gateway: "stripe", name: "Stripe" }),
      ).toEqual([422, "credentials_required"]);
      expect(
        await refused("POST", "/v1/gateway_accounts", {
          gateway: "test",
          name: "Elsewhere",
          business_entity_id: "ent_none",
        }),
      ).toEqual([422, "unknown_business_entity"]);
      expect(await refused("GET", "/v1/gateway_accounts/gwa_none", undefined)).toEqual([
        404,
        "gateway_account_not_found",
      ]);
      expect((await api.get("/v1/gateway_accounts")).data).toHaveLength(1);
    });

    it("adds new sources to the entity's default account and charges through it", async () => {
      expect(await api.get(`/v1/customers/${ids.customer}/gateway_account`)).toEqual({
        customer_id: ids.customer,
        gateway_account_id: ids.a,
        gateway: "test",
        chosen_by: "business_entity",
      });
      const card = await api.post(`/v1/customers/${ids.customer}/payment_sources`, {
        type: "card",
        card: CARD,
      });
      expect(card).toMatchObject({ gateway: "test", gateway_account_id: ids.a, role: "primary" });
      ids.card = card.id;
      const paid = await api.post(`/v1/customers/${ids.customer}/collect_payment`, {
        currency: "EUR",
        amount: "5.00",
      });
      expect(paid).toMatchObject({ status: "succeeded", payment_source_id: ids.card });
      // a disabled account stops being the default, and a charge through it fails
      const disabled = await api.request("PATCH", `/v1/gateway_accounts/${ids.a}`, {
        status: "disabled",
      });
      expect(disabled.body).toMatchObject({ status: "disabled", default: false });
      const failed = await api.post(`/v1/customers/${ids.customer}/collect_payment`, {
        currency: "EUR",
        amount: "5.00",
      });
      expect(failed).toMatchObject({
        status: "failed",
        failure: { code: "gateway_account_disabled" },
      });
      expect(await refused("PATCH", `/v1/gateway_accounts/${ids.a}`, { default: true })).toEqual([
        422,
        "gateway_account_disabled",
      ]);
      await api.request("PATCH", `/v1/gateway_accounts/${ids.a}`, {
        status: "active",
        default: true,
      });
      expect((await api.get(`/v1/gateway_accounts/${ids.a}`)).default).toBe(true);
    });

    it("switches a source to another account of the same gateway; refuses unknown, other-gateway and other-entity accounts", async () => {
      ids.b = await createAccount({ gateway: "test", name: "Test B" });
      ids.stripe = await createAccount({
        gateway: "stripe",
        name: "Stripe",
        credentials: { secret_key: SECRET },
      });
      ids.ukTest = await createAccount({
        gateway: "test",
        name: "UK test",
        business_entity_id: ids.uk,
      });
      const path = `/v1/customers/${ids.customer}/payment_sources/${ids.card}/switch_gateway_account`;
      const before = await sources(ids.customer!);
      expect(await refused("POST", path, { gateway_account_id: "gwa_none" })).toEqual([
        422,
        "gateway_account_not_found",
      ]);
      expect(await refused("POST", path, { gateway_account_id: ids.stripe })).toEqual([
        422,
        "gateway_kind_mismatch",
      ]);
      expect(await refused("POST", path, { gateway_account_id: ids.ukTest })).toEqual([
        422,
        "gateway_account_other_entity",
      ]);
      expect(
        await refused(
          "POST",
          `/v1/customers/${ids.customer}/payment_sources/pms_none/switch_gateway_account`,
          { gateway_account_id: ids.b },
        ),
      ).toEqual([404, "payment_source_not_found"]);
      expect(await sources(ids.customer!)).toEqual(before);

      const switched = await api.post(path, { gateway_account_id: ids.b });
      expect(switched).toMatchObject({ id: ids.card, gateway_account_id: ids.b, role: "primary" });
      const events = (await api.get("/v1/events?limit=100")).data.filter(
        (e: any) => e.type === "payment_source.gateway_account_switched",
      );
      expect(events.map((e: any) => e.data.gateway_account_id)).toEqual([ids.b]);
      // charged through its new account: disabling the old one changes nothing for it
      const paid = await api.post(`/v1/customers/${ids.customer}/collect_payment`, {
        currency: "EUR",
        amount: "1.00",
      });
      expect(paid).toMatchObject({ status: "succeeded", payment_source_id: ids.card });
    });

    it("switches the customer's gateway: its new sources go there; refusals write nothing", async () => {
      const path = `/v1/customers/${ids.customer}/switch_gateway_account`;
      const before = await api.get(`/v1/customers/${ids.customer}/gateway_account`);
      expect(await refused("POST", path, { gateway_account_id: "gwa_none" })).toEqual([
        422,
        "gateway_account_not_found",
      ]);
      expect(await refused("POST", path, { gateway_account_id: ids.ukTest })).toEqual([
        422,
        "gateway_account_other_entity",
      ]);
      // credentials that are not what the gateway takes are refused before anything is kept
      expect(
        await refused("POST", "/v1/gateway_accounts", {
          gateway: "mollie",
          name: "Mollie",
          credentials: { api_key: "test_Zq84MOLLIEKEY" },
        }),
      ).toEqual([422, "invalid_gateway_credentials"]);
      expect(await api.get(`/v1/customers/${ids.customer}/gateway_account`)).toEqual(before);

      expect(await api.post(path, { gateway_account_id: ids.b })).toEqual({
        customer_id: ids.customer,
        gateway_account_id: ids.b,
        gateway: "test",
        chosen_by: "customer",
      });
      const bank = await api.post(`/v1/customers/${ids.customer}/payment_sources`, {
        type: "bank_account",
        bank_account: IBAN,
      });
      expect(bank).toMatchObject({ gateway_account_id: ids.b, role: "none" });
      ids.bank = bank.id;
      const audit = (await api.get(`/v1/audit_events?target_id=${ids.customer}&limit=100`)).data;
      expect(
        audit.find((e: any) => e.operation === "customers.switch_gateway_account"),
      ).toMatchObject({
        before: { gateway_account_id: ids.a, chosen_by: "business_entity" },
        after: { gateway_account_id: ids.b, chosen_by: "customer" },
      });
    });

    it("copies a card to another account of a gateway that takes it; refuses the rest", async () => {
      const copy = (source: string) =>
        `/v1/customers/${ids.customer}/payment_sources/${source}/copy_card`;
      const before = await sources(ids.customer!);
      expect(await refused("POST", copy(ids.card!), { gateway_account_id: ids.stripe })).toEqual([
        422,
        "card_copy_not_supported",
      ]);
      expect(await refused("POST", copy(ids.bank!), { gateway_account_id: ids.a })).toEqual([
        422,
        "payment_source_not_card",
      ]);
      expect(await refused("POST", copy(ids.card!), { gateway_account_id: ids.b })).toEqual([
        422,
        "same_gateway_account",
      ]);
      expect(await refused("POST", copy(ids.card!), { gateway_account_id: ids.ukTest })).toEqual([
        422,
        "gateway_account_other_entity",
      ]);
      expect(await sources(ids.customer!)).toEqual(before);

      const res = await api.request("POST", copy(ids.card!), { gateway_account_id: ids.a });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        customer_id: ids.customer,
        type: "card",
        gateway_account_id: ids.a,
        role: "none",
        card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030 },
      });
      expect(res.body.id).not.toBe(ids.card);
      const paid = await api.post(`/v1/customers/${ids.customer}/collect_payment`, {
        currency: "EUR",
        amount: "2.00",
        payment_source_id: res.body.id,
      });
      expect(paid).toMatchObject({ status: "succeeded", payment_source_id: res.body.id });
      expect(await sources(ids.customer!)).toHaveLength(before.length + 1);
    });

    it("keeps the gateway's reference of a charge, and refunds it through the source's account", async () => {
      const { plan } = await api.plan();
      const variant = await api.variant(plan, {
        internal_name: "S",
        recurring_fee: "30",
        fee_period: { unit: "month", count: 1 },
      });
      const customer = await api.customer();
      await api.post(`/v1/customers/${customer}/switch_gateway_account`, {
        gateway_account_id: ids.b,
      });
      const source = await api.post(`/v1/customers/${customer}/payment_sources`, {
        type: "card",
        card: CARD,
      });
      expect(source.gateway_account_id).toBe(ids.b);
      const contract = await api.signup(customer, variant);
      await api.run();
      const [invoice] = await api.invoices(contract);
      const paid = await api.post(`/v1/invoices/${invoice.id}/collect_payment`);
      expect(paid).toMatchObject({ status: "succeeded", amount: "30.00" });
      await api.post(`/v1/invoices/${invoice.id}/refund`, { amount: "10.00" });
      const rows = await server.db
        .selectFrom("payments")
        .select(["id", "kind", "amount", "gateway_reference", "payment_source_id"])
        .where("customer_id", "=", customer)
        .orderBy("id")
        .execute();
      expect(rows).toEqual([
        {
          id: paid.id,
          kind: "payment",
          amount: "3000",
          gateway_reference: expect.stringMatching(/^ch_test_ok_/),
          payment_source_id: source.id,
        },
        {
          id: expect.stringMatching(/^pay_/),
          kind: "refund",
          amount: "1000",
          gateway_reference: expect.stringMatching(/^re_test_/),
          payment_source_id: source.id,
        },
      ]);
    });

    it("deletes only an account holding no live source, erasing its credentials", async () => {
      expect(await refused("DELETE", `/v1/gateway_accounts/${ids.b}`, undefined)).toEqual([
        409,
        "gateway_account_in_use",
      ]);
      const res = await api.request("DELETE", `/v1/gateway_accounts/${ids.stripe}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: "deleted", has_credentials: false, default: false });
      expect((await api.get(`/v1/gateway_accounts/${ids.stripe}`)).status).toBe("deleted");
      expect((await api.get("/v1/gateway_accounts")).data.map((a: any) => a.id)).not.toContain(
        ids.stripe,
      );
      expect(await refused("DELETE", `/v1/gateway_accounts/${ids.stripe}`, undefined)).toEqual([
        404,
        "gateway_account_not_found",
      ]);
    });
  });
}
