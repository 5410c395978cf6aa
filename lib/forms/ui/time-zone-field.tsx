"use client";

import { useEffect, useMemo, useState } from "react";
import { unpackTimeZones, type PackedTimeZones } from "../time-zones";
import { SelectField } from "./fields";
import { useLeadFormContext } from "./lead-form";

/** What a form with a time zone field gets from its page (components/forms/page-data.ts). */
export type TimeZoneChoices = {
  /** Built on the server (Intl.supportedValuesOf), so every visitor gets the same list; packed (lib/forms/time-zones.ts). */
  timeZones: PackedTimeZones;
  /** The zone the server renders with. */
  defaultTimeZone: string;
};

type Props = {
  name?: string;
  label?: string;
  /** Built on the server (Intl.supportedValuesOf), so every visitor gets the same list; packed. */
  zones: PackedTimeZones;
  /** The value the server rendered with; replaced by the browser's zone if still untouched. */
  serverDefault: string;
  className?: string;
};

/**
 * Time zone select. Without JavaScript it starts on the site's default zone; with it, it
 * switches to the zone the browser reports, unless the person already chose one or the
 * value came back from a submitted form.
 */
export function TimeZoneField({ name = "timeZone", label = "Your time zone", zones, serverDefault, className }: Props) {
  const options = useMemo(() => unpackTimeZones(zones), [zones]);
  const { methods, defaultFor } = useLeadFormContext();
  const [detected, setDetected] = useState<string>();
  const start = defaultFor(name);

  useEffect(() => {
    if (start !== serverDefault) return;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the browser zone is known only after hydration; server and client HTML must match
    if (zone && zone !== serverDefault) setDetected(zone);
  }, [start, serverDefault]);

  // After the render that added the detected zone to the options, select it.
  useEffect(() => {
    if (detected && methods.getValues(name) === serverDefault) methods.setValue(name, detected);
  }, [detected, methods, name, serverDefault]);

  const all = useMemo(
    () => (detected && !options.some((o) => o.value === detected) ? [{ value: detected, label: detected.replace(/_/g, " ") }, ...options] : options),
    [detected, options],
  );
  // About 420 options: as HTML, so hydrating the page does not walk one element per option.
  return (
    <SelectField
      name={name}
      label={label}
      hint={detected ? "We matched this to your device. Change it if it is wrong." : "So we call you at a sensible hour."}
      placeholder="Choose your time zone"
      options={all}
      optionsAsHtml
      className={className}
    />
  );
}
