import { describe, expect, it } from "vitest";
import { toJson } from "./json.js";

describe("toJson", () => {
  it("writes bigints anywhere as decimal strings, never as lossy numbers", () => {
    expect(toJson({ a: 2n ** 64n, b: [1n, { c: -5n }], d: "x" })).toBe(
      '{"a":"18446744073709551616","b":["1",{"c":"-5"}],"d":"x"}',
    );
  });

  it("writes everything else as JSON.stringify does", () => {
    const value = { s: 'q"uote\\', n: 1.5, z: null, u: undefined, t: new Date(0), l: [true] };
    expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it("still refuses a cycle", () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => toJson(a)).toThrow(TypeError);
  });
});
