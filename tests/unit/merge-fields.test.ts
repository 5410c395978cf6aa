import { describe, expect, it } from "vitest";
import { fillMergeFields, mergeFieldProblem, mergeValues, MERGE_FIELDS } from "@/lib/email/merge-fields";
import { renderEmail } from "@/lib/email/render";
import { fillMessage, timelineDetail } from "@/lib/console/lead-email";

const ALLOWED = "{{first_name}}, {{last_name}}, {{program}}, {{advisor_name}}, {{advisor_signature}}";
const values = mergeValues({ leadName: "Omar  Al Haddad", programName: "Data Analytics", advisorName: "Dana Whitfield", advisorSignature: "Dana\nAdmissions" });

describe("merge-field checks", () => {
  it("accepts every known field, with or without spaces inside the braces, and text with no field", () => {
    expect(MERGE_FIELDS.map((f) => mergeFieldProblem(`Hi {{${f}}} and {{ ${f} }}`))).toEqual(MERGE_FIELDS.map(() => null));
    expect(mergeFieldProblem("No fields here, {single} braces are fine.")).toBeNull();
  });

  it.each([
    ["an unknown name", "Hi {{firstname}}", "“{{firstname}}” is not a merge field"],
    ["a name in the wrong case", "Hi {{First_Name}}", "“{{First_Name}}” is not a merge field"],
    ["empty braces", "Hi {{ }}", "names no field"],
    ["an unclosed field", "Hi {{first_name", "not closed properly"],
    ["a stray closing", "Hi first_name}}", "not closed properly"],
    ["single closing brace", "Hi {{first_name}", "not closed properly"],
    ["a name with a dash", "Hi {{first-name}}", "not closed properly"],
  ])("refuses %s, listing the allowed fields", (_what, text, message) => {
    const problem = mergeFieldProblem(text);
    expect(problem).toContain(message);
    expect(problem).toContain(ALLOWED);
  });
});

describe("filling merge fields", () => {
  it("puts in the lead's and the advisor's values", () => {
    expect(fillMergeFields("{{first_name}} {{last_name}} / {{ program }} / {{advisor_name}} / {{advisor_signature}}", values)).toBe(
      "Omar Al Haddad / Data Analytics / Dana Whitfield / Dana\nAdmissions",
    );
  });

  it("falls back when the lead has no name or program and the advisor no signature", () => {
    const bare = mergeValues({ leadName: null, programName: null, advisorName: "Sam Staff", advisorSignature: "  " });
    expect(bare).toEqual({ first_name: "there", last_name: "", program: "our programs", advisor_name: "Sam Staff", advisor_signature: "Sam Staff" });
  });

  it("never fills a field inside a value (a lead named “{{program}}” stays as typed)", () => {
    const sly = mergeValues({ leadName: "{{program}} {{advisor_name}}", programName: "P", advisorName: "A", advisorSignature: null });
    expect(fillMergeFields("Hi {{first_name}} {{last_name}}", sly)).toBe("Hi {{program}} {{advisor_name}}");
  });

  it("makes the subject one line, whatever a value holds", () => {
    expect(fillMessage("From {{advisor_signature}}", "b", values).subject).toBe("From Dana Admissions");
  });

  it("puts the subject and the first three lines on the timeline", () => {
    expect(timelineDetail("S", "one\n\ntwo\nthree\nfour")).toBe("S\none\ntwo\nthree\n…");
    expect(timelineDetail("S", "one")).toBe("S\none");
  });
});

describe("the staff-message email", () => {
  it("escapes the text in the HTML part and keeps it as written in the plain-text part", async () => {
    const body = fillMergeFields("Hi {{first_name}},\n\n<script>alert(1)</script> & <b>bold</b>\nsecond line", {
      ...values,
      first_name: `<img src=x onerror=alert(1)>`,
    });
    const email = await renderEmail("staff-message", { subject: "Hello <you>", body }, { siteUrl: "http://localhost:3000" });
    expect(email.subject).toBe("Hello <you>");
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img src=x");
    expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;");
    expect(email.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(email.text).toContain("<script>alert(1)</script> & <b>bold</b>\nsecond line");
    expect(email.text).toContain("Hi <img src=x onerror=alert(1)>,");
  });
});
