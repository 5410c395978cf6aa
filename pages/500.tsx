import { PageHead } from "@/components/site/page-head";

// Static HTML with no JavaScript (see pages/_app.tsx). Shown when a content page fails on the server.
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

export default function ServerErrorPage() {
  return (
    <>
      <PageHead meta={{ title: "Something went wrong", description: "This page did not load because of a problem on our side.", path: "/500" }} noindex />
      <div className="mx-auto max-w-3xl px-4 py-24 text-center sm:px-6">
        <p className="font-mono text-sm font-semibold uppercase tracking-wider text-brand">Error 500</p>
        <h1 className="mt-3 text-4xl font-bold tracking-tight">This page did not load properly</h1>
        <p className="mt-5 text-lg leading-8 text-ink/80">
          It is a problem on our side, not yours. Reload the page in a minute, or head somewhere else while we look into it.
        </p>
        <p className="mt-8 flex flex-wrap justify-center gap-3">
          <a href="/" className="inline-flex min-h-12 items-center rounded-full bg-brand px-6 font-semibold text-white hover:bg-brand-strong">
            Go to the home page
          </a>
          <a href="/call-back" className="inline-flex min-h-12 items-center rounded-full px-6 font-semibold ring-1 ring-ink/20 hover:bg-white">
            Ask us to call you
          </a>
        </p>
      </div>
    </>
  );
}
