/**
 * Valid posts of the console's program editor forms (the fields of lib/console/programs.ts's
 * programSchema, cohortSchema and paymentOptionSchema), as a browser sends them: strings.
 * Short placeholder values; a test overrides the fields it is about.
 */
type Post = Record<string, string>;

export const programPost = (over: Post = {}): Post => ({
  name: "Data",
  tagline: "t",
  summary: "s",
  format: "f",
  schedule: "s",
  durationWeeks: "10",
  hoursPerWeek: "5",
  level: "l",
  outcomes: "o",
  curriculum: "c",
  ...over,
});

export const cohortPost = (over: Post = {}): Post => ({
  name: "Spring 2030",
  startDate: "2030-01-07",
  endDate: "2030-03-01",
  timeZone: "UTC",
  seats: "10",
  seatsLeft: "9",
  status: "open",
  ...over,
});

export const paymentOptionPost = (over: Post = {}): Post => ({ kind: "upfront", label: "Pay now", description: "d", total: "1000", ...over });
