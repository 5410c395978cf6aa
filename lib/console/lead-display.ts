import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import type { LeadStatus } from "./inbox";

/**
 * How the console shows a lead at a glance: its age ("2 h ago"), its status as a coloured
 * label (the colour only repeats the text), and its phone number grouped for reading, with
 * the `tel:` and `mailto:` targets that go with them. Plain functions: the clock is passed in.
 */

/** A lead's name for lists and headings: its name, else its email, else its phone. */
export function leadName(lead: { name: string | null; email: string | null; phone: string | null }): string {
  return lead.name || lead.email || lead.phone || "(no name)";
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const shortDateYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/**
 * "just now", "12 min ago", "5 h ago", "yesterday", "3 days ago"; from a week on, the date
 * ("21 Nov", with the year when it is not this one). A time ahead of the clock (another
 * server's clock a little fast) reads as "just now".
 */
export function relativeAge(at: Date, now: Date): string {
  const ago = now.getTime() - at.getTime();
  if (ago < MINUTE) return "just now";
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  const days = Math.floor(ago / DAY);
  if (days === 1) return "yesterday";
  if (days < 7) return `${days} days ago`;
  return (at.getUTCFullYear() === now.getUTCFullYear() ? shortDate : shortDateYear).format(at);
}

/** Tailwind classes per status: each pair passes WCAG AA contrast, and the label always carries the text. */
export const STATUS_TONES: Record<LeadStatus, string> = {
  new: "bg-sky-100 text-sky-900 ring-sky-300",
  contacted: "bg-amber-100 text-amber-900 ring-amber-300",
  qualified: "bg-violet-100 text-violet-900 ring-violet-300",
  enrolled: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  lost: "bg-stone-200 text-stone-800 ring-stone-400",
};

export const statusTone = (status: string): string => STATUS_TONES[status as LeadStatus] ?? "bg-stone-100 text-stone-900 ring-stone-300";

/**
 * A stored number (E.164, "+442079460958") for reading: "+44 20 7946 0958". A number the
 * library cannot parse is shown as stored.
 */
export function displayPhone(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  return parsed ? parsed.formatInternational() : phone;
}

/** The `tel:` link of a stored number: its E.164 digits only, or null when it has none. */
export function telHref(phone: string): string | null {
  const parsed = parsePhoneNumberFromString(phone);
  const digits = parsed ? parsed.number : phone.replace(/[^\d+]/g, "");
  return /^\+?\d{3,}$/.test(digits) ? `tel:${digits}` : null;
}

/** The `mailto:` link of an address, or null when it does not look like one (no header injection). */
export function mailtoHref(email: string): string | null {
  return /^[^\s@?&#,;<>"]+@[^\s@?&#,;<>"]+$/.test(email) ? `mailto:${email}` : null;
}
