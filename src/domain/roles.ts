/**
 * Built-in roles. A role is a set of permission codes; "*" holds every code. Credentials
 * (API keys, OAuth clients) hold roles; what they may do is the union of their roles' codes.
 */
import { allPermissionCodes } from "./operations.js";

export const BUILT_IN_ROLES = ["admin", "read_only"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

export function roleCodes(role: string): readonly string[] {
  switch (role) {
    case "admin":
      return ["*"];
    case "read_only":
      return allPermissionCodes().filter((c) => c.endsWith(":read"));
    default:
      return [];
  }
}

export function isKnownRole(role: string): boolean {
  return (BUILT_IN_ROLES as readonly string[]).includes(role);
}

export function permissionsOf(roles: readonly string[]): Set<string> {
  const held = new Set<string>();
  for (const role of roles) for (const code of roleCodes(role)) held.add(code);
  return held;
}
