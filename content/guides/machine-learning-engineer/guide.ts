export type GuideSectionMeta = {
  slug: string;
  title: string;
  navTitle: string;
  description: string;
  published: string;
  updated: string;
};

export const guide = {
  slug: "machine-learning-engineer",
  title: "Machine Learning Engineer career guide",
  shortTitle: "Machine Learning Engineer",
  description:
    "What machine learning engineers do, the skills and tools they use, sourced pay and job-outlook figures, and realistic routes into the role for career changers.",
  author: "Loomstack Academy Careers Team",
  sections: [
    {
      slug: "",
      title: "Machine learning engineering: what the role involves",
      navTitle: "Overview",
      description:
        "What a machine learning engineer does, how the role differs from a data scientist, and why employers keep hiring for it, with figures from named sources.",
      published: "2026-10-02",
      updated: "2026-11-18",
    },
    {
      slug: "responsibilities",
      title: "Machine learning engineer responsibilities and project lifecycle",
      navTitle: "Responsibilities",
      description:
        "The day-to-day work of a machine learning engineer, from framing a problem and preparing data to deploying, monitoring and retraining models in production.",
      published: "2026-10-02",
      updated: "2026-11-18",
    },
    {
      slug: "skills-and-tools",
      title: "Machine learning engineer skills and tools",
      navTitle: "Skills and tools",
      description:
        "The math, programming, data and soft skills ML engineers need, plus the languages, frameworks, big-data tools and cloud platforms they work with every day.",
      published: "2026-10-02",
      updated: "2026-11-18",
    },
    {
      slug: "salary-and-job-outlook",
      title: "Machine learning engineer salary and job outlook",
      navTitle: "Salary and outlook",
      description:
        "Machine learning engineer pay and demand figures from BLS, Indeed, LinkedIn, Glassdoor, Dice and Grand View Research, with dates and why the numbers differ.",
      published: "2026-10-02",
      updated: "2026-11-18",
    },
    {
      slug: "how-to-become-one",
      title: "Becoming a machine learning engineer: degrees, certifications and steps",
      navTitle: "How to become one",
      description:
        "Degrees, certifications and a step-by-step plan for becoming a machine learning engineer, written for career changers weighing a bootcamp or further study.",
      published: "2026-10-02",
      updated: "2026-11-18",
    },
    {
      slug: "career-paths",
      title: "Machine learning engineer career paths",
      navTitle: "Career paths",
      description:
        "Job titles from entry level to leadership, specializations such as MLOps, and the industries and employers that hire machine learning engineers.",
      published: "2026-10-02",
      updated: "2026-11-18",
    },
    {
      slug: "faq",
      title: "Machine learning engineer FAQ",
      navTitle: "FAQ",
      description:
        "Short answers to common questions about machine learning engineering: daily work, pay, growth, languages, platforms, degrees, certifications and employers.",
      published: "2026-10-02",
      updated: "2026-11-18",
    },
  ] as GuideSectionMeta[],
} as const;
