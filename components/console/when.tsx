import { consoleClock } from "@/app/(console)/time-zone";

/**
 * An instant in the signed-in staff member's zone, as a `<time>` element (server component:
 * it reads the request's zone itself, so table cells and helpers need not pass it along).
 */
export async function When({
  at,
  seconds = false,
  dateOnly = false,
  empty = "—",
}: {
  at: Date | null | undefined;
  seconds?: boolean;
  dateOnly?: boolean;
  empty?: string;
}) {
  if (!at) return <>{empty}</>;
  const clock = await consoleClock();
  return <time dateTime={at.toISOString()}>{dateOnly ? clock.formatDate(at) : clock.formatDateTime(at, { seconds })}</time>;
}
