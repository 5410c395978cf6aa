import type { CSSProperties } from "react";
import { siteConfig } from "../../site-config";

/** Inline styles shared by every template (email clients ignore most stylesheets). */

const c = siteConfig.colors;

export const colors = { ...c, muted: "#4b5a57", line: "#e4ded3", white: "#ffffff" } as const;

const fontFamily = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const monoFamily = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

export const s = {
  body: { backgroundColor: c.paper, color: c.ink, fontFamily, margin: 0, padding: "24px 0" },
  container: { backgroundColor: colors.white, border: `1px solid ${colors.line}`, borderRadius: 12, maxWidth: 600, margin: "0 auto", overflow: "hidden" },
  header: { backgroundColor: c.brand, padding: "20px 32px" },
  logo: { color: colors.white, fontSize: 22, fontWeight: 700, letterSpacing: "0.02em", textDecoration: "none" },
  content: { padding: "8px 32px 24px" },
  h1: { color: c.ink, fontSize: 24, lineHeight: "32px", fontWeight: 700, margin: "24px 0 12px" },
  h2: { color: c.brandStrong, fontSize: 18, lineHeight: "26px", fontWeight: 700, margin: "28px 0 8px" },
  p: { color: c.ink, fontSize: 16, lineHeight: "24px", margin: "0 0 14px" },
  small: { color: colors.muted, fontSize: 13, lineHeight: "20px", margin: "0 0 8px" },
  link: { color: c.brand, textDecoration: "underline" },
  list: { color: c.ink, fontSize: 16, lineHeight: "24px", margin: "0 0 14px", paddingLeft: 22 },
  listItem: { margin: "0 0 6px" },
  buttonWrap: { margin: "20px 0 24px" },
  button: {
    backgroundColor: c.brand,
    borderRadius: 8,
    color: colors.white,
    display: "inline-block",
    fontSize: 16,
    fontWeight: 700,
    padding: "12px 22px",
    textDecoration: "none",
  },
  table: { borderCollapse: "collapse", width: "100%", margin: "0 0 16px" },
  th: {
    borderBottom: `1px solid ${colors.line}`,
    color: colors.muted,
    fontSize: 14,
    fontWeight: 600,
    lineHeight: "20px",
    padding: "8px 12px 8px 0",
    textAlign: "left",
    verticalAlign: "top",
    width: "38%",
  },
  td: {
    borderBottom: `1px solid ${colors.line}`,
    color: c.ink,
    fontSize: 15,
    lineHeight: "22px",
    padding: "8px 0",
    verticalAlign: "top",
    wordBreak: "break-word",
  },
  box: { backgroundColor: c.brandSoft, borderRadius: 10, padding: "16px 20px", margin: "8px 0 20px" },
  codeBox: { backgroundColor: c.accentSoft, border: `2px dashed ${c.accent}`, borderRadius: 12, padding: "20px", margin: "8px 0 20px", textAlign: "center" },
  code: {
    color: c.ink,
    fontFamily: monoFamily,
    fontSize: 28,
    fontWeight: 700,
    letterSpacing: "0.08em",
    lineHeight: "36px",
    margin: "6px 0",
    wordBreak: "break-all",
  },
  quote: {
    borderLeft: `4px solid ${c.accent}`,
    backgroundColor: c.accentSoft,
    color: c.ink,
    fontSize: 16,
    lineHeight: "24px",
    margin: "0 0 18px",
    padding: "12px 16px",
  },
  hr: { borderColor: colors.line, margin: "0" },
  footer: { padding: "20px 32px 28px" },
} satisfies Record<string, CSSProperties>;
