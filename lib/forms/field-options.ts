/**
 * The bounds and option lists the form components show, without zod: a form page renders
 * its fields from these at once and loads its schema (lib/forms/fields.ts) only when the
 * person starts on the form (lib/forms/ui/lead-form.tsx).
 */
export const LIMITS = {
  name: 100,
  email: 254,
  company: 120,
  message: 2000,
  note: 500,
  friends: 10,
  seats: 500,
  slug: 80,
  id: 64,
  timeZone: 64,
  points: 1_000_000,
} as const;

/** The device someone will learn on (quote and call-back forms). */
export const DEVICE_PLATFORMS = ["windows", "macos", "linux", "chromeos", "not-sure"] as const;
export const PLATFORM_LABELS = { windows: "Windows", macos: "macOS", linux: "Linux", chromeos: "ChromeOS", "not-sure": "Not sure yet" } as const;

/** When to call, in the visitor's own time zone (quote and call-back forms). */
export const CALL_TIMES = ["morning", "afternoon", "evening"] as const;
export const CALL_TIME_LABELS = { morning: "Morning (9:00–12:00)", afternoon: "Afternoon (12:00–17:00)", evening: "Evening (17:00–20:00)" } as const;
