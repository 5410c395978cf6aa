import type { ComponentType } from "react";
import type { MDXProps } from "mdx/types";
import type { FaqItem, FigureGroup, GuideSectionMeta } from "./types";
import { guide as mleGuide } from "./machine-learning-engineer/guide";
import { figureGroups as mleFigures } from "./machine-learning-engineer/figures";
import { faqItems as mleFaq } from "./machine-learning-engineer/faq";
import MleOverview from "./machine-learning-engineer/overview.mdx";
import MleResponsibilities from "./machine-learning-engineer/responsibilities.mdx";
import MleSkills from "./machine-learning-engineer/skills-and-tools.mdx";
import MleSalary from "./machine-learning-engineer/salary-and-job-outlook.mdx";
import MleHowTo from "./machine-learning-engineer/how-to-become-one.mdx";
import MleCareerPaths from "./machine-learning-engineer/career-paths.mdx";
import MleFaq from "./machine-learning-engineer/faq.mdx";

export type GuideSection = GuideSectionMeta & {
  /** Source file, relative to this folder (read at build time for the table of contents). */
  file: string;
  Content: ComponentType<MDXProps>;
};

export type Guide = {
  slug: string;
  title: string;
  shortTitle: string;
  description: string;
  author: string;
  sections: GuideSection[];
  figureGroups: FigureGroup[];
  faq: FaqItem[];
};

const mleContent: Record<string, [string, ComponentType<MDXProps>]> = {
  "": ["overview.mdx", MleOverview],
  responsibilities: ["responsibilities.mdx", MleResponsibilities],
  "skills-and-tools": ["skills-and-tools.mdx", MleSkills],
  "salary-and-job-outlook": ["salary-and-job-outlook.mdx", MleSalary],
  "how-to-become-one": ["how-to-become-one.mdx", MleHowTo],
  "career-paths": ["career-paths.mdx", MleCareerPaths],
  faq: ["faq.mdx", MleFaq],
};

function withContent(sections: readonly GuideSectionMeta[], dir: string, content: typeof mleContent): GuideSection[] {
  return sections.map((s) => {
    const entry = content[s.slug];
    if (!entry) throw new Error(`No MDX file registered for section "${s.slug}"`);
    return { ...s, file: `${dir}/${entry[0]}`, Content: entry[1] };
  });
}

export const guides: Guide[] = [
  {
    ...mleGuide,
    sections: withContent(mleGuide.sections, mleGuide.slug, mleContent),
    figureGroups: mleFigures,
    faq: mleFaq,
  },
];

export function guidePath(guide: { slug: string }, section: { slug: string }): string {
  return section.slug ? `/careers/${guide.slug}/${section.slug}` : `/careers/${guide.slug}`;
}

export function findGuideSection(guideSlug: string, sectionSlug: string) {
  const guide = guides.find((g) => g.slug === guideSlug);
  const section = guide?.sections.find((s) => s.slug === sectionSlug);
  return guide && section ? { guide, section } : null;
}

/** Every article across all guides, most recently updated first. */
export function recentArticles(limit = 5, exceptPath?: string) {
  return guides
    .flatMap((g) => g.sections.map((s) => ({ guide: g, section: s, path: guidePath(g, s) })))
    .filter((a) => a.path !== exceptPath)
    .sort((a, b) => b.section.updated.localeCompare(a.section.updated) || a.path.localeCompare(b.path))
    .slice(0, limit);
}
