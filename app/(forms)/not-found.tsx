import type { Metadata } from "next";
import { NotFoundContent } from "@/components/site/not-found-content";

export const metadata: Metadata = { title: "Page not found", robots: { index: false } };

/**
 * 404 inside the form pages (an unknown event, say): the (forms) layout already draws the
 * header and footer, so this is only the message. Without it the root not-found, chrome and
 * all, was nested inside the layout's <main>, and every form page carried it in its payload.
 */
export default function FormsNotFound() {
  return <NotFoundContent />;
}
