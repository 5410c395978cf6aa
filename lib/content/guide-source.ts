import { readFileSync } from "node:fs";
import path from "node:path";
import { extractHeadings, readingMinutes, type Heading } from "./text";

/** Reads an MDX article's source (at build time) for its outline and reading time. */
export function guideSourceInfo(file: string): { headings: Heading[]; minutes: number } {
  const source = readFileSync(path.join(process.cwd(), "content", "guides", file), "utf8");
  return { headings: extractHeadings(source), minutes: readingMinutes(source) };
}
