/**
 * The action client (lib/actions/client.ts) on its own, with made-up bodies, sessions and
 * answers: what runs, in which order, and what the caller gets back, for the public client
 * and for staff actions. The real actions are walked in tests/unit/action-registry.test.ts
 * and called with real sessions in tests/integration/console-authorization.test.ts.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  actionInfo,
  createStaffAction,
  FORBIDDEN_MESSAGE,
  PUBLIC_FAULT_MESSAGE,
  publicAction,
  STAFF_FAULT_MESSAGE,
  type StaffMember,
} from "@/lib/actions/client";

const fd = (fields: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

/** What a client can send instead of a form post (React's reply encoding can express all of these). */
const TAMPERED: [string, unknown[]][] = [
  ["no argument", []],
  ["undefined", [undefined]],
  ["null and null", [null, null]],
  ["strings", ["$undefined", "email=a%40example.com"]],
  ["the fields as a plain object", [{ status: "idle" }, { email: "a@example.com" }]],
  ["an object shaped like FormData", [null, { get: () => "x", entries: () => [][Symbol.iterator]() }]],
  ["200 arguments", Array.from({ length: 200 }, (_, i) => (i % 2 ? "$undefined" : null))],
];

/** Next's redirect signal, as next/navigation throws it. */
class Redirect extends Error {
  readonly digest: string;
  constructor(readonly to: string) {
    super(`redirect ${to}`);
    this.digest = `NEXT_REDIRECT;replace;${to};307;`;
  }
}

const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
const error = vi.spyOn(console, "error").mockImplementation(() => {});
afterEach(() => {
  warn.mockClear();
  error.mockClear();
});

describe("publicAction", () => {
  it("runs the body of a form action with the posted FormData, and answers what the body answers", async () => {
    const action = publicAction.formAction({ name: "testFormAction", malformed: () => "malformed" }, async ({ formData }) => `hello ${formData.get("name")}`);
    expect(await action(fd({ name: "Ada" }))).toBe("hello Ada");
  });

  it("gives a state action the previous state as sent, unread, and the FormData second", async () => {
    const seen: unknown[] = [];
    const action = publicAction.stateAction({ name: "testStateAction", malformed: () => "malformed" }, async ({ previous, formData }) => {
      seen.push(previous, formData.get("email"));
      return "done";
    });
    expect(await action({ status: "idle", junk: [1] }, fd({ email: "a@example.com" }))).toBe("done");
    expect(seen).toEqual([{ status: "idle", junk: [1] }, "a@example.com"]);
  });

  it("answers every call that is not a form post with `malformed`, runs nothing, and logs one line without a stack", async () => {
    let ran = 0;
    const form = publicAction.formAction({ name: "testFormAction", malformed: () => "malformed" }, async () => String(++ran));
    const state = publicAction.stateAction({ name: "testStateAction", malformed: () => "malformed" }, async () => String(++ran));
    const outcomes: string[] = [];
    for (const [what, args] of TAMPERED) {
      for (const action of [form, state]) {
        warn.mockClear();
        const answer = await action(...args);
        const line = String(warn.mock.calls[0]?.[0]);
        outcomes.push(`${what}: ${answer}, ${warn.mock.calls.length} warning${/\n|TypeError|\bat /.test(line) ? " with a stack" : ""}`);
      }
    }
    expect(outcomes).toEqual(TAMPERED.flatMap(([what]) => [`${what}: malformed, 1 warning`, `${what}: malformed, 1 warning`]));
    expect(ran).toBe(0);
    expect(error).not.toHaveBeenCalled();
  });

  it("reads a form action's FormData from the first argument only, and a state action's from the second only", async () => {
    const form = publicAction.formAction({ name: "testFormAction", malformed: () => "malformed" }, async () => "ran");
    const state = publicAction.stateAction({ name: "testStateAction", malformed: () => "malformed" }, async () => "ran");
    expect([await form(fd()), await form(null, fd()), await state(fd()), await state(null, fd()), await state(fd(), fd())]).toEqual([
      "ran",
      "malformed",
      "malformed",
      "ran",
      "ran",
    ]);
  });

  it("logs a fault with its stack and answers `failed` with the friendly message", async () => {
    const action = publicAction.stateAction(
      { name: "testStateAction", malformed: () => "malformed", failed: ({ formData }, message) => `${formData.get("email")}: ${message}` },
      async () => {
        throw new Error("the database is down");
      },
    );
    expect(await action(null, fd({ email: "a@example.com" }))).toBe(`a@example.com: ${PUBLIC_FAULT_MESSAGE}`);
    expect(PUBLIC_FAULT_MESSAGE).toBe("Something went wrong on our side and your details were not saved. Please try again in a moment.");
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0][0]).toBe("[actions] testStateAction failed");
    expect(String((error.mock.calls[0][1] as Error).stack)).toContain("the database is down");
  });

  it("passes a fault on (Next's error page) when the action gives no `failed` answer", async () => {
    const action = publicAction.formAction({ name: "testFormAction", malformed: () => "malformed" }, async () => {
      throw new Error("boom");
    });
    await expect(action(fd())).rejects.toThrow("testFormAction failed");
    expect(error).toHaveBeenCalledTimes(1);
  });

  it("lets Next's redirect through untouched, and logs nothing", async () => {
    const action = publicAction.formAction({ name: "testFormAction", malformed: () => "malformed" }, async () => {
      throw new Redirect("/somewhere");
    });
    const thrown = await action(fd()).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Redirect);
    expect((thrown as Redirect).to).toBe("/somewhere");
    expect(error).not.toHaveBeenCalled();
  });
});

describe("staffAction(permission)", () => {
  const ada: StaffMember = { id: "u-ada", name: "Ada Admin", email: "ada@loomstack.example", role: "admin" };
  const sam: StaffMember = { id: "u-sam", name: "Sam Staff", email: "sam@loomstack.example", role: "staff" };

  function client(who: StaffMember | null) {
    const calls = { session: 0, signIn: [] as string[] };
    const staffAction = createStaffAction({
      currentStaff: async () => {
        calls.session++;
        return who;
      },
      signIn: (returnTo) => {
        calls.signIn.push(returnTo);
        throw new Redirect(`/console/sign-in?next=${encodeURIComponent(returnTo)}`);
      },
    });
    const ran: string[] = [];
    const action = staffAction("staff:manage").stateAction(
      {
        name: "testStaffAction",
        malformed: () => "malformed",
        returnTo: ({ formData }) => `/console/staff/${formData.get("userId")}`,
        forbidden: ({ formData }, message) => `forbidden ${formData.get("userId")}: ${message}`,
        failed: (_input, message) => `failed: ${message}`,
      },
      async ({ staff, formData }) => {
        ran.push(`${staff.id} ${formData.get("userId")}`);
        if (formData.get("userId") === "boom") throw new Error("boom");
        return "done";
      },
    );
    return { action, calls, ran };
  }

  it("runs the body for a role that holds the permission, with the staff member who passed the check", async () => {
    const { action, ran } = client(ada);
    expect(await action(null, fd({ userId: "u-1" }))).toBe("done");
    expect(ran).toEqual(["u-ada u-1"]);
  });

  it("sends an anonymous caller to sign in, coming back to the action's page, and runs nothing", async () => {
    const { action, calls, ran } = client(null);
    const thrown = await action(null, fd({ userId: "u-1" })).catch((e: unknown) => e);
    expect((thrown as Redirect).to).toBe("/console/sign-in?next=%2Fconsole%2Fstaff%2Fu-1");
    expect(calls.signIn).toEqual(["/console/staff/u-1"]);
    expect(ran).toEqual([]);
  });

  it("answers a role without the permission with `forbidden` and the console's message, and runs nothing", async () => {
    const { action, ran } = client(sam);
    expect(await action(null, fd({ userId: "u-1" }))).toBe("forbidden u-1: Your role does not allow this.");
    expect(FORBIDDEN_MESSAGE).toBe("Your role does not allow this.");
    expect(ran).toEqual([]);
  });

  it("checks the arguments before the session: a tampered call reads no session", async () => {
    const { action, calls, ran } = client(ada);
    for (const [, args] of TAMPERED) expect(await action(...args)).toBe("malformed");
    expect(calls.session).toBe(0);
    expect(ran).toEqual([]);
  });

  it("answers a fault with the console's message", async () => {
    const { action } = client(ada);
    expect(await action(null, fd({ userId: "boom" }))).toBe(`failed: ${STAFF_FAULT_MESSAGE}`);
    expect(error).toHaveBeenCalledTimes(1);
  });
});

describe("actionInfo", () => {
  it("tells how an action was built, and knows nothing of a function built without the client", async () => {
    const staffAction = createStaffAction({
      currentStaff: async () => null,
      signIn: () => {
        throw new Error("unused");
      },
    });
    const pub = publicAction.formAction({ name: "a", malformed: () => 1 }, async () => 1);
    const staff = staffAction("leads:work").stateAction({ name: "b", malformed: () => 1, returnTo: () => "/console", forbidden: () => 1 }, async () => 1);
    const bare = async (formData: FormData) => formData.get("x");
    expect([actionInfo(pub), actionInfo(staff), actionInfo(bare)]).toEqual([
      { client: "public", permission: undefined, name: "a", kind: "form" },
      { client: "staff", permission: "leads:work", name: "b", kind: "state" },
      undefined,
    ]);
  });
});
