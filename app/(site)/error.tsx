"use client";

import Link from "next/link";

/** Shown when a page fails to render. It offers a retry and ways back; details stay in the server log. */
export default function SiteError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-24 text-center sm:px-6" role="alert">
      <p className="font-mono text-sm font-semibold uppercase tracking-wider text-brand">Something went wrong</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight">This page did not load properly</h1>
      <p className="mt-5 text-lg leading-8 text-ink/80">
        It is a problem on our side, not yours. Try again, or head somewhere else while we look into it.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <button
          type="button"
          onClick={reset}
          className="inline-flex min-h-12 items-center rounded-full bg-brand px-6 font-semibold text-white hover:bg-brand-strong"
        >
          Try again
        </button>
        <Link href="/" className="inline-flex min-h-12 items-center rounded-full px-6 font-semibold ring-1 ring-ink/20 hover:bg-white">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
