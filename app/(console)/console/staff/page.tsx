import type { Metadata } from "next";
import { When } from "@/components/console/when";
import { consoleClock } from "@/app/(console)/time-zone";
import { Badge, Section } from "@/components/console/page-parts";
import { ConsoleTable, linkColumn } from "@/components/console/table";
import { requireStaffPage } from "@/app/(console)/auth";
import { ROLES } from "@/lib/auth/roles";
import { listStaffAccounts, PASSWORD_MIN, ROLE_LABELS, type StaffAccountRow } from "@/lib/console/staff-accounts";
import { db } from "@/lib/db";
import { CreateStaffForm } from "./forms";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const { formatDateTime } = await consoleClock();
  const me = await requireStaffPage("staff:manage", "/console/staff");
  const accounts = await listStaffAccounts(db());
  const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Staff</h1>
      <p className="mt-2 max-w-3xl text-ink/80">
        Admins manage staff accounts and settings; staff work leads. Disable the account of someone who leaves: it signs them out at once and keeps their name
        on the leads and notes they worked.
      </p>

      <ConsoleTable
        className="mt-6"
        label="Staff accounts"
        rows={accounts}
        columns={[
          linkColumn<StaffAccountRow>(
            "Name",
            (a) => ({ href: `/console/staff/${a.id}`, label: a.name }),
            (a) => a.id === me.id && <span className="ml-1 text-xs text-ink/70">(you)</span>,
          ),
          { header: "Email", cell: (a) => a.email },
          { header: "Role", cell: (a) => (a.role ? ROLE_LABELS[a.role] : "No role") },
          { header: "Account", cell: (a) => <Badge tone={a.disabled ? "red" : "emerald"}>{a.disabled ? "Disabled" : "Active"}</Badge> },
          { header: "Created", className: "whitespace-nowrap", cell: (a) => <When at={a.createdAt} dateOnly /> },
          {
            header: "Latest open session",
            className: "whitespace-nowrap",
            cell: (a) => (a.lastSignInAt ? `${formatDateTime(a.lastSignInAt)}${a.openSessions > 1 ? ` (${a.openSessions} open)` : ""}` : "None open"),
          },
        ]}
      />

      <Section
        headingId="create-heading"
        title="Add a staff account"
        className="mt-10 max-w-3xl rounded-2xl border border-ink/10 bg-white p-5 sm:p-6"
        titleClassName="text-xl font-semibold"
      >
        <p className="mt-1 text-sm text-ink/75">
          Nobody can sign up on their own: accounts are only created here or with <code>npm run staff:create</code>.
        </p>
        <CreateStaffForm roleOptions={roleOptions} passwordMin={PASSWORD_MIN} />
      </Section>
    </>
  );
}
