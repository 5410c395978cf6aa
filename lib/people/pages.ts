import type { Db } from "../db";

/** /about, /outcomes and /stories for the sitemap (lib/content/public-pages.ts), each dated by its latest change. */
export async function listPeoplePages(db: Db, launch: Date) {
  const [people, reports, stories] = await Promise.all([
    db.instructor.aggregate({ where: { published: true }, _max: { updatedAt: true } }),
    db.outcomeReport.aggregate({ where: { published: true }, _max: { updatedAt: true } }),
    db.studentStory.aggregate({ where: { published: true, consent: true }, _max: { updatedAt: true } }),
  ]);
  const latest = (d: Date | null | undefined) => (d && d > launch ? d : launch);
  return [
    { path: "/about", eyebrow: "About us", title: "Our instructors and advisors", lastModified: latest(people._max.updatedAt), priority: 0.6 },
    { path: "/outcomes", eyebrow: "Outcomes", title: "Hiring rates and median salaries", lastModified: latest(reports._max.updatedAt), priority: 0.7 },
    { path: "/stories", eyebrow: "Student stories", title: "In their own words", lastModified: latest(stories._max.updatedAt), priority: 0.5 },
  ];
}
