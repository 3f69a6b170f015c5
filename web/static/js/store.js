// Where the page keeps things in this browser, and how all of it is removed at once.
// The conversation (the token the server issued for it, transcript, unsent messages, an open
// adviser handoff) is kept in localStorage so a reload loses nothing; in community worker mode
// it is kept only in this tab (sessionStorage), so nothing about a client stays on a shared
// office computer.
const PREFIX = "hn.";
const CONVERSATION_KEYS = ["token", "log", "outbox", "handoff"];

function storage(name) {
  try { return window[name]; } catch { return null; } // blocked storage: keep working
}
const local = storage("localStorage");
const session = storage("sessionStorage");

function read(area, key) {
  try {
    const raw = area && area.getItem(PREFIX + key);
    return raw === null || raw === undefined ? undefined : JSON.parse(raw);
  } catch { return undefined; }
}
function write(area, key, value) {
  try { if (area) area.setItem(PREFIX + key, JSON.stringify(value)); } catch { /* full or private */ }
}
function remove(area, key) {
  try { if (area) area.removeItem(PREFIX + key); } catch { /* ignore */ }
}

let tabOnly = read(local, "worker") === true;

/** Choices that belong to the device (language, worker mode): localStorage. */
export const settings = {
  get(key, fallback) { const v = read(local, key); return v === undefined ? fallback : v; },
  set(key, value) { write(local, key, value); },
};

/** The conversation itself: localStorage, or this tab only in worker mode. */
export const conversation = {
  get(key, fallback) { const v = read(tabOnly ? session : local, key); return v === undefined ? fallback : v; },
  set(key, value) { write(tabOnly ? session : local, key, value); },
  remove(key) { remove(local, key); remove(session, key); },
};

/** Move the conversation between the device and this tab when worker mode changes. */
export function keepConversationInTab(on) {
  if (on === tabOnly) return;
  const [from, to] = on ? [local, session] : [session, local];
  for (const key of CONVERSATION_KEYS) {
    const value = read(from, key);
    if (value !== undefined) write(to, key, value);
    remove(from, key);
  }
  tabOnly = on;
}

export function forgetConversation() {
  for (const key of CONVERSATION_KEYS) conversation.remove(key);
}

/** Quick exit: every trace this page left in the browser. */
export function forgetEverything() {
  for (const area of [local, session]) {
    try {
      if (!area) continue;
      for (const key of Object.keys(area)) if (key.startsWith(PREFIX)) area.removeItem(key);
    } catch { /* ignore */ }
  }
}
