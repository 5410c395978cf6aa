"use client";

/** Last resort when the root layout itself fails: plain markup, no dependencies. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: 0, background: "#fbf8f3", color: "#14211f" }}>
        <main style={{ maxWidth: "36rem", margin: "0 auto", padding: "6rem 1.5rem", textAlign: "center" }}>
          <h1 style={{ fontSize: "2rem" }}>Loomstack Academy is having a moment</h1>
          <p style={{ lineHeight: 1.6 }}>Something went wrong on our side. Please try again in a minute.</p>
          <p>
            <button type="button" onClick={reset} style={{ padding: "0.75rem 1.5rem", fontSize: "1rem", cursor: "pointer" }}>
              Try again
            </button>{" "}
            <a href="/">Home page</a>
          </p>
        </main>
      </body>
    </html>
  );
}
