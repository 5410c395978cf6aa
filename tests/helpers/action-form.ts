/**
 * Reading a server-rendered form, for tests and benchmarks that post it over HTTP as a
 * browser without JavaScript would.
 */

/** Text with the entities React writes in attributes and text decoded. */
export const decodeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * The hidden inputs (React's `$ACTION` fields, the submission token, the honeypot) of the
 * page's first form with a Server Action that also matches `which`, names and values
 * decoded. Throws when there is no such form.
 */
export function actionFormFields(html: string, which: RegExp = /./): [string, string][] {
  const form = (html.match(/<form[\s\S]*?<\/form>/g) ?? []).find((f) => f.includes("$ACTION") && which.test(f)) ?? "";
  const out: [string, string][] = [];
  for (const tag of form.match(/<input[^>]*>/g) ?? []) {
    const attr = (n: string) => new RegExp(`\\s${n}="([^"]*)"`).exec(tag)?.[1];
    if (attr("type") !== "hidden" || !attr("name")) continue;
    out.push([decodeHtml(attr("name")!), decodeHtml(attr("value") ?? "")]);
  }
  if (!out.some(([k]) => k.startsWith("$ACTION"))) throw new Error(`No form with Server Action fields in the page (${which})`);
  return out;
}
