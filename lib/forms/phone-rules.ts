/**
 * libphonenumber's metadata is the largest part of a form's validation (docs/performance.md),
 * and most visitors never type a phone number. So the phone check reads the library from
 * here: the server installs it at start-up (lib/forms/phone-rules-server.ts), the browser
 * loads it on demand (loadPhoneRules), the first time a form with a phone is validated or the
 * field is focused. Either way the check is the same code on the same library.
 */
import type { parsePhoneNumberFromString } from "libphonenumber-js/min";

export type ParsePhoneNumber = typeof parsePhoneNumberFromString;

let parsePhone: ParsePhoneNumber | undefined;
let loading: Promise<void> | undefined;

/** Thrown by the phone check when the rules are not in yet; the browser's resolver loads them and validates again. */
export class PhoneRulesNotLoaded extends Error {
  constructor() {
    super("The phone number rules are not loaded yet (loadPhoneRules).");
    this.name = "PhoneRulesNotLoaded";
  }
}

export function installPhoneRules(parse: ParsePhoneNumber): void {
  parsePhone = parse;
}

export const phoneRulesLoaded = () => parsePhone !== undefined;

/** Loads libphonenumber (once) and installs it. */
export function loadPhoneRules(): Promise<void> {
  if (parsePhone) return Promise.resolve();
  loading ??= import("libphonenumber-js/min").then(
    (lib) => installPhoneRules(lib.parsePhoneNumberFromString),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export function phoneParser(): ParsePhoneNumber {
  if (!parsePhone) throw new PhoneRulesNotLoaded();
  return parsePhone;
}
