import { NotFoundContent } from "@/components/site/not-found-content";
import { PageHead } from "@/components/site/page-head";

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

export default function NotFoundPage() {
  return (
    <>
      <PageHead
        meta={{ title: "Page not found", description: "The page you asked for does not exist. Here are good places to continue.", path: "/404" }}
        noindex
      />
      <NotFoundContent />
    </>
  );
}
