import type { ReactNode } from "react";
import { packedTimeZones } from "@/components/forms/page-data";
import { FormCard } from "@/components/forms/form-page";
import { unpackTimeZones } from "@/lib/forms/time-zones";
import type { PickerView } from "@/lib/forms/booking/picker";
import { ZoneDetect } from "./zone-detect";

/**
 * The slot picker's steps as plain links and a GET form, shared by /book and the reschedule
 * step of /book/manage/<token>: they work the same with JavaScript off.
 */

const linkClass = "font-semibold text-brand underline underline-offset-2 hover:text-brand-strong";
const tileClass =
  "flex min-h-12 flex-col justify-center rounded-lg border border-ink/25 bg-white px-3.5 py-2 leading-6 hover:border-brand hover:bg-brand-soft/40 aria-[current=true]:border-2 aria-[current=true]:border-brand aria-[current=true]:bg-brand-soft/60";

/** The visitor's zone in words, the advisors', and a GET form to choose another; with JavaScript, the browser's zone when the URL names none. */
export function ZoneCard({ picker, path, hidden }: { picker: PickerView; path: string; hidden: Record<string, string | undefined> }) {
  const zones = unpackTimeZones(packedTimeZones());
  if (!zones.some((z) => z.value === picker.timeZone)) zones.unshift({ value: picker.timeZone, label: picker.timeZone.replace(/_/g, " ") });
  return (
    <FormCard id="zone" title="Your time zone">
      <ZoneDetect active={!picker.zoneChosen} />
      {picker.zoneChosen ? (
        <p className="leading-7">
          Times are shown in <strong>{picker.zoneText}</strong>.
        </p>
      ) : (
        <p className="leading-7">
          Times are shown in the advisors&apos; time zone, <strong>{picker.zoneText}</strong>, as we could not tell yours. Choose yours below to see the times
          in it.
        </p>
      )}
      {picker.advisorZoneTexts.length > 0 && <p className="mt-2 text-sm leading-6 text-ink/80">Our advisors work in {picker.advisorZoneTexts.join("; ")}.</p>}
      <form method="get" action={path} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
        {Object.entries(hidden).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
        <div className="min-w-0 flex-1">
          <label htmlFor="zone-tz" className="block font-medium leading-6">
            Show the times in
          </label>
          <select
            id="zone-tz"
            name="tz"
            defaultValue={picker.timeZone}
            className="mt-2 block min-h-12 w-full min-w-0 rounded-lg border border-ink/60 bg-white px-3.5 py-2 text-base focus:border-brand focus:ring-2 focus:ring-brand/35"
          >
            {zones.map((z) => (
              <option key={z.value} value={z.value}>
                {z.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="inline-flex min-h-12 items-center justify-center rounded-full border-2 border-brand px-6 font-semibold text-brand hover:bg-brand-soft/60"
        >
          Show times
        </button>
      </form>
    </FormCard>
  );
}

/** Step 1: the days with free times. */
export function DaysCard({ picker, before, title = "1. Choose a day" }: { picker: PickerView; before?: ReactNode; title?: string }) {
  return (
    <FormCard id="days" title={title}>
      {before}
      {picker.emptyDay && (
        <p role="status" className="mb-4 font-semibold leading-7 text-red-700">
          There are no free times on that day any more. Choose another day.
        </p>
      )}
      {picker.days.length === 0 ? (
        <p className="leading-7">
          There are no free times in the next weeks.{" "}
          <a href="/call-back" className={linkClass}>
            Ask us to call you back
          </a>{" "}
          and we will find a time with you.
        </p>
      ) : (
        <ul aria-label="Days with free times" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {picker.days.map((d) => (
            <li key={d.date}>
              <a href={d.href} aria-current={d.current ? "true" : undefined} className={tileClass}>
                <span className="font-semibold text-ink">{d.label}</span>
                <span className="text-sm text-ink/75">{d.count === 1 ? "1 free time" : `${d.count} free times`}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </FormCard>
  );
}

/** Step 2: the free times of the chosen day. */
export function TimesCard({ picker, title = "2. Choose a time" }: { picker: PickerView; title?: string }) {
  const day = picker.day;
  if (!day) return null;
  return (
    <FormCard
      id="times"
      title={title}
      description={
        <>
          {day.label}, in {picker.zoneText}
        </>
      }
    >
      {day.slots.length === 0 ? (
        <p className="leading-7">There are no free times left on this day.</p>
      ) : (
        <ul aria-label={`Free times on ${day.label}`} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {day.slots.map((s) => (
            <li key={s.startsAt}>
              <a href={s.href} aria-current={picker.slot?.startsAt === s.startsAt ? "true" : undefined} className={`${tileClass} items-center font-semibold`}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-4">
        <a href={picker.daysHref} className={linkClass}>
          Choose another day
        </a>
      </p>
    </FormCard>
  );
}

/** The kinds of call, when there are several: each a link that keeps the rest of the choice. */
export function CallTypeChoice({ types }: { types: { slug: string; name: string; durationMinutes: number; href: string; current: boolean }[] }) {
  if (types.length < 2) return null;
  return (
    <nav aria-label="Kind of call" className="mb-5">
      <ul className="flex flex-wrap gap-2">
        {types.map((t) => (
          <li key={t.slug}>
            <a href={t.href} aria-current={t.current ? "true" : undefined} className={`${tileClass} min-h-11 py-1.5`}>
              <span className="font-semibold">{t.name}</span>
              <span className="text-sm text-ink/75">{t.durationMinutes} minutes</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
