import type { Metadata, Viewport } from "next";
import type { CSSProperties } from "react";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { siteConfig, siteUrl } from "@/lib/site-config";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(siteUrl()),
  title: { default: siteConfig.name, template: `%s | ${siteConfig.name}` },
  description: siteConfig.description,
  applicationName: siteConfig.name,
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = {
  themeColor: siteConfig.colors.brand,
  width: "device-width",
  initialScale: 1,
};

const c = siteConfig.colors;
const brandVars = {
  "--brand": c.brand,
  "--brand-strong": c.brandStrong,
  "--brand-soft": c.brandSoft,
  "--accent": c.accent,
  "--accent-soft": c.accentSoft,
  "--ink": c.ink,
  "--paper": c.paper,
} as CSSProperties;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} style={brandVars}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
