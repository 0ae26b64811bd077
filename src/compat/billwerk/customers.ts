/** Billwerk `Customers`: CustomerDTO in PascalCase over the customers module. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { Compile } from "typebox/compile";
import { invalid } from "../../domain/errors.js";
import { runMutation, runRead } from "../../http/execute.js";
import {
  type Customer,
  CustomerInput,
  type CustomerInputData,
  CustomerPatch,
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  patchCustomer,
  replaceCustomer,
} from "../../modules/customers/index.js";
import { BwListQuery, bwTimestamp, deletedReply, paging } from "./wire.js";

export const ADDRESS_FIELDS = {
  AddressLine1: "line1",
  AddressLine2: "line2",
  Street: "street",
  HouseNumber: "house_number",
  PostalCode: "postal_code",
  City: "city",
  Country: "country",
} as const;

/** CustomerDTO's fields and the native customer fields they are. */
export const CUSTOMER_FIELDS = {
  ExternalCustomerId: "external_id",
  DebitorAccount: "debitor_account",
  CompanyName: "company_name",
  FirstName: "first_name",
  LastName: "last_name",
  EmailAddress: "email",
  Language: "language",
  Locale: "locale",
  VatId: "vat_id",
  Tag: "tag",
  CustomerType: "customer_type",
  TimeZone: "time_zone",
  DefaultBearerMedium: "default_bearer_medium",
  Address: "address",
  CustomFields: "custom_fields",
  Hidden: "hidden",
} as const;

const NATIVE_TO_BW = new Map<string, string>([
  ...Object.entries(CUSTOMER_FIELDS).map(([bw, native]) => [native, bw] as [string, string]),
  ...Object.entries(ADDRESS_FIELDS).map(
    ([bw, native]) => [`address.${native}`, `Address.${bw}`] as [string, string],
  ),
]);

/** CustomerDTO as Billwerk returns it. */
export function toBwCustomer(c: Customer) {
  const address: Record<string, string> = {};
  for (const [bw, native] of Object.entries(ADDRESS_FIELDS)) {
    const value = c.address[native];
    if (value !== undefined) address[bw] = value;
  }
  const personName = [c.first_name, c.last_name].filter(Boolean).join(" ");
  return {
    Id: c.id,
    CreatedAt: bwTimestamp(c.created_at),
    // a deleted customer is no longer readable (404), so every customer served is not deleted
    DeletedAt: null,
    IsDeletable: c.deletable,
    IsLocked: c.locked,
    CustomerName: c.display_name,
    CustomerSubName: c.company_name && personName ? personName : "",
    ExternalCustomerId: c.external_id,
    DebitorAccount: c.debitor_account,
    CompanyName: c.company_name,
    FirstName: c.first_name,
    LastName: c.last_name,
    Language: c.language,
    Locale: c.locale,
    VatId: c.vat_id,
    EmailAddress: c.email,
    Tag: c.tag,
    Address: address,
    CustomFields: c.custom_fields,
    DefaultBearerMedium: c.default_bearer_medium,
    CustomerType: c.customer_type === "business" ? "Business" : "Consumer",
    Hidden: c.hidden,
    TimeZone: c.time_zone,
  };
}

/**
 * CustomerDTO → the native input. Read-only fields a client echoes back (Id, CreatedAt,
 * IsLocked…) are ignored; the native schema then checks every value, and a violation names
 * the Billwerk field.
 */
export function fromBwCustomer(
  dto: Record<string, unknown>,
  mode: "full" | "patch",
): CustomerInputData {
  const out: Record<string, unknown> = {};
  for (const [bw, native] of Object.entries(CUSTOMER_FIELDS)) {
    if (!(bw in dto)) continue;
    let value = dto[bw];
    if (bw === "CustomerType" && typeof value === "string") value = value.toLowerCase();
    if (bw === "Address" && value !== null && typeof value === "object") {
      const address: Record<string, unknown> = {};
      for (const [bwLine, nativeLine] of Object.entries(ADDRESS_FIELDS)) {
        if (bwLine in (value as object))
          address[nativeLine] = (value as Record<string, unknown>)[bwLine];
      }
      value = address;
    }
    out[native] = value;
  }
  const checker = mode === "full" ? fullChecker : patchChecker;
  if (!checker.Check(out)) {
    const first = checker.Errors(out)[0];
    const path = (first?.instancePath ?? "").split("/").filter(Boolean);
    const params = (first?.params ?? {}) as { requiredProperties?: string[] };
    if (params.requiredProperties?.[0]) path.push(params.requiredProperties[0]);
    const native = path.join(".");
    const field = `body.${NATIVE_TO_BW.get(native) ?? native}`;
    throw invalid("validation_failed", `${field} ${first?.message ?? "is invalid"}`, {
      field,
      fields: [{ field, message: first?.message ?? "is invalid" }],
    });
  }
  return out as CustomerInputData;
}

const fullChecker = Compile(CustomerInput);
const patchChecker = Compile(CustomerPatch);

const BwCustomerBody = Type.Record(Type.String(), Type.Unknown(), {
  description: "CustomerDTO (PascalCase)",
});
const BwIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const billwerkCustomerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // search: a substring of the name, company, e-mail or external id, or the exact id;
  // externalId and emailAddress: that exact value
  app.get(
    "/Customers",
    {
      config: { operation: "customers.list" },
      schema: {
        querystring: Type.Object({
          ...BwListQuery.properties,
          search: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          emailAddress: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
        }),
      },
    },
    (req) =>
      runRead(req, async (ctx) => {
        const page = await listCustomers(ctx, {
          ...paging(req.query),
          search: req.query.search,
          externalId: req.query.externalId,
          email: req.query.emailAddress,
        });
        return page.data.map(toBwCustomer);
      }),
  );

  app.post(
    "/Customers",
    { config: { operation: "customers.create" }, schema: { body: BwCustomerBody } },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 201,
        body: toBwCustomer(await createCustomer(ctx, fromBwCustomer(req.body, "full"))),
      })),
  );

  app.get(
    "/Customers/:id",
    { config: { operation: "customers.get" }, schema: { params: BwIdParams } },
    (req) => runRead(req, async (ctx) => toBwCustomer(await getCustomer(ctx, req.params.id))),
  );

  app.put(
    "/Customers/:id",
    {
      config: { operation: "customers.replace" },
      schema: { params: BwIdParams, body: BwCustomerBody },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: toBwCustomer(
          await replaceCustomer(ctx, req.params.id, fromBwCustomer(req.body, "full")),
        ),
      })),
  );

  app.patch(
    "/Customers/:id",
    {
      config: { operation: "customers.update" },
      schema: { params: BwIdParams, body: BwCustomerBody },
    },
    (req, reply) =>
      runMutation(req, reply, async (ctx) => ({
        status: 200,
        body: toBwCustomer(
          await patchCustomer(ctx, req.params.id, fromBwCustomer(req.body, "patch")),
        ),
      })),
  );

  app.delete(
    "/Customers/:id",
    { config: { operation: "customers.delete" }, schema: { params: BwIdParams } },
    async (req, reply) => {
      await runMutation(req, reply, async (ctx) => {
        await deleteCustomer(ctx, req.params.id);
        return { status: 204, body: undefined };
      });
      return deletedReply(req, reply);
    },
  );
};
