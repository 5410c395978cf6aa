/**
 * The address behind "one discount code per person": aliases of one inbox give one key, so
 * signing up as jo+1@, jo+2@ or j.o@gmail.com does not mint a code each time.
 *
 * - case is ignored everywhere;
 * - a "+tag" is cut from the local part for every provider (most deliver jo+x@ to jo@; the
 *   few that do not lose nothing but a second code);
 * - dots in the local part are dropped only where the provider ignores them (Gmail), and
 *   googlemail.com is the same mailbox as gmail.com.
 *
 * The result is a key for DiscountCode.normalizedEmail, never an address to send mail to.
 */
const DOTLESS_DOMAINS = new Set(["gmail.com"]);
const DOMAIN_ALIASES: Record<string, string> = { "googlemail.com": "gmail.com" };

export function normalizeEmailForCode(email: string): string {
  const address = email.normalize("NFKC").trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at <= 0 || at === address.length - 1) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1).replace(/\.$/, "");
  domain = DOMAIN_ALIASES[domain] ?? domain;
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (DOTLESS_DOMAINS.has(domain)) local = local.replaceAll(".", "") || local;
  return `${local}@${domain}`;
}
