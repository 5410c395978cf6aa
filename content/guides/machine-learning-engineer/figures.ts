/** A dollar amount to chart: one figure (`low`), a band (`low`–`high`), or "`low` or more". */
export type ChartAmount = { label: string; low: number; high?: number; orMore?: true };

export type SourcedFigure = {
  value: string;
  source: string;
  sourceUrl: string;
  /** The date or period the source gives, or null where it gives none. */
  asOf: string | null;
  /** Context for the date, such as the date of other data in the same article. */
  dateNote?: string;
  note?: string;
  /** Set on salary figures with a dollar amount; these are the ones the salary chart shows. */
  chart?: ChartAmount;
};

export type FigureGroup = {
  id: string;
  metric: string;
  kind: "salary" | "outlook";
  figures: SourcedFigure[];
  disagreement?: string;
};

// Every salary and job-outlook figure found in the five source articles, grouped by
// what it measures. Wording of notes is our own. Where an article attributes a
// figure to nobody, `source` says so and `sourceUrl` is an empty string (render it
// as plain text, not a link). Where an article names a source but gives no link,
// `sourceUrl` points to that source's own site and the note says so.

const BLS_CIRS_URL = "https://www.bls.gov/ooh/computer-and-information-technology/computer-and-information-research-scientists.htm";

export const figureGroups: FigureGroup[] = [
  {
    id: "average-salary-us",
    metric: "Average salary (US)",
    kind: "salary",
    figures: [
      {
        value: "$112,806 per year",
        chart: { label: "Average, Indeed", low: 112806 },
        source: "Indeed",
        sourceUrl: "https://www.indeed.com/",
        asOf: null,
        note: "National average for machine learning engineers; the article gives no link.",
      },
      {
        value: "$112,992 per year",
        chart: { label: "Average, source not named", low: 112992 },
        source: "Not named in the source article",
        sourceUrl: "",
        asOf: null,
        dateNote: "The article that gives it cites other data from February 2024.",
        note: "Described as the national average for the US.",
      },
      {
        value: "About $114,121 per year",
        chart: { label: "Average, source not named", low: 114121 },
        source: "Not named in the source article",
        sourceUrl: "",
        asOf: null,
        note: "US average; the article adds that pay varies with location, experience and industry.",
      },
      {
        value: "$125,672 per year",
        chart: { label: "Average base pay, Indeed", low: 125672 },
        source: "Indeed",
        sourceUrl: "https://www.indeed.com/",
        asOf: "June 2022",
        note: "Average base salary, so bonuses and other pay are not counted; the article gives no link.",
      },
      {
        value: "About $128,000 per year",
        chart: { label: "Average, source not named", low: 128000 },
        source: "Not named in the source article",
        sourceUrl: "",
        asOf: null,
        dateNote: "The article that gives it cites the BLS 2020–2030 projection.",
        note: "US average.",
      },
    ],
    disagreement:
      "These five averages run from $112,806 to about $128,000. They are not measured the same way: only the June 2022 Indeed figure is dated, only it says it covers base pay alone, and three of the five name no source at all. Job-board averages also shift as the mix of postings changes, so figures taken in different years will not match. Read them as a band, not as one true number.",
  },
  {
    id: "median-wage-bls",
    metric: "Median annual wage (BLS occupation)",
    kind: "salary",
    figures: [
      {
        value: "$131,490 per year",
        chart: { label: "Median, BLS (wider occupation)", low: 131490 },
        source: "U.S. Bureau of Labor Statistics",
        sourceUrl: BLS_CIRS_URL,
        asOf: null,
        dateNote: "The article gives it alongside the BLS projection through 2031.",
        note: "Median for computer and information research scientists, the broader BLS category the articles use for ML engineers. A median is the midpoint, not an average. The article gives no link; the URL is the BLS page for this occupation.",
      },
    ],
  },
  {
    id: "salary-range-and-top-end",
    metric: "Salary range and top end (US)",
    kind: "salary",
    figures: [
      {
        value: "$100,000–$150,000",
        chart: { label: "Typical band, Indeed", low: 100000, high: 150000 },
        source: "Indeed",
        sourceUrl: "https://www.indeed.com/jobs?q=machine%20learning%20engineer&l=",
        asOf: null,
        dateNote: "The article that gives it cites other data from February 2024.",
        note: "Typical band around the national average, from job listings.",
      },
      {
        value: "$165,000 or more per year",
        chart: { label: "Senior roles, source not named", low: 165000, orMore: true },
        source: "Not named in the source article",
        sourceUrl: "",
        asOf: null,
        dateNote: "The article that gives it cites the BLS 2020–2030 projection.",
        note: "For experienced engineers and top roles.",
      },
      {
        value: "Up to $200,000 or more",
        chart: { label: "Largest tech hubs, Dice", low: 200000, orMore: true },
        source: "Dice",
        sourceUrl: "https://www.dice.com/jobs?q=machine+learning+engineer",
        asOf: null,
        dateNote: "The article that gives it cites other data from February 2024.",
        note: "In the largest tech hubs.",
      },
    ],
    disagreement:
      "The top of the range differs by source: Indeed's band stops at $150,000, one article puts experienced engineers at $165,000 or more without naming a source, and Dice reports $200,000 or more in top tech hubs. They describe different slices of the market (a typical band, senior roles, the most expensive cities), and none of the three is dated.",
  },
  {
    id: "top-paying-industries",
    metric: "Top-paying industries",
    kind: "salary",
    figures: [
      {
        value: "Technology, finance, healthcare",
        source: "Glassdoor",
        sourceUrl: "https://www.glassdoor.com/job-listings/machine-learning-engineer-jobs_US.htm",
        asOf: null,
        dateNote: "The article that gives it cites other data from February 2024.",
        note: "Sectors named as paying ML engineers the most; no dollar figures given.",
      },
    ],
  },
  {
    id: "bls-employment-growth",
    metric: "Projected employment growth (BLS)",
    kind: "outlook",
    figures: [
      {
        value: "22% (2020–2030)",
        source: "U.S. Bureau of Labor Statistics",
        sourceUrl: BLS_CIRS_URL,
        asOf: "2020–2030 projection",
        note: "Described as growth for the ML engineer role. The article gives no link; the URL is the BLS page for the related occupation.",
      },
      {
        value: "21% (through 2031)",
        source: "U.S. Bureau of Labor Statistics",
        sourceUrl: BLS_CIRS_URL,
        asOf: "Projection through 2031 (start year not stated)",
        note: "For computer and information research jobs, which the article says is well ahead of the pace for jobs overall. The article gives no link.",
      },
      {
        value: "29% (2022–2032)",
        source: "U.S. Bureau of Labor Statistics",
        sourceUrl: BLS_CIRS_URL,
        asOf: "2022–2032 projection",
        note: "For computer and information research scientists. The article's table calls it an annual rate, but BLS projections describe change across the whole ten-year period.",
      },
      {
        value: "About 300% (2019–2029)",
        source: "U.S. Bureau of Labor Statistics",
        sourceUrl: "https://www.bls.gov/",
        asOf: "2019–2029 projection",
        note: "For information research scientists, including ML engineers. Linked only to the BLS home page and far out of line with the other BLS figures here; treat as unverified.",
      },
    ],
    disagreement:
      "The 21%, 22% and 29% figures come from different BLS ten-year projection cycles for the broad research-scientist occupation, so each reflects the outlook in the year it was published rather than a contradiction. The roughly 300% figure does not fit that pattern, points only to the BLS home page, and may be an error in the article; we show it because a source gives it, not because we can confirm it.",
  },
  {
    id: "new-jobs-per-year",
    metric: "New jobs per year (BLS)",
    kind: "outlook",
    figures: [
      {
        value: "About 11,500 per year",
        source: "U.S. Bureau of Labor Statistics",
        sourceUrl: BLS_CIRS_URL,
        asOf: "Projected through 2029",
        note: "The article calls these new ML engineer jobs; the linked BLS page covers the broader research-scientist occupation.",
      },
    ],
  },
  {
    id: "open-positions",
    metric: "Open positions (US job listings)",
    kind: "outlook",
    figures: [
      {
        value: "More than 52,000",
        source: "LinkedIn",
        sourceUrl: "https://www.linkedin.com/jobs/search?keywords=machine%20learning%20engineer",
        asOf: "February 13, 2024",
        note: 'Results of a LinkedIn job search for "machine learning engineer" on that day.',
      },
    ],
  },
  {
    id: "job-posting-growth",
    metric: "Growth in job postings and rankings",
    kind: "outlook",
    figures: [
      {
        value: "344% growth in postings (2015–2018)",
        source: "Not named in the source article",
        sourceUrl: "",
        asOf: "2015–2018",
        note: "Growth in job postings for ML engineers; the article says postings kept rising after 2018.",
      },
      {
        value: "Ranked the #1 job of 2022",
        source: "Indeed",
        sourceUrl: "https://www.indeed.com/",
        asOf: "2022",
        note: "Based on growth in ML and AI job postings over the prior three years; the article gives no link.",
      },
    ],
  },
  {
    id: "global-ml-market",
    metric: "Global machine learning market",
    kind: "outlook",
    figures: [
      {
        value: "$11.16 billion",
        source: "Grand View Research",
        sourceUrl: "https://www.grandviewresearch.com/",
        asOf: "2020 valuation",
        note: "Market size, not jobs or pay. The article gives no link.",
      },
      {
        value: "43.8% compound annual growth rate (2021–2028)",
        source: "Grand View Research",
        sourceUrl: "https://www.grandviewresearch.com/",
        asOf: "2021–2028 forecast",
        note: "Forecast growth of the market's value.",
      },
    ],
  },
];
