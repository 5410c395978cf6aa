/**
 * The lead forms' pages (App Router pages; they are the only public pages that load
 * JavaScript). The sitemap, the Open Graph images and the footer's "Get started" column all
 * start from this list, so a new form page shows up in all three.
 */
export const FORM_PAGES = [
  { path: "/apply", eyebrow: "Apply", title: "Apply for a bootcamp cohort", link: "Apply to a cohort" },
  { path: "/quote", eyebrow: "Pricing", title: "Get a price quote for you or your team", link: "Get a pricing quote" },
  { path: "/refer", eyebrow: "Refer a friend", title: "Earn 100 points for every friend you refer", link: "Refer a friend, earn points" },
  { path: "/newsletter", eyebrow: "Newsletter", title: "Career advice and 20% off your next course", link: "Newsletter: 20% off" },
  { path: "/call-back", eyebrow: "Let's talk", title: "Request a call back from an advisor", link: "Request a call back" },
  { path: "/book", eyebrow: "Talk to an advisor", title: "Book a call with an admissions advisor", link: "Book a call" },
  { path: "/syllabus", eyebrow: "Syllabus", title: "Get the syllabus of a bootcamp", link: "Get a syllabus" },
] as const;
