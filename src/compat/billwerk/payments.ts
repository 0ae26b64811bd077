/**
 * Billwerk `PaymentTransactions` (payments and refunds, read) and a contract's payment data
 * (`/Contracts/{id}/PaymentData`) over the payments module. Amounts are JSON numbers.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { notFound } from "../../domain/errors.js";
import { runRead } from "../../http/execute.js";
import type { Ctx } from "../../modules/context.js";
import { getContract } from "../../modules/contracts/index.js";
import { getCustomer } from "../../modules/customers/index.js";
import { getInvoice } from "../../modules/invoicing/index.js";
import {
  getPayment,
  listPaymentSources,
  listPayments,
  type Payment,
  type PaymentSource,
} from "../../modules/payments/index.js";
import { BwListQuery, bwTimestamp, MAX_TAKE } from "./wire.js";

const STATUS = {
  succeeded: "Succeeded",
  failed: "Failed",
  authorized: "Preauth",
  voided: "Cancelled",
  pending: "Pending",
  // waiting for the customer's authentication: Billwerk knows it as pending too
  requires_action: "Pending",
} as const;

/** The provider and role a payment went through: Accrue's test gateway is Billwerk's FakeProvider. */
function providerOf(p: Payment): { PaymentProvider: string; PaymentProviderRole: string } {
  switch (p.method) {
    case "test_card":
      return { PaymentProvider: "FakeProvider", PaymentProviderRole: "CreditCard" };
    case "test_direct_debit":
      return { PaymentProvider: "FakeProvider", PaymentProviderRole: "Debit" };
    default:
      return { PaymentProvider: "InvoicePayment", PaymentProviderRole: "OnAccount" };
  }
}

/** Payments and refunds are transactions; write-offs and withheld tax are not. */
const isTransaction = (p: Payment) => p.kind === "payment" || p.kind === "refund";

/**
 * A payment or refund as Billwerk's PaymentTransaction. Accrue keeps a payment's current
 * status, not its history: `StatusHistory` holds that one status, at the time it was
 * received. A refund's `Amount` is negative. `ContractId` and `InvoiceId` are those of the
 * first invoice the payment was applied to (null when applied to none).
 */
async function toBwTransaction(ctx: Ctx, p: Payment, names: Map<string, string>) {
  const invoiceId = p.allocations[0]?.invoice_id ?? null;
  const invoice = invoiceId ? await getInvoice(ctx, invoiceId).catch(() => null) : null;
  if (!names.has(p.customer_id)) {
    names.set(p.customer_id, (await getCustomer(ctx, p.customer_id)).display_name);
  }
  const amount = Number(p.kind === "refund" ? `-${p.amount}` : p.amount);
  return {
    Id: p.id,
    CustomerId: p.customer_id,
    CustomerName: names.get(p.customer_id)!,
    ContractId: invoice?.contract_id ?? null,
    InvoiceId: invoiceId,
    InvoiceReferenceCode: invoice?.number ?? null,
    ...providerOf(p),
    Trigger: p.kind === "refund" ? "Refund" : "Payment",
    ProviderTransactionId: p.reference,
    Currency: p.currency,
    Amount: amount,
    Status: STATUS[p.status],
    StatusHistory: [
      {
        Status: STATUS[p.status],
        Timestamp: bwTimestamp(p.received_at),
        Amount: amount,
        Preauth: p.status === "authorized",
        ...(p.failure ? { Reason: p.failure.message } : {}),
      },
    ],
    LastUpdated: bwTimestamp(p.received_at),
    CreatedAt: bwTimestamp(p.created_at),
  };
}

/** The customer's payment source a contract is charged through: primary, else backup. */
function bearerOf(sources: readonly PaymentSource[]) {
  const live = sources.filter((s) => s.status === "valid");
  const source = live.find((s) => s.role === "primary") ?? live.find((s) => s.role === "backup");
  if (!source) return null;
  return {
    PaymentProvider: "FakeProvider",
    PaymentProviderRole: source.type === "card" ? "CreditCard" : "Debit",
    PaymentBearer: source.card
      ? {
          Type: "CreditCard",
          CardType: source.card.brand,
          Last4: source.card.last4,
          ExpiryMonth: source.card.exp_month,
          ExpiryYear: source.card.exp_year,
        }
      : {
          Type: "BankAccount",
          Last4: source.bank_account?.last4 ?? null,
          Holder: source.bank_account?.account_holder_name ?? null,
          Country: source.bank_account?.country ?? null,
        },
    PaymentSourceId: source.id,
  };
}

const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const billwerkPaymentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // pages by the `from` cursor and `take`; `skip` is not offered by this list
  app.get(
    "/PaymentTransactions",
    {
      config: { operation: "payments.list" },
      schema: {
        querystring: Type.Object({
          ...BwListQuery.properties,
          customerId: Type.Optional(Type.String({ maxLength: 64 })),
        }),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const page = await listPayments(ctx, {
          limit: Math.min(req.query.take ?? MAX_TAKE, MAX_TAKE),
          cursor: req.query.from,
          customer_id: req.query.customerId,
        });
        const names = new Map<string, string>();
        const out = [];
        for (const p of page.data.filter(isTransaction)) {
          out.push(await toBwTransaction(ctx, p, names));
        }
        return out;
      }),
  );

  app.get(
    "/PaymentTransactions/:id",
    { config: { operation: "payments.get" }, schema: { params: Params } },
    (req) =>
      runRead(req, async (ctx) => {
        const payment = await getPayment(ctx, req.params.id);
        if (!isTransaction(payment)) {
          throw notFound("payment_not_found", `no payment transaction ${req.params.id}`, {
            id: req.params.id,
          });
        }
        return toBwTransaction(ctx, payment, new Map());
      }),
  );

  /**
   * How a contract is paid: its customer's primary (else backup) payment source. A customer
   * without one pays on account: `PaymentProviderRole` `OnAccount`, no `PaymentBearer`.
   */
  app.get(
    "/Contracts/:id/PaymentData",
    { config: { operation: "payment_sources.list" }, schema: { params: Params } },
    (req) =>
      runRead(req, async (ctx) => {
        const contract = await getContract(ctx, req.params.id);
        const sources = await listPaymentSources(ctx, contract.customer_id, { limit: 100 });
        const bearer = bearerOf(sources.data);
        return {
          ContractId: contract.id,
          CustomerId: contract.customer_id,
          ...(bearer ?? {
            PaymentProvider: "InvoicePayment",
            PaymentProviderRole: "OnAccount",
            PaymentBearer: null,
            PaymentSourceId: null,
          }),
        };
      }),
  );
};
