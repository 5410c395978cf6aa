import { Head, Html, Main, NextScript } from "next/document";
import { brandCssVariables } from "@/lib/brand-style";
import { siteConfig } from "@/lib/site-config";

export default function Document() {
  return (
    <Html lang="en" style={brandCssVariables}>
      <Head>
        <meta name="theme-color" content={siteConfig.colors.brand} />
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
      </Head>
      <body className="min-h-dvh">
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
