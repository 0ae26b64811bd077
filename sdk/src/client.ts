/**
 * The client alone, without the webhook helper's node:crypto: what a browser bundle imports
 * (`@accrue/sdk/client`). See index.ts for the whole SDK.
 */
import createFetchClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
} from "openapi-fetch";
import { AccrueApiError } from "./errors.js";
import { type Fetch, retryingFetch } from "./retry.js";
import type { components, operations, paths } from "./schema.js";

export {
  AccrueApiError,
  isAccrueApiError,
  parseRetryAfter,
  UNEXPECTED_RESPONSE,
} from "./errors.js";
export type { Fetch } from "./retry.js";
export type { components, operations, paths } from "./schema.js";

type Media = `${string}/${string}`;

/** The underlying openapi-fetch client: answers `{ data, error, response }` and never throws. */
export type RawClient = Client<paths, Media>;

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";

type PathsWith<M extends HttpMethod> = ClientPathsWithMethod<RawClient, M>;

type RequiredKeysOfHelper<T> = {
  // biome-ignore lint/complexity/noBannedTypes: `{}` is what an all-optional object extends
  [K in keyof T]: {} extends Pick<T, K> ? never : K;
}[keyof T];
type RequiredKeysOf<T> =
  RequiredKeysOfHelper<T> extends undefined ? never : RequiredKeysOfHelper<T>;

/** The options argument: optional when the operation needs no parameters and no body. */
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];

/** A successful answer's typed body. */
export type Data<Operation, Init = object> =
  Operation extends Record<string | number, unknown>
    ? NonNullable<FetchResponse<Operation, Init, Media>["data"]>
    : never;

/** A successful answer: `data` is the typed body (errors are thrown as AccrueApiError). */
export type Success<Operation, Init = object> = { data: Data<Operation, Init>; response: Response };

export type Method<M extends HttpMethod> = <
  P extends PathsWith<M>,
  Init extends MaybeOptionalInit<paths[P], M>,
>(
  url: P,
  ...init: InitParam<Init>
) => Promise<Success<paths[P][M], Init>>;

type Page = { data: unknown[]; has_more: boolean; next_cursor: string | null };
type GetBody<P extends PathsWith<"get">> = Data<paths[P]["get"]>;

/** The GET paths that answer a cursor-paginated list. */
export type ListPath = {
  [P in PathsWith<"get">]: GetBody<P> extends Page ? P : never;
}[PathsWith<"get">];

/** What one list path yields, item by item. */
export type ListItem<P extends ListPath> = GetBody<P> extends { data: (infer T)[] } ? T : never;

export type AccrueClient = {
  GET: Method<"get">;
  POST: Method<"post">;
  PUT: Method<"put">;
  PATCH: Method<"patch">;
  DELETE: Method<"delete">;
  /**
   * Every item of a list, fetching page after page (`limit` per page, default 20) while the
   * server says there are more. Filters go in `params.query` as for GET.
   */
  paginate<P extends ListPath, Init extends MaybeOptionalInit<paths[P], "get">>(
    url: P,
    ...init: InitParam<Init>
  ): AsyncGenerator<ListItem<P>, void, undefined>;
  /** The openapi-fetch client underneath (same transport): `{ data, error }`, no throwing. */
  raw: RawClient;
};

export type ClientOptions = {
  /** Where Accrue is served, e.g. `https://billing.example.com`. */
  baseUrl: string;
  /** An API key (`ak_…`) or an OAuth access token (`at_…`), sent as a bearer token. */
  apiKey?: string;
  /** The fetch to send requests with (default: the global fetch). */
  fetch?: Fetch;
  /** Retries after the first attempt on 429, 5xx and network failures (default 2; 0: none). */
  retries?: number;
  /** The first retry's backoff in ms (default 500); each further one doubles. */
  retryDelayMs?: number;
  /**
   * The longest wait before a retry in ms (default 8000). A `Retry-After` asking for longer
   * is not waited for: the error is thrown.
   */
  maxRetryDelayMs?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
};

type AnyInit = { params?: { query?: Record<string, unknown> } } & Record<string, unknown>;
type Call = (
  url: string,
  init?: AnyInit,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export function createClient(options: ClientOptions): AccrueClient {
  const base: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));
  const raw = createFetchClient<paths, Media>({
    baseUrl: options.baseUrl,
    headers: {
      ...options.headers,
      ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
    },
    fetch: retryingFetch(base, {
      retries: options.retries ?? 2,
      minDelayMs: options.retryDelayMs ?? 500,
      maxDelayMs: options.maxRetryDelayMs ?? 8000,
      random: Math.random,
    }),
  });

  const throwing = (call: Call): Call => {
    return async (url, init) => {
      const result = await call(url, init);
      if (!result.response.ok) throw new AccrueApiError(result.response, result.error);
      return result;
    };
  };
  const get = throwing(raw.GET as unknown as Call);

  async function* paginate(url: string, init?: AnyInit): AsyncGenerator<unknown, void, undefined> {
    let cursor: string | undefined;
    for (;;) {
      const query = { ...init?.params?.query, ...(cursor === undefined ? {} : { cursor }) };
      const { data } = await get(url, { ...init, params: { ...init?.params, query } });
      const page = data as Page;
      yield* page.data;
      if (!page.has_more || page.next_cursor === null) return;
      cursor = page.next_cursor;
    }
  }

  return {
    GET: get as unknown as Method<"get">,
    POST: throwing(raw.POST as unknown as Call) as unknown as Method<"post">,
    PUT: throwing(raw.PUT as unknown as Call) as unknown as Method<"put">,
    PATCH: throwing(raw.PATCH as unknown as Call) as unknown as Method<"patch">,
    DELETE: throwing(raw.DELETE as unknown as Call) as unknown as Method<"delete">,
    paginate: paginate as AccrueClient["paginate"],
    raw,
  };
}

/** A resource as Accrue answers it, by schema name: `Schema<"Customer">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

/** An operation's JSON request body, by operation id: `RequestBody<"customers.create">`. */
export type RequestBody<Id extends keyof operations> = operations[Id] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;
