"use client";

import { useEffect, useState } from "react";
import type { SelectOption } from "@/components/console/fields";
import { Select } from "../../programs/form-ui";

/**
 * The time zone select. Without JavaScript it starts on `defaultValue`; with it, when `detect`
 * is set (no zone saved yet), it switches to the zone the browser reports if the list has it.
 * A small hint, not a guess the server trusts: the zone is whatever the form posts.
 */
export function ZoneSelect({
  id,
  name = "timeZone",
  label,
  hint,
  defaultValue,
  error,
  options,
  detect,
}: {
  id: string;
  name?: string;
  label: string;
  hint: string;
  defaultValue: string;
  error?: string;
  options: SelectOption[];
  detect: boolean;
}) {
  const [matched, setMatched] = useState(false);
  useEffect(() => {
    if (!detect) return;
    const select = document.getElementById(id);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!(select instanceof HTMLSelectElement) || !zone || zone === select.value || select.value !== defaultValue) return;
    if (![...select.options].some((o) => o.value === zone)) return;
    select.value = zone;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the browser's zone is known only after hydration; server and client HTML must match
    setMatched(true);
  }, [detect, id, defaultValue]);
  return (
    <Select
      id={id}
      name={name}
      label={label}
      hint={matched ? "Matched to this browser's time zone. Change it if it is wrong." : hint}
      defaultValue={defaultValue}
      error={error}
      options={options}
    />
  );
}
