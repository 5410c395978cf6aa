import type { Metadata, Viewport } from "next";
import { brandCssVariables } from "@/lib/brand-style";
import { geist } from "@/app/fonts/geist";
import { siteConfig, siteUrl } from "@/lib/site-config";
import "./globals.css";

// App Router pages are the interactive ones (forms, staff console). The content pages live
// in pages/ so they can ship without any JavaScript; see pages/_app.tsx.
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={geist.variable} style={brandCssVariables}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
