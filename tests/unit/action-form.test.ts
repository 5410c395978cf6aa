import { describe, expect, it } from "vitest";
import { actionFormFields, decodeHtml } from "../helpers/action-form";

const page = `
<form role="search" action="/search"><input type="hidden" name="q" value="x"/></form>
<form action="" method="POST"><input type="hidden" name="$ACTION_REF_1"/><input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;abc&quot;}"/>
<input type="hidden" name="submissionToken" value="t-1"/><input type="email" name="email" value=""/><button>Subscribe</button></form>
<form action="" method="POST"><input type="hidden" name="$ACTION_ID_def"/><input type="password" name="password"/></form>`;

describe("actionFormFields", () => {
  it("reads the hidden inputs of the first form with a Server Action, decoded", () => {
    expect(actionFormFields(page)).toEqual([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", '{"id":"abc"}'],
      ["submissionToken", "t-1"],
    ]);
  });

  it("picks the first such form that matches, and throws when none does", () => {
    expect(actionFormFields(page, /name="password"/)).toEqual([["$ACTION_ID_def", ""]]);
    expect(() => actionFormFields(page, /Sign out/)).toThrow(/No form with Server Action fields/);
  });

  it("decodes the entities React writes", () => {
    expect(decodeHtml("&lt;a href=&quot;/x?a=1&amp;b=2&quot;&gt;it&#x27;s&lt;/a&gt;")).toBe(`<a href="/x?a=1&b=2">it's</a>`);
  });
});
