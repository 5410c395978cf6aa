import { ImageResponse } from "next/og";
import { db } from "@/lib/db";
import { listPublicPages } from "@/lib/content/public-pages";
import { siteConfig } from "@/lib/site-config";

// Open Graph cards are rendered with next/og's bundled font: no network. The pages known at
// build time are rendered then; a page published later (an event, a program) is rendered on
// its first request and cached like the others. Any other key is a 404 (GET below).
export const revalidate = 3600;
export const dynamicParams = true;

function keyOf(path: string): string[] {
  return path === "/" ? ["home"] : path.replace(/^\/+/, "").split("/");
}

export async function generateStaticParams() {
  return (await listPublicPages(db())).map((p) => ({ key: keyOf(p.path) }));
}

export async function GET(_req: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const key = (await params).key.join("/");
  const page = (await listPublicPages(db())).find((p) => keyOf(p.path).join("/") === key);
  if (!page) return new Response("Not found", { status: 404 });
  const c = siteConfig.colors;
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        background: c.brand,
        color: "white",
        padding: "64px 72px",
        fontSize: 32,
      }}
    >
      <div style={{ display: "flex", alignItems: "center", gap: 20 }}>
        <div style={{ display: "flex", width: 64, height: 64, borderRadius: 14, background: c.brandSoft, position: "relative" }}>
          <div style={{ position: "absolute", left: 20, top: 10, width: 7, height: 44, background: c.accent, borderRadius: 4 }} />
          <div style={{ position: "absolute", left: 38, top: 10, width: 7, height: 44, background: c.accent, borderRadius: 4 }} />
        </div>
        <div style={{ fontSize: 40, letterSpacing: -1 }}>{siteConfig.logoText}</div>
      </div>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div style={{ color: c.accent, fontSize: 30, marginBottom: 18 }}>{page.eyebrow}</div>
        <div style={{ fontSize: page.title.length > 60 ? 58 : 70, lineHeight: 1.1, letterSpacing: -2, maxWidth: 1040 }}>{page.title}</div>
        {page.subtitle && <div style={{ marginTop: 22, fontSize: 30, color: c.brandSoft, maxWidth: 1000 }}>{page.subtitle}</div>}
      </div>
      <div style={{ display: "flex", height: 10, width: "100%", background: c.accent, borderRadius: 5 }} />
    </div>,
    { width: 1200, height: 630 },
  );
}
