import { createHmac } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { AccrueError } from "../../domain/errors.js";
import { newSigningKey, signDownloadToken, verifyDownloadToken } from "./download-link.js";

const key = newSigningKey();
const expiresAt = new Date("2026-03-01T12:00:00Z");
const claims = { tenantId: "ten_01", documentId: "inv_01", expiresAt };
const before = new Date("2026-03-01T11:59:59Z");

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");
const json = (value: unknown) => b64url(JSON.stringify(value));

/** The rejection a verification ends in: an AccrueError of this code, a 401. */
async function expectRejected(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccrueError);
  expect(error).toMatchObject({ kind: "unauthenticated", code });
}

/** A token with this header and payload, HMAC-SHA256-signed with `secret`. */
function handMade(header: unknown, payload: unknown, secret: Uint8Array = key): string {
  const input = `${json(header)}.${json(payload)}`;
  return `${input}.${b64url(createHmac("sha256", secret).update(input).digest())}`;
}

const validPayload = {
  tid: "ten_01",
  sub: "inv_01",
  aud: "accrue:document-download",
  exp: expiresAt.getTime() / 1000,
};

describe("download links", () => {
  it("carry the tenant and the document until they expire", async () => {
    const token = await signDownloadToken(key, claims);
    expect(token.split(".")).toHaveLength(3);
    expect(await verifyDownloadToken(key, token, before)).toEqual({
      tenantId: "ten_01",
      documentId: "inv_01",
    });
  });

  it("judge expiry by the injected time, not the system clock", async () => {
    const long = new Date("2001-01-01T00:00:00Z");
    const token = await signDownloadToken(key, { ...claims, expiresAt: long });
    expect(await verifyDownloadToken(key, token, new Date("2000-12-31T23:59:59Z"))).toEqual({
      tenantId: "ten_01",
      documentId: "inv_01",
    });
    const far = await signDownloadToken(key, { ...claims, expiresAt: new Date("2999-01-01") });
    await expectRejected(
      verifyDownloadToken(key, far, new Date("2999-01-01T00:00:01Z")),
      "download_link_expired",
    );
  });

  it("expire at the expiry instant", async () => {
    const token = await signDownloadToken(key, claims);
    await expectRejected(verifyDownloadToken(key, token, expiresAt), "download_link_expired");
    await expectRejected(
      verifyDownloadToken(key, token, new Date("2026-03-02T00:00:00Z")),
      "download_link_expired",
    );
  });

  it("reject a token whose payload was changed", async () => {
    const [header, , signature] = (await signDownloadToken(key, claims)).split(".");
    const other = json({ ...validPayload, tid: "ten_02" });
    await expectRejected(
      verifyDownloadToken(key, `${header}.${other}.${signature}`, before),
      "invalid_download_link",
    );
    // A later expiry, too: tampering is reported as tampering, never as expiry.
    const extended = json({ ...validPayload, exp: validPayload.exp + 86_400 });
    await expectRejected(
      verifyDownloadToken(key, `${header}.${extended}.${signature}`, expiresAt),
      "invalid_download_link",
    );
  });

  it("reject a token whose signature was changed", async () => {
    const token = await signDownloadToken(key, claims);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const bytes = Buffer.from(signature, "base64url");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expectRejected(
      verifyDownloadToken(key, `${header}.${payload}.${b64url(bytes)}`, before),
      "invalid_download_link",
    );
    await expectRejected(
      verifyDownloadToken(key, `${header}.${payload}.`, before),
      "invalid_download_link",
    );
  });

  it("reject a token signed with another key, even an expired one", async () => {
    const token = await signDownloadToken(newSigningKey(), claims);
    await expectRejected(verifyDownloadToken(key, token, before), "invalid_download_link");
    await expectRejected(verifyDownloadToken(key, token, expiresAt), "invalid_download_link");
  });

  it("reject an unsigned token (alg: none)", async () => {
    const token = `${json({ alg: "none", typ: "JWT" })}.${json(validPayload)}.`;
    await expectRejected(verifyDownloadToken(key, token, before), "invalid_download_link");
  });

  it("reject another algorithm, even with the right key", async () => {
    const hs512 = await new SignJWT({ tid: "ten_01" })
      .setProtectedHeader({ alg: "HS512" })
      .setSubject("inv_01")
      .setAudience("accrue:document-download")
      .setExpirationTime(validPayload.exp)
      .sign(key);
    await expectRejected(verifyDownloadToken(key, hs512, before), "invalid_download_link");
    // An HS256 signature under a header that claims HS384.
    await expectRejected(
      verifyDownloadToken(key, handMade({ alg: "HS384" }, validPayload), before),
      "invalid_download_link",
    );
  });

  it("accept a correctly hand-made token (the helper below is sound)", async () => {
    expect(
      await verifyDownloadToken(key, handMade({ alg: "HS256" }, validPayload), before),
    ).toEqual({ tenantId: "ten_01", documentId: "inv_01" });
  });

  it("reject a properly signed token that is no download link", async () => {
    const cases: Record<string, unknown> = {
      "another audience": { ...validPayload, aud: "accrue:portal" },
      "no audience": { ...validPayload, aud: undefined },
      "no expiry": { ...validPayload, exp: undefined },
      "no tenant": { ...validPayload, tid: undefined },
      "no document": { ...validPayload, sub: undefined },
      "an empty tenant": { ...validPayload, tid: "" },
      "a numeric tenant": { ...validPayload, tid: 7 },
      "a string expiry": { ...validPayload, exp: "2026-03-01" },
    };
    for (const [name, payload] of Object.entries(cases)) {
      const token = handMade({ alg: "HS256", typ: "JWT" }, payload);
      await expectRejected(verifyDownloadToken(key, token, before), "invalid_download_link").catch(
        (e: unknown) => {
          throw new Error(`${name}: ${String(e)}`);
        },
      );
    }
  });

  it("reject malformed tokens", async () => {
    const signature = b64url("x".repeat(32));
    const malformed = [
      "",
      "not-a-token",
      "a.b",
      "a.b.c",
      "a.b.c.d.e",
      `${json({ alg: "HS256" })}.not json.${signature}`,
      `${b64url("{")}.${json(validPayload)}.${signature}`,
      `${json({ alg: "HS256" })}.${b64url("[1,2]")}.${signature}`,
      `${json({ alg: "HS256", crit: ["b64"], b64: false })}.${json(validPayload)}.${signature}`,
      ` ${handMade({ alg: "HS256" }, validPayload)}`,
    ];
    for (const token of malformed) {
      await expectRejected(verifyDownloadToken(key, token, before), "invalid_download_link").catch(
        (e: unknown) => {
          throw new Error(`${JSON.stringify(token)}: ${String(e)}`);
        },
      );
    }
  });

  it("use fresh 32-byte keys and refuse short ones", async () => {
    const a = newSigningKey();
    const b = newSigningKey();
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a.byteLength).toBe(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    await expect(signDownloadToken(new Uint8Array(16), claims)).rejects.toThrow(TypeError);
    await expect(verifyDownloadToken(new Uint8Array(0), "a.b.c", before)).rejects.toThrow(
      TypeError,
    );
  });
});
