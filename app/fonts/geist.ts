import localFont from "next/font/local";

// Geist, subset to Latin by scripts/subset-font.ts; next/font sizes the fallback to avoid layout shift.
export const geist = localFont({
  src: "./geist-latin.woff2",
  weight: "100 900",
  display: "swap",
  variable: "--font-geist-sans",
});
