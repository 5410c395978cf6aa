/**
 * A form post as the browser makes it with JavaScript on: a fetch to the page with the
 * Server Action's id in `Next-Action`, the router state of the page in
 * `Next-Router-State-Tree`, and the arguments (the form's previous state and its FormData)
 * in React's reply encoding, made by React's own encoder (the copy Next ships). The answer is
 * the action's result as RSC text; with this router state, Next does not render the page
 * again (a few hundred bytes, as in Chromium).
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.edge.js") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

export type JsActionForm = { actionId: string; previousState: unknown; routerStateTree: string };

/**
 * What a fetch post needs from a page's server-rendered form (its hidden `$ACTION_*` fields):
 * the action id, the bound previous state, and the router state tree of `pagePath` under the
 * `(forms)` route group, as Chromium sent it (captured from a real submission).
 */
export function jsActionForm(hidden: [string, string][], pagePath: string): JsActionForm {
  const bound = hidden.find(([k]) => /^\$ACTION_\d+:0$/.test(k))?.[1];
  const actionId = bound ? (JSON.parse(bound) as { id: string }).id : undefined;
  const state = hidden.find(([k]) => /^\$ACTION_\d+:1$/.test(k))?.[1];
  if (!actionId || !state) throw new Error("The page's form has no bound Server Action fields");
  const segment = pagePath.replace(/^\//, "");
  const tree = [
    "",
    { children: ["(forms)", { children: [segment, { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] }, null, null, 0] },
    null,
    null,
    16,
  ];
  return { actionId, previousState: (JSON.parse(state) as unknown[])[0], routerStateTree: encodeURIComponent(JSON.stringify(tree)) };
}

/** Posts one submission; true when the action answered with a success state. */
export async function postJsAction(base: string, pagePath: string, form: JsActionForm, fields: [string, string][]): Promise<boolean> {
  const data = new FormData();
  for (const [k, v] of fields) data.append(k, v);
  const body = await encodeReply([form.previousState, data]);
  const res = await fetch(base + pagePath, {
    method: "POST",
    body,
    headers: { "next-action": form.actionId, "next-router-state-tree": form.routerStateTree, accept: "text/x-component", origin: base },
  });
  const text = await res.text();
  return res.ok && text.includes('"status":"success"');
}
