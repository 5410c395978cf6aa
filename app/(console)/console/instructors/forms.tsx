"use client";

import { useActionState } from "react";
import { fieldAria } from "@/components/console/fields";
import { saveInstructorAction } from "./actions";
import { IDLE } from "../programs/form-state";
import { boundField, Checkbox, ConsoleForm, errorFor, Field, Select, SubmitButton, TextArea, TextInput } from "../programs/form-ui";

/**
 * The instructor editor: a plain multipart <form action={…}> post, so it works without
 * JavaScript; with it, useActionState shows errors without a reload. After an error the
 * photo must be chosen again (a browser never re-fills a file input).
 */

export type InstructorValues = Record<"kind" | "name" | "role" | "bio" | "photoAlt" | "sortOrder", string> & { published: boolean; programIds: string[] };

type Option = { value: string; label: string };

export function InstructorForm({
  instructorId,
  version,
  saved,
  photo,
  kindOptions,
  programs,
  limits,
  photoHint,
}: {
  instructorId?: string;
  version?: string;
  saved: InstructorValues;
  photo: { src: string; alt: string } | null;
  kindOptions: Option[];
  programs: Option[];
  limits: Record<string, number>;
  photoHint: string;
}) {
  const [state, action, pending] = useActionState(saveInstructorAction, IDLE);
  // React resets the form after each post, and a <select> goes back to the option it was
  // mounted with: remount it when a post comes back, so it keeps the value that was sent.
  const remount = (name: string) => (state.status === "error" ? `${name}:${state.values[name] ?? ""}` : name);
  const field = (name: Exclude<keyof InstructorValues, "published" | "programIds">) => boundField(state, `instructor-${name}`, name, saved[name]);
  const published = state.status === "error" ? state.values.published === "on" : saved.published;
  const ticked = new Set(state.status === "error" ? (state.values.programIds ?? "").split(",") : saved.programIds);
  const photoError = errorFor(state, "photo");
  const programsError = errorFor(state, "programIds");
  const hidden: Record<string, string> = instructorId ? { instructorId, version: version ?? "" } : {};
  return (
    <ConsoleForm action={action} state={state} hidden={hidden} noValidate className="mt-6 space-y-5">
      <div className="grid gap-5 md:grid-cols-2">
        <TextInput {...field("name")} label="Name" maxLength={limits.name} autoComplete="off" />
        <TextInput {...field("role")} label="Role" hint="e.g. “Lead instructor, Data Analytics”." maxLength={limits.role} />
        <Select key={remount("kind")} {...field("kind")} label="Shown as" options={kindOptions} />
        <TextInput {...field("sortOrder")} label="Position" hint="Lower numbers come first." type="number" inputMode="numeric" min={0} max={limits.sortOrder} />
      </div>
      <TextArea {...field("bio")} label="Short bio" hint={`Two or three sentences, under ${limits.bio} characters.`} rows={4} maxLength={limits.bio} />

      <fieldset aria-describedby={programsError ? "instructor-programs-error" : undefined}>
        <legend className="text-sm font-semibold">
          Teaches <span className="font-normal text-ink/70">(optional; instructors are shown on these programs&apos; pages)</span>
        </legend>
        {programsError && (
          <p id="instructor-programs-error" className="mt-1 text-sm font-semibold text-red-800">
            <span className="sr-only">Error: </span>
            {programsError}
          </p>
        )}
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {programs.map((p) => (
            <label key={p.value} className="flex min-h-11 items-center gap-3">
              <input type="checkbox" name="programIds" value={p.value} defaultChecked={ticked.has(p.value)} className="h-6 w-6 accent-brand" />
              {p.label}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-5 md:grid-cols-[auto_1fr] md:items-start">
        {photo && (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={photo.src} alt={`Current photo: ${photo.alt}`} width={96} height={96} className="h-24 w-24 rounded-full object-cover" />
        )}
        <div className="space-y-4">
          <Field id="instructor-photo" label={photo ? "Replace the photo" : "Photo"} optional hint={photoHint} error={photoError}>
            <input
              id="instructor-photo"
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp"
              {...fieldAria("instructor-photo", { hint: photoHint, error: photoError })}
              className="mt-1 block min-h-11 w-full text-sm file:mr-3 file:min-h-11 file:rounded-full file:border-0 file:bg-brand-soft file:px-4 file:font-semibold"
            />
          </Field>
          <TextInput
            {...field("photoAlt")}
            label="Photo description (alt text)"
            hint="Required with a photo: what a person who cannot see it should know, e.g. “Priya Raman smiling, in front of a whiteboard”."
            optional
            maxLength={limits.alt}
          />
          {photo && <Checkbox id="instructor-remove-photo" name="removePhoto" label="Remove the photo (show initials instead)" />}
        </div>
      </div>

      <Checkbox
        id="instructor-published"
        name="published"
        label="Shown on the site"
        hint="Unticked, the person leaves /about and the program pages."
        defaultChecked={published}
        error={errorFor(state, "published")}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : instructorId ? "Save" : "Add person"}</SubmitButton>
    </ConsoleForm>
  );
}
