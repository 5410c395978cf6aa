import { LinkList } from "./link-list";

/** The branded 404 body: shown for unknown URLs and for missing programs or guides. */
export function NotFoundContent() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-24 text-center sm:px-6">
      <p className="font-mono text-sm font-semibold uppercase tracking-wider text-brand">Error 404</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight sm:text-5xl">We could not find that page</h1>
      <p className="mt-5 text-lg leading-8 text-ink/80">The link may be old, or the page may have moved. These are good places to pick up the thread:</p>
      <LinkList
        links={[
          { href: "/", label: "Home page" },
          { href: "/programs", label: "Programs and pricing" },
          { href: "/careers/machine-learning-engineer", label: "ML engineer career guide" },
          { href: "/call-back", label: "Ask us to call you" },
        ]}
        className="mx-auto mt-8 grid max-w-xl gap-3 text-left sm:grid-cols-2"
        linkClassName="block rounded-xl border border-ink/10 bg-white px-4 py-3 font-semibold hover:border-brand hover:text-brand"
      />
    </div>
  );
}
