"use client";

import { useRef, useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

type Props = { link: string; siteName: string; code: string };

/**
 * The personal link, with Copy and Share. The plain share links (email, WhatsApp, LinkedIn)
 * are ordinary links to those services' own share addresses: no third-party script loads
 * here. Without JavaScript the buttons are not drawn and the links are the way to share;
 * with it, Share opens the device's share sheet where the browser has one (Web Share API),
 * and the links stay for browsers without it.
 */
export function ShareLink({ link, siteName, code }: Props) {
  // False while rendering on the server (and so without JavaScript), true once hydrated.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const canShare = useSyncExternalStore(
    noSubscription,
    () => typeof navigator.share === "function",
    () => false,
  );
  const [message, setMessage] = useState("");
  const input = useRef<HTMLInputElement>(null);

  const text = `I'm learning with ${siteName}. If you're thinking about a course, have a look through my link:`;
  const shareLinks = [
    { label: "Share by email", href: `mailto:?subject=${encodeURIComponent(`Have a look at ${siteName}`)}&body=${encodeURIComponent(`${text} ${link}`)}` },
    { label: "Share on WhatsApp", href: `https://wa.me/?text=${encodeURIComponent(`${text} ${link}`)}` },
    { label: "Share on LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(link)}` },
  ];

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setMessage("Copied. Your link is ready to paste.");
    } catch {
      // No clipboard access (an older browser, or permission refused): select the text instead.
      input.current?.select();
      setMessage("Your browser did not let us copy. The link is selected: press Ctrl+C (or ⌘C) to copy it.");
    }
  }

  async function share() {
    try {
      await navigator.share({ title: siteName, text, url: link });
      setMessage("");
    } catch (error) {
      // Closing the share sheet is not a failure worth a message.
      if (!(error instanceof DOMException && error.name === "AbortError")) setMessage("Sharing did not work here. Copy the link or use a link below.");
    }
  }

  return (
    <div>
      <label htmlFor="referral-link" className="block font-semibold">
        Share it anywhere
      </label>
      <p id="referral-link-hint" className="mt-1 text-sm leading-6 text-ink/75">
        Your code is <strong className="font-mono text-ink">{code}</strong>.
      </p>
      <input
        ref={input}
        id="referral-link"
        type="text"
        readOnly
        value={link}
        aria-describedby="referral-link-hint"
        className="mt-2 block min-h-12 w-full rounded-lg border border-ink/60 bg-paper px-3.5 font-mono text-base text-ink"
      />
      {ready ? (
        <div className="mt-3 flex flex-wrap gap-3">
          <button
            type="button"
            onClick={copy}
            aria-label="Copy your referral link"
            className="min-h-11 rounded-full bg-brand px-5 font-semibold text-white hover:bg-brand/90 focus-visible:outline-2 focus-visible:outline-offset-2"
          >
            Copy link
          </button>
          {canShare ? (
            <button
              type="button"
              onClick={share}
              aria-label="Share your referral link"
              className="min-h-11 rounded-full border border-brand px-5 font-semibold text-brand hover:bg-brand-soft focus-visible:outline-2 focus-visible:outline-offset-2"
            >
              Share…
            </button>
          ) : null}
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="mt-2 min-h-6 text-sm font-medium text-ink">
        {message}
      </p>
      {canShare ? null : (
        <>
          <h3 id="share-links-title" className="mt-3 text-sm font-semibold">
            Or share it with
          </h3>
          <ul aria-labelledby="share-links-title" className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
            {shareLinks.map((l) => (
              <li key={l.label}>
                <a
                  href={l.href}
                  className="font-semibold text-brand underline underline-offset-2"
                  rel="noopener noreferrer"
                  target={l.href.startsWith("mailto:") ? undefined : "_blank"}
                >
                  {l.label}
                  {l.href.startsWith("mailto:") ? null : <span className="sr-only"> (opens in a new tab)</span>}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
