/**
 * The one guard every Server Action's arguments go through. An action is a public endpoint:
 * a client can call it with anything React's reply encoding can express (no argument,
 * `$undefined`, null, strings, numbers, plain objects, arrays, Maps, files, references to
 * other actions, 200 arguments), whatever its TypeScript signature says. So nothing reads an
 * argument before it is checked here, and a malformed call gets the action's ordinary error
 * answer and one log line, never a TypeError and a 500.
 *
 * Kept small on purpose: the move to next-safe-action replaces it. No Next.js imports, so
 * tests call guarded actions directly.
 */

/** For forms whose action returns a state: what a malformed call is told. */
export const UNREADABLE_FORM_MESSAGE = "We could not read this form. Reload the page and send it again.";

/**
 * A real FormData, as React decodes a form post. Checked by class, not by shape: an object
 * with `get` and `entries` keys could hold references to other Server Actions.
 */
export function isFormData(value: unknown): value is FormData {
  return typeof FormData === "function" && value instanceof FormData;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  if (Array.isArray(value)) return "array";
  if (isFormData(value)) return "FormData";
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? "object" : "instance";
}

/** The shape of a call, for the log: the kinds of its first arguments, never their content. */
export function describeArgs(args: readonly unknown[]): string {
  const kinds = args.slice(0, 4).map(kindOf);
  if (args.length > kinds.length) kinds.push("…");
  return `${args.length} argument${args.length === 1 ? "" : "s"}${kinds.length ? `: ${kinds.join(", ")}` : ""}`;
}

/** One line, no stack: the input is the client's, not a fault of ours. */
export function logMalformedCall(action: string, args: readonly unknown[]): void {
  console.warn(`[actions] ${action}: malformed call (${describeArgs(args)}), answered with its error`);
}

type Answer<R> = R | Promise<R>;

/**
 * An action a form posts to directly, called as `action(formData)`. Any other call gets
 * `malformed()` (which may redirect). Arguments after the first are ignored.
 */
export function formDataAction<R>(name: string, malformed: () => Answer<R>, run: (formData: FormData) => Promise<R>) {
  return async (...args: unknown[]): Promise<R> => {
    if (isFormData(args[0])) return run(args[0]);
    logMalformedCall(name, args);
    return malformed();
  };
}

/**
 * A `useActionState` action, called as `action(previousState, formData)`. The previous state
 * is passed on as `unknown`: it comes from the client too. Any call without a FormData second
 * gets `malformed()`. Arguments after the second are ignored.
 */
export function stateAction<R>(name: string, malformed: () => Answer<R>, run: (previous: unknown, formData: FormData) => Promise<R>) {
  return async (...args: unknown[]): Promise<R> => {
    if (isFormData(args[1])) return run(args[0], args[1]);
    logMalformedCall(name, args);
    return malformed();
  };
}
