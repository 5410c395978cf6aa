/**
 * The server's phone rules, installed as soon as this module loads: every server path that
 * validates a form imports it (lib/leads/pipeline.ts, the console), so the server never
 * waits for them. The browser never imports this file (lib/forms/phone-rules.ts).
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { installPhoneRules } from "./phone-rules";

installPhoneRules(parsePhoneNumberFromString);
