/**
 * `accrue demo`: a new tenant on a test clock with a sample catalog, customers and contracts,
 * driven through the API for four months — usage, billing runs, an upgrade, a pause, card and
 * offline payments (one declined), a credit note, dunning and webhook deliveries to a local
 * receiver — so that every kind of record exists to look at. Progress goes to stderr.
 *
 * The API is this process's own (answered in-process, with webhooks allowed to this machine)
 * or, with `server`, a running server's over HTTP. Either way the demo also works as a worker
 * on the database — scheduled actions, dunning and webhook delivery at each step — so the
 * months play out the same whether or not a worker loop runs elsewhere.
 */
import type { Kysely } from "kysely";
import { pino } from "pino";
import { Temporal } from "temporal-polyfill";
import type { Config } from "../config.js";
import { buildApp } from "../http/app.js";
import { dunningJob } from "../jobs/dunning.js";
import { webhookJobs } from "../jobs/webhook-delivery.js";
import { countOrders } from "../modules/contracts/index.js";
import { countDocumentsByKind } from "../modules/invoicing/index.js";
import { countPayments } from "../modules/payments/index.js";
import { countDeliveries } from "../modules/webhooks/index.js";
import type { Backend } from "../storage/db.js";
import type { DB } from "../storage/schema.js";
import { runDueActions } from "../workflows/scheduled-actions.js";
import { createTenant } from "../workflows/tenants.js";

export type DemoResult = {
  tenant_id: string;
  api_key: string;
  contracts: number;
  invoices: number;
  credit_notes: number;
  payments: number;
  webhook_deliveries: number;
  self_service_token: string;
  self_service_expires_at: string;
  /** The portal of the first customer's contract. */
  portal_url: string;
  /** Signups awaiting approval in the console. */
  orders_awaiting_approval: number;
  test_clock: string;
  seconds: number;
};

const START = "2026-01-01T00:00:00Z";
/** The demo's months end on these days, when billing runs. */
const MONTHS = ["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"];

const CUSTOMERS = [
  {
    company_name: "Nordlicht GmbH",
    email: "billing@nordlicht.example",
    country: "DE",
    city: "Hamburg",
    plan: "pro",
    seats: "12",
  },
  {
    company_name: "Alpenblick OG",
    email: "office@alpenblick.example",
    country: "AT",
    city: "Innsbruck",
    plan: "starter",
    seats: "3",
  },
  {
    company_name: "Rive Gauche SARL",
    email: "compta@rivegauche.example",
    country: "FR",
    city: "Paris",
    plan: "pro",
    seats: "25",
  },
  {
    company_name: "Kanal 7 KG",
    email: "ap@kanal7.example",
    country: "DE",
    city: "Köln",
    plan: "starter",
    seats: "2",
  },
  {
    company_name: "Delta Logistics BV",
    email: "finance@delta.example",
    country: "NL",
    city: "Rotterdam",
    plan: "starter",
    seats: "5",
  },
  {
    company_name: "Fjord Analytics AS",
    email: "invoices@fjord.example",
    country: "NO",
    city: "Bergen",
    plan: "pro",
    seats: "8",
  },
] as const;

/** A refused API call: its status line, and the answer's body. */
class DemoApiError extends Error {
  constructor(
    message: string,
    readonly body: string,
  ) {
    super(message);
  }
}

/** Deterministic "random" usage: the demo is the same every time. */
const usageOf = (customer: number, month: number) =>
  400 + ((customer * 7919 + month * 104729) % 2600);

export type DemoOptions = {
  /** The base URL of a running server whose API the demo drives; absent: its own. */
  server?: string | undefined;
};

export async function runDemo(
  db: Kysely<DB>,
  backend: Backend,
  config: Pick<Config, "bodyLimit" | "publicUrl">,
  progress: (line: string) => void,
  options: DemoOptions = {},
): Promise<DemoResult> {
  const started = performance.now();
  let step = 0;
  const STEPS = 6 + MONTHS.length;
  const say = (what: string) =>
    progress(
      `[${++step}/${STEPS}] ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );

  say("creating the demo tenant on a test clock at 2026-01-01");
  const tenant = await createTenant(db, {
    name: "Demo",
    testClockNow: Temporal.Instant.from(START),
  });
  const app = options.server
    ? undefined
    : await buildApp({
        db,
        backend,
        // the demo sends everything with one key, faster than a client would; its webhooks go
        // to a receiver on this machine
        config: { ...config, logLevel: "silent", rateLimit: 0, webhookAllowPrivate: true },
      });
  const received: string[] = [];
  // loaded here, not imported at the top: importing node:http as a module loads its fetch and
  // WebSocket classes too, which every command would pay for at start-up
  const http = await import("node:http");
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received.push(String(req.headers["webhook-id"]));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as { port: number }).port;
  // biome-ignore lint/suspicious/noExplicitAny: the API's answers, each checked by its route's schema
  const call = async (method: string, url: string, body?: unknown): Promise<any> => {
    const authorization = `Bearer ${tenant.api_key}`;
    const res = app
      ? await app.inject({
          method: method as "GET",
          url,
          headers: { authorization },
          ...(body === undefined ? {} : { payload: body as object }),
        })
      : await fetch(`${options.server}${url}`, {
          method,
          headers: {
            authorization,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }).then(async (r) => ({ statusCode: r.status, body: await r.text() }));
    if (res.statusCode >= 300) {
      throw new DemoApiError(`${method} ${url}: ${res.statusCode} ${res.body}`, res.body);
    }
    return JSON.parse(res.body);
  };
  const post = (url: string, body: unknown = {}) => call("POST", url, body);
  const log = pino({ enabled: false });
  const deliver = async () => {
    for (const job of webhookJobs({ allowPrivate: true })) {
      while ((await job.run({ db, log })) > 0) {
        // until the outbox and the deliveries are drained
      }
    }
  };

  try {
    say("catalog: VAT, plans Starter and Pro, seats and metered API calls");
    const vat = await post("/v1/tax_policies", {
      name: "VAT",
      default_rate: "19",
      rates: [
        { country: "DE", rate: "19" },
        { country: "AT", rate: "20" },
        { country: "FR", rate: "20" },
        { country: "NL", rate: "21" },
        { country: "NO", rate: "0" },
      ],
    });
    const group = await post("/v1/plan_groups", {
      name: "Cloud",
      currency: "EUR",
      price_type: "net",
      tax_policy_id: vat.id,
    });
    const seats = await post("/v1/components", {
      plan_group_id: group.id,
      name: "Seats",
      type: "quantity",
      price_per_unit: "5",
    });
    const calls = await post("/v1/components", {
      plan_group_id: group.id,
      name: "API calls",
      type: "metered",
      price_model: "tiered",
      tiers: [
        { from: "0", price: "0.002" },
        { from: "1000", price: "0.001" },
      ],
    });
    const support = await post("/v1/components", {
      plan_group_id: group.id,
      name: "Priority support",
      external_id: "SUPPORT",
      type: "on_off",
      price_per_unit: "49",
    });
    const starterPlan = await post("/v1/plans", { plan_group_id: group.id, name: "Starter" });
    const proPlan = await post("/v1/plans", {
      plan_group_id: group.id,
      name: "Pro",
      trial_period: { unit: "day", count: 14 },
    });
    const enterprisePlan = await post("/v1/plans", {
      plan_group_id: group.id,
      name: "Enterprise",
      requires_order_approval: true,
    });
    const monthly = { fee_period: { unit: "month", count: 1 }, allow_self_service: true };
    const variants = {
      starter: await post("/v1/plan_variants", {
        plan_id: starterPlan.id,
        internal_name: "Starter monthly",
        recurring_fee: "29",
        quotas: [{ component_id: calls.id, quantity: "500" }],
        ...monthly,
      }),
      pro: await post("/v1/plan_variants", {
        plan_id: proPlan.id,
        internal_name: "Pro monthly",
        recurring_fee: "99",
        quotas: [{ component_id: calls.id, quantity: "2000" }],
        ...monthly,
      }),
    };
    const enterprise = await post("/v1/plan_variants", {
      plan_id: enterprisePlan.id,
      internal_name: "Enterprise yearly",
      recurring_fee: "4990",
      fee_period: { unit: "year", count: 1 },
    });
    await post("/v1/provisioning_distributors", { name: "EU datacenter", alternative_code: "EU1" });
    await call("PUT", "/v1/dunning_policy", {
      steps: [
        { name: "reminder", after_days: 3 },
        { name: "warning", after_days: 14, after_failed_payments: 2 },
        { name: "final notice", after_days: 21, grace_days: 7 },
      ],
    });
    try {
      await post("/v1/webhook_endpoints", {
        url: `http://127.0.0.1:${port}/accrue-demo`,
        event_types: ["*"],
        description: "the demo's local receiver (stopped after the demo)",
      });
    } catch (error) {
      // a running server sends webhooks to this machine only when its operator allows it
      if (!(error instanceof DemoApiError && error.body.includes("webhook_url_not_allowed"))) {
        throw error;
      }
      progress(
        "the server refuses webhooks to this machine (ACCRUE_WEBHOOK_ALLOW_PRIVATE=false): no webhook receiver",
      );
    }

    say(`${CUSTOMERS.length} customers sign up`);
    const contracts: { id: string; customer: string }[] = [];
    for (const c of CUSTOMERS) {
      const customer = await post("/v1/customers", {
        company_name: c.company_name,
        email: c.email,
        customer_type: "business",
        time_zone: "Europe/Berlin",
        address: {
          street: "Hauptstraße 1",
          postal_code: "10115",
          city: c.city,
          country: c.country,
        },
      });
      const order = await post("/v1/orders", {
        customer_id: customer.id,
        plan_variant_id: variants[c.plan].id,
        components: [{ component_id: seats.id, quantity: c.seats }],
      });
      await post(`/v1/orders/${order.id}/commit`);
      contracts.push({ id: order.contract_id, customer: customer.id });
    }
    await post("/v1/billing_runs");

    for (const [m, firstOfMonth] of MONTHS.entries()) {
      say(
        `month ${m + 1} of ${MONTHS.length}: usage, changes, billing on ${firstOfMonth}, payments`,
      );
      const midMonth = `2026-${String(m + 1).padStart(2, "0")}-15T09:00:00Z`;
      await post("/v1/test_clock/advance", { frozen_time: midMonth });
      for (const [i, k] of contracts.entries()) {
        await post(`/v1/contracts/${k.id}/usage`, {
          component_id: calls.id,
          quantity: String(usageOf(i, m)),
          due_date: midMonth,
        });
      }
      if (m === 0) {
        // mid-January: Kanal 7 upgrades to Pro; Alpenblick adds priority support
        const change = await post("/v1/orders", {
          contract_id: contracts[3]!.id,
          plan_variant_id: variants.pro.id,
        });
        await post(`/v1/orders/${change.id}/commit`);
        await post("/v1/subscription_actions/amend_services", {
          contract_id: contracts[1]!.id,
          services_to_add: [{ component_id: support.id }],
          performed_by_user: "demo",
          transaction_reference_number: "DEMO-AMEND-1",
        });
      }
      if (m === 1) {
        // February: Delta Logistics rests its subscription from March
        await post("/v1/subscription_actions/rest", {
          contract_id: contracts[4]!.id,
          scheduled_date: "2026-03-01T00:00:00Z",
          classification: "seasonal",
        });
      }
      await post("/v1/test_clock/advance", { frozen_time: `${firstOfMonth}T06:00:00Z` });
      await runDueActions(db, { now: () => new Date(), limit: 100 });
      await post("/v1/billing_runs");

      // everyone pays by card except Fjord (declined) and Rive Gauche (bank transfer, late)
      for (const [i, k] of contracts.entries()) {
        const balance = await call("GET", `/v1/customers/${k.customer}/balance`);
        const owed =
          balance.balances.find((b: { currency: string }) => b.currency === "EUR")?.balance ??
          "0.00";
        if (!(Number(owed) > 0)) continue;
        if (i === 5) {
          await post("/v1/payments", {
            customer_id: k.customer,
            amount: owed,
            currency: "EUR",
            method: "card",
            card_number: "4000000000000002",
          });
        } else if (i === 2) {
          if (m % 2 === 1) {
            await post("/v1/payments", {
              customer_id: k.customer,
              amount: owed,
              currency: "EUR",
              method: "offline",
              reference: `SEPA ${firstOfMonth}`,
            });
          }
        } else {
          await post("/v1/payments", {
            customer_id: k.customer,
            amount: owed,
            currency: "EUR",
            method: "card",
            card_number: "4242424242424242",
          });
        }
      }
      await dunningJob().run({ db, log });
    }

    say("a credit note for Nordlicht's February invoice (a service outage)");
    const nordlicht = await call(
      "GET",
      `/v1/invoices?contract_id=${contracts[0]!.id}&kind=invoice&limit=100`,
    );
    // the first invoice issued from February on (a worker elsewhere may have billed the
    // trial's end on its own day, moving the Pro plan's billing day)
    const february = nordlicht.data
      .filter((i: { issue_date: string }) => i.issue_date >= "2026-02-01")
      .sort((a: { issue_date: string }, b: { issue_date: string }) =>
        a.issue_date.localeCompare(b.issue_date),
      )[0];
    if (february) {
      await post(`/v1/invoices/${february.id}/credit_notes`, {
        lines: [{ line_id: february.lines[0].id, amount: "20.00" }],
        reason: "service outage on 12 February",
      });
    }

    // a larger customer asks for Enterprise: its signup waits for approval in the console
    const polaris = await post("/v1/customers", {
      company_name: "Polaris Research AB",
      email: "ekonomi@polaris.example",
      customer_type: "business",
      time_zone: "Europe/Stockholm",
      address: { street: "Storgatan 5", postal_code: "11122", city: "Stockholm", country: "SE" },
    });
    const pending = await post("/v1/orders", {
      customer_id: polaris.id,
      plan_variant_id: enterprise.id,
    });
    await post(`/v1/orders/${pending.id}/commit`);

    say("delivering webhooks to the local receiver");
    await deliver();
    const token = await post(`/v1/contracts/${contracts[0]!.id}/self_service_token`, {
      validity_minutes: 1440,
    });

    const docs = await countDocumentsByKind(db, tenant.tenant_id);
    const clock = await call("GET", "/v1/test_clock");
    // the receiver stops with the demo: later events must not pile up retries against it
    const endpoints = await call("GET", "/v1/webhook_endpoints");
    for (const e of endpoints.data) {
      await call("PATCH", `/v1/webhook_endpoints/${e.id}`, { enabled: false });
    }
    say("done");
    return {
      tenant_id: tenant.tenant_id,
      api_key: tenant.api_key,
      contracts: contracts.length,
      invoices: docs.find((d) => d.kind === "invoice")?.n ?? 0,
      credit_notes: docs.find((d) => d.kind === "credit_note")?.n ?? 0,
      payments: await countPayments(db, tenant.tenant_id),
      webhook_deliveries: await countDeliveries(db, tenant.tenant_id, "succeeded"),
      self_service_token: token.token,
      self_service_expires_at: token.expires_at,
      portal_url: token.url,
      orders_awaiting_approval: await countOrders(db, tenant.tenant_id, "approval_pending"),
      test_clock: clock.now,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    receiver.close();
    await app?.close();
  }
}
