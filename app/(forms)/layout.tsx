import { SiteLayout } from "@/components/site/site-layout";

/** The form pages share the public site's header and footer; app/layout.tsx provides html and body. */
export default function FormsLayout({ children }: { children: React.ReactNode }) {
  return <SiteLayout>{children}</SiteLayout>;
}
