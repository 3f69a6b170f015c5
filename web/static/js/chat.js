// Home Navigator chat page, for residents and community workers. It talks only to this
// server (ADR 5). The conversation is kept in this browser so a reload loses nothing;
// "Clear conversation" and "Quick exit" remove it. See docs/adr/0010-web-chat.md.
import { conversation, forgetConversation, forgetEverything, keepConversationInTab, settings } from "./store.js";
import { applyTexts, fillTexts, loadBundle, t } from "./texts.js";
import { renderEntry, replyLanguage } from "./messages.js";
import { conversationToken, createConnection } from "./connection.js";
import { createRelay } from "./relay.js";
import { setUpWorker } from "./worker.js";

const $ = (id) => document.getElementById(id);
const log = $("log");
const input = $("message");
const menu = $("language");
const statusText = $("status-text");
const retry = $("retry");
const handoffStatus = $("handoff-status");
const LANGUAGES = [...menu.options].map((o) => o.value);
const NON_LATIN = /[\u0590-\u08ff\u0980-\u0a7f]/; // Arabic script, Bengali, Gurmukhi
const MAX_KEPT = 200;
const params = new URLSearchParams(window.location.search);
if (params.get("embed") === "1") document.documentElement.classList.add("embedded");

function firstLanguage() {
  const asked = params.get("lang");
  if (LANGUAGES.includes(asked)) return asked;
  const stored = settings.get("language", null);
  if (LANGUAGES.includes(stored)) return stored;
  for (const tag of navigator.languages || []) {
    const code = tag.slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(code)) return code;
  }
  return "en";
}

let transcript = conversation.get("log", []);
let lang = firstLanguage();
const chosenBefore = settings.get("language", null);
settings.set("language", lang);
menu.value = lang;

// ---- drawing ----------------------------------------------------------------------------
const drawOptions = () => ({ worker: worker.on(), onButton: (b) => send(b.payload, b.title) });

function draw() {
  log.replaceChildren(...transcript.map((entry) => renderEntry(entry, drawOptions())));
  fillTexts(log);
}

function remember(entry) {
  transcript.push(entry);
  transcript = transcript.slice(-MAX_KEPT);
  conversation.set("log", transcript);
  const node = renderEntry(entry, drawOptions());
  fillTexts(node);
  log.append(node);
  // The greeting of a first visit stays where it is, under the page's heading. A long
  // answer is read from its first line, not its last: its start goes just below the bar.
  if (transcript.length === 1) return;
  node.scrollIntoView({ block: entry.who === "me" ? "nearest" : "start" });
}

// The bar (Quick exit, 999) stays at the top; what the page scrolls to goes below it.
const bar = $("bar");
const barHeight = () => document.documentElement.style.setProperty("--bar", `${bar.offsetHeight}px`);
if (window.ResizeObserver) new ResizeObserver(barHeight).observe(bar);
barHeight();

/** The interface is in the resident's language; in worker mode it is in English (the
 * worker's), with each answer in both the client's language and English. */
function switchInterface() {
  const on = worker.on();
  $("language-label").dataset.i18n = on ? "client_language" : "language_label";
  return loadBundle(on ? "en" : lang).then((bundle) => applyTexts(bundle)).catch(() => {});
}

// ---- sending ------------------------------------------------------------------------------
function englishOf(message, item) {
  if (typeof message.english === "string" && message.english.trim()) return message.english;
  // Asked for English and none came: the reply is already in English (see /api/chat).
  if (item.english && !NON_LATIN.test(message.text)) return message.text;
  return undefined;
}

/** "More detail" and "Where this comes from" of an answer (docs/adr/0010-web-chat.md). */
function detailOf(messages) {
  const found = messages.map((m) => m.custom && m.custom.detail).find((d) => d && typeof d === "object");
  if (!found) return undefined;
  const sources = (Array.isArray(found.sources) ? found.sources : [])
    .filter((s) => s && typeof s.url === "string" && /^https?:\/\//.test(s.url))
    .map((s) => ({ url: s.url, title: typeof s.title === "string" && s.title.trim() ? s.title : s.url }));
  const body = typeof found.body === "string" && found.body.trim() ? found.body : "";
  return body || sources.length ? { body, sources } : undefined;
}

// Whoever waits for the assistant's next reply (the summary asking for the council's contacts).
let waiting = [];
function replied() { const w = waiting; waiting = []; for (const done of w) done(); }
function ask(payload) {
  const reply = new Promise((resolve) => { waiting.push(resolve); setTimeout(resolve, 20000); });
  send(payload);
  return reply;
}

function onReply(item, data) {
  try { show(item, data); } finally { replied(); }
}

function show(item, data) {
  const messages = (Array.isArray(data.messages) ? data.messages : []).filter((m) => m && typeof m === "object");
  for (const m of messages) if (m.custom && typeof m.custom.handoff === "string") relay.start(m.custom.handoff);
  if (item.quiet) return;
  const parts = messages.filter((m) => typeof m.text === "string" && m.text.trim())
    .map((m) => ({ text: m.text, dir: m.dir === "rtl" ? "rtl" : "ltr", english: englishOf(m, item) }));
  const buttons = messages.flatMap((m) => (Array.isArray(m.buttons) ? m.buttons : []))
    .filter((b) => b && typeof b.title === "string" && typeof b.payload === "string");
  // No reply at all is normal while an adviser holds the conversation.
  if (!parts.length && !buttons.length) return;
  const dir = parts.some((p) => p.dir === "rtl") ? "rtl" : "ltr";
  const detail = detailOf(messages);
  const said = parts.map((p) => p.text).join("\n") + (detail ? "\n" + detail.body : "");
  remember({ who: "bot", parts, buttons, detail, lang: replyLanguage(said, item.lang), dir });
  // "Did this help?" is loaded with the first answer from an article, never on a first visit.
  if (messages.some((m) => m.custom && typeof m.custom.article === "string")) {
    import("./feedback.js").then((m) => m.offerFeedback(log.lastElementChild, messages)).catch(() => {});
  }
  // Loaded only once something was asked: a first visit never needs it (page weight, ADR 10).
  if (!transcript.some((e) => e.who === "me") || worker.on()) return;
  import("./ethnicity.js").then((m) => m.offerEthnicQuestion($("typing"), lang, { said, asked: true }))
    .catch(() => {});
}

function onFailed(item, status) {
  replied();
  remember({ who: "error", key: status === 413 ? "error_too_long" : "error_not_sent" });
  if (item.shown && !input.value) input.value = item.shown;
}

let connStatus = false; // a connection message shows; "cleared" stays past the reply

function onWaiting(seconds) {
  retry.hidden = seconds === null;
  if (seconds !== null || connStatus) statusText.textContent = seconds === null ? "" : t("offline_retry", { seconds });
  connStatus = seconds !== null;
}

function onBusy(busy, tries) {
  $("typing").hidden = !busy;
  if (busy && tries > 0) statusText.textContent = t("sending_again"), connStatus = true;
}

const connection = createConnection({
  body: (item) => ({
    message: item.payload,
    ...(item.english ? { english: true, worker: { organisation: item.organisation || "" } } : {}),
  }),
  onReply, onFailed, onWaiting, onBusy,
});

function send(payload, shown = null, { quiet = false } = {}) {
  if (shown) remember({ who: "me", text: shown, lang, dir: "auto" });
  const on = worker.on();
  connection.send({ payload, shown, quiet, lang, english: on, organisation: on ? worker.organisation() : null });
}

const choose = (code) => `/choose_language{"language":"${code}"}`;

function startConversation() {
  if (lang !== "en") send(choose(lang), null, { quiet: true });
  send("/greet");
}

// ---- adviser relay ------------------------------------------------------------------------
const relay = createRelay({
  onMessages: (messages) => {
    for (const m of messages) {
      // The adviser's chosen first name when they set one (never a surname or username).
      const name = typeof m.name === "string" && m.name.trim() ? m.name.trim().slice(0, 40) : undefined;
      remember({ who: "adviser", text: m.text, name, dir: m.dir === "rtl" ? "rtl" : "ltr" });
    }
  },
  onStatus: (status) => {
    handoffStatus.dataset.i18n = `handoff_${status}`;
    handoffStatus.textContent = status === "none" ? "" : t(`handoff_${status}`);
    if (status === "none") delete handoffStatus.dataset.i18n;
  },
});

// ---- worker mode and summary ---------------------------------------------------------------
const worker = setUpWorker({
  send: (payload, shown) => send(payload, shown),
  onToggle: (on) => {
    keepConversationInTab(on);
    draw();
    switchInterface();
  },
});
// The summary's code loads only when a worker first asks for one (page weight, ADR 10).
let summary = null;
$("summary-open").addEventListener("click", () => {
  import("./summary.js")
    .then((m) => {
      summary = summary || m.setUpSummary({ transcript: () => transcript, clientLang: () => lang, ask });
    })
    .then(() => summary.open()).catch(() => {});
});

// ---- the resident's controls ---------------------------------------------------------------
$("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send(text, text);
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("composer").requestSubmit(); }
});
retry.addEventListener("click", () => connection.retryNow());
window.addEventListener("online", () => connection.retryNow());

// The language menu is an explicit choice: it wins and holds for the conversation.
menu.addEventListener("change", () => {
  lang = menu.value;
  settings.set("language", lang);
  // Nothing asked yet: the greeting is shown again in the new language, in place of the old.
  const asked = transcript.some((entry) => entry.who === "me");
  if (!asked) { transcript = []; conversation.set("log", transcript); log.replaceChildren(); }
  send(choose(lang));
  if (!asked) send("/greet");
  switchInterface();
});

$("clear").addEventListener("click", () => {
  connection.reset();
  relay.cancel();
  forgetConversation();
  transcript = [];
  log.replaceChildren();
  handoffStatus.textContent = "";
  worker.clear(); // the next message asks the server for a new conversation
  statusText.textContent = t("cleared");
  connStatus = false;
  startConversation();
});

// Quick exit: forget everything, then replace this page (and, when embedded, the council
// page around it) with a neutral site, leaving nothing to go "back" to.
function quickExit(event) {
  if (event) event.preventDefault();
  const url = $("quick-exit").href;
  connection.reset();
  relay.cancel();
  forgetEverything();
  document.body.replaceChildren();
  if (window.top !== window.self) {
    try { window.parent.postMessage({ type: "hn-quick-exit", url }, "*"); } catch { /* ignore */ }
  }
  window.location.replace(url);
}
$("quick-exit").addEventListener("click", quickExit);
let lastEscape = 0;
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const now = Date.now();
  if (now - lastEscape < 1000) quickExit(event);
  else if (summary && summary.isOpen()) summary.close();
  lastEscape = now;
});

// ---- start ---------------------------------------------------------------------------------
keepConversationInTab(worker.on());
conversation.remove("sender"); // the id pages chose themselves before the server issued tokens
conversationToken().catch(() => {}); // asked for now, beside the page's words; sending waits for it
transcript = conversation.get("log", transcript);
switchInterface();
draw();
if (!transcript.length && !conversation.get("outbox", []).length) startConversation();
else {
  if (chosenBefore !== lang) send(choose(lang), null, { quiet: true });
  connection.resume();
}
relay.resume();
