import { isIP } from "node:net";

/**
 * Who is the client? The one answer every rate limit, Better Auth and the session records use.
 *
 * Only the TCP peer (the socket address) is a fact; every forwarded header is text the
 * client can write. So server.ts works the address out once per request, from the socket and
 * TRUSTED_PROXY_HOPS (see clientIpFromChain), deletes any copy of CLIENT_IP_HEADER the client
 * sent, and stamps the result in it. Application code reads only that header (clientIp).
 */

/** The header server.ts stamps with the client's address (any client-sent copy is removed first). */
export const CLIENT_IP_HEADER = "x-loomstack-client-ip";

/** server.ts sets this in its own environment, so code below it knows the header is ours. */
export const CLIENT_IP_STAMPED_ENV = "LOOMSTACK_CLIENT_IP_STAMPED";

/**
 * The address used when the real one is unknown: code not running under server.ts (plain
 * `next start`, unit tests, scripts) and unreadable chains. Every such request shares one
 * bucket, so limits still hold (globally) instead of being bypassed with a made-up header.
 */
export const UNKNOWN_CLIENT_IP = "unattributed";

/** The most proxies anyone plausibly chains; a larger number is a typo. */
export const MAX_TRUSTED_PROXY_HOPS = 10;

/**
 * TRUSTED_PROXY_HOPS: how many reverse proxies in front of the app append to X-Forwarded-For
 * (and set X-Forwarded-Host/-Proto). 0, the default, trusts no header: the client is the
 * socket's peer. An invalid value throws, so a server never starts on a guess.
 */
export function trustedProxyHops(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_TRUSTED_PROXY_HOPS) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_TRUSTED_PROXY_HOPS} (the proxies in front of the app), not "${raw}".`);
  }
  return Number(raw);
}

function hextets(ipv6: string): number[] | null {
  let s = ipv6;
  // A trailing dotted IPv4 (::ffff:1.2.3.4) is two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const b = v4[1].split(".").map(Number);
    s = s.slice(0, -v4[1].length) + ((b[0] << 8) | b[1]).toString(16) + ":" + ((b[2] << 8) | b[3]).toString(16);
  }
  const [head, tail, ...rest] = s.split("::");
  if (rest.length) return null;
  const part = (x: string) => (x ? x.split(":").map((h) => parseInt(h, 16)) : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<number>(Math.max(0, fill)).fill(0), ...right];
  return all.length === 8 && all.every((h) => Number.isInteger(h) && h >= 0 && h <= 0xffff) ? all : null;
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run of zero hextets as "::". */
function formatIpv6(h: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (h[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && h[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = h.map((x) => x.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

/**
 * One address in canonical form, or null for anything that is not one: IPv4 as is,
 * IPv4-mapped IPv6 (::ffff:1.2.3.4, what a dual-stack socket reports) as IPv4, other IPv6
 * compressed and lower-cased. Accepts the spellings proxies write: "[v6]", "[v6]:port",
 * "1.2.3.4:port", a zone id ("fe80::1%eth0"), quotes.
 */
export function normalizeIp(token: string | null | undefined): string | null {
  if (typeof token !== "string") return null;
  let s = token.trim().replace(/^"(.*)"$/, "$1");
  if (s.length === 0 || s.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%[0-9A-Za-z._~-]+$/, "");
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind !== 6) return null;
  const h = hextets(s.toLowerCase());
  if (!h) return null;
  if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) {
    return [h[6] >> 8, h[6] & 0xff, h[7] >> 8, h[7] & 0xff].join(".");
  }
  return formatIpv6(h);
}

/**
 * The client's address from the socket's peer and the X-Forwarded-For chain, trusting
 * `hops` proxies in front of the app.
 *
 * The chain is `X-Forwarded-For entries, then the socket address`, oldest first. Each
 * trusted proxy appends the address it received the request from, so reading from the
 * right end and skipping `hops` entries lands on what the outermost trusted proxy saw: the
 * client. Anything further left is whatever the client wrote, and is ignored.
 * - 0 hops: the socket address, whatever the headers say.
 * - A chain shorter than expected (fewer proxies than configured): its left-most entry.
 * - An entry that is not an address: the next one to its right (ultimately the socket),
 *   so junk can only make a client share its proxy's bucket, never pick a new one.
 */
export function clientIpFromChain(forwardedFor: string | readonly string[] | undefined, socketAddress: string | undefined, hops: number): string {
  const socketIp = normalizeIp(socketAddress) ?? UNKNOWN_CLIENT_IP;
  if (hops <= 0) return socketIp;
  const listed = (typeof forwardedFor === "string" ? forwardedFor : (forwardedFor ?? []).join(","))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...listed, socketIp];
  for (let i = Math.max(0, chain.length - 1 - hops); i < chain.length - 1; i++) {
    const ip = normalizeIp(chain[i]);
    if (ip) return ip;
  }
  return socketIp;
}

/**
 * The key an address is counted under in rate limits: IPv4 as is, IPv6 by its /64 prefix.
 * One IPv6 customer usually holds a whole /64 (2^64 addresses), so counting single IPv6
 * addresses would let one client rotate through endless fresh buckets.
 */
export function rateLimitIpKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const h = hextets(ip);
  return h ? `${formatIpv6([...h.slice(0, 4), 0, 0, 0, 0])}/64` : ip;
}

const warned = { missing: false };

/**
 * The client's address for rate limits and logs: the value server.ts stamped in
 * CLIENT_IP_HEADER. Without server.ts in front (CLIENT_IP_STAMPED_ENV unset) the header could
 * be the client's own, so it is ignored and UNKNOWN_CLIENT_IP is used; a production server
 * says so, loudly, once.
 */
export function clientIp(h: Headers, env: NodeJS.ProcessEnv = process.env): string {
  if (env[CLIENT_IP_STAMPED_ENV] === "1") {
    const ip = normalizeIp(h.get(CLIENT_IP_HEADER));
    if (ip) return ip;
  }
  if (env.NODE_ENV === "production" && !warned.missing) {
    warned.missing = true;
    console.warn(
      `WARNING: the client's IP address is unknown (this server is not running under server.ts, so ${CLIENT_IP_HEADER} cannot be trusted). ` +
        `Every client shares one rate-limit bucket. Start the app with \`npm start\` (server.ts), not \`next start\`.`,
    );
  }
  return UNKNOWN_CLIENT_IP;
}
