import type { Metadata } from "next";
import { NotFoundContent } from "@/components/site/not-found-content";
import { SiteLayout } from "@/components/site/site-layout";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

/** 404 for App Router routes (forms, console); content routes use pages/404.tsx. */
export default function NotFound() {
  return (
    <SiteLayout>
      <NotFoundContent />
    </SiteLayout>
  );
}
