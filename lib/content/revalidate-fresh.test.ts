import { describe, expect, it } from "vitest";
import { revalidateFresh } from "./revalidate-fresh";

describe("revalidateFresh", () => {
  it("regenerates the page a second time, starting only after the first has finished", async () => {
    const log: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    let calls = 0;
    const revalidate = async (path: string) => {
      calls += 1;
      log.push(`start ${calls} ${path}`);
      if (calls === 1) await first;
      log.push(`end ${calls}`);
    };
    const done = revalidateFresh(revalidate, "/outcomes");
    await Promise.resolve();
    expect(log).toEqual(["start 1 /outcomes"]);
    release();
    await done;
    expect(log).toEqual(["start 1 /outcomes", "end 1", "start 2 /outcomes", "end 2"]);
  });
});
