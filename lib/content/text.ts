/** URL-safe id for a heading: "Skills & tools (2024)" -> "skills-tools-2024". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Strips inline Markdown (emphasis, code, links) so heading text matches what renders. */
export function stripInlineMarkdown(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`~]/g, "")
    .trim();
}

export type Heading = { depth: 2 | 3; text: string; id: string };

/** The ## and ### headings of a Markdown/MDX source, outside fenced code. */
export function extractHeadings(source: string): Heading[] {
  const headings: Heading[] = [];
  let inFence = false;
  for (const line of source.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = stripInlineMarkdown(m[2]);
    headings.push({ depth: m[1].length as 2 | 3, text, id: slugify(text) });
  }
  return headings;
}

/** Minutes to read at 230 words a minute, counting prose only (not component markup). */
export function readingMinutes(source: string): number {
  const prose = source.replace(/<[^>]+\/>/g, " ").replace(/<[^>]+>/g, " ");
  const words = prose.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
  return Math.max(1, Math.round(words / 230));
}
