import type { ProgramDescription } from "./programs";

/**
 * The starting catalogue that `npm run db:seed` loads. Pages never read this file: they
 * read the database, so staff edits (in the console) are what visitors see.
 */
export type SeedProgram = ProgramDescription & {
  careerGuide?: string;
  sortOrder: number;
  /** Cohorts start this many months after the seed date, on the first Monday. */
  cohortMonths: number[];
  cohortSeats: number;
  timeZone: string;
  tuitionCents: number;
  payments: {
    kind: "upfront" | "instalments" | "financing" | "employer";
    label: string;
    description: string;
    totalCents: number;
    instalments?: number;
  }[];
};

function standardPayments(tuitionCents: number): SeedProgram["payments"] {
  const upfront = Math.round(tuitionCents * 0.9);
  const instalmentTotal = tuitionCents;
  const financeTotal = Math.round(tuitionCents * 1.12);
  return [
    {
      kind: "upfront",
      label: "Pay upfront",
      description: "One payment before your cohort starts, with 10% off the list price.",
      totalCents: upfront,
    },
    {
      kind: "instalments",
      label: "Monthly instalments",
      description: "Spread the list price over 12 interest-free monthly payments.",
      totalCents: instalmentTotal,
      instalments: 12,
    },
    {
      kind: "financing",
      label: "Study now, pay later",
      description: "A 36-month loan through our lending partner, subject to approval. Total shown includes typical interest.",
      totalCents: financeTotal,
      instalments: 36,
    },
    {
      kind: "employer",
      label: "Employer sponsored",
      description: "We invoice your employer directly. Teams of three or more get a quote.",
      totalCents: tuitionCents,
    },
  ];
}

export const programCatalog: SeedProgram[] = [
  {
    slug: "machine-learning-engineering",
    name: "Machine Learning Engineering",
    tagline: "Build, ship and monitor models that hold up in production.",
    summary:
      "A mentor-led bootcamp that takes you from Python and statistics to deploying and monitoring machine learning systems in the cloud, with a capstone you can show employers.",
    format: "Live online classes with in-person weekend labs in Austin (optional)",
    schedule: "Part-time: Monday and Wednesday evenings plus Saturday morning",
    durationWeeks: 24,
    hoursPerWeek: 15,
    level: "Some programming experience recommended",
    outcomes: [
      "Clean, explore and model real data sets with Python, pandas and scikit-learn",
      "Train and tune deep learning models with PyTorch and TensorFlow",
      "Package models as APIs and deploy them to AWS, Azure or Google Cloud",
      "Monitor drift and retrain models with an MLOps pipeline",
      "A portfolio capstone reviewed by working ML engineers",
    ],
    curriculum: [
      "Python for data work and software engineering habits",
      "Statistics, probability and linear algebra for ML",
      "Classical machine learning with scikit-learn",
      "Deep learning with PyTorch and TensorFlow",
      "Natural language processing and computer vision",
      "Data pipelines with SQL and Spark",
      "Deployment, MLOps and monitoring",
      "Capstone project and career coaching",
    ],
    careerGuide: "machine-learning-engineer",
    sortOrder: 1,
    cohortMonths: [1, 3, 5],
    cohortSeats: 28,
    timeZone: "America/Chicago",
    tuitionCents: 1_490_000,
    payments: [],
  },
  {
    slug: "full-stack-development",
    name: "Full-Stack Web Development",
    tagline: "From your first line of JavaScript to a deployed product.",
    summary:
      "Learn to build complete web applications with JavaScript, TypeScript, React, Node.js and SQL, working in pairs and shipping projects the way professional teams do.",
    format: "Live online classes",
    schedule: "Full-time: weekdays 9:00 to 16:00, or part-time: three evenings a week",
    durationWeeks: 16,
    hoursPerWeek: 30,
    level: "Beginner friendly",
    outcomes: [
      "Build responsive interfaces with HTML, CSS, React and TypeScript",
      "Design REST APIs with Node.js and a SQL database",
      "Test, review and deploy code with Git and CI",
      "Three portfolio projects and a team capstone",
    ],
    curriculum: [
      "Web foundations: HTML, CSS and accessibility",
      "JavaScript and TypeScript",
      "React and front-end architecture",
      "Node.js, APIs and authentication",
      "Databases and SQL",
      "Testing, deployment and teamwork",
      "Capstone project and career coaching",
    ],
    sortOrder: 2,
    cohortMonths: [1, 2, 4],
    cohortSeats: 32,
    timeZone: "America/New_York",
    tuitionCents: 1_190_000,
    payments: [],
  },
  {
    slug: "data-analytics",
    name: "Data Analytics",
    tagline: "Turn messy spreadsheets into decisions people act on.",
    summary:
      "A practical bootcamp in SQL, Python, statistics and dashboards for people who want to move into analyst roles, with projects built on real public data.",
    format: "Live online classes",
    schedule: "Part-time: Tuesday and Thursday evenings plus Saturday morning",
    durationWeeks: 14,
    hoursPerWeek: 12,
    level: "Beginner friendly",
    outcomes: [
      "Query and join data confidently with SQL",
      "Analyse data with Python, pandas and statistics",
      "Build dashboards that answer business questions",
      "Present findings clearly to non-technical audiences",
    ],
    curriculum: [
      "Spreadsheets and data thinking",
      "SQL from basics to window functions",
      "Python and pandas for analysis",
      "Statistics and experiments",
      "Visualisation and dashboards",
      "Capstone project and career coaching",
    ],
    sortOrder: 3,
    cohortMonths: [2, 4],
    cohortSeats: 30,
    timeZone: "America/Los_Angeles",
    tuitionCents: 890_000,
    payments: [],
  },
].map((p) => ({ ...p, payments: standardPayments(p.tuitionCents) }));

/** The first Monday on or after the first day of the month `monthsAhead` from `from` (UTC). */
export function firstMondayOfMonth(from: Date, monthsAhead: number): Date {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + monthsAhead, 1));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}
