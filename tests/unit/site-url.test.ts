import { describe, expect, it } from "vitest";
import { publicUrlProblem, siteUrl } from "@/lib/site-config";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("siteUrl", () => {
  it("is SITE_URL without a trailing slash", () => {
    expect(siteUrl(env({ SITE_URL: "https://www.loomstack.example/", PORT: "3930" }))).toBe("https://www.loomstack.example");
  });
  it("unset, is this machine on the port the server listens on (PORT), not always 3000", () => {
    expect(siteUrl(env({ PORT: "3930" }))).toBe("http://localhost:3930");
    expect(siteUrl(env({ SITE_URL: "", PORT: "3930" }))).toBe("http://localhost:3930");
    expect(siteUrl(env({}))).toBe("http://localhost:3000");
  });
});

describe("publicUrlProblem (the warning at start and on the settings page)", () => {
  const prod = (vars: Record<string, string>) => env({ NODE_ENV: "production", ...vars });
  it("says nothing outside production, or for a public origin", () => {
    expect(publicUrlProblem(env({ NODE_ENV: "development" }))).toBeNull();
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
