import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Facts } from "@/components/console/facts";
import { consoleClock } from "@/app/(console)/time-zone";
import { Breadcrumb, Notice, Section } from "@/components/console/page-parts";
import { requireStaffPage } from "@/app/(console)/auth";
import { queryParam, type SearchParams } from "@/lib/query-param";
import { ROLES } from "@/lib/auth/roles";
import { getStaffAccount, PASSWORD_MIN, ROLE_LABELS } from "@/lib/console/staff-accounts";
import { db } from "@/lib/db";
import { DisableForm, ResetPasswordForm, RoleForm } from "../forms";

export const metadata: Metadata = { title: "Staff account" };

const DONE: Record<string, string> = {
  role: "Role changed. It applies to their next page load.",
  disabled: "Account disabled and signed out everywhere.",
  enabled: "Account enabled. They can sign in again.",
  unchanged: "Nothing changed.",
};

export default async function StaffAccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { formatDateTime } = await consoleClock();
  const { id } = await params;
  const me = await requireStaffPage("staff:manage", `/console/staff/${encodeURIComponent(id)}`);
  const account = await getStaffAccount(db(), id);
  if (!account) notFound();
  const done = DONE[queryParam(await searchParams, "done") ?? ""];
  const self = account.id === me.id;
  const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

  return (
    <>
      <Breadcrumb href="/console/staff" parent="Staff" current={account.name} />
      <h1 className="mt-2 text-2xl font-bold tracking-tight">
        {account.name}
        {self && <span className="ml-2 text-base font-normal text-ink/70">(you)</span>}
      </h1>
      {done && <Notice className="mt-4">{done}</Notice>}
      <Facts
        className="mt-4 max-w-3xl"
        rows={[
          ["Email", account.email],
          ["Role", account.role ? ROLE_LABELS[account.role] : "No role (cannot use the console)"],
          ["Account", account.disabled ? "Disabled: cannot sign in" : "Active"],
          ["Created", formatDateTime(account.createdAt)],
          ["Open sessions", `${account.openSessions}${account.lastSignInAt ? `, the latest started ${formatDateTime(account.lastSignInAt)}` : ""}`],
        ]}
      />

      <div className="mt-8 grid max-w-5xl gap-6 md:grid-cols-2">
        <Section headingId="role-heading" title="Role" className="rounded-2xl border border-ink/10 bg-white p-5">
          <div className="mt-3">
            <RoleForm
              key={account.role ?? "none"}
              userId={account.id}
              role={account.role ?? "staff"}
              roleOptions={roleOptions}
              disabledReason={self ? "You cannot remove your own admin role; another admin can." : "Admins also manage staff accounts and settings."}
            />
          </div>
        </Section>

        <Section headingId="access-heading" title="Access" className="rounded-2xl border border-ink/10 bg-white p-5">
          <p className="mt-1 text-sm text-ink/75">
            {self
              ? "You cannot disable your own account; another admin can."
              : account.disabled
                ? "Enabling lets them sign in again with their current password."
                : "Disabling signs them out everywhere at once and stops them signing in. Their leads and notes keep their name."}
          </p>
          {!self && (
            <div className="mt-3">
              <DisableForm key={String(account.disabled)} userId={account.id} name={account.name} disabled={account.disabled} />
            </div>
          )}
        </Section>

        <Section headingId="password-heading" title="Reset password" className="rounded-2xl border border-ink/10 bg-white p-5 md:col-span-2">
          <div className="mt-3 max-w-md">
            <ResetPasswordForm userId={account.id} self={self} passwordMin={PASSWORD_MIN} />
          </div>
        </Section>
      </div>
    </>
  );
}
