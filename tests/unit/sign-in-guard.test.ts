import { describe, expect, it } from "vitest";
import {
  DEFAULT_SIGN_IN_POLICY,
  accountLimitIsSafe,
  backoffDelaySeconds,
  createSignInGuard,
  signInPolicyFromEnv,
  tooManyAttemptsMessage,
  type SignInPolicy,
} from "@/lib/auth/sign-in-guard";
import { clockedLimiterStore, testClock } from "../helpers/clocked-limiter-store";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe("the back-off schedule", () => {
  const rule = { freeFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 900 };
  it("is free for the first failures, then 1 s doubling, capped at 15 minutes", () => {
    const waits = Array.from({ length: 18 }, (_, i) => backoffDelaySeconds(i + 1, rule));
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    expect(backoffDelaySeconds(5000, rule)).toBe(900);
  });
});

describe("the limits' settings", () => {
  it("defaults: 20 per IP and 50 per account in 15 minutes, five free failures", () => {
    expect(signInPolicyFromEnv(env({}))).toEqual(DEFAULT_SIGN_IN_POLICY);
    expect(DEFAULT_SIGN_IN_POLICY.ip).toEqual({ points: 20, durationSeconds: 900 });
    expect(DEFAULT_SIGN_IN_POLICY.account).toEqual({ points: 50, durationSeconds: 900 });
  });
  it("reads SIGNIN_LIMIT_IP, SIGNIN_LIMIT_ACCOUNT and SIGNIN_BACKOFF, and refuses nonsense", () => {
    const p = signInPolicyFromEnv(env({ SIGNIN_LIMIT_IP: "10/60", SIGNIN_LIMIT_ACCOUNT: "100/60", SIGNIN_BACKOFF: "3/2/60" }));
    expect(p.ip).toEqual({ points: 10, durationSeconds: 60 });
    expect(p.account).toEqual({ points: 100, durationSeconds: 60 });
    expect(p.backoff).toEqual({ freeFailures: 3, firstDelaySeconds: 2, maxDelaySeconds: 60 });
    expect(() => signInPolicyFromEnv(env({ SIGNIN_LIMIT_IP: "lots" }))).toThrow(/SIGNIN_LIMIT_IP/);
    expect(() => signInPolicyFromEnv(env({ SIGNIN_LIMIT_ACCOUNT: "0/60" }))).toThrow(/SIGNIN_LIMIT_ACCOUNT/);
    expect(() => signInPolicyFromEnv(env({ SIGNIN_BACKOFF: "5/10/1" }))).toThrow(/SIGNIN_BACKOFF/);
  });
  it("the default account limit is out of reach of one IP (two IP windows fit in one account window)", () => {
    expect(accountLimitIsSafe(DEFAULT_SIGN_IN_POLICY)).toBe(true);
    // 20 per IP: one IP can make 40 attempts inside one 15-minute account window.
    expect(accountLimitIsSafe({ ip: { points: 20, durationSeconds: 900 }, account: { points: 40, durationSeconds: 900 } })).toBe(false);
    expect(accountLimitIsSafe({ ip: { points: 20, durationSeconds: 900 }, account: { points: 41, durationSeconds: 900 } })).toBe(true);
    expect(accountLimitIsSafe({ ip: { points: 20, durationSeconds: 60 }, account: { points: 100, durationSeconds: 900 } })).toBe(false);
  });
  it("says how long to wait in seconds or minutes", () => {
    expect(tooManyAttemptsMessage(1)).toBe("Too many sign-in attempts. Try again in 1 second.");
    expect(tooManyAttemptsMessage(40)).toBe("Too many sign-in attempts. Try again in 40 seconds.");
    expect(tooManyAttemptsMessage(61)).toBe("Too many sign-in attempts. Try again in 2 minutes.");
    expect(tooManyAttemptsMessage(60)).toBe("Too many sign-in attempts. Try again in 1 minute.");
  });
});

describe("the guard, on a clock the test moves", () => {
  const policy: SignInPolicy = { ...DEFAULT_SIGN_IN_POLICY, ip: { points: 1000, durationSeconds: 900 }, account: { points: 1000, durationSeconds: 900 } };
  const owner = "ada@loomstack.example";
  const stranger = { account: owner, ip: "203.0.113.66" };
  const setup = (p: SignInPolicy = policy) => {
    const clock = testClock();
    const guard = createSignInGuard(clockedLimiterStore(clock.now), p);
    const fail = async (a = stranger) => {
      const v = await guard.begin(a);
      if (v.ok) await guard.finish(a, "failure");
      return v;
    };
    return { clock, guard, fail };
  };

  it("lets a pair fail five times freely, then makes it wait 1 s, 2 s, 4 s … after each further failure", async () => {
    const { clock, guard, fail } = setup();
    for (let i = 0; i < 5; i++) expect(await fail()).toEqual({ ok: true });
    // The 6th attempt is allowed; its failure starts the back-off.
    expect(await fail()).toEqual({ ok: true });
    expect(await guard.begin(stranger)).toEqual({ ok: false, limit: "backoff", retryAfterSeconds: 1 });
    clock.advance(999);
    expect((await guard.begin(stranger)).ok).toBe(false);
    clock.advance(1);
    expect(await fail()).toEqual({ ok: true }); // 7th failure: 2 s
    clock.advance(1999);
    expect(await guard.begin(stranger)).toEqual({ ok: false, limit: "backoff", retryAfterSeconds: 1 });
    clock.advance(1);
    expect(await fail()).toEqual({ ok: true }); // 8th: 4 s
    expect(await guard.begin(stranger)).toEqual({ ok: false, limit: "backoff", retryAfterSeconds: 4 });
  });

  it("caps the wait at 15 minutes", async () => {
    const { clock, guard, fail } = setup();
    for (let n = 1; n <= 20; n++) {
      expect((await fail()).ok).toBe(true);
      clock.advance(backoffDelaySeconds(n, policy.backoff) * SECOND);
    }
    clock.advance(-backoffDelaySeconds(20, policy.backoff) * SECOND);
    expect(await guard.begin(stranger)).toEqual({ ok: false, limit: "backoff", retryAfterSeconds: 15 * 60 });
  });

  it("does not slow the owner on another address at all, and the owner's success clears only the owner's pair", async () => {
    const { guard, fail } = setup();
    for (let i = 0; i < 12; i++) await fail();
    expect((await guard.begin(stranger)).ok).toBe(false);
    const ownerAttempt = { account: owner, ip: "198.51.100.7" };
    expect(await guard.begin(ownerAttempt)).toEqual({ ok: true });
    await guard.finish(ownerAttempt, "success");
    expect((await guard.begin(stranger)).ok).toBe(false);
  });

  it("a success clears the pair's failures: the next failures are free again", async () => {
    const { clock, guard, fail } = setup();
    for (let i = 0; i < 6; i++) await fail();
    clock.advance(SECOND);
    expect(await guard.begin(stranger)).toEqual({ ok: true });
    await guard.finish(stranger, "success");
    for (let i = 0; i < 5; i++) expect(await fail()).toEqual({ ok: true });
    expect(await guard.begin(stranger)).toEqual({ ok: true });
  });

  it("forgets a pair's failures after a day without one", async () => {
    const { clock, guard, fail } = setup();
    for (let i = 0; i < 6; i++) await fail();
    clock.advance(24 * 60 * MINUTE);
    for (let i = 0; i < 5; i++) expect(await fail()).toEqual({ ok: true });
    expect(await guard.begin(stranger)).toEqual({ ok: true });
  });

  it("holds the per-IP limit across accounts, however the address spells the account", async () => {
    const { clock, guard } = setup({ ...policy, ip: { points: 3, durationSeconds: 600 } });
    const ip = "203.0.113.9";
    for (const account of ["a@x.example", "B@x.example", " c@x.example"]) expect(await guard.begin({ account, ip })).toEqual({ ok: true });
    expect(await guard.begin({ account: "d@x.example", ip })).toEqual({ ok: false, limit: "ip", retryAfterSeconds: 600 });
    // IPv6: one /64 is one client.
    const v6 = (n: number) => `2001:db8:0:7::${n.toString(16)}`;
    for (let i = 1; i <= 3; i++) expect((await guard.begin({ account: "a@x.example", ip: v6(i) })).ok).toBe(true);
    expect((await guard.begin({ account: "a@x.example", ip: v6(4) })).ok).toBe(false);
    clock.advance(10 * MINUTE);
    expect(await guard.begin({ account: "d@x.example", ip })).toEqual({ ok: true });
  });

  it("holds the per-account limit across addresses (guessing spread over many IPs), for the account in any case", async () => {
    const { guard } = setup({ ...policy, account: { points: 4, durationSeconds: 900 } });
    for (let i = 1; i <= 4; i++) expect((await guard.begin({ account: i % 2 ? owner : owner.toUpperCase(), ip: `198.18.0.${i}` })).ok).toBe(true);
    expect(await guard.begin({ account: owner, ip: "198.18.0.99" })).toEqual({ ok: false, limit: "account", retryAfterSeconds: 900 });
  });

  it("with the default limits, one stranger on one address can never use up the owner's account limit", async () => {
    const { clock, guard, fail } = setup(DEFAULT_SIGN_IN_POLICY);
    // The stranger tries as fast as the limits allow for an hour: refused attempts cost them the IP budget.
    for (let t = 0; t < 60 * MINUTE; t += SECOND) {
      await fail();
      clock.advance(SECOND);
    }
    expect(await guard.begin({ account: owner, ip: "198.51.100.7" })).toEqual({ ok: true });
  });

  it("an address that signed in to the account before is not held back by the account limit", async () => {
    const { guard } = setup({ ...policy, account: { points: 2, durationSeconds: 900 } });
    const home = { account: owner, ip: "198.51.100.7" };
    expect((await guard.begin(home)).ok).toBe(true);
    await guard.finish(home, "success");
    // A botnet uses up the account's limit…
    for (let i = 1; i <= 5; i++) await guard.begin({ account: owner, ip: `198.18.1.${i}` });
    expect((await guard.begin({ account: owner, ip: "198.18.1.200" })).ok).toBe(false);
    // …the owner at home still gets in.
    expect(await guard.begin(home)).toEqual({ ok: true });
  });

  it("fails closed: a store that cannot answer makes begin() throw", async () => {
    const clock = testClock();
    const store = { ...clockedLimiterStore(clock.now), ready: () => Promise.reject(new Error("store down")) };
    const guard = createSignInGuard(store, policy);
    await expect(guard.begin(stranger)).rejects.toThrow("store down");
  });
});
