/**
 * The "Book your call now" link's reference (lib/booking/attach.ts): `<leadId>.<HMAC>`, made
 * and checked with the server's key; an edited id, another key or a truncated link is refused.
 */
import { describe, expect, it } from "vitest";
import { bookCallHref, bookingLinkKey, leadIdFromRef, signLeadRef } from "@/lib/booking/attach";

const key = "test-key-0123456789";
const leadId = "cm9x2k7q40001abcd1234efgh";

describe("the booking link's signed lead reference", () => {
  it("names the lead it was made for, with our key only", () => {
    const ref = signLeadRef(leadId, key);
    expect(ref).toMatch(/^cm9x2k7q40001abcd1234efgh\.[A-Za-z0-9_-]{43}$/);
    expect(leadIdFromRef(ref, key)).toBe(leadId);
    expect(leadIdFromRef(ref, "another-key")).toBeNull();
  });

  it("refuses an edited lead id, a changed or cut signature, and junk", () => {
    const ref = signLeadRef(leadId, key);
    const [, mac] = ref.split(".");
    expect(leadIdFromRef(`cm9x2k7q40001abcd1234efgi.${mac}`, key)).toBeNull();
    expect(leadIdFromRef(`${leadId}.${mac.slice(0, -1)}A`.replace(/AA$/, "AB"), key)).toBeNull();
    expect(leadIdFromRef(`${leadId}.${mac.slice(0, 42)}`, key)).toBeNull();
    expect(leadIdFromRef(`${leadId}.${signLeadRef("cm9x2k7q40001abcd1234efgi", key).split(".")[1]}`, key)).toBeNull();
    for (const junk of [undefined, null, "", leadId, `${leadId}.`, "<script>.x", `${ref}.extra`]) expect(leadIdFromRef(junk, key), String(junk)).toBeNull();
  });

  it("takes its key from BOOKING_LINK_SECRET, else the fingerprint key", () => {
    const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
    expect(bookingLinkKey(env({ BOOKING_LINK_SECRET: " s3cret ", BETTER_AUTH_SECRET: "auth" }))).toBe("s3cret");
    expect(bookingLinkKey(env({ BETTER_AUTH_SECRET: "auth" }))).toBe("auth");
    expect(bookingLinkKey(env({ FINGERPRINT_SECRET: "fp", BETTER_AUTH_SECRET: "auth" }))).toBe("fp");
  });

  it("links /book with the call type, the program and the reference", () => {
    const href = new URL(bookCallHref({ leadId, programSlug: "data-analytics", callType: "quote-call" }, key), "https://x.example");
    expect(href.pathname).toBe("/book");
    expect(Object.fromEntries(href.searchParams)).toEqual({ type: "quote-call", program: "data-analytics", for: signLeadRef(leadId, key) });
    expect(new URL(bookCallHref({ leadId, programSlug: null }, key), "https://x.example").searchParams.has("program")).toBe(false);
  });
});
