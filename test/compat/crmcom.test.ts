/**
 * CRM.COM's subscription-action methods over HTTP with CRM.COM's parameter names, identifier
 * objects, session tokens and `{data, status}` envelope.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("CRM.COM subscription actions", (t) => {
  const ids: Record<string, string> = {};
  let token = "";
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let key = "";

  const crm = async (method: string, body: Record<string, unknown>, headers = {}) => {
    const res = await fetch(`${t.server.url}/crmapi/rest/v2/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const act = (method: string, body: Record<string, unknown>) =>
    crm(`subscriptions/${method}`, { token, ...body });
  /** The header of a login with an API key (CRM.COM's web API key token). */
  const basic = (apiKey: string) => ({
    authorization: `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`,
  });

  // a tenant with a contract, a service and a distributor; a session from an API key
  beforeAll(async () => {
    api = await billingTenant(t.server, "CRM", "2026-03-01T00:00:00Z");
    const created = await api.post("/v1/api_keys", { name: "crm", roles: ["admin"] });
    key = created.secret;
    const { group, plan } = await api.plan();
    ids.variant = await api.variant(plan, {
      internal_name: "M",
      recurring_fee: "20",
      fee_period: { unit: "month", count: 1 },
    });
    ids.service = (
      await api.post("/v1/components", {
        plan_group_id: group,
        name: "TV Sports",
        external_id: "SPORTS",
        type: "on_off",
        price_per_unit: "5",
      })
    ).id;
    ids.customer = await api.customer({ debitor_account: "AR-0042" });
    ids.contract = await api.signup(ids.customer, ids.variant);
    await api.post("/v1/provisioning_distributors", { name: "Cable West", alternative_code: "CW" });
    await api.advance("2026-03-10T00:00:00Z");
    const login = await crm("authentication/web_api_key/token", {}, basic(key));
    if (login.status !== 200) {
      throw new Error(`login → ${login.status}: ${JSON.stringify(login.body)}`);
    }
    token = login.body.data.token;
  });

  it("a login with a wrong API key is refused; with the key, a session of two hours", async () => {
    const refused = await crm("authentication/web_api_key/token", {}, basic("ak_wrong"));
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ data: null, status: { code: "INVALID_CREDENTIALS" } });
    const login = await crm("authentication/web_api_key/token", {}, basic(key));
    expect(login.status).toBe(200);
    expect(login.body.status).toEqual({ code: "OK", message: "" });
    const hours = (Date.parse(login.body.data.expiration_date) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
  });

  it("deactivate by subscription_identifier, with performer, classification, udf and fields_set", async () => {
    const res = await act("deactivate", {
      subscription_identifier: { id: ids.contract },
      performed_by_user_identifier: { username: "maria" },
      classification_identifier: { code: "NONPAY" },
      performed_on: "2026-03-10",
      udf_string_1: "case 9",
      fields_set: "id,number,life_cycle_state,behavior_code,subscription,performed_by,udf_string_1",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status.code).toBe("OK");
    expect(res.body.data).toEqual({
      id: expect.stringMatching(/^act_/),
      number: "1",
      life_cycle_state: "EXECUTED",
      behavior_code: "DEACTIVATE_SUBSCRIPTION",
      subscription: { id: ids.contract, number: ids.contract, life_cycle_state: "NOT_EFFECTIVE" },
      performed_by: { user: "maria", unit: null, business_unit: null },
      udf_string_1: "case 9",
    });
  });

  it("identifiers: exactly one of subscription and accounts receivable; by AR number", async () => {
    const both = await act("activate", {
      subscription_identifier: { id: ids.contract },
      accounts_receivable_identifier: { id: ids.customer },
    });
    expect(both.status).toBe(400);
    expect(both.body.status.code).toBe("AMBIGUOUS_IDENTIFIER");
    const none = await act("activate", {});
    expect(none.body.status.code).toBe("MISSING_IDENTIFIER");
    const byNumber = await act("activate", {
      accounts_receivable_identifier: { number: "AR-0042" },
    });
    expect(byNumber.body.data.subscription.life_cycle_state).toBe("EFFECTIVE");
    const unknown = await act("activate", { accounts_receivable_identifier: { number: "AR-9" } });
    expect(unknown.status).toBe(404);
  });

  it("extend_grace_period: both or neither parameter refused; a duplicate reference changes nothing", async () => {
    const both = await act("extend_grace_period", {
      subscription_identifier: { id: ids.contract },
      end_grace_period_on: "2026-04-01",
      end_grace_period_after_specific_days: 3,
    });
    expect(both.body.status.code).toBe("MUTUALLY_EXCLUSIVE_PARAMETERS");
    const neither = await act("extend_grace_period", {
      subscription_identifier: { id: ids.contract },
    });
    expect(neither.body.status.code).toBe("MISSING_PARAMETER");
    const first = await act("extend_grace_period", {
      subscription_identifier: { id: ids.contract },
      end_grace_period_on: "2026-04-01",
      transaction_reference_number: "CRM-1",
    });
    expect(first.body.data.effects).toEqual([
      { type: "grace_period_extended", from: null, to: "2026-04-01T00:00:00Z" },
    ]);
    const repeat = await act("extend_grace_period", {
      subscription_identifier: { id: ids.contract },
      end_grace_period_after_specific_days: 60,
      transaction_reference_number: "CRM-1",
    });
    expect(repeat.status).toBe(409);
    expect(repeat.body.status.code).toBe("DUPLICATE_TRANSACTION_REFERENCE_NUMBER");
    const contract = await t.server.db
      .selectFrom("contracts")
      .select("grace_period_end_at")
      .where("id", "=", ids.contract!)
      .executeTakeFirstOrThrow();
    expect(contract.grace_period_end_at?.toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("amend_services with service and distributor identifiers by code and name", async () => {
    const scheduledItem = await act("amend_services", {
      subscription_identifier: { id: ids.contract },
      scheduled_date: "2026-04-01",
      installed_items_to_add_set: [{ product_identifier: { code: "STB" }, serial_number: "X1" }],
    });
    expect(scheduledItem.body.status.code).toBe("SCHEDULED_INSTALLED_ITEMS_NOT_ALLOWED");
    const noSerial = await act("amend_services", {
      subscription_identifier: { id: ids.contract },
      installed_items_to_add_set: [{ product_identifier: { code: "STB" } }],
    });
    expect(noSerial.body.status.code).toBe("MISSING_PARAMETER");
    const res = await act("amend_services", {
      subscription_identifier: { id: ids.contract },
      services_to_add_set: [
        {
          service_identifier: { code: "SPORTS" },
          services_distribution_set: [
            { provisioning_distributor_identifier: { name: "Cable West" } },
          ],
        },
      ],
      installed_items_to_add_set: [
        {
          product_identifier: { code: "STB" },
          serial_number: "X1",
          installed_items_distribution_set: [
            { provisioning_distributor_identifier: { alternative_code: "CW" } },
          ],
        },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data.behavior_code).toBe("AMEND_SERVICES");
    expect(res.body.data.effects.map((e: any) => e.type)).toEqual([
      "add_service",
      "distribute_service",
      "add_installed_item",
    ]);
    const removed = await act("amend_services", {
      subscription_identifier: { id: ids.contract },
      services_to_remove_set: [{ service_identifier: { alternative_code: "TV Sports" } }],
      installed_items_to_remove_set: [{ installed_item_identifier: { serial_number: "X1" } }],
    });
    expect(removed.body.data.effects.map((e: any) => e.type)).toEqual([
      "remove_service",
      "remove_installed_item",
    ]);
  });

  it("scheduled actions are listed and cancelled by number", async () => {
    const scheduled = await act("rest", {
      subscription_identifier: { id: ids.contract },
      scheduled_date: "2026-04-15",
    });
    expect(scheduled.body.data.life_cycle_state).toBe("SCHEDULED");
    const list = await fetch(
      `${t.server.url}/crmapi/rest/v2/subscriptions/actions/list?token=${token}&subscription_identifier=id=${ids.contract}&life_cycle_state=SCHEDULED&fields_set=number,scheduled_date`,
    );
    expect(list.status).toBe(200);
    expect(((await list.json()) as any).data).toEqual([
      { number: scheduled.body.data.number, scheduled_date: "2026-04-15T00:00:00.000Z" },
    ]);
    const cancel = await crm("subscriptions/actions/cancel", {
      token,
      subscription_action_identifier: { number: scheduled.body.data.number },
    });
    expect(cancel.body.data.life_cycle_state).toBe("CANCELLED");
    const again = await crm("subscriptions/actions/cancel", {
      token,
      subscription_action_identifier: { number: scheduled.body.data.number },
    });
    expect(again.body.status.code).toBe("INVALID_ACTION_STATE");
  });

  it("a retry with the same Idempotency-Key after logging in again answers the first response", async () => {
    const body = { subscription_identifier: { id: ids.contract }, scheduled_date: "2026-05-01" };
    const first = await crm(
      "subscriptions/rest",
      { token, ...body },
      { "idempotency-key": "crm-retry-1" },
    );
    expect(first.status).toBe(200);
    const again = await crm(
      "authentication/web_api_key/token",
      {},
      {
        authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}`,
      },
    );
    const retry = await crm(
      "subscriptions/rest",
      { token: again.body.data.token, ...body },
      { "idempotency-key": "crm-retry-1" },
    );
    expect(retry.status).toBe(200);
    expect(retry.body.data.id).toBe(first.body.data.id);
  });

  it("a released token, a missing one and a login with a wrong password are refused", async () => {
    const noToken = await crm("subscriptions/rest", {
      subscription_identifier: { id: ids.contract },
    });
    expect(noToken.status).toBe(401);
    expect(noToken.body.status.code).toBe("INVALID_TOKEN");
    const wrong = await crm("authentication/token", {
      username: t.server.tenant.oauth_client_id,
      password: "wrong",
      organisation: "Test",
    });
    expect(wrong.body.status.code).toBe("INVALID_CREDENTIALS");
    const released = await crm("authentication/token/release", { token });
    expect(released.body.status.code).toBe("OK");
    const after = await act("rest", { subscription_identifier: { id: ids.contract } });
    expect(after.status).toBe(401);
    // a client logs in again on INVALID_TOKEN, whatever made the token unusable
    expect(after.body.status.code).toBe("INVALID_TOKEN");
  });

  it("a login with an OAuth client's id and secret acts as that client, in its own tenant", async () => {
    const login = await crm("authentication/token", {
      username: t.server.tenant.oauth_client_id,
      password: t.server.tenant.oauth_client_secret,
      organisation: "Test",
    });
    expect(login.body.status.code).toBe("OK");
    // the default test tenant does not own the CRM tenant's contract
    const foreign = await crm("subscriptions/rest", {
      token: login.body.data.token,
      subscription_identifier: { id: ids.contract },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.status.code).toBe("CONTRACT_NOT_FOUND");
  });
});
