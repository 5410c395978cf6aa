/** Staff accounts for the browser tests (created by scripts/test-all.sh on the e2e database). */
export const STAFF_ACCOUNTS = {
  admin: { email: "admin-e2e@loomstack.example", name: "Ada Admin", password: "e2e-admin-password-123" },
  staff: { email: "staff-e2e@loomstack.example", name: "Sam Staff", password: "e2e-staff-password-123" },
} as const;

export const storageState = (role: keyof typeof STAFF_ACCOUNTS) => `test-results/.auth/${role}.json`;
