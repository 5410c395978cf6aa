import { createHash, randomBytes } from "node:crypto";

/**
 * The visitor's reschedule-and-cancel link: a random secret in the URL, only its SHA-256
 * (hex) stored on the booking. Every move replaces it, so an old email's link stops working.
 */

/** 24 random bytes, base64url: 32 characters. */
export const MANAGE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function newManageToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: hashManageToken(token) };
}

export function hashManageToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const MANAGE_PATH = (token: string) => `/book/manage/${token}`;

export function manageUrl(siteUrl: string, token: string): string {
  return `${siteUrl}${MANAGE_PATH(token)}`;
}
