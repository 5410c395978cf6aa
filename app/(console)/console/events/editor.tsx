"use client";

import { useActionState } from "react";
import { createEventAction, saveEventAction } from "./actions";
import { IDLE } from "../programs/form-state";
import { boundField, Checkbox, ConsoleForm, errorFor, Select, SubmitButton, TextArea, TextInput } from "../programs/form-ui";

type Option = { value: string; label: string };

/**
 * The event editor: a plain <form action={…}> post, so it works without JavaScript; with it,
 * errors show without a reload. The start is the wall-clock time in the event's own zone.
 */
export function EventEditor({ eventId, saved, programs }: { eventId?: string; saved: Record<string, string>; programs: Option[] }) {
  const [state, action, pending] = useActionState(eventId ? saveEventAction : createEventAction, IDLE);
  const field = (name: string) => boundField(state, `event-${name}`, name, saved[name]);
  const published = state.status === "error" ? state.values.published === "on" : saved.published === "on";
  return (
    <ConsoleForm action={action} state={state} hidden={eventId ? { eventId } : {}} noValidate className="mt-4 space-y-5">
      <div className="grid gap-5 md:grid-cols-2">
        <TextInput {...field("title")} label="Title" maxLength={120} />
        <TextInput {...field("slug")} label="Address" hint="The page is /events/<address>, e.g. open-house-march." maxLength={80} />
      </div>
      <TextArea {...field("description")} label="Description" rows={4} maxLength={2000} />
      <Select {...field("programSlug")} label="Program" optional options={[{ value: "", label: "No program: about the school" }, ...programs]} />
      <div className="grid gap-5 md:grid-cols-3">
        <TextInput {...field("startsAtLocal")} label="Starts (local time)" type="datetime-local" hint="The time on the clocks where the event happens." />
        <TextInput {...field("timeZone")} label="Time zone" hint="IANA name, e.g. America/New_York." maxLength={64} />
        <TextInput {...field("durationMinutes")} label="Duration (minutes)" type="number" inputMode="numeric" min={5} />
      </div>
      <div className="grid gap-5 md:grid-cols-3">
        <TextInput {...field("onlineUrl")} label="Online link" optional hint="For an online event: sent to people with a seat." type="url" />
        <TextInput {...field("placeName")} label="Place" optional hint="For an event in person." />
        <TextInput {...field("placeAddress")} label="Address of the place" optional />
      </div>
      <TextInput {...field("capacity")} label="Capacity (seats)" type="number" inputMode="numeric" min={1} />
      <Checkbox
        id="event-published"
        name="published"
        label="Published on the site"
        hint="Unticked, the event leaves /events and its RSVP form closes."
        defaultChecked={published}
        error={errorFor(state, "published")}
      />
      <SubmitButton pending={pending}>{pending ? "Saving…" : eventId ? "Save event" : "Create event"}</SubmitButton>
    </ConsoleForm>
  );
}
