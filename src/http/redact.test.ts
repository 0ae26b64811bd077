import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact.js";

describe("redactUrl", () => {
  it("cuts credentials out of queries and paths, and leaves the rest", () => {
    expect(redactUrl("/crmapi/rest/v2/x?token=abc&b=1")).toBe("/crmapi/rest/v2/x?token=…&b=1");
    expect(redactUrl("/api/v1/Customers?access_token=at_x")).toBe(
      "/api/v1/Customers?access_token=…",
    );
    expect(redactUrl("/portal/sst_secret")).toBe("/portal/…");
    expect(redactUrl("/PORTAL/sst_secret?x=1")).toBe("/PORTAL/…?x=1");
    expect(redactUrl("/v1/documents/eyJ.hdr.sig")).toBe("/v1/documents/…");
    expect(redactUrl("/portal/payment_return/eyJ.a.b")).toBe("/portal/payment_return/…");
    expect(redactUrl("/portal/payment_method_return/eyJ.a.b?cancelled=true")).toBe(
      "/portal/payment_method_return/…?cancelled=true",
    );
    expect(redactUrl("/portal/api/overview")).toBe("/portal/api/overview");
    expect(redactUrl("/v1/customers/cus_1")).toBe("/v1/customers/cus_1");
  });
});
