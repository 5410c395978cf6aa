import type { Metadata } from "next";
import { requireStaffPage } from "@/lib/auth/next";
import { ROLES } from "@/lib/auth/roles";
import { listStaffAccounts, PASSWORD_MIN, ROLE_LABELS } from "@/lib/console/staff-accounts";
import { db } from "@/lib/db";
import { CreateStaffForm } from "./forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Staff" };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function StaffPage() {
  const me = await requireStaffPage("staff:manage", "/console/staff");
  const accounts = await listStaffAccounts(db());
  const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Staff</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Admins manage staff accounts and settings; staff work leads. Disable the account of someone who leaves: it signs them out at
        once and keeps their name on the leads and notes they worked.
      </p>

      <div className="mt-6 overflow-x-auto rounded-xl border border-ink/10 bg-white" role="region" aria-label="Staff accounts" tabIndex={0}>
        <table className="w-full text-left text-sm">
          <thead className="bg-ink/5">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Email</th>
              <th scope="col" className="px-3 py-2">Role</th>
              <th scope="col" className="px-3 py-2">Account</th>
              <th scope="col" className="px-3 py-2">Created (UTC)</th>
              <th scope="col" className="px-3 py-2">Latest open session (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} className="border-t border-ink/10 align-top">
                <th scope="row" className="px-3 py-2 font-medium">
                  <a href={`/console/staff/${a.id}`} className="text-brand underline">
                    {a.name}
                  </a>
                  {a.id === me.id && <span className="ml-1 text-xs font-normal text-ink/70">(you)</span>}
                </th>
                <td className="px-3 py-2">{a.email}</td>
                <td className="px-3 py-2">{a.role ? ROLE_LABELS[a.role] : "No role"}</td>
                <td className="px-3 py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${a.disabled ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"}`}>
                    {a.disabled ? "Disabled" : "Active"}
                  </span>
                </td>
                <td className="whitespace-nowrap px-3 py-2">{date.format(a.createdAt)}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  {a.lastSignInAt ? `${dateTime.format(a.lastSignInAt)}${a.openSessions > 1 ? ` (${a.openSessions} open)` : ""}` : "None open"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="create-heading" className="mt-10 max-w-3xl rounded-2xl border border-ink/10 bg-white p-5 sm:p-6">
        <h2 id="create-heading" className="text-xl font-semibold">
          Add a staff account
        </h2>
        <p className="mt-1 text-sm text-ink/75">Nobody can sign up on their own: accounts are only created here or with <code>npm run staff:create</code>.</p>
        <CreateStaffForm roleOptions={roleOptions} passwordMin={PASSWORD_MIN} />
      </section>
    </>
  );
}
