/**
 * Self-service tokens: short-lived bearer tokens scoped to one contract, for the customer
 * portal. Stored as SHA-256 hashes; validity in minutes, at most 7 days (10,080 minutes).
 */

import type { Kysely } from "kysely";
import {
  conflict,
  forbidden,
  notFound,
  unauthenticated,
  unprocessable,
} from "../../domain/errors.js";
import { PORTAL_PERMISSION } from "../../domain/operations.js";
import type { DB } from "../../storage/schema.js";
import type { Principal } from "../access/index.js";
import { generateSecret, hashSecret } from "../access/index.js";
import type { Ctx } from "../context.js";
import { findCustomer } from "../customers/index.js";

import { assertNotFrozen } from "../partners/index.js";
import { findContract } from "./contracts.repository.js";
import {
  findLiveToken,
  findTenantToken,
  insertSelfServiceToken,
  listContractTokens,
  markTokenActivated,
  revokeContractTokens,
} from "./self-service.repository.js";

export const MAX_TOKEN_VALIDITY_MINUTES = 10_080;
export const DEFAULT_TOKEN_VALIDITY_MINUTES = 60;

export type SelfServiceToken = { token: string; expires_at: string; url: string };

export async function createSelfServiceToken(
  ctx: Ctx,
  input: { contractId: string; validityMinutes?: number | undefined; publicUrl: string },
): Promise<SelfServiceToken> {
  const minutes = input.validityMinutes || DEFAULT_TOKEN_VALIDITY_MINUTES;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TOKEN_VALIDITY_MINUTES) {
    throw unprocessable(
      "invalid_token_validity",
      `token validity is 1 to ${MAX_TOKEN_VALIDITY_MINUTES} minutes (7 days)`,
      { field: "validity_minutes", max: MAX_TOKEN_VALIDITY_MINUTES },
    );
  }
  const contract = await findContract(ctx.db, ctx.tenantId, input.contractId);
  if (!contract)
    throw notFound("contract_not_found", `no contract ${input.contractId}`, {
      id: input.contractId,
    });
  const customer = await findCustomer(ctx.db, ctx.tenantId, contract.customer_id);
  if (customer) assertNotFrozen(customer);
  await ctx.guard({ kind: "contract", row: contract });
  const token = generateSecret("sst");
  // a credential: it expires by the wall clock, like API keys and access tokens
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  await insertSelfServiceToken(ctx.db, {
    token_hash: hashSecret(token),
    tenant_id: ctx.tenantId,
    contract_id: contract.id,
    expires_at: expiresAt,
  });
  ctx.audit({
    targetType: "contract",
    targetId: contract.id,
    after: { self_service_token_expires_at: expiresAt.toISOString() },
  });
  return { token, expires_at: expiresAt.toISOString(), url: `${input.publicUrl}/portal/${token}` };
}

/** The tenant and contract a live token opens, or 401. */
export async function verifySelfServiceToken(
  db: Kysely<DB>,
  token: string,
): Promise<{ tenantId: string; contractId: string; testClockNow: Date | null }> {
  const row = await findLiveToken(db, hashSecret(token));
  if (!row)
    throw unauthenticated("invalid_token", "the self-service link is unknown or has expired");
  if (row.frozen_at) {
    throw forbidden("customer_frozen", "the customer is frozen by its partner", {
      customer_id: row.customer_id,
    });
  }
  return {
    tenantId: row.tenant_id,
    contractId: row.contract_id,
    testClockNow: row.test_clock_now,
  };
}

/**
 * Resolves `Authorization: Bearer sst_…` on the portal's API to a principal acting for the
 * one contract the token opens, or 401. An unknown, expired or foreign token reveals nothing.
 */
export async function authenticatePortal(
  db: Kysely<DB>,
  authorization: string | undefined,
): Promise<Principal> {
  const match = authorization ? /^Bearer\s+(sst_\S+)\s*$/i.exec(authorization) : null;
  if (!match)
    throw unauthenticated("invalid_token", "the self-service link is unknown or has expired");
  const opened = await verifySelfServiceToken(db, match[1]!);
  return {
    tenantId: opened.tenantId,
    actor: { type: "self_service", id: opened.contractId },
    roles: [],
    permissions: new Set([PORTAL_PERMISSION]),
    testClockNow: opened.testClockNow,
    partnerId: null,
  };
}

/** A portal link as listed: an id made from its hash (never the token), and its state. */
export type PortalLink = {
  id: string;
  contract_id: string;
  status: "live" | "expired" | "revoked";
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
};

/** How many characters of a token's hash name its link. */
const LINK_ID_HASH = 24;
const linkId = (hash: string) => `ssl_${hash.slice(0, LINK_ID_HASH)}`;

/** The id a token's link is listed under (GET /v1/contracts/{id}/portal_links). */
export const portalLinkId = (token: string) => linkId(hashSecret(token));

async function contractForLinks(ctx: Ctx, contractId: string) {
  const contract = await findContract(ctx.db, ctx.tenantId, contractId);
  if (!contract) {
    throw notFound("contract_not_found", `no contract ${contractId}`, { id: contractId });
  }
  return contract;
}

/** A contract's portal links, newest first (the 100 newest). */
export async function listPortalLinks(ctx: Ctx, contractId: string): Promise<PortalLink[]> {
  const contract = await contractForLinks(ctx, contractId);
  // links expire by the wall clock, like every credential
  const now = Date.now();
  const rows = await listContractTokens(ctx.db, ctx.tenantId, contract.id, 100);
  return rows.map((r) => ({
    id: linkId(r.token_hash),
    contract_id: contract.id,
    status: r.revoked_at ? "revoked" : r.expires_at.getTime() <= now ? "expired" : "live",
    created_at: r.created_at.toISOString(),
    expires_at: r.expires_at.toISOString(),
    revoked_at: r.revoked_at ? r.revoked_at.toISOString() : null,
  }));
}

/**
 * Revokes a contract's portal link (`linkIdToRevoke`) or all its live links: the portal answers
 * them 401 from now on, as an expired link. Answers the links revoked.
 */
export async function revokePortalLinks(
  ctx: Ctx,
  contractId: string,
  linkIdToRevoke: string | undefined,
): Promise<{ revoked: string[] }> {
  const contract = await contractForLinks(ctx, contractId);
  await ctx.guard({ kind: "contract", row: contract });
  const prefix = linkIdToRevoke === undefined ? null : linkIdToRevoke.slice(4);
  const hashes = await revokeContractTokens(ctx.db, ctx.tenantId, contract.id, prefix, new Date());
  if (linkIdToRevoke !== undefined && hashes.length === 0) {
    throw notFound(
      "portal_link_not_found",
      `contract ${contract.id} has no live portal link ${linkIdToRevoke}`,
      { id: linkIdToRevoke },
    );
  }
  const revoked = hashes.map(linkId);
  ctx.audit({
    targetType: "contract",
    targetId: contract.id,
    after: { portal_links_revoked: revoked },
  });
  return { revoked };
}

/** A portal link activated by the merchant: the contract and customer it opens. */
export type ActivatedPortalLink = {
  id: string;
  contract_id: string;
  customer_id: string;
  status: "activated";
  activated_at: string;
  expires_at: string;
};

/**
 * Activates a live portal link by its token, once (Chargebee's portal session activate): the
 * merchant's site learns which contract and customer the link opens. An unknown, expired or
 * revoked link is 404 `portal_link_not_found`, one activated before 409.
 */
export async function activatePortalLink(ctx: Ctx, token: string): Promise<ActivatedPortalLink> {
  const hash = hashSecret(token);
  const row = await findTenantToken(ctx.db, ctx.tenantId, hash);
  // links expire by the wall clock, like every credential
  const now = new Date();
  if (!row || row.revoked_at || row.expires_at <= now) {
    throw notFound("portal_link_not_found", "no live portal link has this token", {});
  }
  const id = linkId(hash);
  if (row.activated_at) {
    throw conflict("portal_link_already_activated", `portal link ${id} was activated before`, {
      id,
      activated_at: row.activated_at.toISOString(),
    });
  }
  const contract = await contractForLinks(ctx, row.contract_id);
  await ctx.guard({ kind: "contract", row: contract });
  await markTokenActivated(ctx.db, ctx.tenantId, hash, now);
  ctx.audit({
    targetType: "contract",
    targetId: contract.id,
    after: { portal_link_activated: id },
  });
  return {
    id,
    contract_id: contract.id,
    customer_id: contract.customer_id,
    status: "activated",
    activated_at: now.toISOString(),
    expires_at: row.expires_at.toISOString(),
  };
}
