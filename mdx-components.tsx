import type { MDXComponents } from "mdx/types";
import { Children, isValidElement, type ReactNode } from "react";
import { slugify } from "@/lib/content/text";

function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return "";
}

/** Text of the table's header cells, to name the scrollable region that wraps it. */
function headerCells(node: ReactNode): string[] {
  if (Array.isArray(node)) return node.flatMap(headerCells);
  if (!isValidElement<{ children?: ReactNode }>(node)) return [];
  if (node.type === "th") return [textOf(node.props.children)];
  return headerCells(node.props.children);
}

/** Base elements for every MDX article: heading anchors, scrollable tables, internal links. */
const components: MDXComponents = {
  h2: ({ children }) => <h2 id={slugify(textOf(Children.toArray(children)))}>{children}</h2>,
  h3: ({ children }) => <h3 id={slugify(textOf(Children.toArray(children)))}>{children}</h3>,
  table: ({ children }) => (
    <div className="table-wrap" role="region" aria-label={`Table: ${headerCells(children).join(", ")}`} tabIndex={0}>
      <table>{children}</table>
    </div>
  ),
  a: ({ href = "", children }) => (
    <a href={href} rel={href.startsWith("/") ? undefined : "noopener noreferrer"}>
      {children}
    </a>
  ),
};

export function useMDXComponents(): MDXComponents {
  return components;
}
