import type { CSSProperties } from "react";
import { siteConfig } from "./site-config";

const c = siteConfig.colors;

/** The brand colours from lib/site-config.ts as CSS variables, set on <html>. */
export const brandCssVariables = {
  "--brand": c.brand,
  "--brand-strong": c.brandStrong,
  "--brand-soft": c.brandSoft,
  "--accent": c.accent,
  "--accent-soft": c.accentSoft,
  "--ink": c.ink,
  "--paper": c.paper,
} as CSSProperties;
