import { describe, expect, it } from "vitest";
import { isTopic, NEWSLETTER_TOPICS, storedTopics, topicsOf } from "@/lib/newsletter/topics";

describe("newsletter topics", () => {
  it("reads a stored list, null as every topic, and anything unreadable as every topic", () => {
    const all = ["career-guides", "events", "offers"];
    expect(NEWSLETTER_TOPICS.map((t) => t.key)).toEqual(all);
    expect(topicsOf(null)).toEqual(all);
    expect(topicsOf('["offers","events"]')).toEqual(["events", "offers"]);
    expect(topicsOf('["offers","gone-topic"]')).toEqual(["offers"]);
    expect(topicsOf("[]")).toEqual([]);
    expect(topicsOf("{not json")).toEqual(all);
  });

  it("stores a choice in catalogue order, unknown keys dropped, and every topic as null", () => {
    expect(storedTopics(["offers", "career-guides"])).toBe('["career-guides","offers"]');
    expect(storedTopics(["events", "nope"])).toBe('["events"]');
    expect(storedTopics(["offers", "events", "career-guides"])).toBeNull();
    expect(isTopic("events")).toBe(true);
    expect(isTopic("spam")).toBe(false);
  });
});
