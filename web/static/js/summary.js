// "Summary for my client": built in this browser from the conversation, so the server never
// keeps a copy. In the client's language with the English below: what was asked, the answers,
// next steps, contacts and sources; printable, and downloadable as one self-contained HTML file.
import { loadBundle } from "./texts.js";
import { PHONE_LINE, replyLanguage, richText } from "./messages.js";

const $ = (id) => document.getElementById(id);

// Styles of the downloaded file, which must read well with no access to this server.
const FILE_STYLE = "body{font:1rem/1.5 system-ui,sans-serif;max-width:44rem;margin:1rem auto;padding:0 1rem;color:#1b1b1b}"
  + "a{color:#1d4f91}p,li{white-space:pre-line}section{border-top:2px solid #1b1b1b;margin-top:2rem}";

function classify(text, sections) {
  const trimmed = text.trim();
  const first = trimmed.split("\n")[0];
  for (const [kind, openings] of Object.entries(sections || {})) {
    const opening = openings.find((o) => o && trimmed.startsWith(o));
    if (opening) {
      // "ہاؤسنگ کے بارے میں {council_name} سے …:": the rest of an intro line goes too.
      const [head, ...tail] = trimmed.slice(opening.length).trim().split("\n");
      return [kind, (/[:：]\s*$/.test(head) ? tail.join("\n") : [head, ...tail].join("\n")).trim()];
    }
    // "{council_name} …": the fixed words come after the council's name in some languages.
    if (openings.some((o) => o && o.length >= 8 && first.includes(o))) {
      return [kind, trimmed.slice(first.length).trim()];
    }
  }
  return ["answer", trimmed];
}

function lines(text) {
  return text.split("\n").map((l) => l.replace(/^\s*[-•*]\s*/, "").trim())
    .filter((l) => l && !BARE_HEADING.test(l));
}

function addNew(list, items) {
  for (const item of items) if (item && !list.includes(item)) list.push(item);
}

// A heading with nothing under it ("You might also want to know:" before buttons).
const BARE_HEADING = /^[^\n]{0,80}[:：]$/;
// A line that is only a title (**Applying to Birmingham**): the short form adds what follows.
const TITLE = /^\*\*[^*\n]+\*\*$/;

/** The language a question was typed in: a worker may type English for their client. */
function questionLanguage(entry) {
  const text = entry.text || "";
  const latin = !/[\u0590-\u08ff\u0980-\u0a7f]/.test(text);
  if (latin && ["ur", "ar", "pa", "bn"].includes(entry.lang)) return "en";
  return replyLanguage(text, entry.lang);
}

/** Sort the conversation into the summary's sections, reading each part with pick(), for
 * the half in language `half`: questions typed in another language stay out of it. */
export function collect(transcript, pick, sections, half) {
  const out = { asked: [], answers: [], next_steps: [], contacts: [], sources: [] };
  let asked = false;
  for (const entry of transcript) {
    if (entry.who === "me") {
      asked = true;
      if (questionLanguage(entry) === half) addNew(out.asked, [entry.text]);
      continue;
    }
    if (!asked || (entry.who !== "bot" && entry.who !== "adviser")) continue;
    const parts = entry.who === "adviser" ? [{ text: entry.text, english: entry.text }] : entry.parts || [];
    // An answer's paragraphs (short answer, next steps, contacts, sources) are separated by
    // blank lines: sort each on its own; the answer's first paragraph is its short form.
    const paragraphs = parts.flatMap((part) => (pick(part) || "").split(/\n\s*\n/))
      .map((p) => p.trim()).filter((p) => p && !BARE_HEADING.test(p));
    const short = [];
    for (const text of paragraphs) {
      const [kind, rest] = classify(text, sections);
      if (kind === "next_steps" || kind === "contacts") addNew(out[kind], lines(rest));
      else if (kind === "sources") addNew(out.sources, rest.split(/;\s+/).map((x) => x.trim()));
      else if (!short.length || (short.length === 1 && TITLE.test(short[0]))) short.push(text);
      // Any phone number in the rest of an answer is a contact the client may need.
      else addNew(out.contacts, lines(text).filter((l) => PHONE_LINE.test(l) && l.length < 200));
    }
    if (short.length) addNew(out.answers, [short.join("\n")]);
    for (const s of (entry.detail && entry.detail.sources) || []) addNew(out.sources, [`${s.title} ${s.url}`]);
  }
  return out;
}

function node(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v) el.setAttribute(k, v);
  if (text) {
    richText(el, text);
  }
  return el;
}

// A source as the assistant writes it: "Title (https://…), checked on …".
const SOURCE = /^(.+?)\s*\((https?:\/\/[^\s)]+)\)(.*)$/s;

/** A source by its title, linked, rather than by its raw address. */
function source(li, text) {
  const m = text.match(SOURCE) || text.match(/^(.+?)\s+(https?:\/\/\S+)()$/s);
  if (!m) { richText(li, text); return; }
  const a = document.createElement("a");
  a.href = m[2]; a.textContent = m[1].replace(/\*\*/g, ""); a.rel = "noopener noreferrer";
  li.replaceChildren(a, m[3] || "");
}

function list(tag, items, kind = null) {
  const el = document.createElement(tag);
  for (const item of items) {
    const li = node("li");
    el.append(li);
    if (kind === "sources") source(li, item); else richText(li, item);
  }
  return el;
}

/** One language's half of the summary: only sections with something in them. */
function half(words, data, level, empty) {
  const parts = [];
  const h = (key) => node(`h${level}`, words[key]);
  if (!data.asked.length && !data.answers.length) return [node("p", empty)];
  if (data.asked.length) parts.push(h("summary_asked"), list("ol", data.asked));
  for (const key of ["answers", "next_steps", "contacts", "sources"]) {
    if (data[key].length) parts.push(h(`summary_${key}`), list("ul", data[key], key));
  }
  return parts;
}

function today(lang) {
  try { return new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(new Date()); }
  catch { return new Date().toISOString().slice(0, 10); }
}

/** The whole summary as an element: client's language first, then English. */
export function buildSummary(transcript, client, english) {
  const article = node("article", null, { lang: client.lang, dir: client.dir });
  const words = client.texts;
  article.append(node("h1", words.summary_heading, { id: "summary-title", tabindex: "-1" }));
  article.append(node("p", words.summary_intro.replace("{date}", today(client.lang))));
  article.append(...half(words, collect(transcript, (p) => p.text, client.sections, client.lang), 2,
    words.summary_empty));
  if (client.lang !== english.lang) {
    const below = node("section", null, { lang: "en", dir: "ltr", "aria-labelledby": "summary-english" });
    below.append(node("h2", english.texts.in_english, { id: "summary-english" }));
    below.append(node("p", english.texts.summary_intro.replace("{date}", today("en"))));
    const data = collect(transcript, (p) => p.english || p.text, english.sections, "en");
    below.append(...half(english.texts, data, 3, english.texts.summary_empty));
    article.append(below);
  }
  return article;
}

/** Whether the conversation already holds a phone number to reach someone on. */
function hasPhoneContact(transcript, sections) {
  return collect(transcript, (p) => p.text, sections, null).contacts.some((c) => PHONE_LINE.test(c));
}

export function setUpSummary({ transcript, clientLang, ask }) {
  const panel = $("summary");
  const main = $("main");
  const body = $("summary-body");
  let file = null;

  async function open() {
    const lang = clientLang();
    const [client, english] = await Promise.all([loadBundle(lang), loadBundle("en")]);
    // A client must not leave without a number to call: when no answer gave one, ask the
    // assistant for the council's contacts (shown in the conversation too), then summarise.
    if (!hasPhoneContact(transcript(), client.sections)) await ask("/contact_council");
    const article = buildSummary(transcript(), client, english);
    body.replaceChildren(article);
    file = { lang, dir: client.dir, title: client.texts.summary_heading };
    main.hidden = true;
    panel.hidden = false;
    $("summary-title").focus();
  }

  function close() {
    panel.hidden = true;
    main.hidden = false;
    body.replaceChildren();
    $("summary-open").focus();
  }

  function download() {
    if (!file) return;
    const title = document.createElement("title");
    title.textContent = file.title;
    const html = `<!doctype html><html lang="${file.lang}" dir="${file.dir}"><head><meta charset="utf-8">`
      + `<meta name="viewport" content="width=device-width, initial-scale=1">${title.outerHTML}`
      + `<style>${FILE_STYLE}</style></head><body>${body.innerHTML}</body></html>`;
    const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `home-navigator-summary-${new Date().toISOString().slice(0, 10)}.html`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  $("summary-close").addEventListener("click", close);
  $("summary-print").addEventListener("click", () => window.print());
  $("summary-download").addEventListener("click", download);
  return { open, close, isOpen: () => !panel.hidden };
}
