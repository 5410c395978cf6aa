/**
 * lib/http/action-post.ts: which Server Action posts are refused before Next decodes them.
 * What React's own client encodes must always pass (checked with React's encodeReply on
 * random states and forms); what only a tampering client sends is refused. Over HTTP,
 * against the production server: tests/http/tampered-actions.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actionPostProblem, refuseUnreadableActionPost } from "@/lib/http/action-post";

const ID = "7f0e18df7156bb592d2f2f226a044342174f56311c";

type ReplyEncoder = (args: unknown[]) => Promise<string | FormData>;
async function reactEncodeReply(): Promise<ReplyEncoder> {
  // React's client encoder for Server Action arguments, as the browser runs it.
  // A specifier in a variable: Next ships this file without type declarations.
  const specifier = "next/dist/compiled/react-server-dom-turbopack/client.node.js";
  const m = (await import(/* @vite-ignore */ specifier)) as { default?: { encodeReply: ReplyEncoder }; encodeReply?: ReplyEncoder };
  return (m.default?.encodeReply ?? m.encodeReply)!;
}

function fetchAction(body: BodyInit, contentType?: string, id: string | null = ID): Request {
  const headers: Record<string, string> = {};
  if (id !== null) headers["next-action"] = id;
  if (contentType) headers["content-type"] = contentType;
  return new Request("http://127.0.0.1/quote", { method: "POST", headers, body });
}
const asRequest = (encoded: string | FormData) => (typeof encoded === "string" ? fetchAction(encoded, "text/plain;charset=UTF-8") : fetchAction(encoded));

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const STATE = {
  formType: "quote",
  status: "error",
  message: "Please correct the highlighted fields.",
  values: { message: "$5 a month", name: "Ada" },
  submissionToken: "3f1c0a52-7c1e-4c36-9a55-0f4b7a8e2d11",
};

describe("what the app's pages send", () => {
  it("passes React's encoding of (previous state, form data), of no arguments and of plain values", async () => {
    const encode = await reactEncodeReply();
    const posted = form({ email: "ada@example.com", message: "$$ and $K1 typed by a person", "friends.0.name": "Fay" });
    for (const args of [[STATE, posted], [{ status: "idle" }, posted], [], [STATE], [new Date(0), 10n, NaN, -0, Infinity, undefined, "$x"]]) {
      expect(await actionPostProblem(asRequest(await encode(args))), JSON.stringify(args.map(String))).toBeNull();
    }
  });

  it("passes React's encoding of any JSON state and any form fields (property)", async () => {
    const encode = await reactEncodeReply();
    const text = fc.oneof(
      fc.string(),
      fc.string().map((s) => `$${s}`),
    );
    // Plain objects only (React's client refuses null prototypes): as JSON.parse makes them.
    const plain = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as unknown;
    const state = fc.oneof(fc.jsonValue(), fc.dictionary(text, fc.oneof(text, fc.jsonValue()), { maxKeys: 5 })).map(plain);
    await fc.assert(
      fc.asyncProperty(state, fc.array(fc.tuple(text, text), { maxLength: 8 }), async (previous, fields) => {
        const posted = new FormData();
        for (const [k, v] of fields) posted.append(k, v);
        expect(await actionPostProblem(asRequest(await encode([previous, posted])))).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("passes a form posted without JavaScript, by id or with its bound state", async () => {
    const noJs = (fields: Record<string, string>) => new Request("http://127.0.0.1/quote", { method: "POST", body: form(fields) });
    expect(await actionPostProblem(noJs({ [`$ACTION_ID_${ID}`]: "", email: "a@example.com" }))).toBeNull();
    const bound = {
      $ACTION_REF_1: "",
      "$ACTION_1:0": `{"id":"${ID}","bound":"$@1"}`,
      "$ACTION_1:1": JSON.stringify([STATE]).replace('"$5', '"$$$5'),
      $ACTION_KEY: "k1",
      email: "a@example.com",
    };
    expect(await actionPostProblem(noJs(bound))).toBeNull();
    expect(await actionPostProblem(noJs({ $ACTION_REF_1: "", "$ACTION_1:0": `{"id":"${ID}","bound":null}` }))).toBeNull();
  });

  it("leaves alone what is not an action post", async () => {
    expect(await actionPostProblem(new Request("http://127.0.0.1/quote"))).toBeNull();
    expect(
      await actionPostProblem(
        new Request("http://127.0.0.1/quote", { method: "POST", body: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      ),
    ).toBeNull();
  });
});

describe("what only a tampering client sends", () => {
  const TEXT: [string, string][] = [
    ["text that is not JSON", '["$undefined",'],
    ["an empty body", ""],
    ["a bare string", '"$undefined"'],
    ["an object, not a list", '{"0":"$undefined"}'],
    ["a Map reference with no part", '[null,"$Q1"]'],
    ["a Set reference", '["$W1"]'],
    ["a promise reference", '["$@1"]'],
    ["a reference to another action", '["$undefined","$F1"]'],
    ["a server reference", '["$h1"]'],
    ["a temporary reference", '["$T"]'],
    ["a FormData reference in a text body", '["$undefined","$K1"]'],
    ["a blob reference", '["$B1"]'],
    ["an iterator reference", '["$i1"]'],
    ["a stream reference", '["$R1"]'],
    ["a typed array", '["$o1"]'],
    ["a big integer that is not one", '["$nabc"]'],
    ["a reference deep inside the state", '[{"a":[{"b":{"c":"$Q2"}}]}]'],
    ["nesting 500 deep", `[${"[".repeat(500)}${"]".repeat(500)}]`],
  ];
  it.each(TEXT)("refuses %s", async (_what, body) => {
    expect(await actionPostProblem(fetchAction(body, "text/plain;charset=UTF-8"))).not.toBeNull();
  });

  it("refuses random bytes in every content type", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.constantFrom("text/plain", "application/octet-stream", "multipart/form-data; boundary=xyz", undefined),
        async (bytes, type) => {
          // Random bytes that happen to be a JSON list of plain values would be fine; they never are here.
          fc.pre(!/^\s*\[/.test(Buffer.from(bytes).toString("latin1")));
          expect(await actionPostProblem(fetchAction(bytes, type))).not.toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a malformed or empty action id, and multipart bodies without their arguments", async () => {
    expect(await actionPostProblem(fetchAction("[]", "text/plain", ""))).toBe("a malformed action id");
    expect(await actionPostProblem(fetchAction("[]", "text/plain", "zzz"))).toBe("a malformed action id");
    expect(await actionPostProblem(fetchAction(form({ _1_email: "a@example.com" })))).toBe("no arguments part");
    expect(await actionPostProblem(fetchAction(form({ "0": "{{{" })))).toBe("arguments that are not JSON");
    expect(await actionPostProblem(fetchAction(form({ "0": '["$Q1"]' })))).toBe('a "$Q" reference');
  });

  it("refuses no-JavaScript posts that name no action, several, or a bound state that is not one", async () => {
    const noJs = (fields: Record<string, string>) => actionPostProblem(new Request("http://127.0.0.1/quote", { method: "POST", body: form(fields) }));
    expect(await noJs({ email: "a@example.com" })).toBe("no action named");
    expect(await noJs({ [`$ACTION_ID_${ID}`]: "", $ACTION_ID_7f00: "" })).toBe("several actions named");
    expect(await noJs({ $ACTION_ID_zz: "" })).toBe("a malformed action id");
    expect(await noJs({ $ACTION_REF_1: "" })).toBe("no readable action reference");
    expect(await noJs({ $ACTION_REF_1: "", "$ACTION_1:0": "{{{" })).toBe("no readable action reference");
    expect(await noJs({ $ACTION_REF_1: "", "$ACTION_1:0": `{"id":"${ID}","bound":"$Q5"}` })).toBe("a bound state that is not a reference to its part");
    expect(await noJs({ $ACTION_REF_1: "", "$ACTION_1:0": `{"id":"${ID}","bound":"$@1"}`, "$ACTION_1:1": "{{{" })).toBe("arguments that are not JSON");
    expect(await noJs({ $ACTION_REF_1: "", "$ACTION_1:0": `{"id":"${ID}","bound":"$@1"}` })).toBe("no arguments part");
    expect(await noJs({ $ACTION_REF_1: "", "$ACTION_1:0": `{"id":"${ID}","bound":"$@1"}`, "$ACTION_1:1": '["$F2"]' })).toBe('a "$F" reference');
  });

  it("answers a refused post with 400 and a plain sentence", async () => {
    const res = await refuseUnreadableActionPost(fetchAction("not json", "text/plain"));
    expect(res?.status).toBe(400);
    expect(await res?.text()).toBe("This form could not be read. Reload the page and send it again.\n");
  });
});
