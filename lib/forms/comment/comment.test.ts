import { describe, expect, it } from "vitest";
import { expectEmailCarriesNextSteps, fieldErrors } from "@/tests/helpers/forms";
import { commentFlags, parseFlags } from "../../comments/flags";
import { commentsJsonLd } from "../../comments/json-ld";
import { openPostedState, sealPostedState } from "../../comments/posted-state";
import { threadComments, type PublishedComment } from "../../comments/thread";
import { commentForm } from "./definition";
import { commentSchema } from "./schema";

const valid = { ...commentForm.example.input, advisor: undefined, consent: "on" };

describe("comment schema", () => {
  it("keeps the name, email, website and comment; the advisor box is off unless ticked", () => {
    expect(commentSchema.parse({ ...valid, email: " Priya.Nair@Example.com ", homepage: "priya.example.com" })).toEqual({
      article: "/careers/machine-learning-engineer/salary-and-job-outlook",
      name: "Priya Nair",
      email: "priya.nair@example.com",
      homepage: "https://priya.example.com/",
      comment: "Do the salary ranges include bonuses and equity, or only base pay?",
      advisor: false,
      consent: true,
    });
    expect(commentSchema.parse({ ...valid, advisor: "on", homepage: "" })).toMatchObject({ advisor: true, homepage: undefined });
  });

  it("says what to fix next to each field", () => {
    expect(fieldErrors(commentSchema.safeParse({ article: valid.article }))).toEqual({
      name: "Enter your name.",
      email: "Enter your email address.",
      comment: "Write your comment.",
      consent: "Tick the box so we can publish your comment.",
    });
    expect(commentSchema.parse({ ...valid, homepage: "HTTPS://Bücher.Example/Path" }).homepage).toBe("https://xn--bcher-kva.example/Path");
    expect(fieldErrors(commentSchema.safeParse({ ...valid, homepage: "https://user:pw@x.example" }))).toEqual({
      homepage: "Enter a website address like https://example.com, or leave it empty.",
    });
    expect(fieldErrors(commentSchema.safeParse({ ...valid, homepage: "javascript:alert(1)" }))).toEqual({
      homepage: "Enter a website address like https://example.com, or leave it empty.",
    });
    expect(fieldErrors(commentSchema.safeParse({ ...valid, homepage: "https://exa\nmple.com" }))).toEqual({
      homepage: "Use a single line, without line breaks or tabs.",
    });
    expect(fieldErrors(commentSchema.safeParse({ ...valid, comment: "x".repeat(3001) }))).toEqual({ comment: "Keep your comment under 3000 characters." });
  });

  it("only takes comments for a guide article path", () => {
    for (const article of [
      "/",
      "/careers",
      "https://evil.example/careers/x",
      "/careers/x/y/z",
      "/careers/X",
      "/careers/not-a-guide",
      "/careers/machine-learning-engineer/nope",
    ]) {
      expect(commentSchema.safeParse({ ...valid, article }).success, article).toBe(false);
    }
  });

  it("names the website field homepage: website is every form's honeypot", () => {
    expect(Object.keys(commentSchema.shape)).not.toContain("website");
  });

  it("tells the same next steps on the page and in the email", async () => {
    await expectEmailCarriesNextSteps(commentForm);
  });
});

describe("spam flags", () => {
  it("flags links, HTML and known spam words, each on its own", () => {
    expect(commentFlags({ body: "Thanks, this helped me plan my switch." })).toEqual([]);
    expect(commentFlags({ body: "see https://x.example/y" })).toEqual(["link"]);
    expect(commentFlags({ body: "visit www.cheap.example" })).toEqual(["link"]);
    expect(commentFlags({ body: "go to cheap-pills.ru now" })).toEqual(["link"]);
    expect(commentFlags({ body: "I <b>loved</b> it" })).toEqual(["html"]);
    expect(commentFlags({ body: "nice &#x3C;script" })).toEqual(["html"]);
    expect(commentFlags({ body: "Best CASINO bonuses" })).toEqual(["spam-word"]);
    expect(commentFlags({ body: "ok", name: "Cheap Viagra" })).toEqual(["spam-word"]);
    expect(commentFlags({ body: "Buy   followers today" })).toEqual(["spam-word"]);
  });

  it("matches whole words only, so ordinary words that contain one are not flagged", () => {
    expect(commentFlags({ body: "Occasionally I read about escorting a dataset" })).toEqual([]);
    expect(commentFlags({ body: "a < b and c > d in my Python code" })).toEqual([]);
    expect(commentFlags({ body: "I use Node.js and e.g. pandas" })).toEqual([]);
  });

  it("reads stored flags defensively", () => {
    expect(parseFlags('["link","nonsense","html"]')).toEqual(["link", "html"]);
    expect(parseFlags("not json")).toEqual([]);
  });
});

const c = (id: string, at: string, extra: Partial<PublishedComment> = {}): PublishedComment => ({
  id,
  parentId: null,
  authorName: `Author ${id}`,
  website: null,
  body: `Body ${id}`,
  byStaff: false,
  publishedAt: at,
  ...extra,
});

describe("threads", () => {
  it("orders comments oldest first, with each staff reply under its comment, oldest first", () => {
    const threads = threadComments([
      c("r2", "2026-12-03T00:00:00Z", { parentId: "a", byStaff: true }),
      c("b", "2026-12-02T00:00:00Z"),
      c("a", "2026-12-01T00:00:00Z"),
      c("r1", "2026-12-02T12:00:00Z", { parentId: "a", byStaff: true }),
      c("orphan", "2026-12-04T00:00:00Z", { parentId: "gone", byStaff: true }),
    ]);
    expect(threads.map((t) => [t.id, t.replies.map((r) => r.id)])).toEqual([
      ["a", ["r1", "r2"]],
      ["b", []],
    ]);
  });
});

describe("comment JSON-LD", () => {
  it("publishes each comment as a Comment with author, date and text, and replies as nested comments", () => {
    const threads = threadComments([
      c("a", "2026-12-01T00:00:00Z", { authorName: "Priya", body: "Base pay?", website: "https://priya.example" }),
      c("r", "2026-12-02T00:00:00Z", { parentId: "a", byStaff: true, authorName: "Dana", body: "Base only." }),
    ]);
    expect(commentsJsonLd(threads, "Loomstack Academy")).toEqual({
      commentCount: 2,
      comment: [
        {
          "@type": "Comment",
          author: { "@type": "Person", name: "Priya", url: "https://priya.example" },
          dateCreated: "2026-12-01T00:00:00Z",
          text: "Base pay?",
          comment: [
            { "@type": "Comment", author: { "@type": "Organization", name: "Loomstack Academy" }, dateCreated: "2026-12-02T00:00:00Z", text: "Base only." },
          ],
        },
      ],
    });
    expect(commentsJsonLd([], "Loomstack Academy")).toEqual({});
  });
});

describe("the answer to a post from a static guide page", () => {
  const secret = "s".repeat(40);
  it("comes back intact through its sealed cookies, even for a long comment, and only with the same key", () => {
    const state = { formType: "comment", status: "error", values: { comment: "ü😀 ".repeat(1000), email: "a@b.example" }, submissionToken: "t" };
    const chunks = sealPostedState(state, secret)!;
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    expect(chunks.every((ch) => ch.length <= 3500)).toBe(true);
    expect(openPostedState(chunks, secret)).toEqual(state);
    expect(openPostedState(chunks, "k".repeat(40))).toBeNull();
    expect(JSON.stringify(chunks)).not.toContain("a@b.example");
  });

  it("refuses altered or missing parts", () => {
    const chunks = sealPostedState({ a: 1 }, secret)!;
    const flipped = chunks[0].slice(0, -2) + (chunks[0].endsWith("A") ? "BB" : "AA");
    expect(openPostedState([flipped], secret)).toBeNull();
    expect(openPostedState([], secret)).toBeNull();
    expect(openPostedState(["%%%"], secret)).toBeNull();
  });
});
