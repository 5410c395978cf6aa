import type { Db } from "../db";

/**
 * The demo's people and outcomes. Run by prisma/seed.ts after the programs; idempotent (it
 * adds nothing once any instructor or report exists, so staff edits survive a re-seed).
 * Everyone here is fictional, and every outcomes report is marked `sample`, which the
 * public page says in words. No student stories are seeded: a story needs a real student's
 * consent.
 */

const SAMPLE_METHODOLOGY = [
  "Sample data for the demo site: these figures are invented to show the report's layout, not results of real students.",
  "Counted as in the CIRR standard: every student who met the graduation requirements in the reporting period is a graduate. Graduates who said, by the first day of class, that they did not intend to start a new job in the field within 180 days, or who are not authorized to work in the country, are excluded from the job-seeking count (see the note).",
  "Hired means a documented full-time, part-time, contract or apprenticeship role in the field, accepted within 90 or 180 days of graduating. The rate is the hired divided by the job-seeking graduates.",
  "The median starting salary is the middle yearly base salary (no bonus, equity or relocation) of the hired graduates who reported one.",
].join("\n\n");

type PersonSeed = { kind: "instructor" | "advisor"; name: string; role: string; bio: string; programs: string[] };

const PEOPLE: PersonSeed[] = [
  {
    kind: "instructor",
    name: "Priya Raman",
    role: "Lead instructor, Machine Learning Engineering",
    bio: "Priya spent eight years building recommendation and forecasting systems before teaching. She leads the live sessions on model training, evaluation and deployment.",
    programs: ["machine-learning-engineering"],
  },
  {
    kind: "instructor",
    name: "Marcus Oyelaran",
    role: "Lead instructor, Full-Stack Web Development",
    bio: "Marcus has shipped web products for startups and a public library network. He teaches TypeScript, React and the server side, with a lot of code review.",
    programs: ["full-stack-development"],
  },
  {
    kind: "instructor",
    name: "Elena Vasquez",
    role: "Instructor, Data Analytics and Python",
    bio: "Elena moved into analytics from hospital operations. She teaches SQL, Python for data work and how to explain a chart to people who will act on it.",
    programs: ["data-analytics", "machine-learning-engineering"],
  },
  {
    kind: "advisor",
    name: "Tom Becker",
    role: "Career advisor",
    bio: "Tom ran technical recruiting for ten years. He works with each student on their CV, portfolio and interview practice from week one.",
    programs: [],
  },
  {
    kind: "advisor",
    name: "Aisha Karimi",
    role: "Admissions and financing advisor",
    bio: "Aisha helps applicants choose a program and a way of paying, and answers questions about schedules, employers and funding.",
    programs: [],
  },
];

type ReportSeed = {
  slug: string;
  cohortLabel: string;
  start: string;
  end: string;
  graduates: number;
  jobSeeking: number;
  h90: number;
  h180: number;
  salaries: number[];
};

const REPORTS: ReportSeed[] = [
  {
    slug: "machine-learning-engineering",
    cohortLabel: "Cohorts graduating January to June 2026",
    start: "2026-01-01",
    end: "2026-06-30",
    graduates: 38,
    jobSeeking: 33,
    h90: 19,
    h180: 26,
    salaries: [88000, 92000, 95000, 97000, 98000, 101000, 103000, 104000, 106000, 110000, 112000, 115000, 118000, 121000, 125000, 99000, 108000],
  },
  {
    slug: "full-stack-development",
    cohortLabel: "Cohorts graduating January to June 2026",
    start: "2026-01-01",
    end: "2026-06-30",
    graduates: 52,
    jobSeeking: 47,
    h90: 24,
    h180: 36,
    salaries: [62000, 65000, 68000, 70000, 71000, 72000, 74000, 75000, 76000, 78000, 80000, 82000, 85000, 88000, 69000, 73000, 77000, 79000, 90000, 66000],
  },
  {
    slug: "data-analytics",
    cohortLabel: "Cohorts graduating January to June 2026",
    start: "2026-01-01",
    end: "2026-06-30",
    graduates: 41,
    jobSeeking: 36,
    h90: 20,
    h180: 28,
    salaries: [58000, 60000, 61000, 63000, 64000, 65000, 66000, 68000, 70000, 72000, 75000, 62000, 67000, 69000, 71000],
  },
];

export async function seedPeople(db: Db) {
  const programs = new Map((await db.program.findMany({ select: { id: true, slug: true } })).map((p) => [p.slug, p.id]));
  let people = 0;
  let reports = 0;
  if ((await db.instructor.count()) === 0) {
    for (const [i, p] of PEOPLE.entries()) {
      const programIds = p.programs.flatMap((s) => programs.get(s) ?? []);
      await db.instructor.create({
        data: {
          kind: p.kind,
          name: p.name,
          role: p.role,
          bio: p.bio,
          sortOrder: i * 10,
          programs: { create: programIds.map((programId) => ({ programId })) },
        },
      });
      people += 1;
    }
  }
  if ((await db.outcomeReport.count()) === 0) {
    for (const r of REPORTS) {
      const programId = programs.get(r.slug);
      if (!programId) continue;
      await db.outcomeReport.create({
        data: {
          programId,
          cohortLabel: r.cohortLabel,
          periodStart: new Date(`${r.start}T00:00:00Z`),
          periodEnd: new Date(`${r.end}T00:00:00Z`),
          graduates: r.graduates,
          jobSeeking: r.jobSeeking,
          hiredWithin90: r.h90,
          hiredWithin180: r.h180,
          salariesCents: r.salaries.map((d) => d * 100).join("\n"),
          excludedNote: `${r.graduates - r.jobSeeking} graduates were not job-seeking (sample): they said before the course that they would stay with their employer, study further, or are not authorized to work in the US.`,
          methodology: SAMPLE_METHODOLOGY,
          sample: true,
          published: true,
        },
      });
      reports += 1;
    }
  }
  return { people, reports };
}
