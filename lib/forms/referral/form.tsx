"use client";

import { useEffect, useState } from "react";
import { useFieldArray } from "react-hook-form";
import { LIMITS } from "../field-options";
import { REFERRAL_CONSENT } from "./options";
import { ConsentField, EmailField, FieldError, FormSection, TextAreaField, TextField, NameAndEmailFields } from "../ui/fields";
import { LeadFormShell, useLeadForm, type LeadFormProps } from "../ui/lead-form";
import { asText, errorIdOf, fieldId, hintIdOf, valueAt, type FormValues } from "../ui/form-values";

/** The schema loads once the person starts on the form (../ui/lead-form.tsx). */
const loadSchema = () => import("./schema").then((m) => m.referralSchema);

/** Rows shown without JavaScript (and to start with); empty rows are ignored by the schema. */
const STARTING_ROWS = 3;

const emptyFriend = () => ({ name: "", email: "", note: "" });

/** Same test as the schema's: a row with nothing but blanks in it is not a friend. */
const isBlankRow = (row: unknown) =>
  !row || typeof row !== "object" || Object.values(row).every((v) => v === undefined || (typeof v === "string" && v.trim() === ""));

/**
 * The schema drops blank rows before it validates, so its "friends.1.email" is the second
 * filled-in row, which on screen may be row 3. Point the error at the row it is about.
 */
function friendRowPath(path: string, values: FormValues): string {
  const match = /^friends\.(\d+)(\..+)?$/.exec(path);
  if (!match || !Array.isArray(values.friends)) return path;
  const filled = values.friends.flatMap((row, i) => (isBlankRow(row) ? [] : [i]));
  const row = filled[Number(match[1])];
  return row === undefined ? path : `friends.${row}${match[2] ?? ""}`;
}

/** The echoed rows of a no-JS post (which may be fewer than the starting rows), padded. */
function padFriends(friends: unknown) {
  const given = (Array.isArray(friends) ? friends : []).slice(0, LIMITS.friends).map((f) => ({ ...emptyFriend(), ...(f && typeof f === "object" ? f : {}) }));
  while (given.length < STARTING_ROWS) given.push(emptyFriend());
  return given;
}

const LABELS: Record<string, string> = {
  name: "Your name",
  email: "Your email",
  friends: "Friends",
  ...Object.fromEntries(
    Array.from({ length: LIMITS.friends }, (_, i) => [
      [`friends.${i}.name`, `Friend ${i + 1} name`],
      [`friends.${i}.email`, `Friend ${i + 1} email`],
      [`friends.${i}.note`, `Friend ${i + 1} note`],
    ]).flat(),
  ),
  consent: "Consent",
};

export function ReferralForm(props: LeadFormProps) {
  const form = useLeadForm(props, {
    formId: "referral",
    schema: loadSchema,
    base: { friends: [] },
    labels: LABELS,
    prepare: (values) => ({ ...values, friends: padFriends(values.friends) }),
    errorPath: friendRowPath,
  });
  const { methods, enhanced, formId, errorFor } = form;
  const { fields: rows, append, remove } = useFieldArray({ control: methods.control, name: "friends" });

  // After a row is removed, put focus on the row before it rather than losing it.
  const [focusAfterRemove, setFocusAfterRemove] = useState<number | null>(null);
  useEffect(() => {
    if (focusAfterRemove === null) return;
    methods.setFocus(`friends.${focusAfterRemove}.name`);
    // Clears the one-shot request once focus has moved; it runs once per removal, not per render.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setFocusAfterRemove(null);
  }, [focusAfterRemove, methods]);

  const groupId = fieldId(formId, "friends");
  const groupError = errorFor("friends");

  return (
    <LeadFormShell form={form} title="Referral" submitLabel="Send the invitations" resetLabel="Refer more friends" successExtras={() => <StatusLink />}>
      <FormSection title="About you">
        <NameAndEmailFields nameLabel="Your name" emailLabel="Your email" />
      </FormSection>

      <section
        id={groupId}
        tabIndex={-1}
        aria-labelledby={`${groupId}-heading`}
        aria-describedby={[hintIdOf(groupId), groupError ? errorIdOf(groupId) : null].filter(Boolean).join(" ")}
        className="space-y-5 outline-none"
      >
        <div>
          <h3 id={`${groupId}-heading`} className="text-lg font-semibold tracking-tight text-ink">
            Who would you like to refer?
          </h3>
          <p id={hintIdOf(groupId)} className="mt-1 text-sm leading-6 text-ink/75">
            Up to {LIMITS.friends} people at a time. Leave the rows you do not need empty.
          </p>
          <FieldError id={errorIdOf(groupId)} message={groupError} />
        </div>
        <ol className="space-y-4">
          {rows.map((row, i) => (
            <li key={row.id}>
              <fieldset className="rounded-xl border border-ink/15 bg-paper/60 p-4 sm:p-5">
                <legend className="float-left mb-3 w-full font-semibold">
                  Friend {i + 1}
                  {i > 0 && <span className="font-normal text-ink/75"> (optional)</span>}
                </legend>
                <div className="clear-left grid gap-4 sm:grid-cols-2">
                  <TextField
                    name={`friends.${i}.name`}
                    label="Their name"
                    autoComplete="off"
                    maxLength={LIMITS.name}
                    defaultValue={asText(valueAt(row, "name"))}
                  />
                  <EmailField name={`friends.${i}.email`} label="Their email" autoComplete="off" defaultValue={asText(valueAt(row, "email"))} />
                  <TextAreaField
                    name={`friends.${i}.note`}
                    label="A personal note"
                    optional
                    rows={2}
                    maxLength={LIMITS.note}
                    defaultValue={asText(valueAt(row, "note"))}
                    hint="We add it to their invitation."
                    className="sm:col-span-2"
                  />
                </div>
                {enhanced && i > 0 && (
                  <div className="mt-3 flex justify-end">
                    <button
                      type="button"
                      onClick={() => {
                        remove(i);
                        setFocusAfterRemove(i - 1);
                      }}
                      className="min-h-11 rounded-full px-4 text-sm font-semibold text-brand underline underline-offset-2 hover:bg-brand-soft"
                    >
                      Remove<span className="sr-only"> friend {i + 1}</span>
                    </button>
                  </div>
                )}
              </fieldset>
            </li>
          ))}
        </ol>
        {enhanced && rows.length < LIMITS.friends && (
          <button
            type="button"
            onClick={() => append(emptyFriend())}
            className="inline-flex min-h-12 items-center rounded-full border-2 border-brand px-6 font-semibold text-brand hover:bg-brand-soft"
          >
            Add another friend
          </button>
        )}
      </section>

      <ConsentField consent={REFERRAL_CONSENT} />
    </LeadFormShell>
  );
}

/** The referral link and points go to the referrer's inbox, never onto this page. */
function StatusLink() {
  return (
    <p className="mt-8 rounded-xl bg-brand-soft/60 p-4 leading-7">
      Lost the email? You can{" "}
      <a className="font-semibold text-brand underline" href="/refer/status">
        get your referral link and points
      </a>{" "}
      any time through a link we send to your inbox.
    </p>
  );
}
