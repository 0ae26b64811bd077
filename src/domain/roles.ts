/**
 * Built-in roles. A role is a set of permission codes; "*" holds every code. Credentials
 * (API keys, OAuth clients) hold roles; what they may do is the union of their roles' codes.
 */
import { allPermissionCodes } from "./operations.js";

export const BUILT_IN_ROLES = ["admin", "read_only", "finance", "partner_operator"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

export function roleCodes(role: string): readonly string[] {
  switch (role) {
    case "admin":
      return ["*"];
    case "read_only":
      return allPermissionCodes().filter((c) => c.endsWith(":read"));
    case "finance":
      // reads everything; bills, issues and corrects documents, records money
      return allPermissionCodes().filter(
        (c) =>
          c.endsWith(":read") || ["billing:write", "invoices:write", "payments:write"].includes(c),
      );
    case "partner_operator":
      // looks after customers and what they order
      return allPermissionCodes().filter((c) =>
        [
          "customers:read",
          "customers:write",
          "orders:read",
          "orders:write",
          "contracts:read",
          "subscription_actions:read",
          "subscription_actions:write",
          "usage:read",
          "invoices:read",
          "payments:read",
          "catalog:read",
        ].includes(c),
      );
    default:
      return [];
  }
}

export function isKnownRole(role: string): boolean {
  return (BUILT_IN_ROLES as readonly string[]).includes(role);
}

/**
 * What a holder of `roles` may do: the built-in roles' codes and `custom`, the codes of the
 * tenant's own roles among them (looked up with the credential).
 */
export function permissionsOf(
  roles: readonly string[],
  custom: readonly string[] = [],
): Set<string> {
  const held = new Set<string>(custom);
  for (const role of roles) for (const code of roleCodes(role)) held.add(code);
  return held;
}
