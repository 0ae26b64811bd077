import { describe, expect, it } from "vitest";
import { compileTemplate, renderTemplate, TemplateError } from "./template.js";

const render = (source: string, data: Record<string, unknown>, html = false) =>
  renderTemplate(compileTemplate(source), data, { html });

describe("message templates", () => {
  it("fills values by path, escaping them in HTML only", () => {
    const data = { customer: { name: `Müller & <Söhne> "GmbH"` }, n: 3 };
    expect(render("Hello {{ customer.name }} ({{n}})", data)).toBe(
      `Hello Müller & <Söhne> "GmbH" (3)`,
    );
    expect(render("<p>{{customer.name}}</p>", data, true)).toBe(
      "<p>Müller &amp; &lt;Söhne&gt; &quot;GmbH&quot;</p>",
    );
  });

  it("shows a section only when its value is set, else its else branch", () => {
    const t = "a{{#if x}}[{{x}}]{{else}}-{{/if}}b";
    expect(render(t, { x: "1" })).toBe("a[1]b");
    expect(render(t, { x: "" })).toBe("a-b");
    expect(render(t, {})).toBe("a-b");
  });

  it("reads own properties only: no prototype, no functions run", () => {
    expect(render("{{constructor}}{{a.toString}}{{__proto__}}", { a: {} })).toBe("");
    let called = false;
    const f = () => {
      called = true;
      return "x";
    };
    expect(render("{{f}}", { f })).toBe("");
    expect(called).toBe(false);
  });

  it("refuses a template that does not compile, naming the line", () => {
    const cases: [string, number, RegExp][] = [
      ["ok\n{{#if a}}\nnever closed", 2, /never closed/],
      ["a\nb\n{{/if}}", 3, /without an/],
      ["{{ a + b }}", 1, /not a value name/],
      ["line\n{{#each a}}{{/each}}", 2, /unknown directive/],
      ["x\ny {{ a", 2, /unclosed/],
      ["{{else}}", 1, /outside/],
    ];
    for (const [source, line, message] of cases) {
      let error: unknown;
      try {
        compileTemplate(source);
      } catch (e) {
        error = e;
      }
      expect(error, source).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).line, source).toBe(line);
      expect((error as TemplateError).message, source).toMatch(message);
    }
  });
});
