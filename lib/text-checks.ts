/**
 * Characters the form schemas refuse, shared by the public forms (lib/forms/fields.ts) and
 * the console's (lib/console/*.ts). Browser-safe: the form components import the schemas.
 */

/** C0/C1 control characters other than tab and line breaks: no field may hold them. */
// eslint-disable-next-line no-control-regex -- matches control characters on purpose, to reject them
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Every kind of line break, and tabs. A one-line field (a name, an email address, a title)
 * is shown on one line, in email headers and subjects, CSV cells and log lines, so a break
 * inside it would split or forge a line there. Leading and trailing ones are trimmed first.
 */
export const LINE_BREAKS_AND_TABS = /[\t\n\v\f\r\u0085\u2028\u2029]/;

export const SINGLE_LINE_MESSAGE = "Use a single line, without line breaks or tabs.";
export const INVISIBLE_CHARS_MESSAGE = "Remove the unusual invisible characters.";

export const isSingleLine = (v: string) => !LINE_BREAKS_AND_TABS.test(v);

/** No control characters other than tab and line breaks, and no lone surrogates. */
export const isCleanText = (v: string) => !CONTROL_CHARS.test(v) && v.isWellFormed();
