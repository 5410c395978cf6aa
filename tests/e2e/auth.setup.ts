import { expect, test as setup } from "@playwright/test";
import { STAFF_ACCOUNTS, storageState } from "./staff";

// Signs in once per role through the real form and saves the session cookie for the tests.
for (const role of ["admin", "staff"] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    const account = STAFF_ACCOUNTS[role];
    await page.goto("/console/sign-in");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/console$/);
    await page.context().storageState({ path: storageState(role) });
  });
}
