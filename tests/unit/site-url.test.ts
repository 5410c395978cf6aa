import { describe, expect, it } from "vitest";
import { publicUrlProblem, siteUrl } from "@/lib/site-config";

describe("siteUrl", () => {
  it("is SITE_URL without a trailing slash", () => {
    expect(siteUrl({ SITE_URL: "https://www.loomstack.example/", PORT: "3930" } as NodeJS.ProcessEnv)).toBe("https://www.loomstack.example");
  });
  it("unset, is this machine on the port the server listens on (PORT), not always 3000", () => {
    expect(siteUrl({ PORT: "3930" } as NodeJS.ProcessEnv)).toBe("http://localhost:3930");
    expect(siteUrl({ SITE_URL: "", PORT: "3930" } as NodeJS.ProcessEnv)).toBe("http://localhost:3930");
    expect(siteUrl({} as NodeJS.ProcessEnv)).toBe("http://localhost:3000");
  });
});

describe("publicUrlProblem (the warning at start and on the settings page)", () => {
  const prod = (env: Record<string, string>) => ({ NODE_ENV: "production", ...env }) as NodeJS.ProcessEnv;
  it("says nothing outside production, or for a public origin", () => {
    expect(publicUrlProblem({ NODE_ENV: "development" } as NodeJS.ProcessEnv)).toBeNull();
    expect(publicUrlProblem(prod({ SITE_URL: "https://www.loomstack.example" }))).toBeNull();
  });
  it("warns a production server whose SITE_URL is unset, invalid or this machine", () => {
    expect(publicUrlProblem(prod({ PORT: "3930" }))).toMatch(/SITE_URL is not set.*http:\/\/localhost:3930/);
    expect(publicUrlProblem(prod({ SITE_URL: "not a url" }))).toMatch(/not a valid URL/);
    for (const local of ["http://localhost:3000", "http://127.0.0.1:3200", "http://[::1]:3000", "http://app.localhost", "http://0.0.0.0:3000"]) {
      expect(publicUrlProblem(prod({ SITE_URL: local })), local).toMatch(/this machine only/);
    }
  });
});
