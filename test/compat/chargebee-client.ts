/**
 * Chargebee's official Node client (`chargebee` 3.x from the npm registry), unmodified,
 * pointed at a test server: the site is the server's loopback address, plain HTTP, its port.
 */
import Chargebee from "chargebee";
import type { TestServer } from "../server.js";

export function chargebeeClient(server: TestServer, apiKey = server.tenant.api_key): Chargebee {
  const { hostname, port } = new URL(server.url);
  return new Chargebee({
    site: hostname,
    hostSuffix: "",
    protocol: "http",
    port: Number(port),
    apiKey,
  } as ConstructorParameters<typeof Chargebee>[0]);
}

/** What the client throws for a refused request: Chargebee's error attributes. */
export async function refusal(promise: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, any>;
  }
  throw new Error("the request was expected to be refused");
}
