import type { Metadata } from "next";
import type { ReactNode } from "react";
import { FormCard, FormPage } from "@/components/forms/form-page";
import { attributionFrom, formPermalink, type SearchParams } from "@/components/forms/page-data";
import { pageMetadata } from "@/app/(forms)/page-metadata";

/**
 * The public form pages share one skeleton: metadata, the hero (crumb, eyebrow, title,
 * intro), then one card holding a form that takes its attribution, path and permalink from
 * the page's query. Their copy lives here; each page adds only what its form needs.
 */
type FormPageCopy = {
  path: string;
  /** The <title> and the description the search results and link previews show. */
  meta: { title: string; description: string };
  crumb: string;
  eyebrow: string;
  title: string;
  intro: string;
  /** The card the page's main form sits in. */
  card: { id: string; title: string };
};

const FORM_PAGES = {
  apply: {
    path: "/apply",
    meta: {
      title: "Apply for a bootcamp cohort",
      description:
        "Apply for the next cohort of a Loomstack Academy bootcamp: choose your program, start date and way of paying. An admissions adviser replies with the next steps.",
    },
    crumb: "Apply",
    eyebrow: "Enrollment",
    title: "Apply for a cohort",
    intro:
      "Tell us which program and start date you want and a little about yourself. It takes about three minutes. After you send it, we email you a copy and an admissions adviser gets in touch to talk through the next steps; nothing is charged at this stage.",
    card: { id: "application", title: "Your application" },
  },
  callBack: {
    path: "/call-back",
    meta: {
      title: "Let's get in touch: request a call back",
      description:
        "Leave your number and the best time to reach you, and a Loomstack Academy adviser calls you back to talk through programs, start dates and paying.",
    },
    crumb: "Request a call",
    eyebrow: "Talk to an adviser",
    title: "Let's get in touch",
    intro:
      "Leave your number and tell us when suits you. After you send the form, an admissions adviser calls you in the time window you chose, in your time zone, to answer your questions about programs, dates and paying.",
    card: { id: "call-back-request", title: "Request a call back" },
  },
  quote: {
    path: "/quote",
    meta: {
      title: "Get a price quote for you or your team",
      description:
        "Ask for a Loomstack Academy quote for yourself or for a team: choose the courses, tell us how many seats, and we email you a quote, and call at a time that suits you if you ask.",
    },
    crumb: "Get a quote",
    eyebrow: "Pricing and team training",
    title: "Get a quote",
    intro:
      "Tell us who the training is for and which courses interest you. After you send the form, we email you a confirmation and an adviser prepares your quote. If you ask for a call, they call you at the time you chose to go through it.",
    card: { id: "quote-request", title: "Your quote request" },
  },
  newsletter: {
    path: "/newsletter",
    meta: {
      title: "Newsletter: career advice and 20% off your next course",
      description:
        "Subscribe to the Loomstack Academy newsletter for career guides, new cohort dates and events, and get a personal code for 20% off your next course.",
    },
    crumb: "Newsletter",
    eyebrow: "Newsletter",
    title: "Get 20% off your next course",
    intro:
      "Subscribe for career guides, new cohort dates and events. As soon as you send the form, your personal discount code appears on this page: 20% off your next course. You can unsubscribe from any email.",
    card: { id: "newsletter-sign-up", title: "Subscribe" },
  },
  refer: {
    path: "/refer",
    meta: {
      title: "Refer a friend and earn points",
      description:
        "Refer friends to Loomstack Academy and earn 100 points for each new person, with no limit. Spend confirmed points toward a course, a device or an accessory.",
    },
    crumb: "Refer a friend",
    eyebrow: "Referral points",
    title: "Refer a friend, earn points",
    intro:
      "Know someone who would thrive here? Send them an invitation. After you send the form, we email each friend once, and we email you your own referral link to share and your points.",
    card: { id: "refer-friends", title: "Refer your friends" },
  },
  referStatus: {
    path: "/refer/status",
    meta: {
      title: "Your referral link and points",
      description: "See your personal referral link, your points and the friends you referred, through a link we email you.",
    },
    crumb: "Your referral status",
    eyebrow: "Referral points",
    title: "Your referral link and points",
    intro: "Enter the address you referred friends from. We email it a one-time link to your personal referral link, your points and how each friend is doing.",
    card: { id: "status-link", title: "Email me a link" },
  },
  emails: {
    path: "/emails",
    meta: {
      title: "Manage my emails",
      description: "Choose which Loomstack Academy newsletter topics you get, or unsubscribe from everything, through a link we email you.",
    },
    crumb: "Manage my emails",
    eyebrow: "Email settings",
    title: "Manage my emails",
    intro:
      "Enter the address our emails go to. We email it a one-time link to your settings, where you can pick the newsletter topics you want or unsubscribe from everything. You do not need one of our old emails.",
    card: { id: "manage-link", title: "Email me a link" },
  },
  syllabus: {
    path: "/syllabus",
    meta: {
      title: "Get the syllabus of a bootcamp",
      description:
        "Get the full syllabus of a Loomstack Academy bootcamp as a PDF: the modules, weekly hours, schedule, next cohorts and ways to pay, sent to your inbox.",
    },
    crumb: "Get the syllabus",
    eyebrow: "Syllabus",
    title: "Get the syllabus",
    intro:
      "Choose a program and tell us where to send it. We email you a link to the syllabus as a PDF: every module, the weekly hours, the schedule, the next cohorts and the ways to pay. The link works for 7 days.",
    card: { id: "syllabus-request", title: "Email me the syllabus" },
  },
} satisfies Record<string, FormPageCopy>;

export type FormPageName = keyof typeof FORM_PAGES;

/** What Next passes a form page. */
export type FormPageArgs = { searchParams: Promise<SearchParams> };

export function formPagePath(name: FormPageName): string {
  return FORM_PAGES[name].path;
}

export function formPageMetadata(name: FormPageName): Metadata {
  const { path, meta } = FORM_PAGES[name];
  return pageMetadata({ ...meta, path });
}

/**
 * The props a form takes from its page: the attribution in the query, the page's path, and
 * the permalink to its card (the page's main card unless another is named).
 */
export function formLinkProps(name: FormPageName, params: SearchParams, cardId: string = FORM_PAGES[name].card.id) {
  const { path } = FORM_PAGES[name];
  return { attribution: attributionFrom(params), path, permalink: formPermalink(path, params, cardId) };
}

/**
 * The page's hero, then its main card with `children` (the form) in it, then `after` (more
 * cards); `before` goes above the main card.
 */
export function FormPageLayout({
  name,
  aside,
  before,
  after,
  children,
}: {
  name: FormPageName;
  aside?: ReactNode;
  before?: ReactNode;
  after?: ReactNode;
  children: ReactNode;
}) {
  const { path, crumb, eyebrow, title, intro, card } = FORM_PAGES[name];
  return (
    <FormPage path={path} crumb={crumb} eyebrow={eyebrow} title={title} intro={intro} aside={aside}>
      {before}
      <FormCard id={card.id} title={card.title}>
        {children}
      </FormCard>
      {after}
    </FormPage>
  );
}
