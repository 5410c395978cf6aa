"use client";

import { useActionState } from "react";
import { saveStoryAction } from "./actions";
import { IDLE } from "../programs/form-state";
import { boundField, Checkbox, ConsoleForm, errorFor, Select, SubmitButton, TextArea, TextInput } from "../programs/form-ui";

/** The student story editor. Works without JavaScript (a plain form post). */

export type StoryValues = Record<"studentName" | "programId" | "storyDate" | "headline" | "body", string> & { consent: boolean; published: boolean };

type Option = { value: string; label: string };

export function StoryForm({
  storyId,
  version,
  saved,
  programs,
  consentNote,
}: {
  storyId?: string;
  version?: string;
  saved: StoryValues;
  programs: Option[];
  consentNote: string;
}) {
  const [state, action, pending] = useActionState(saveStoryAction, IDLE);
  // React resets the form after each post, and a <select> goes back to the option it was
  // mounted with: remount it when a post comes back, so it keeps the value that was sent.
  const remount = (name: string) => (state.status === "error" ? `${name}:${state.values[name] ?? ""}` : name);
  const field = (name: Exclude<keyof StoryValues, "consent" | "published">) => boundField(state, `story-${name}`, name, saved[name]);
  const box = (name: "consent" | "published") => (state.status === "error" ? state.values[name] === "on" : saved[name]);
  const hidden: Record<string, string> = storyId ? { storyId, version: version ?? "" } : {};
  return (
    <ConsoleForm action={action} state={state} hidden={hidden} noValidate className="mt-6 space-y-5">
      <div className="grid gap-5 md:grid-cols-3">
        <TextInput {...field("studentName")} label="Student's name as published" hint="As the student agreed, e.g. “Dana K.”." autoComplete="off" />
        <Select key={remount("programId")} {...field("programId")} label="Program" options={[{ value: "", label: "Choose a program" }, ...programs]} />
        <TextInput {...field("storyDate")} label="Date" type="date" />
      </div>
      <TextInput {...field("headline")} label="Headline" />
      <TextArea {...field("body")} label="Story" hint="In the student's words. Blank lines separate paragraphs." rows={8} />
      <Checkbox
        id="story-consent"
        name="consent"
        label="The student gave consent to publish this story"
        hint={consentNote}
        defaultChecked={box("consent")}
        error={errorFor(state, "consent")}
      />
      <Checkbox
        id="story-published"
        name="published"
        label="Published on /stories"
        hint="Only with consent recorded."
        defaultChecked={box("published")}
        error={errorFor(state, "published")}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : storyId ? "Save story" : "Add story"}</SubmitButton>
    </ConsoleForm>
  );
}
