import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/app/(console)/auth";
import { consoleClock } from "@/app/(console)/time-zone";
import { Facts } from "@/components/console/facts";
import { Notice } from "@/components/console/page-parts";
import { packedTimeZones } from "@/components/forms/page-data";
import { BROWSER_ZONE_COOKIE, ZONE_SOURCE_TEXT } from "@/lib/console/staff-time-zone";
import { profileOf, SIGNATURE_MAX } from "@/lib/console/profile";
import { db } from "@/lib/db";
import { unpackTimeZones } from "@/lib/forms/time-zones";
import { isTimeZone } from "@/lib/events/time";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaffPage("leads:read", "/console/profile");
  const q = await searchParams;
  const [me, clock] = await Promise.all([profileOf(db(), staff.id), consoleClock()]);
  if (!me) notFound();
  const browser = (await cookies()).get(BROWSER_ZONE_COOKIE)?.value;
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Your profile</h1>
      {queryParam(q, "saved") === "1" && (
        <Notice id="profile-saved" focusable className="mt-4">
          Saved. Times are now shown in {clock.label}.
        </Notice>
      )}
      <Facts
        className="mt-6 max-w-3xl"
        rows={[
          ["Name", me.name],
          ["Email", me.email],
          ["Role", staff.role],
          ["Times shown in", `${clock.label} (${ZONE_SOURCE_TEXT[clock.source]})`],
        ]}
      />
      <section aria-labelledby="zone-heading" className="mt-8">
        <h2 id="zone-heading" className="text-lg font-semibold">
          Time zone and email signature
        </h2>
        <ProfileForm
          saved={me.timeZone ?? ""}
          savedSignature={me.emailSignature ?? ""}
          signatureMax={SIGNATURE_MAX}
          zones={unpackTimeZones(packedTimeZones(new Date()))}
          browserZone={browser && isTimeZone(browser) ? browser : null}
          hoursZone={me.advisor?.timeZone ?? null}
        />
      </section>
    </>
  );
}
