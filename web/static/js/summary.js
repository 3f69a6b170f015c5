// "Summary for my client": built in this browser from the conversation, so the server never
// keeps a copy. In the client's language with the English below: what was asked, the answers,
// next steps, contacts and sources; printable, and downloadable as one self-contained HTML file.
import { loadBundle } from "./texts.js";
import { richText } from "./messages.js";

const $ = (id) => document.getElementById(id);

// Styles of the downloaded file, which must read well with no access to this server.
const FILE_STYLE = "body{font:1rem/1.5 system-ui,sans-serif;max-width:44rem;margin:1rem auto;padding:0 1rem;color:#1b1b1b}"
  + "a{color:#1d4f91}p,li{white-space:pre-line}section{border-top:2px solid #1b1b1b;margin-top:2rem}";

function classify(text, sections) {
  const trimmed = text.trim();
  for (const [kind, openings] of Object.entries(sections || {})) {
    const opening = openings.find((o) => o && trimmed.startsWith(o));
    if (opening) return [kind, trimmed.slice(opening.length).trim()];
  }
  return ["answer", trimmed];
}

function lines(text) {
  return text.split("\n").map((l) => l.replace(/^\s*[-•*]\s*/, "").trim()).filter(Boolean);
}

function addNew(list, items) {
  for (const item of items) if (item && !list.includes(item)) list.push(item);
}

/** Sort the conversation into the summary's sections, reading each part with pick(). */
export function collect(transcript, pick, sections) {
  const out = { asked: [], answers: [], next_steps: [], contacts: [], sources: [] };
  let question = null;
  for (const entry of transcript) {
    if (entry.who === "me") {
      question = { text: entry.text, lang: entry.lang, paragraphs: [] };
      out.asked.push(question);
      continue;
    }
    if (!question || (entry.who !== "bot" && entry.who !== "adviser")) continue;
    const parts = entry.who === "adviser" ? [{ text: entry.text, english: entry.text }] : entry.parts || [];
    // An answer arrives as one message whose paragraphs (summary, next steps, contacts,
    // sources) are separated by blank lines: sort each paragraph on its own.
    const paragraphs = parts.flatMap((part) => (pick(part) || "").split(/\n\s*\n/));
    for (const text of paragraphs.map((p) => p.trim()).filter(Boolean)) {
      const [kind, rest] = classify(text, sections);
      if (kind === "next_steps" || kind === "contacts") addNew(out[kind], lines(rest));
      else if (kind === "sources") addNew(out.sources, rest.split(/;\s+/).map((s) => s.trim()));
      else question.paragraphs.push(text);
    }
  }
  out.answers = out.asked.filter((q) => q.paragraphs.length);
  return out;
}

function node(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v) el.setAttribute(k, v);
  if (text) richText(el, text);
  return el;
}

function list(tag, items) {
  const el = document.createElement(tag);
  for (const item of items) el.append(node("li", item.text || item, { lang: item.lang }));
  return el;
}

/** One language's half of the summary. level: heading level of its sections. */
function half(words, data, level, empty) {
  const parts = [];
  const h = (key) => node(`h${level}`, words[key]);
  if (!data.asked.length) return [node("p", empty)];
  parts.push(h("summary_asked"), list("ol", data.asked));
  if (data.answers.length) {
    parts.push(h("summary_answers"));
    for (const q of data.answers) {
      parts.push(node(`h${level + 1}`, q.text, { lang: q.lang }));
      for (const p of q.paragraphs) parts.push(node("p", p));
    }
  }
  for (const key of ["next_steps", "contacts", "sources"]) {
    if (data[key].length) parts.push(h(`summary_${key}`), list("ul", data[key]));
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
  article.append(...half(words, collect(transcript, (p) => p.text, client.sections), 2, words.summary_empty));
  if (client.lang !== english.lang) {
    const below = node("section", null, { lang: "en", dir: "ltr", "aria-labelledby": "summary-english" });
    below.append(node("h2", english.texts.in_english, { id: "summary-english" }));
    below.append(node("p", english.texts.summary_intro.replace("{date}", today("en"))));
    const data = collect(transcript, (p) => p.english, english.sections);
    below.append(...half(english.texts, data, 3, english.texts.summary_empty));
    article.append(below);
  }
  return article;
}

export function setUpSummary({ transcript, clientLang }) {
  const panel = $("summary");
  const main = $("main");
  const body = $("summary-body");
  let file = null;

  async function open() {
    const lang = clientLang();
    const [client, english] = await Promise.all([loadBundle(lang), loadBundle("en")]);
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

  $("summary-open").addEventListener("click", () => { open().catch(() => {}); });
  $("summary-close").addEventListener("click", close);
  $("summary-print").addEventListener("click", () => window.print());
  $("summary-download").addEventListener("click", download);
  return { close, isOpen: () => !panel.hidden };
}
