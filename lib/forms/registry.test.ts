/**
 * The registry is the one list of forms; each entry must be a complete module: its folder
 * holds its definition and tests (and, for a form a visitor posts, its schema and its
 * component), and nothing else has to know about it. A form added without one of those
 * parts, or a stored email template renamed, fails here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMAIL_TEMPLATES } from "@/lib/email/templates/catalog";
import { CONSENT } from "@/lib/leads/consent";
import { FORM_TYPES, FORMS, LEAD_TYPES, postedForm } from "./registry";
import { emailSample } from "./types";

const here = path.dirname(new URL(import.meta.url).pathname);

/** Template names already stored in outboxes: a rename would orphan those rows. */
const STORED_TEMPLATES = [
  "enroll-confirmation",
  "quote-confirmation",
  "referral-confirmation",
  "newsletter-welcome",
  "callback-confirmation",
  "redemption-confirmation",
  "invite-confirmation",
];

describe("the form registry", () => {
  it.each(LEAD_TYPES)("%s is a complete module in its own folder", (type) => {
    const form = FORMS[type];
    const folder = path.join(here, type);
    expect(form.type).toBe(type);
    expect(existsSync(path.join(folder, "definition.tsx")), "definition.tsx").toBe(true);
    expect(existsSync(path.join(folder, `${type}.test.ts`)), `${type}.test.ts`).toBe(true);
    expect(form.label.trim()).not.toBe("");
    expect(Object.keys(CONSENT)).toContain(form.consent);
    expect(form.nextSteps.headline.trim()).not.toBe("");
    expect(form.nextSteps.steps.length).toBeGreaterThan(0);
    expect(form.email.subject(emailSample(form).data).trim()).not.toBe("");
  });

  it.each(FORM_TYPES)("%s, posted by visitors, has its schema and a component that uses it", (type) => {
    const folder = path.join(here, type);
    const component = readFileSync(path.join(folder, "form.tsx"), "utf8");
    expect(component.startsWith('"use client"')).toBe(true);
    // It loads its schema (and zod) only when the person starts on the form: never a static import.
    expect(component).toMatch(/import\("\.\/schema"\)/);
    expect(component).not.toMatch(/from "\.\/schema"/);
    // The component must not pull the server side (definition, registry) into the browser.
    expect(component).not.toMatch(/definition|registry|@\/lib\/db|lib\/email/);
    expect(readFileSync(path.join(folder, "schema.ts"), "utf8")).not.toMatch(/from "\.\.\/registry"|definition/);
    const form = FORMS[type];
    expect("schema" in form).toBe(true);
    expect(postedForm(type).schema.safeParse(form.example.input).success, "its example is a valid post").toBe(true);
  });

  it("has no folder that is not registered", () => {
    const folders = readdirSync(here, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== "ui")
      .map((d) => d.name);
    expect(folders.sort()).toEqual([...LEAD_TYPES].sort());
  });

  it("gives every form its own label and email template, and never renames a stored one", () => {
    const labels = LEAD_TYPES.map((t) => FORMS[t].label);
    const templates = LEAD_TYPES.map((t) => FORMS[t].email.template);
    expect(new Set(labels).size).toBe(labels.length);
    expect(new Set(templates).size).toBe(templates.length);
    for (const name of STORED_TEMPLATES) expect(EMAIL_TEMPLATES).toContain(name);
  });
});
