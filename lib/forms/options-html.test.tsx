import fc from "fast-check";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { escapeHtml, optionsHtml } from "./options-html";
import { packTimeZones, unpackTimeZones } from "./time-zones";

/** The options React's server render writes for a select with `defaultValue`, as elements. */
function reactOptions(placeholder: string, options: { value: string; label: string }[], selected: string): string {
  const html = renderToStaticMarkup(
    <select defaultValue={selected} onChange={() => undefined}>
      <option value="">{placeholder}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>,
  );
  return html.replace(/^<select>/, "").replace(/<\/select>$/, "");
}

describe("a select's options as HTML", () => {
  it("is the HTML React renders for the same options, with the default selected", () => {
    const zones = unpackTimeZones(packTimeZones(Intl.supportedValuesOf("timeZone").map((zone, i) => ({ zone, offset: i % 2 ? "UTC−3" : "UTC+5:30" }))));
    expect(optionsHtml("Choose your time zone", zones, "America/Chicago")).toBe(reactOptions("Choose your time zone", zones, "America/Chicago"));
    expect(optionsHtml("Choose your time zone", zones, "")).toBe(reactOptions("Choose your time zone", zones, ""));
    expect(optionsHtml("Choose", zones, "America/Chicago")).toContain('<option value="America/Chicago" selected="">America/Chicago (UTC');
  });

  it("escapes any text as React does", () => {
    const text = fc.string({ unit: fc.constantFrom("a", " ", "&", "<", ">", '"', "'", "−", "é", "/") });
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ value: text, label: text }), { selector: (o) => o.value }), text, text, (options, placeholder, pick) => {
        const selected = options.length > 0 && pick.length % 2 ? options[pick.length % options.length].value : pick;
        const withoutEmpty = options.filter((o) => o.value !== "");
        expect(optionsHtml(placeholder, withoutEmpty, selected)).toBe(reactOptions(placeholder, withoutEmpty, selected));
      }),
    );
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;");
  });
});
