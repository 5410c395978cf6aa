// Shapes shared by every career guide. The first guide defines them; later guides reuse them.
export type { FigureGroup, SourcedFigure } from "./machine-learning-engineer/figures";
export type { FaqItem } from "./machine-learning-engineer/faq";
export type { GuideSectionMeta } from "./machine-learning-engineer/guide";
