import Link from "next/link";

/** An expired, used or made-up reset link: said plainly, with the way to ask again. */
export function InvalidResetLink() {
  return (
    <div className="mt-6 space-y-4">
      <p role="alert" className="rounded-lg bg-amber-50 px-4 py-3 text-amber-950">
        This link has been used, has expired or is not complete. A reset link works once, for one hour.
      </p>
      <p>
        <Link href="/console/forgot-password" className="font-semibold text-brand underline underline-offset-2">
          Ask for a new link
        </Link>
      </p>
    </div>
  );
}
