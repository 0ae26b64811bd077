import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  MESSAGE_LINK_DAYS,
  messageLinkExpiry,
  signMessageLink,
  verifyMessageLink,
  withDownloadLink,
} from "./attachment-link.js";
import type { MessageRow } from "./messages.repository.js";

const key = new Uint8Array(randomBytes(32));
const expiresAt = new Date("2026-04-01T00:00:00Z");
const before = new Date("2026-03-31T23:59:00Z");
const claims = { tenantId: "ten_1", messageId: "msg_1", expiresAt };

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return { kind: (e as { kind: string }).kind, code: (e as { code: string }).code };
  }
  throw new Error("not refused");
}

describe("message download links", () => {
  it("a link names its tenant and message until it expires", async () => {
    const token = await signMessageLink(key, claims);
    expect(await verifyMessageLink(key, token, before)).toEqual({
      tenantId: "ten_1",
      messageId: "msg_1",
    });
    // the same claims sign the same link: a copy sent again carries it
    expect(await signMessageLink(key, claims)).toBe(token);
  });

  it("an expired link is gone (410 message_link_expired)", async () => {
    const token = await signMessageLink(key, claims);
    expect(await refusal(verifyMessageLink(key, token, new Date("2026-04-01T00:00:01Z")))).toEqual({
      kind: "gone",
      code: "message_link_expired",
    });
  });

  it("a forged, altered or foreign link is refused (403 message_link_invalid)", async () => {
    const token = await signMessageLink(key, claims);
    const invalid = { kind: "forbidden", code: "message_link_invalid" };
    const other = new Uint8Array(randomBytes(32));
    expect(await refusal(verifyMessageLink(other, token, before))).toEqual(invalid);
    const [h, p, s] = token.split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    const altered = Buffer.from(JSON.stringify({ ...payload, sub: "msg_2" })).toString("base64url");
    expect(await refusal(verifyMessageLink(key, `${h}.${altered}.${s}`, before))).toEqual(invalid);
    expect(await refusal(verifyMessageLink(key, "not-a-token", before))).toEqual(invalid);
    // an expired forgery is invalid, not expired: the signature is checked first
    expect(
      await refusal(verifyMessageLink(other, token, new Date("2027-01-01T00:00:00Z"))),
    ).toEqual(invalid);
    // a document download link signed with the same key is no message link
    const download = await new SignJWT({ tid: "ten_1" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("msg_1")
      .setAudience("accrue:document-download")
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(key);
    expect(await refusal(verifyMessageLink(key, download, before))).toEqual(invalid);
    // alg none
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${p}.`;
    expect(await refusal(verifyMessageLink(key, none, before))).toEqual(invalid);
  });

  it(`links work for ${MESSAGE_LINK_DAYS} days after the message was composed`, () => {
    expect(messageLinkExpiry(new Date("2026-03-01T10:00:00Z")).toISOString()).toBe(
      "2026-03-31T10:00:00.000Z",
    );
  });

  it("the message gains a paragraph with the link in its language, the HTML escaped", () => {
    const message = {
      language: "de",
      body_text: "Guten Tag,\n\nanbei Ihre Rechnung.\n",
      body_html: '<!DOCTYPE html>\n<html lang="de">\n<body>\n<p>Guten Tag,</p>\n</body>\n</html>\n',
    } as MessageRow;
    const url = "https://billing.example/v1/message_attachments/a.b.c?x=1&y=2";
    const linked = withDownloadLink(message, {
      url,
      filename: "INV-000042.pdf",
      expiresAt: new Date("2026-03-31T10:00:00Z"),
    });
    expect(linked.body_text).toBe(
      `Guten Tag,\n\nanbei Ihre Rechnung.\n\nIhr Dokument INV-000042.pdf ist zu groß für einen Anhang. Sie können es bis 31. März 2026 hier herunterladen:\n${url}\n`,
    );
    expect(linked.body_html).toBe(
      '<!DOCTYPE html>\n<html lang="de">\n<body>\n<p>Guten Tag,</p>\n' +
        '<p>Ihr Dokument INV-000042.pdf ist zu groß für einen Anhang. Sie können es bis 31. März 2026 hier herunterladen:<br><a href="https://billing.example/v1/message_attachments/a.b.c?x=1&amp;y=2">https://billing.example/v1/message_attachments/a.b.c?x=1&amp;y=2</a></p>\n' +
        "</body>\n</html>\n",
    );
    // a language without its own wording gets English; HTML without a body gets it appended
    const english = withDownloadLink(
      { ...message, language: "it", body_html: "<p>Ciao</p>" },
      { url, filename: "X.pdf", expiresAt: new Date("2026-03-31T10:00:00Z") },
    );
    expect(english.body_text).toContain(
      "Your document X.pdf is too large to attach. Download it until March 31, 2026:",
    );
    expect(english.body_html.startsWith("<p>Ciao</p>\n<p>Your document")).toBe(true);
  });
});
