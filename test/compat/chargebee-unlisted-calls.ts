/**
 * Chargebee operations its Node client (3.33) has no method for, sent through the client's own
 * request machinery: the endpoint is declared as the client's table of endpoints declares its
 * own (`[method name, HTTP method, path prefix, path suffix, id in the path, …]`), so the
 * request is encoded, authenticated and its refusals parsed exactly as for a listed call.
 */
import type Chargebee from "chargebee";

type ApiFunc = (...args: unknown[]) => Promise<Record<string, any>>;
type Internals = {
  _env: Record<string, unknown>;
  _createApiFunc: (call: Record<string, unknown>, env: Record<string, unknown>) => ApiFunc;
};

function unlisted(cb: Chargebee, resource: string, name: string, prefix: string, suffix: string) {
  const client = cb as unknown as Internals;
  return client._createApiFunc(
    {
      resource,
      methodName: name,
      httpMethod: "POST",
      urlPrefix: prefix,
      urlSuffix: suffix,
      hasIdInUrl: true,
      isListReq: false,
      subDomain: null,
      isJsonRequest: false,
      jsonKeys: {},
      options: { isIdempotent: true },
    },
    client._env,
  );
}

/** `POST /transactions/{id}/sync`: Chargebee's sync of a transaction with its gateway. */
export function syncTransaction(cb: Chargebee, id: string): Promise<Record<string, any>> {
  return unlisted(cb, "transaction", "syncTransaction", "/transactions", "/sync")(id);
}
