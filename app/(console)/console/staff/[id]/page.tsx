import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/lib/auth/next";
import { ROLES } from "@/lib/auth/roles";
import { getStaffAccount, PASSWORD_MIN, ROLE_LABELS } from "@/lib/console/staff-accounts";
import { db } from "@/lib/db";
import { Notice } from "../../programs/form-ui";
import { DisableForm, ResetPasswordForm, RoleForm } from "../forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Staff account" };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const DONE: Record<string, string> = {
  role: "Role changed. It applies to their next page load.",
  disabled: "Account disabled and signed out everywhere.",
  enabled: "Account enabled. They can sign in again.",
  unchanged: "Nothing changed.",
};

export default async function StaffAccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const { id } = await params;
  const me = await requireStaffPage("staff:manage", `/console/staff/${encodeURIComponent(id)}`);
  const account = await getStaffAccount(db(), id);
  if (!account) notFound();
  const done = DONE[(await searchParams).done ?? ""];
  const self = account.id === me.id;
  const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

  return (
    <>
      <p className="text-sm">
        <a href="/console/staff" className="text-brand underline">
          Staff
        </a>{" "}
        <span aria-hidden="true">›</span> {account.name}
      </p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">
        {account.name}
        {self && <span className="ml-2 text-base font-normal text-ink/70">(you)</span>}
      </h1>
      {done && (
        <div className="mt-4">
          <Notice>{done}</Notice>
        </div>
      )}
      <dl className="mt-4 grid max-w-3xl gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Email</dt>
        <dd>{account.email}</dd>
        <dt className="font-semibold">Role</dt>
        <dd>{account.role ? ROLE_LABELS[account.role] : "No role (cannot use the console)"}</dd>
        <dt className="font-semibold">Account</dt>
        <dd>{account.disabled ? "Disabled: cannot sign in" : "Active"}</dd>
        <dt className="font-semibold">Created</dt>
        <dd>{dateTime.format(account.createdAt)} UTC</dd>
        <dt className="font-semibold">Open sessions</dt>
        <dd>
          {account.openSessions}
          {account.lastSignInAt && `, the latest started ${dateTime.format(account.lastSignInAt)} UTC`}
        </dd>
      </dl>

      <div className="mt-8 grid max-w-5xl gap-6 md:grid-cols-2">
        <section aria-labelledby="role-heading" className="rounded-2xl border border-ink/10 bg-white p-5">
          <h2 id="role-heading" className="text-lg font-semibold">
            Role
          </h2>
          <div className="mt-3">
            <RoleForm
              key={account.role ?? "none"}
              userId={account.id}
              role={account.role ?? "staff"}
              roleOptions={roleOptions}
              disabledReason={self ? "You cannot remove your own admin role; another admin can." : "Admins also manage staff accounts and settings."}
            />
          </div>
        </section>

        <section aria-labelledby="access-heading" className="rounded-2xl border border-ink/10 bg-white p-5">
          <h2 id="access-heading" className="text-lg font-semibold">
            Access
          </h2>
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
        </section>

        <section aria-labelledby="password-heading" className="rounded-2xl border border-ink/10 bg-white p-5 md:col-span-2">
          <h2 id="password-heading" className="text-lg font-semibold">
            Reset password
          </h2>
          <div className="mt-3 max-w-md">
            <ResetPasswordForm userId={account.id} self={self} passwordMin={PASSWORD_MIN} />
          </div>
        </section>
      </div>
    </>
  );
}
