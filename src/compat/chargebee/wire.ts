/**
 * Chargebee's wire conventions: money in the currency's minor units as integers, timestamps as
 * Unix seconds, `on`/`off` and `true`/`false` flags, answers wrapped by resource, lists as
 * `{list: [{customer: …}], next_offset}`, and errors as
 * `{message, type, api_error_code, param, http_status_code}`. Adapters only: no business rules
 * live here.
 */
import { currencyExponent, Dec } from "../../domain/money/index.js";
import type { Param, Params } from "./form.js";

// ---- errors ------------------------------------------------------------------------------------

/** The error types Chargebee's clients branch on. */
export type CbErrorType = "invalid_request" | "payment" | "operation_failed";

export class CbError extends Error {
  constructor(
    readonly status: number,
    readonly apiErrorCode: string,
    message: string,
    readonly type: CbErrorType | undefined,
    readonly param?: string,
    /** The native error code behind it, when the refusal came from an Accrue operation. */
    readonly accrueCode?: string,
  ) {
    super(message);
  }

  body(requestId: string): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.type ? { type: this.type } : {}),
      api_error_code: this.apiErrorCode,
      ...(this.param ? { param: this.param } : {}),
      // the fields Chargebee's older clients read
      error_code: this.apiErrorCode,
      error_msg: this.message,
      ...(this.param ? { error_param: this.param } : {}),
      http_status_code: this.status,
      ...(this.accrueCode ? { accrue_error_code: this.accrueCode } : {}),
      request_id: requestId,
    };
  }
}

/** A parameter with a value Chargebee would refuse. */
export const wrongValue = (param: string, message: string) =>
  new CbError(400, "param_wrong_value", `${param} : ${message}`, "invalid_request", param);

/** A parameter this surface does not take (Accrue has no such field or option). */
export const notSupported = (param: string, message = "is not supported") =>
  new CbError(400, "param_not_supported", `${param} : ${message}`, "invalid_request", param);

export const missing = (param: string) => wrongValue(param, "cannot be blank");

export const notFound = (what: string, param?: string) =>
  new CbError(404, "resource_not_found", `${what} not found`, "invalid_request", param);

/**
 * A native refusal because of the record's state (its Accrue code one of `codes`), as
 * Chargebee answers one: `invalid_state_for_request`, the Accrue code kept. Other errors pass.
 */
export function stateRefusal(codes: readonly string[]): (error: unknown) => never {
  return (error) => {
    if (error instanceof CbError && error.accrueCode && codes.includes(error.accrueCode)) {
      throw new CbError(
        400,
        "invalid_state_for_request",
        error.message,
        "invalid_request",
        undefined,
        error.accrueCode,
      );
    }
    throw error;
  };
}

// ---- reading parameters ------------------------------------------------------------------------

/**
 * Reads the parameters of one request. Every value arrives as text; each reader checks and
 * converts it, naming the parameter as the client wrote it (`billing_address[zip]`) when it
 * refuses. Reading marks a parameter as used: {@link Reader.rejectUnread} refuses the rest.
 */
export class Reader {
  private readonly used = new Set<string>();

  constructor(
    readonly params: Params,
    private readonly prefix = "",
  ) {}

  private name(key: string) {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  private raw(key: string): Param | undefined {
    this.used.add(key);
    return this.params[key];
  }

  has(key: string): boolean {
    return this.params[key] !== undefined;
  }

  str(key: string, max = 1000): string | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw wrongValue(this.name(key), "must be a single value");
    if (value.length > max)
      throw wrongValue(this.name(key), `cannot be longer than ${max} characters`);
    return value;
  }

  /** A text value where an empty one clears the field (Chargebee sends `key=` for that). */
  text(key: string, max = 1000): string | null | undefined {
    const value = this.str(key, max);
    if (value === undefined) return undefined;
    return value === "" ? null : value;
  }

  required(key: string, max = 1000): string {
    const value = this.str(key, max);
    if (value === undefined || value === "") throw missing(this.name(key));
    return value;
  }

  int(
    key: string,
    min = Number.MIN_SAFE_INTEGER,
    max = Number.MAX_SAFE_INTEGER,
  ): number | undefined {
    const value = this.str(key, 20);
    if (value === undefined || value === "") return undefined;
    if (!/^-?[0-9]+$/.test(value)) throw wrongValue(this.name(key), "must be an integer");
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw wrongValue(this.name(key), `must be between ${min} and ${max}`);
    }
    return n;
  }

  bool(key: string): boolean | undefined {
    const value = this.str(key, 5);
    if (value === undefined || value === "") return undefined;
    if (value === "true") return true;
    if (value === "false") return false;
    throw wrongValue(this.name(key), "must be true or false");
  }

  /** Chargebee's `on`/`off` switches (auto_collection, and the like). */
  onOff(key: string): boolean | undefined {
    const value = this.str(key, 3);
    if (value === undefined || value === "") return undefined;
    if (value === "on") return true;
    if (value === "off") return false;
    throw wrongValue(this.name(key), "must be on or off");
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.str(key, 100);
    if (value === undefined || value === "") return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw wrongValue(this.name(key), `must be one of ${values.join(", ")}`);
    }
    return value as T;
  }

  /** A Unix timestamp in seconds → ISO 8601. */
  timestamp(key: string): string | undefined {
    const n = this.int(key, 0, 253_402_300_799);
    return n === undefined ? undefined : new Date(n * 1000).toISOString();
  }

  /** An amount in the currency's minor units → Accrue's decimal text. */
  amount(key: string, currency: string): string | undefined {
    const n = this.int(key);
    return n === undefined ? undefined : fromMinor(n, currency);
  }

  /** A nested object (`billing_address[...]`): its reader, or undefined when none was sent. */
  object(key: string): Reader | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) {
      throw wrongValue(this.name(key), "must be given as an object of fields");
    }
    return new Reader(value, this.name(key));
  }

  /** Chargebee's paging: `limit` (1 to 100, default 10) and the `offset` a list answered. */
  page(): { limit: number; offset: string | undefined } {
    return { limit: this.int("limit", 1, 100) ?? 10, offset: this.str("offset", 80) };
  }

  /** A filter that takes the `is` operator alone (`email[is]=…`); other operators are refused. */
  filterIs(key: string, max = 200): string | undefined {
    const filter = this.object(key);
    if (!filter) return undefined;
    const value = filter.str("is", max);
    filter.rejectUnread();
    return value;
  }

  /** A list of objects (`subscription_items[item_price_id][0]`): a reader per row. */
  rows(key: string, max = 250): Reader[] {
    const value = this.raw(key);
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw wrongValue(this.name(key), "must be given as a list");
    if (value.length > max) throw wrongValue(this.name(key), `can hold at most ${max} rows`);
    const rows: Reader[] = [];
    value.forEach((row, index) => {
      if (row === undefined) return;
      if (typeof row !== "object")
        throw wrongValue(`${this.name(key)}[${index}]`, "must be an object");
      rows.push(new Reader(row, `${this.name(key)}[${index}]`));
    });
    return rows;
  }

  /** A list of values (`ids[0]`). */
  values(key: string, max = 250): string[] {
    const value = this.raw(key);
    if (value === undefined) return [];
    if (typeof value === "string") return [value];
    if (!Array.isArray(value)) throw wrongValue(this.name(key), "must be given as a list");
    if (value.length > max) throw wrongValue(this.name(key), `can hold at most ${max} values`);
    return value.filter((v): v is string => typeof v === "string");
  }

  /** Refuses every parameter the resource did not read: Accrue has nothing to do with it. */
  rejectUnread(ignored: readonly string[] = []): void {
    for (const key of Object.keys(this.params)) {
      if (!this.used.has(key) && !ignored.includes(key)) throw notSupported(this.name(key));
    }
  }
}

/**
 * Chargebee's `sort_by[asc]=created_at`: Accrue's lists answer in creation order already;
 * newest first (`sort_by[desc]`) is not served.
 */
export function sortedByCreation(p: Reader): void {
  const sort = p.object("sort_by");
  if (!sort) return;
  const asc = sort.str("asc", 50);
  if (sort.has("desc")) throw notSupported("sort_by[desc]", "lists answer oldest first");
  sort.rejectUnread();
  if (asc !== undefined && asc !== "created_at") {
    throw notSupported("sort_by[asc]", "lists are sorted by created_at");
  }
}

// ---- values ------------------------------------------------------------------------------------

/** ISO 8601 → Unix seconds (Chargebee's timestamps); null stays null. */
export function unix(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** A date (`YYYY-MM-DD`) → the Unix seconds of its midnight UTC. */
export function unixDate(date: string | null | undefined): number | undefined {
  if (!date) return undefined;
  return unix(date.length === 10 ? `${date}T00:00:00Z` : date);
}

/**
 * Accrue's decimal text → the currency's minor units, exactly (`12.5` EUR → 1250; `100` JPY →
 * 100). An amount with more decimals than the currency has is refused rather than rounded.
 */
export function minor(amount: string | null | undefined, currency: string): number {
  if (amount === null || amount === undefined) return 0;
  const exponent = currencyExponent(currency);
  const scaled = new Dec(amount).times(new Dec(10).pow(exponent));
  if (!scaled.isInteger()) {
    throw new Error(`${amount} ${currency} has more decimals than the currency's minor unit`);
  }
  const n = scaled.toNumber();
  if (!Number.isSafeInteger(n))
    throw new Error(`${amount} ${currency} is too large for minor units`);
  return n;
}

/** Minor units → Accrue's decimal text (`1250` EUR → `12.50`). */
export function fromMinor(units: number, currency: string): string {
  const exponent = currencyExponent(currency);
  return new Dec(units).dividedBy(new Dec(10).pow(exponent)).toFixed(exponent);
}

/** Chargebee's `on`/`off`. */
export const onOff = (flag: boolean) => (flag ? "on" : "off");

/** Drops the keys whose value is undefined, as Chargebee leaves absent attributes out. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined && v !== null) out[key] = v;
  return out as T;
}

/** A list answer: each item wrapped by its resource name, and the offset of the next page. */
export function listOf(
  items: Array<Record<string, unknown>>,
  nextCursor: string | null | undefined,
): { list: Array<Record<string, unknown>>; next_offset?: string } {
  return nextCursor ? { list: items, next_offset: nextCursor } : { list: items };
}
