/**
 * Signed document links: a URL that opens one issued document's PDF without credentials until
 * it expires by the tenant's clock (tokens in download-link.ts, keys per tenant in
 * signing-keys.repository.ts).
 */
import { decodeJwt } from "jose";
import type { Kysely } from "kysely";
import type { Clock } from "../../domain/clock.js";
import { notFound } from "../../domain/errors.js";
import type { DB } from "../../storage/schema.js";
import { clockFor } from "../clock/index.js";
import type { Ctx } from "../context.js";
import { findTenant } from "../tenants/index.js";
import { getInvoice } from "./documents.js";
import { signDownloadToken, verifyDownloadToken } from "./download-link.js";
import { existingSigningKey, signingKey } from "./signing-keys.repository.js";

/** How long a download link works. */
export const DOWNLOAD_LINK_MINUTES = 60;
const PDF_KEY = "document_download";

/** A link to one of the caller's documents (404 when it is not one). */
export async function createDownloadLink(
  ctx: Ctx,
  id: string,
  publicUrl: string,
): Promise<{ url: string; expires_at: string }> {
  await getInvoice(ctx, id);
  const { links, expiresAt } = await signLinks(ctx, [id], publicUrl);
  return { url: links.get(id)!, expires_at: expiresAt.toISOString() };
}

/** Links for documents the caller already holds (ids read from its tenant), one key lookup. */
export async function createDownloadLinks(
  ctx: Ctx,
  ids: readonly string[],
  publicUrl: string,
): Promise<Map<string, string>> {
  return (await signLinks(ctx, ids, publicUrl)).links;
}

async function signLinks(ctx: Ctx, ids: readonly string[], publicUrl: string) {
  const key = await signingKey(ctx.db, ctx.tenantId, PDF_KEY);
  const expiresAt = new Date(ctx.clock.now().epochMilliseconds + DOWNLOAD_LINK_MINUTES * 60_000);
  const links = new Map<string, string>();
  for (const documentId of ids) {
    const token = await signDownloadToken(key, { tenantId: ctx.tenantId, documentId, expiresAt });
    links.set(documentId, `${publicUrl}/v1/documents/${token}`);
  }
  return { links, expiresAt };
}

/** Checks a download token against its tenant's key and clock; the tenant's clock with it. */
export async function verifyLink(
  db: Kysely<DB>,
  token: string,
): Promise<{ tenantId: string; documentId: string; clock: Clock }> {
  let tenantId: unknown;
  try {
    tenantId = decodeJwt(token).tid;
  } catch {
    tenantId = undefined;
  }
  const tenant = typeof tenantId === "string" ? await findTenant(db, tenantId) : undefined;
  const key = tenant ? await existingSigningKey(db, tenant.id, PDF_KEY) : undefined;
  if (!tenant || !key) throw notFound("invalid_download_link", "the download link is not valid");
  const clock = clockFor(tenant.test_clock_now);
  const claims = await verifyDownloadToken(key, token, new Date(clock.now().epochMilliseconds));
  return { ...claims, clock };
}
