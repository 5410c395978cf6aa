/**
 * Walks every Server Action the app registers (every export of every actions.ts under app/,
 * as Next registers them) and checks how each was built (lib/actions/client.ts): console
 * actions with the staff client and a permission, every other with the public client. An
 * action written without the client, or a console action without its permission check,
 * fails here. Which permission each console action needs, and that it is enforced for real
 * sessions, is the authorization matrix's job (tests/integration/console-authorization.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { importServerActions } from "../helpers/server-actions";
import { actionInfo } from "@/lib/actions/client";

/** The console's public actions, written out: signing in is how a session starts, and a forgotten password is reset signed out. */
const PUBLIC_IN_CONSOLE = [
  "app/(console)/console/sign-in/actions.ts#signInAction",
  "app/(console)/console/sign-in/actions.ts#signOutAction",
  "app/(console)/console/forgot-password/actions.ts#requestPasswordResetAction",
  "app/(console)/console/reset-password/[token]/actions.ts#resetPasswordAction",
];

/** "file#export" → the exported value, for every actions.ts under app/. */
let registered = new Map<string, unknown>();

beforeAll(async () => {
  registered = await importServerActions("app");
}, 60_000);

describe("every registered Server Action", () => {
  it("finds the actions of the forms and of the console", () => {
    const keys = [...registered.keys()];
    expect(keys.filter((k) => k.startsWith("app/(forms)/")).length).toBeGreaterThanOrEqual(6);
    expect(keys.filter((k) => k.startsWith("app/(console)/")).length).toBeGreaterThanOrEqual(10);
    expect(
      PUBLIC_IN_CONSOLE.filter((k) => !registered.has(k)),
      "an entry of PUBLIC_IN_CONSOLE names no action",
    ).toEqual([]);
  });

  it("is built with the action client: staff with a permission in the console, public elsewhere", () => {
    const wrong: string[] = [];
    for (const [key, value] of registered) {
      const info = actionInfo(value);
      const staffOnly = key.startsWith("app/(console)/") && !PUBLIC_IN_CONSOLE.includes(key);
      if (!info) wrong.push(`${key}: not built with the action client`);
      else if (staffOnly && (info.client !== "staff" || !info.permission))
        wrong.push(`${key}: a console action built with the ${info.client} client, without a permission`);
      else if (!staffOnly && info.client !== "public") wrong.push(`${key}: built with the ${info.client} client, expected the public one`);
    }
    expect(wrong).toEqual([]);
  });
});
