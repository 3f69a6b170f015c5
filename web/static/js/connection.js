// Sending messages so that none is lost when the connection drops: each waits in an outbox
// kept in the browser (so even a reload keeps it) and is sent again after growing pauses
// (1, 2, 4 … 30 seconds) until it arrives. A message the server refuses (too long, not valid)
// is not retried: the resident is told instead. Every message carries the conversation's
// token, which the server issues (web/conversation_token.py) and the page keeps with the
// conversation; a conversation id alone is refused.
import { conversation } from "./store.js";

const MAX_PAUSE_S = 30;
const SERVER_ERROR_TRIES = 6; // a message the assistant keeps failing on is given up, not looped
const TIMEOUT_MS = 45000;

let issuing = null; // one request for a token at a time, so a conversation never gets two

/** The conversation's token: the one kept, or a new one from the server (first message,
 * after Clear conversation or Quick exit). */
export function conversationToken() {
  const kept = conversation.get("token", null);
  if (typeof kept === "string" && kept) return Promise.resolve(kept);
  if (!issuing) {
    issuing = fetch("/api/chat/session", { method: "POST", cache: "no-store" })
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((data) => { conversation.set("token", data.token); return data.token; })
      .finally(() => { issuing = null; });
  }
  return issuing;
}

/** Headers for a call about this conversation. */
export const withToken = (token, headers = {}) => ({ ...headers, Authorization: `Bearer ${token}` });

export function createConnection({ body, onReply, onFailed, onWaiting, onBusy }) {
  let outbox = conversation.get("outbox", []);
  let busy = false;
  let timer = null;
  let tries = 0;
  let generation = 0; // bumped by reset(): an answer to a cleared conversation is dropped

  const save = () => conversation.set("outbox", outbox);

  async function post(item) {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const token = await conversationToken();
      const res = await fetch("/api/chat", {
        method: "POST",
        headers: withToken(token, { "Content-Type": "application/json" }),
        body: JSON.stringify(body(item)),
        signal: controller.signal,
      });
      const data = await res.json().catch(() => ({}));
      if (res.ok) return { kind: "ok", data };
      if (res.status === 403) { // a token the server no longer accepts (its key changed)
        if (conversation.get("token", null) === token) conversation.remove("token");
        return { kind: "retry", server: true };
      }
      if (res.status >= 500 || res.status === 408 || res.status === 429) return { kind: "retry", server: true };
      return { kind: "failed", status: res.status };
    } catch {
      return { kind: "retry", server: false }; // offline, dropped, or timed out
    } finally {
      clearTimeout(timeout);
    }
  }

  async function pump() {
    if (busy || timer || !outbox.length) return;
    const mine = generation;
    const item = outbox[0];
    busy = true;
    onBusy(true, tries);
    const result = await post(item);
    busy = false;
    if (mine !== generation) { pump(); return; }
    onBusy(false, tries);
    if (result.kind === "retry" && !(result.server && tries + 1 >= SERVER_ERROR_TRIES)) {
      tries += 1;
      const pause = Math.min(MAX_PAUSE_S, 2 ** (tries - 1));
      onWaiting(pause);
      timer = setTimeout(() => { timer = null; pump(); }, pause * 1000);
      return;
    }
    outbox.shift();
    save();
    tries = 0;
    onWaiting(null);
    if (result.kind === "ok") onReply(item, result.data);
    else onFailed(item, result.status || 503);
    pump();
  }

  return {
    send(item) { outbox.push(item); save(); pump(); },
    retryNow() { if (timer) { clearTimeout(timer); timer = null; } pump(); },
    resume() { outbox = conversation.get("outbox", []); pump(); },
    reset() {
      generation += 1;
      if (timer) clearTimeout(timer);
      timer = null; tries = 0; outbox = [];
      onWaiting(null);
      onBusy(false, 0);
    },
  };
}
