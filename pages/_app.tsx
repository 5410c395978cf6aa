import type { AppProps } from "next/app";
import { SiteLayout } from "@/components/site/site-layout";
import { geist } from "@/app/fonts/geist";
import "../app/globals.css";

/**
 * The content pages (home, programs, career guides, 404) are Pages Router pages that set
 * `config = { unstable_runtimeJS: false }`: they are static HTML and CSS with no
 * JavaScript at all, so they are fast on any phone and need no inline script (see README,
 * "Performance"). Forms and the staff console are App Router pages under app/.
 */
export default function LoomstackApp({ Component, pageProps }: AppProps) {
  return (
    <div className={`${geist.variable} font-sans`}>
      <SiteLayout>
        <Component {...pageProps} />
      </SiteLayout>
    </div>
  );
}
