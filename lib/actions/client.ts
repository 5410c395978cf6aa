/**
 * The one client every Server Action is built with (docs/actions.md), on next-safe-action.
 *
 * - `publicAction`: the public forms and links; a fault is logged, the person gets the
 *   friendly message.
 * - `staffAction(permission)` (bound in app/(console)/auth.ts): the same, plus middleware that
 *   checks the session and role before the body runs; it cannot be built without a permission.
 *
 * The argument check (lib/action-args.ts) is the input schema: a call without a real FormData
 * gets the action's `malformed` answer and one log line, and nothing else runs.
 *
 * Why an adapter: next-safe-action answers `{ data, serverError, validationErrors }`, but a
 * form's useActionState state must be the form's own (the no-JavaScript post re-renders the
 * page from it), refusals and faults included. No Next.js import: tests call these directly.
 */
import { createSafeActionClient, returnServerError } from "next-safe-action";
import { z } from "zod";
import { isFormData, logMalformedCall } from "../action-args";
import { can, type Permission, type Role } from "../auth/roles";

/** Today's friendly message for a fault behind a public form. */
export const PUBLIC_FAULT_MESSAGE = "Something went wrong on our side and your details were not saved. Please try again in a moment.";
/** The console's messages. */
export const STAFF_FAULT_MESSAGE = "Something went wrong on our side and nothing was changed. Try again in a moment.";
export const SIGNED_OUT_MESSAGE = "Your session has ended. Sign in again.";
export const FORBIDDEN_MESSAGE = "Your role does not allow this.";

/** What a form post carries to an action: its FormData, and the previous state for a useActionState action. */
export type FormInput = { formData: FormData };
export type StateInput = { formData: FormData; previous: unknown };

type Answer<R> = R | Promise<R>;

/** The answers every action gives besides its body's. */
export type Answers<I, R> = {
  /** For the log lines. */
  name: string;
  /** A call whose arguments are not a form post; nothing was read. May redirect. */
  malformed: () => Answer<R>;
  /**
   * A fault (logged by the client's handler, with its stack). `message` is the client's.
   * Without it the fault goes on to Next, which shows its error page.
   */
  failed?: (input: I, message: string) => Answer<R>;
};

/** A staff action's extra answers. */
export type StaffAnswers<I, R> = Answers<I, R> & {
  /** The console page that signing in comes back to (the sign-in redirect's `next`). */
  returnTo: (input: I) => string;
  /** Signed in, without the permission: nothing was done. */
  forbidden: (input: I, message: string) => Answer<R>;
};

/** Who a staff action runs as. */
export type StaffMember = { id: string; name: string; email: string; role: Role };

/** How a staff action reaches the session and Next's redirect (bound in app/(console)/auth.ts). */
export type StaffBindings = {
  currentStaff: () => Promise<StaffMember | null>;
  /** Sends an anonymous caller to sign in, coming back to `returnTo`. Throws (Next's redirect). */
  signIn: (returnTo: string) => never;
};

/** How an action was built: read by the test that walks every registered action. */
export type ActionInfo = { client: "public" | "staff"; permission?: Permission; name: string; kind: "form" | "state" };

const built = new WeakMap<object, ActionInfo>();

/** The client and permission an action was built with, or undefined if it was not built here. */
export function actionInfo(action: unknown): ActionInfo | undefined {
  return typeof action === "function" ? built.get(action) : undefined;
}

type Outcome = "failed" | "unauthenticated" | "forbidden";

/** Passes only a real FormData: checked by class, never by shape (see lib/action-args.ts). */
const formPost = z.custom<{ formData: FormData; previous?: unknown }>(
  (v) => typeof v === "object" && v !== null && isFormData((v as { formData?: unknown }).formData),
);

const safeClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ name: z.string().min(1) }),
  handleServerError: (error, { metadata }): Outcome => {
    console.error(`[actions] ${metadata?.name ?? "an action"} failed`, error);
    return "failed";
  },
}).inputSchema(formPost);

type StaffCtx = { staff: StaffMember };

function staffSafeClient(permission: Permission, bindings: StaffBindings) {
  return safeClient.useValidated(async ({ next }) => {
    const staff = await bindings.currentStaff();
    if (!staff) return returnServerError<Outcome>("unauthenticated");
    if (!can(staff.role, permission)) return returnServerError<Outcome>("forbidden");
    return next({ ctx: { staff } });
  });
}

/** The part of next-safe-action's client this module uses: metadata, then the action. */
type SafeBuilder<C> = {
  metadata: (m: { name: string }) => {
    action: <R>(fn: (args: { parsedInput: { formData: FormData; previous?: unknown }; ctx: C }) => Promise<R>) => (input: unknown) => Promise<SafeResult<R>>;
  };
};
type SafeResult<R> = { data?: R; serverError?: Outcome; validationErrors?: unknown };

type Spec<C> = { client: ActionInfo["client"]; permission?: Permission; safe: SafeBuilder<C>; faultMessage: string; bindings?: StaffBindings };

class ActionClient<C extends object, A extends "public" | "staff"> {
  constructor(private readonly spec: Spec<C>) {}

  /** An action a form posts to directly: `action(formData)`. */
  formAction<R>(answers: A extends "staff" ? StaffAnswers<FormInput, R> : Answers<FormInput, R>, body: (input: FormInput & C) => Promise<R>) {
    return this.define("form", answers, body, (args) => ({ formData: args[0] }));
  }

  /** A useActionState action: `action(previousState, formData)`. The previous state comes from the client: unknown. */
  stateAction<R>(answers: A extends "staff" ? StaffAnswers<StateInput, R> : Answers<StateInput, R>, body: (input: StateInput & C) => Promise<R>) {
    return this.define("state", answers, body, (args) => ({ previous: args[0], formData: args[1] }));
  }

  private define<I extends FormInput, R>(
    kind: ActionInfo["kind"],
    answers: Answers<I, R> | StaffAnswers<I, R>,
    body: (input: I & C) => Promise<R>,
    read: (args: unknown[]) => unknown,
  ): (...args: unknown[]) => Promise<R> {
    const { name } = answers;
    const safe = this.spec.safe.metadata({ name }).action(async ({ parsedInput, ctx }) => body({ ...(parsedInput as I), ...ctx }));
    const action = async (...args: unknown[]): Promise<R> => {
      const input = read(args);
      const result = await safe(input);
      if (result.validationErrors !== undefined) {
        logMalformedCall(name, args);
        return answers.malformed();
      }
      switch (result.serverError) {
        case undefined:
          return result.data as R;
        case "unauthenticated":
          return this.spec.bindings!.signIn((answers as StaffAnswers<I, R>).returnTo(input as I));
        case "forbidden":
          return (answers as StaffAnswers<I, R>).forbidden(input as I, FORBIDDEN_MESSAGE);
        default:
          if (answers.failed) return answers.failed(input as I, this.spec.faultMessage);
          throw new Error(`${name} failed (logged above)`);
      }
    };
    built.set(action, { client: this.spec.client, permission: this.spec.permission, name, kind });
    return action;
  }
}

/** Public actions: the forms, one-time links, unsubscribe, sign-in. */
export const publicAction = new ActionClient<object, "public">({
  client: "public",
  safe: safeClient as unknown as SafeBuilder<object>,
  faultMessage: PUBLIC_FAULT_MESSAGE,
});

/**
 * Staff actions, bound to the session and Next's redirect once (app/(console)/auth.ts):
 * `staffAction("leads:work").formAction(...)`. The body gets `staff`, who passed the check.
 */
export function createStaffAction(bindings: StaffBindings) {
  return (permission: Permission) =>
    new ActionClient<StaffCtx, "staff">({
      client: "staff",
      permission,
      safe: staffSafeClient(permission, bindings) as unknown as SafeBuilder<StaffCtx>,
      faultMessage: STAFF_FAULT_MESSAGE,
      bindings,
    });
}
