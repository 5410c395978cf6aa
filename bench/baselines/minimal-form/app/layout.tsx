import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: "Minimal form",
  description: "One react-hook-form + zod form on a bare Next.js page: the form pages' baseline in bench:pages.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "0 auto", maxWidth: "40rem", padding: "1rem", lineHeight: 1.5 }}>{children}</body>
    </html>
  );
}
