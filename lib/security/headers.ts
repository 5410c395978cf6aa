/**
 * Security headers for every response. The CSP allows no third-party origin at all.
 *
 * Scripts: content pages (pages/) ship no JavaScript, so they get `script-src 'self'` and
 * no inline script is allowed. App Router pages (forms, console) need Next's inline RSC
 * bootstrap (`self.__next_f.push(...)`); a per-request nonce would force them to render
 * dynamically, so, as in Next's "without nonces" recipe, only those paths allow
 * 'unsafe-inline'. The project itself adds no inline script anywhere (JSON-LD is a data
 * block, which CSP does not execute); tests/e2e/security.spec.ts checks both.
 */
export function contentSecurityPolicy({ isDev, inlineScripts }: { isDev: boolean; inlineScripts: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", ...(inlineScripts || isDev ? ["'unsafe-inline'"] : []), ...(isDev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(isDev ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "fullscreen=(self)",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** App Router pages that hydrate, and so need the framework's inline bootstrap script. */
export const INTERACTIVE_PATHS = [
  "/apply",
  "/quote",
  "/refer",
  "/refer/:path*",
  "/newsletter",
  "/call-back",
  "/book",
  "/book/:path*",
  "/syllabus",
  "/syllabus/:path*",
  "/rsvp/:path*",
  "/comment",
  "/invite/:path*",
  "/unsubscribe/:path*",
  "/confirm/:path*",
  "/mailbox",
  "/mailbox/:path*",
  "/console",
  "/console/:path*",
];

export function securityHeaders({ isDev, isProd }: { isDev: boolean; isProd: boolean }) {
  const headers = [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ isDev, inlineScripts: false }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
  if (isProd) {
    headers.push({ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" });
  }
  return headers;
}

/** Header rules for next.config.ts: strict everywhere, the framework's inline script only where it runs. */
export function securityHeaderRules({ isDev, isProd }: { isDev: boolean; isProd: boolean }) {
  const interactiveCsp = { key: "Content-Security-Policy", value: contentSecurityPolicy({ isDev, inlineScripts: true }) };
  return [{ source: "/:path*", headers: securityHeaders({ isDev, isProd }) }, ...INTERACTIVE_PATHS.map((source) => ({ source, headers: [interactiveCsp] }))];
}
