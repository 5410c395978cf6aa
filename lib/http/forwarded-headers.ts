import type { IncomingHttpHeaders } from "node:http";
import { CLIENT_IP_HEADER, clientIpFromChain } from "../client-ip";

/** The standard forwarding headers: only a trusted proxy may set them. */
export const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"] as const;

/**
 * Vendor spellings of "the client's address". Nothing in the app reads them (it reads
 * CLIENT_IP_HEADER), but a library might, so they never get through.
 */
export const CLIENT_IP_ALIASES = [
  "x-client-ip",
  "x-cluster-client-ip",
  "true-client-ip",
  "cf-connecting-ip",
  "fastly-client-ip",
  "x-forwarded",
  "forwarded-for",
] as const;

/**
 * Rewrites a request's headers in place before Next.js sees them, and returns the client's
 * address (stamped in CLIENT_IP_HEADER):
 * - our own header and the vendor aliases are always removed: only this function writes it;
 * - with 0 trusted hops, the X-Forwarded-* headers, X-Real-IP and Forwarded are removed
 *   too, so Next.js and Better Auth derive host, protocol and address from the socket and
 *   the Host header alone;
 * - with N hops they are kept: the trusted proxy wrote them.
 */
export function prepareForwardedHeaders(headers: IncomingHttpHeaders, socketAddress: string | undefined, hops: number): string {
  const forwardedFor = headers["x-forwarded-for"];
  const ip = clientIpFromChain(forwardedFor, socketAddress, hops);
  delete headers[CLIENT_IP_HEADER];
  for (const name of CLIENT_IP_ALIASES) delete headers[name];
  if (hops <= 0) for (const name of FORWARDING_HEADERS) delete headers[name];
  headers[CLIENT_IP_HEADER] = ip;
  return ip;
}
