import { displayPhone, mailtoHref, relativeAge, statusTone, telHref } from "@/lib/console/lead-display";
import { STATUS_LABELS } from "@/lib/console/pipeline";

/** A lead's status as a coloured label; the text says it, the colour only repeats it. */
export function StatusLabel({ status }: { status: string }) {
  const label = STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status;
  return <span className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${statusTone(status)}`}>{label}</span>;
}

/** "2 h ago", with the exact time in the staff member's zone in the tooltip, and the instant in the machine-readable attribute. */
export function Age({ at, now, formatDateTime }: { at: Date; now: Date; formatDateTime: (d: Date) => string }) {
  const exact = formatDateTime(at);
  return (
    <time dateTime={at.toISOString()} title={exact}>
      {relativeAge(at, now)}
      <span className="sr-only"> ({exact})</span>
    </time>
  );
}

/** A phone number grouped for reading, as a link that dials it. */
export function PhoneLink({ phone, className }: { phone: string; className?: string }) {
  const href = telHref(phone);
  const text = displayPhone(phone);
  return href ? (
    <a href={href} className={className ?? "text-brand underline underline-offset-2"}>
      {text}
    </a>
  ) : (
    <>{text}</>
  );
}

/** An email address as a link that writes to it. */
export function EmailLink({ email, className }: { email: string; className?: string }) {
  const href = mailtoHref(email);
  return href ? (
    <a href={href} className={className ?? "break-all text-brand underline underline-offset-2"}>
      {email}
    </a>
  ) : (
    <>{email}</>
  );
}
