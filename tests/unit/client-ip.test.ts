import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import {
  CLIENT_IP_HEADER,
  CLIENT_IP_STAMPED_ENV,
  UNKNOWN_CLIENT_IP,
  clientIp,
  clientIpFromChain,
  normalizeIp,
  rateLimitIpKey,
  trustedProxyHops,
} from "@/lib/client-ip";
import { crossOriginActionRefusal } from "@/lib/http/action-origin";
import { bodyRefusal, MAX_BODY_BYTES } from "@/lib/http/body-limit";
import { prepareForwardedHeaders } from "@/lib/http/forwarded-headers";
import { serverOptions } from "@/lib/http/server-options";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe("normalizeIp", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:cb00:7107", "203.0.113.7"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::1", "::1"],
    ['"198.51.100.9"', "198.51.100.9"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeIp(input)).toBe(expected);
  });

  it.each(["", "unknown", "evil.example", "1.2.3", "256.1.1.1", "1.2.3.4.5", "2001:db8::1::2", "12345::", "<script>", "x".repeat(100)])(
    "refuses %j",
    (junk) => {
      expect(normalizeIp(junk)).toBeNull();
    },
  );
});

describe("clientIpFromChain", () => {
  const socket = "10.0.0.2"; // the nearest proxy, or the client itself with 0 hops

  it("with 0 hops is the socket address, whatever X-Forwarded-For says", () => {
    expect(clientIpFromChain(undefined, "198.51.100.20", 0)).toBe("198.51.100.20");
    expect(clientIpFromChain("203.0.113.99", "198.51.100.20", 0)).toBe("198.51.100.20");
    expect(clientIpFromChain("203.0.113.99, 192.0.2.1", "::ffff:198.51.100.20", 0)).toBe("198.51.100.20");
  });

  it("with 1 hop is the entry the proxy appended, never the ones the client wrote before it", () => {
    // client wrote "1.1.1.1, 2.2.2.2"; the proxy appended the client's real address 203.0.113.5
    expect(clientIpFromChain("1.1.1.1, 2.2.2.2, 203.0.113.5", socket, 1)).toBe("203.0.113.5");
    expect(clientIpFromChain("203.0.113.5", socket, 1)).toBe("203.0.113.5");
  });

  it("with 2 hops skips the inner proxy's entry too", () => {
    // client → edge proxy (appends 203.0.113.5) → inner proxy 10.0.0.9 (appends 10.0.0.9's peer: the edge, 10.0.0.8) → app
    expect(clientIpFromChain("6.6.6.6, 203.0.113.5, 10.0.0.8", socket, 2)).toBe("203.0.113.5");
    // several X-Forwarded-For headers, as Node hands them over when not joined
    expect(clientIpFromChain(["6.6.6.6", "203.0.113.5, 10.0.0.8"], socket, 2)).toBe("203.0.113.5");
  });

  it("a chain shorter than the hops gives its left-most entry", () => {
    expect(clientIpFromChain("203.0.113.5", socket, 3)).toBe("203.0.113.5");
    expect(clientIpFromChain(undefined, socket, 2)).toBe(socket);
    expect(clientIpFromChain("", socket, 1)).toBe(socket);
  });

  it("reads IPv6 and IPv4-mapped entries in canonical form", () => {
    expect(clientIpFromChain("2001:DB8::0:1", "::ffff:10.0.0.2", 1)).toBe("2001:db8::1");
    expect(clientIpFromChain("[2001:db8::7]:61000", socket, 1)).toBe("2001:db8::7");
    expect(clientIpFromChain("::ffff:203.0.113.5", socket, 1)).toBe("203.0.113.5");
  });

  it("a junk entry where the client should be gives the next address to its right (never one further left)", () => {
    expect(clientIpFromChain("203.0.113.5, unknown", socket, 1)).toBe(socket);
    expect(clientIpFromChain("203.0.113.5, not-an-ip, 10.0.0.8", socket, 2)).toBe("10.0.0.8");
    expect(clientIpFromChain(",,, ,", socket, 1)).toBe(socket);
  });

  it("an unreadable socket address is the shared unknown bucket", () => {
    expect(clientIpFromChain("203.0.113.5", undefined, 0)).toBe(UNKNOWN_CLIENT_IP);
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it("defaults to 0 and accepts small whole numbers", () => {
    expect(trustedProxyHops(env({}))).toBe(0);
    expect(trustedProxyHops(env({ TRUSTED_PROXY_HOPS: "" }))).toBe(0);
    expect(trustedProxyHops(env({ TRUSTED_PROXY_HOPS: " 2 " }))).toBe(2);
  });
  it.each(["-1", "1.5", "one", "11", "0x1"])("refuses %j", (v) => {
    expect(() => trustedProxyHops(env({ TRUSTED_PROXY_HOPS: v }))).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("rateLimitIpKey", () => {
  it("counts IPv4 per address and IPv6 per /64", () => {
    expect(rateLimitIpKey("203.0.113.5")).toBe("203.0.113.5");
    expect(rateLimitIpKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitIpKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(rateLimitIpKey("2001:db8:1:3::1")).not.toBe(rateLimitIpKey("2001:db8:1:2::1"));
    expect(rateLimitIpKey(UNKNOWN_CLIENT_IP)).toBe(UNKNOWN_CLIENT_IP);
  });
});

describe("clientIp (what application code reads)", () => {
  const stamped = { [CLIENT_IP_STAMPED_ENV]: "1", NODE_ENV: "test" } as NodeJS.ProcessEnv;

  it("reads only server.ts's header, never X-Forwarded-For or X-Real-IP", () => {
    const h = new Headers({ [CLIENT_IP_HEADER]: "198.51.100.4", "x-forwarded-for": "203.0.113.1", "x-real-ip": "203.0.113.2" });
    expect(clientIp(h, stamped)).toBe("198.51.100.4");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.1", "x-real-ip": "203.0.113.2" }), stamped)).toBe(UNKNOWN_CLIENT_IP);
  });

  it("without server.ts in front ignores even our header (a client could have sent it) and warns a production server once", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const h = new Headers({ [CLIENT_IP_HEADER]: "198.51.100.4" });
      expect(clientIp(h, { NODE_ENV: "test" } as NodeJS.ProcessEnv)).toBe(UNKNOWN_CLIENT_IP);
      expect(warn).not.toHaveBeenCalled();
      expect(clientIp(h, { NODE_ENV: "production" } as NodeJS.ProcessEnv)).toBe(UNKNOWN_CLIENT_IP);
      expect(clientIp(h, { NODE_ENV: "production" } as NodeJS.ProcessEnv)).toBe(UNKNOWN_CLIENT_IP);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/server\.ts/);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("prepareForwardedHeaders (server.ts, before Next sees a request)", () => {
  const clientSent = () => ({
    host: "www.loomstack.example",
    "x-forwarded-for": "6.6.6.6, 203.0.113.5",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-forwarded-port": "443",
    "x-real-ip": "7.7.7.7",
    forwarded: "for=8.8.8.8",
    "cf-connecting-ip": "9.9.9.9",
    "true-client-ip": "9.9.9.8",
    [CLIENT_IP_HEADER]: "1.2.3.4",
    cookie: "a=b",
  });

  it("with 0 hops removes every forwarding header and stamps the socket address", () => {
    const h: Record<string, string | undefined> = clientSent();
    expect(prepareForwardedHeaders(h, "::ffff:198.51.100.30", 0)).toBe("198.51.100.30");
    expect(h).toEqual({ host: "www.loomstack.example", cookie: "a=b", [CLIENT_IP_HEADER]: "198.51.100.30" });
  });

  it("with 1 hop keeps what the proxy wrote, replaces our header and drops the vendor aliases", () => {
    const h: Record<string, string | undefined> = clientSent();
    expect(prepareForwardedHeaders(h, "10.0.0.2", 1)).toBe("203.0.113.5");
    expect(h[CLIENT_IP_HEADER]).toBe("203.0.113.5");
    expect(h["x-forwarded-host"]).toBe("evil.example"); // the trusted proxy's to set; it overwrote it
    expect(h["x-forwarded-proto"]).toBe("https");
    expect(h["cf-connecting-ip"]).toBeUndefined();
    expect(h["true-client-ip"]).toBeUndefined();
  });
});

describe("bodyRefusal (server.ts, before Next reads a body)", () => {
  it("lets bodies up to the limit through", () => {
    expect(bodyRefusal({})).toBeNull();
    expect(bodyRefusal({ "content-length": "0" })).toBeNull();
    expect(bodyRefusal({ "content-length": String(MAX_BODY_BYTES) })).toBeNull();
  });
  it("answers 413 above it and 411 for a body of unknown length", () => {
    expect(MAX_BODY_BYTES).toBe(1024 * 1024);
    expect(bodyRefusal({ "content-length": String(MAX_BODY_BYTES + 1) })?.status).toBe(413);
    expect(bodyRefusal({ "content-length": String(3 * 1024 * 1024) })?.status).toBe(413);
    expect(bodyRefusal({ "transfer-encoding": "chunked" })?.status).toBe(411);
  });
});

describe("serverOptions", () => {
  it("reads -p/-H/--dev, then PORT and HOST", () => {
    expect(serverOptions([], env({}))).toEqual({ dev: false, port: 3000, hostname: undefined });
    expect(serverOptions([], env({ PORT: "3930", HOST: "0.0.0.0" }))).toEqual({ dev: false, port: 3930, hostname: "0.0.0.0" });
    expect(serverOptions(["--dev", "-p", "4000", "-H", "127.0.0.1"], env({ PORT: "3930" }))).toEqual({ dev: true, port: 4000, hostname: "127.0.0.1" });
    expect(serverOptions(["--port=4001", "--hostname=::"], env({}))).toEqual({ dev: false, port: 4001, hostname: "::" });
  });
  it("refuses what it does not understand", () => {
    expect(() => serverOptions(["-x"], env({}))).toThrow(/Unknown option/);
    expect(() => serverOptions([], env({ PORT: "http" }))).toThrow(/port/);
  });
});

describe("crossOriginActionRefusal (server.ts, before Next's CSRF check answers 500)", () => {
  const action = (headers: Record<string, string>, url = "/newsletter", method = "POST") =>
    crossOriginActionRefusal(method, url, { host: "www.loomstack.example", ...headers });
  const multipart = { "content-type": "multipart/form-data; boundary=x" };

  it("lets same-origin posts through, by Host or by the first X-Forwarded-Host", () => {
    expect(action({ ...multipart, origin: "https://www.loomstack.example" })).toBeNull();
    expect(action({ "next-action": "abc", origin: "https://www.loomstack.example" })).toBeNull();
    expect(
      crossOriginActionRefusal("POST", "/apply", {
        host: "app-internal.lan:8080",
        "x-forwarded-host": "www.loomstack.example, cdn.example",
        origin: "https://www.loomstack.example",
        ...multipart,
      }),
    ).toBeNull();
  });

  it("lets through what Next itself lets through: no Origin, not a possible action, route handlers", () => {
    expect(action(multipart)).toBeNull();
    expect(action({ "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" })).toBeNull();
    expect(action({ ...multipart, origin: "https://evil.example" }, "/api/unsubscribe/abc")).toBeNull();
    expect(action({ ...multipart, origin: "https://evil.example" }, "/newsletter", "GET")).toBeNull();
  });

  it("refuses (403) another origin, the null origin and an Origin that is not a URL", () => {
    for (const origin of ["https://evil.example", "null", "not a url", "https://www.loomstack.example.evil.example"]) {
      expect(action({ ...multipart, origin })?.status, origin).toBe(403);
      expect(action({ "next-action": "abc", origin })?.status, origin).toBe(403);
    }
  });
});

describe("forged forwarding headers, as properties (fast-check)", () => {
  // What a client may write in front of the chain: addresses, junk, commas, nothing.
  const forgedEntries = fc.array(fc.oneof(fc.ipV4(), fc.string({ maxLength: 40 }), fc.constantFrom("unknown", "127.0.0.1", "::1", "")), { maxLength: 6 });

  it("with N trusted proxies the client is whatever the outermost one appended, whatever the client wrote before it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.ipV4(),
        forgedEntries,
        fc.array(fc.ipV4(), { minLength: 4, maxLength: 4 }),
        (hops, client, forged, proxies) => {
          // Proxy 1 (outermost) appends the client; proxy k appends proxy k-1; the app's peer is proxy N.
          const used = proxies.slice(0, hops);
          const xff = [...forged, ...(hops > 0 ? [client, ...used.slice(0, -1)] : [])].join(", ");
          const socket = hops > 0 ? used[used.length - 1] : client;
          expect(clientIpFromChain(xff, socket, hops)).toBe(client);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("with 0 hops, no forged header survives and the stamped address is the socket's", () => {
    const headerValue = fc.string({ maxLength: 60 }).map((v) => v.replace(/[^\x20-\x7e]/g, ""));
    fc.assert(
      fc.property(
        fc.record({
          "x-forwarded-for": headerValue,
          "x-forwarded-host": headerValue,
          "x-forwarded-proto": headerValue,
          "x-forwarded-port": headerValue,
          "x-real-ip": headerValue,
          forwarded: headerValue,
          [CLIENT_IP_HEADER]: headerValue,
          "cf-connecting-ip": headerValue,
          "true-client-ip": headerValue,
        }),
        fc.ipV4(),
        (forged, socket) => {
          const h: Record<string, string | undefined> = { host: "www.loomstack.example", ...forged };
          expect(prepareForwardedHeaders(h, socket, 0)).toBe(socket);
          expect(h).toEqual({ host: "www.loomstack.example", [CLIENT_IP_HEADER]: socket });
        },
      ),
      { numRuns: 300 },
    );
  });
});
