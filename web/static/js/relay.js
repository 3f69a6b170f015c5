// While an adviser has (or is about to take) the conversation, ask this server every 3 seconds
// for their messages. The open handoff is remembered in the browser so polling carries on
// after a reload, and stops when the case is resolved or returned to the assistant.
import { conversation } from "./store.js";
import { withToken } from "./connection.js";

const PERIOD_MS = 3000;
const OPEN = ["waiting", "claimed", "in_conversation"];
const CLOSED = ["resolved", "returned", "none"];

export function createRelay({ onMessages, onStatus }) {
  let timer = null;
  let generation = 0;

  function finish(status) {
    generation += 1;
    clearTimeout(timer);
    timer = null;
    conversation.remove("handoff");
    onStatus(status);
  }

  async function poll(mine) {
    const state = conversation.get("handoff", null);
    if (!state || mine !== generation) return;
    const token = conversation.get("token", null); // a handoff is only ever opened by a message
    if (!token) { finish("none"); return; }
    try {
      const url = `/api/chat/updates?after=${Number.isInteger(state.cursor) ? state.cursor : 0}`;
      const res = await fetch(url, { cache: "no-store", headers: withToken(token) });
      if (mine !== generation) return;
      if ([400, 403, 404].includes(res.status)) { finish("none"); return; }
      if (res.ok) {
        const data = await res.json();
        const cursor = Number.isInteger(data.cursor) ? data.cursor : state.cursor || 0;
        const messages = (Array.isArray(data.messages) ? data.messages : [])
          .filter((m) => m && typeof m.text === "string" && m.text.trim());
        conversation.set("handoff", { cursor, status: data.status || state.status });
        if (messages.length) onMessages(messages);
        if (CLOSED.includes(data.status)) { finish(data.status); return; }
        if (data.status && data.status !== state.status) onStatus(data.status);
      }
    } catch { /* offline for a moment: keep asking */ }
    if (mine === generation) timer = setTimeout(() => poll(mine), PERIOD_MS);
  }

  function run() {
    generation += 1;
    clearTimeout(timer);
    poll(generation);
  }

  return {
    /** A bot message said a handoff is open (custom {"handoff": status}). */
    start(status) {
      if (!OPEN.includes(status)) return;
      const state = conversation.get("handoff", null);
      conversation.set("handoff", { cursor: state ? state.cursor || 0 : 0, status });
      onStatus(status);
      if (!state || timer === null) run();
    },
    /** After a reload: carry on if a handoff was open. */
    resume() {
      const state = conversation.get("handoff", null);
      if (state) { onStatus(state.status); run(); }
    },
    cancel() { generation += 1; clearTimeout(timer); timer = null; },
  };
}
