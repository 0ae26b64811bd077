/**
 * Portal links over HTTP: a contract lists its links (never their tokens) and revokes one or
 * all of them; a revoked link opens nothing any more, like an expired one, while the others
 * still work.
 */
import { beforeAll, expect, it } from "vitest";
import { billingTenant } from "../billing-tenant.js";
import { describeServer } from "../server.js";

describeServer("portal links", (t) => {
  let api: Awaited<ReturnType<typeof billingTenant>>;
  let contract: string;
  const portal = (token: string) =>
    fetch(`${t.server.url}/portal/api/overview`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    api = await billingTenant(t.server, "Portal links", "2026-01-01T00:00:00Z");
    const { plan } = await api.plan();
    const variant = await api.variant(plan, {
      internal_name: "Monthly",
      recurring_fee: "30",
      fee_period: { unit: "month", count: 1 },
    });
    contract = await api.signup(await api.customer(), variant);
  });

  it("lists a contract's links and revokes one: it opens nothing any more, the other still works", async () => {
    const first = await api.post(`/v1/contracts/${contract}/self_service_token`, {});
    const second = await api.post(`/v1/contracts/${contract}/self_service_token`, {});
    expect((await portal(first.token)).status).toBe(200);
    const links = (await api.get(`/v1/contracts/${contract}/portal_links`)).data;
    expect(links).toHaveLength(2);
    expect(links.map((l: any) => l.status)).toEqual(["live", "live"]);
    for (const l of links) expect(l.id).toMatch(/^ssl_[0-9a-f]{24}$/);
    // a link's id is no token: it opens nothing
    expect(JSON.stringify(links)).not.toContain(first.token);
    expect((await portal(links[0].id)).status).toBe(401);
    // the list never says which token a link is: revoking the first listed stops exactly one
    const res = await api.post(`/v1/contracts/${contract}/portal_links/revoke`, {
      link_id: links[0].id,
    });
    expect(res.revoked).toEqual([links[0].id]);
    const statuses = [(await portal(first.token)).status, (await portal(second.token)).status];
    expect(statuses.sort()).toEqual([200, 401]);
    const after = (await api.get(`/v1/contracts/${contract}/portal_links`)).data;
    expect(after.find((l: any) => l.id === links[0].id)).toMatchObject({ status: "revoked" });
    expect(after.find((l: any) => l.id === links[0].id).revoked_at).not.toBeNull();
    const again = await api.request("POST", `/v1/contracts/${contract}/portal_links/revoke`, {
      link_id: links[0].id,
    });
    expect([again.status, again.body.error.code]).toEqual([404, "portal_link_not_found"]);
  });

  it("revokes every live link of the contract at once", async () => {
    const third = await api.post(`/v1/contracts/${contract}/self_service_token`, {});
    const res = await api.post(`/v1/contracts/${contract}/portal_links/revoke`);
    expect(res.revoked).toHaveLength(2);
    expect((await portal(third.token)).status).toBe(401);
    const links = (await api.get(`/v1/contracts/${contract}/portal_links`)).data;
    expect(links.map((l: any) => l.status)).toEqual(["revoked", "revoked", "revoked"]);
    const none = await api.request("GET", "/v1/contracts/con_nope/portal_links");
    expect([none.status, none.body.error.code]).toEqual([404, "contract_not_found"]);
  });
});
