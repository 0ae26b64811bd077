/**
 * Billwerk wire conventions: PascalCase JSON, timestamps with seven fractional digits,
 * errors as `{"Message","Code","Details","RequestId"}`, lists paged by `skip`/`take` or the
 * `from` cursor. Adapters only: no business rules live here.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import { Type } from "typebox";
import { invalid } from "../../domain/errors.js";
import { Dec } from "../../domain/money/index.js";
import { assertInstantInRange } from "../../domain/time/index.js";
import { mapError, setErrorHeaders } from "../../http/errors.js";

/**
 * Billwerk's timestamp, `2025-03-01T09:00:00.5790000Z` (UTC, seven fractional digits), from
 * an ISO timestamp with any offset and precision, a `Date`, or a `YYYY-MM-DD` date (its
 * midnight UTC). The one serializer of every timestamp this surface answers.
 */
export function bwTimestamp(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  let iso = value instanceof Date ? value.toISOString() : value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) iso = `${iso}T00:00:00Z`;
  else if (!iso.endsWith("Z")) iso = Temporal.Instant.from(iso).toString();
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(iso);
  if (!match) return iso;
  return `${match[1]}.${(match[2] ?? "").padEnd(7, "0").slice(0, 7)}Z`;
}

/** A date or date-time input field: its form is checked by {@link bwInstant}, not the schema. */
export const BwDateTime = Type.String({
  minLength: 1,
  maxLength: 64,
  description:
    "a date (2031-06-30, midnight UTC), a date-time without offset (UTC) or an ISO 8601 date-time with offset",
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;
const WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * The one parser of Billwerk's date and date-time inputs (`EndDate`, `DueDate`, `StartDate`,
 * `ChangeDate`, `PeriodStart`…), as Billwerk reads them: a date is its midnight UTC, a
 * date-time without offset is UTC, one with an offset is that instant. Answers Accrue's ISO
 * instant (`2031-06-30T00:00:00Z`). Text of another form is `422 validation_failed`; an
 * instant outside Accrue's range `400 date_out_of_range` (src/domain/time/bounds.ts). `field`
 * is the Billwerk field (`EndDate`, `Cart.ComponentSubscriptions.0.StartDate`).
 */
export function bwInstant(text: string, field: string): string {
  const name = `body.${field}`;
  let instant: Temporal.Instant | undefined;
  try {
    if (DATE_ONLY.test(text)) {
      instant = Temporal.PlainDate.from(text, { overflow: "reject" })
        .toZonedDateTime("UTC")
        .toInstant();
    } else if (LOCAL_DATE_TIME.test(text)) {
      instant = Temporal.PlainDateTime.from(text.replace(/[t ]/, "T"), { overflow: "reject" })
        .toZonedDateTime("UTC")
        .toInstant();
    } else if (WITH_OFFSET.test(text)) {
      instant = Temporal.Instant.from(text.replace(/[t ]/, "T").replace(/z$/, "Z"));
    }
  } catch {
    instant = undefined;
  }
  if (!instant) {
    throw invalid(
      "validation_failed",
      `${name} must be a date (2031-06-30) or an ISO 8601 date-time (2031-06-30T10:00:00, UTC unless it names an offset)`,
      { field: name, fields: [{ field: name, message: "is not a date or date-time" }] },
    );
  }
  return assertInstantInRange(instant, name, text).toString();
}

/** {@link bwInstant} of an optional field: absent or null stays undefined. */
export const bwOptionalInstant = (text: string | null | undefined, field: string) =>
  text === undefined || text === null ? undefined : bwInstant(text, field);

/**
 * A JSON number as Billwerk sends prices and quantities → Accrue's decimal text, without
 * exponent notation. Numbers carry at most 15–17 significant digits; that is what arrives.
 */
export function decimalFromNumber(n: number): string {
  return new Dec(n).toFixed();
}

/** Paging parameters Billwerk clients send; unknown query parameters are ignored. */
export const BwListQuery = Type.Object({
  skip: Type.Optional(Type.Integer({ minimum: 0 })),
  take: Type.Optional(Type.Integer({ minimum: 1 })),
  from: Type.Optional(Type.String({ maxLength: 64 })),
});

/** Largest page a Billwerk list returns, whatever `take` asks for. */
export const MAX_TAKE = 500;

export function paging(query: { skip?: number; take?: number; from?: string }) {
  return {
    limit: Math.min(query.take ?? MAX_TAKE, MAX_TAKE),
    offset: query.from ? 0 : (query.skip ?? 0),
    cursor: query.from,
  };
}

/**
 * Billwerk answers field errors with 422 (malformed JSON stays 400). The body carries the
 * native machine code too, so clients of either surface can branch on it.
 */
export function billwerkErrorHandler(
  error: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const { status, body, unexpected } = mapError(error, req.id);
  if (unexpected) req.log.error({ err: error }, "unhandled error");
  const bwStatus = body.error.code === "validation_failed" ? 422 : status;
  setErrorHeaders(reply, bwStatus);
  return reply.status(bwStatus).send({
    Message: body.error.message,
    Code: body.error.code,
    Details: bwDetails(body.error.details, req.routeOptions.config?.operation),
    RequestId: body.error.request_id,
  });
}

/**
 * Native field names whose Billwerk name is not their PascalCase form, for every operation
 * (a customer's fields, a hook's events) and per operation (an order's cart).
 */
const FIELD_NAMES: Record<string, string> = {
  email: "EmailAddress",
  external_id: "ExternalCustomerId",
  "address.line1": "Address.AddressLine1",
  "address.line2": "Address.AddressLine2",
  event_types: "Events",
  contract_id: "ContractId",
};
const CART = {
  plan_variant_id: "Cart.PlanVariantId",
  quantity: "Cart.Quantity",
  components: "Cart.ComponentSubscriptions",
  coupon_code: "Cart.CouponCode",
};
const FIELD_NAMES_BY_OPERATION: Record<string, Record<string, string>> = {
  "orders.create": CART,
  "orders.preview": CART,
  "component_subscriptions.create": { start_date: "StartDate", end_date: "EndDate" },
};

const pascal = (segment: string) =>
  /^\d+$/.test(segment)
    ? segment
    : segment
        .split("_")
        .map((w) => (w === "id" ? "Id" : w.charAt(0).toUpperCase() + w.slice(1)))
        .join("");

/**
 * The Billwerk name of a field an error names: a request path (`body.EndDate`) or a Billwerk
 * name stays; a native name (`end_date`, `components.0.quantity`) becomes Billwerk's
 * (`EndDate`, `Cart.ComponentSubscriptions.0.Quantity`).
 */
export function bwField(field: string, operation?: string): string {
  if (/^(body|query|querystring|params|headers)(\.|$)/.test(field) || /^[A-Z]/.test(field)) {
    return field;
  }
  const names = { ...FIELD_NAMES, ...(operation ? FIELD_NAMES_BY_OPERATION[operation] : {}) };
  const segments = field.split(".");
  // the longest prefix with a name of its own, then each further segment in PascalCase
  for (let n = segments.length; n > 0; n--) {
    const named = names[segments.slice(0, n).join(".")];
    if (named) return [named, ...segments.slice(n).map(pascal)].join(".");
  }
  return segments.map(pascal).join(".");
}

function bwDetails(details: Record<string, unknown>, operation?: string) {
  const out: Record<string, unknown> = { ...details };
  if (typeof out.field === "string") out.field = bwField(out.field, operation);
  if (Array.isArray(out.fields)) {
    out.fields = out.fields.map((f: unknown) =>
      f !== null && typeof f === "object" && typeof (f as { field?: unknown }).field === "string"
        ? { ...f, field: bwField((f as { field: string }).field, operation) }
        : f,
    );
  }
  return out;
}

/**
 * A DELETE answers 204 with no body, as Billwerk documents. The published `billwerk` 2.1.0
 * client parses every response as JSON and so fails on 204; it also appends `take` to every
 * call, which no list-less request of a well-behaved client does. Such a request gets 200 and
 * `{}` instead: the same success, in a form that client can read.
 */
export function deletedReply(req: FastifyRequest, reply: FastifyReply) {
  const query = req.query as Record<string, unknown> | undefined;
  if (query && ("take" in query || "skip" in query)) return reply.status(200).send({});
  return reply.status(204).send();
}
