// Drawing the conversation. Chat text is only ever added as text nodes (never innerHTML),
// with web addresses, phone numbers and **bold** turned into real elements.

// Digits in every script a reply may use: Western, Arabic-Indic, Urdu (Extended Arabic-Indic),
// Bengali and Gurmukhi. A phone number written in any of them becomes a tel: link.
const D = "0-9\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef\u0a66-\u0a6f";
// A UK number: 0 or +44, then 9 or 10 more digits in groups; or 999, 111, 116 123. Never
// digits glued to other digits, money (£), dates (12/05) or decimals: the look-arounds.
const PHONE = `(?<![${D}£$€.,/:])(?:(?:\\+44[ ]?(?:\\(0\\)[ ]?)?|[0\u0660\u06f0\u09e6\u0a66])`
  + `[${D}](?:[ -]?[${D}]){8,9}|[9\u0669\u06f9\u09ef\u0a6f]{3}|[1\u0661\u06f1\u09e7\u0a67]{3}`
  + `|[1\u0661\u06f1\u09e7\u0a67]{2}[6\u0666\u06f6\u09ec\u0a6c] ?[1\u0661\u06f1\u09e7\u0a67]`
  + `[2\u0662\u06f2\u09e8\u0a68][3\u0663\u06f3\u09e9\u0a69])(?![${D}/])`;
/** A line that holds a phone number (the summary gathers them as contacts). */
export const PHONE_LINE = new RegExp(PHONE);
// A web address (without trailing punctuation), **bold**, or a phone number.
// A source written "Title (https://…)" after a colon, a semicolon or at a line's start is
// shown by its title, linked: sources read as names, not raw addresses.
const TITLED = "(?<=^|[:;]\\s|\\n(?:- )?)([^;:\\n()\\s-][^;:\\n()]{1,160}?) \\((https?:\\/\\/[^\\s<>\"()]+)\\)";
const TOKEN = new RegExp(`${TITLED}|(https?:\\/\\/[^\\s<>"')]*[^\\s<>"').,;:!?])|\\*\\*([^*\\n]+)\\*\\*|(${PHONE})`, "g");
// Latin letters and digits inside a right-to-left line (English names, "(Shelter)"):
// isolated so brackets and numbers keep their order.
const LTR_RUN = /[A-Za-z0-9][A-Za-z0-9 .,&'’()/-]*[A-Za-z0-9)]|[A-Za-z0-9]/g;

/** Western digits for a tel: address, whatever script the number was written in. */
export function westernDigits(text) {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef\u0a66-\u0a6f]/g, (d) => {
    const c = d.charCodeAt(0);
    for (const zero of [0x660, 0x6f0, 0x9e6, 0xa66]) if (c >= zero && c <= zero + 9) return String(c - zero);
    return d;
  });
}

/** Text, with Latin runs in a right-to-left line isolated in <bdi dir="ltr">. */
function plain(parent, text, rtl) {
  if (!rtl) { parent.append(text); return; }
  let last = 0;
  for (const m of text.matchAll(LTR_RUN)) {
    parent.append(text.slice(last, m.index));
    const b = document.createElement("bdi");
    b.dir = "ltr"; b.textContent = m[0];
    parent.append(b);
    last = m.index + m[0].length;
  }
  parent.append(text.slice(last));
}

function link(href, text, outside) {
  const a = document.createElement("a");
  a.href = href; a.textContent = text;
  a.dir = "ltr"; // an address or a number reads left to right inside Urdu and Arabic too
  if (outside) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
  return a;
}

const RTL_LETTER = /[\u0590-\u08ff]/;

/** Whether text in parent lays out right to left: the nearest dir, or its letters (dir=auto). */
function isRtl(parent, text) {
  const holder = parent.closest ? parent.closest("[dir]") : null;
  const dir = holder ? holder.getAttribute("dir") : "auto";
  return dir === "rtl" || (dir === "auto" && RTL_LETTER.test(text));
}

export function richText(parent, text, { titles = null } = {}) {
  const rtl = isRtl(parent, text);
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    plain(parent, text.slice(last, m.index), rtl);
    if (m[1]) {
      parent.append(link(m[2], m[1].replace(/\*\*/g, ""), true));
    } else if (m[3]) {
      const title = titles && titles.get(m[3]);
      parent.append(link(m[3], title || m[3], true));
    } else if (m[4]) {
      const b = document.createElement("strong");
      plain(b, m[4], rtl);
      parent.append(b);
    } else {
      const digits = westernDigits(m[5]).replace("(0)", "").replace(/[\s-]/g, "");
      parent.append(link("tel:" + digits, m[5], false));
    }
    last = m.index + m[0].length;
  }
  plain(parent, text.slice(last), rtl);
}

function el(tag, className, attrs = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) node.setAttribute(k, v);
  return node;
}

function label(key, className = "visually-hidden") {
  return el("span", className, { "data-i18n": key });
}

function paragraphs(parent, parts, pick, dir = null, titles = null) {
  for (const part of parts) {
    const text = pick(part);
    if (!text) continue;
    const p = el("p", "part", { dir: dir || part.dir || "auto" });
    parent.append(p); // in place first, so richText sees the direction around it
    richText(p, text, { titles });
  }
}

/** The titles of the sources a reply names, by address, so links show titles. */
function titlesOf(entry) {
  const titles = new Map();
  for (const s of (entry.detail && entry.detail.sources) || []) titles.set(s.url, s.title);
  return titles;
}

/** "More detail" and "Where this comes from" as native disclosures (docs/adr/0010). */
function disclosures(parent, entry, titles) {
  const detail = entry.detail;
  if (!detail) return;
  if (detail.body) {
    const more = el("details", "more");
    more.append(el("summary", null, { "data-i18n": "more_detail" }));
    paragraphs(more, detail.body.split(/\n\s*\n/).map((text) => ({ text, dir: entry.dir })),
      (p) => p.text, null, titles);
    parent.append(more);
  }
  if (detail.sources && detail.sources.length) {
    const where = el("details", "sources");
    where.append(el("summary", null, { "data-i18n": "where_from" }));
    const list = el("ul");
    for (const s of detail.sources) {
      const li = el("li");
      li.append(link(s.url, s.title || s.url, true));
      list.append(li);
    }
    where.append(list);
    parent.append(where);
  }
}

/** True when the English beside a reply says something the reply itself does not. */
export function hasEnglish(entry) {
  return (entry.parts || []).some((p) => p.english && p.english !== p.text);
}

function buttons(node, entry, onButton) {
  // The disclosure already shows the detail: its "More detail" button would repeat it.
  const shown = (entry.buttons || []).filter((b) => !(entry.detail && entry.detail.body
    && b.payload.startsWith("/more_detail")));
  if (!shown.length) return;
  const group = el("div", "buttons");
  for (const b of shown) {
    const button = el("button", null, { type: "button" });
    button.textContent = b.title;
    if (onButton) button.addEventListener("click", () => onButton(b));
    group.append(button);
  }
  node.append(group);
}

/**
 * One transcript entry as an element. entry.who: me | bot | adviser | error.
 * In worker mode a bot reply with an English version shows both, side by side.
 * Each message carries its own lang and dir: a Somali reply on an English page says so.
 */
export function renderEntry(entry, { worker = false, onButton = null } = {}) {
  const who = entry.who;
  const node = el("div", `msg ${who}`, { lang: entry.lang, dir: entry.dir || "auto" });
  if (who === "me") {
    node.append(label("you_said"), " ");
    const p = el("p", "part", { dir: "auto" });
    p.textContent = entry.text || "";
    node.append(p);
  } else if (who === "adviser") {
    if (entry.name) {
      // The adviser's chosen first name, with the page's one word for "adviser".
      const name = el("span", "speaker");
      name.append(entry.name, " (", label("adviser_name", ""), ")");
      node.append(name);
    } else {
      const name = label("adviser_name", "speaker");
      name.setAttribute("aria-hidden", "true"); // the hidden "Adviser said:" is read instead
      node.append(label("adviser_said"), name);
    }
    paragraphs(node, [{ text: entry.text, dir: entry.dir }], (p) => p.text);
  } else if (who === "error") {
    node.append(el("p", "part", { "data-i18n": entry.key }));
  } else {
    node.append(label("bot_said"), " ");
    const titles = titlesOf(entry);
    if (worker && hasEnglish(entry)) {
      node.classList.add("pair");
      const original = el("div", "col", { lang: entry.lang, dir: entry.dir });
      original.append(label("client_language", "col-label"));
      paragraphs(original, entry.parts, (p) => p.text, null, titles);
      const english = el("div", "col", { lang: "en", dir: "ltr" });
      english.append(label("in_english", "col-label"));
      paragraphs(english, entry.parts, (p) => p.english || p.text, "ltr", titles);
      node.append(original, english);
    } else {
      paragraphs(node, entry.parts || [], (p) => p.text, null, titles);
    }
    disclosures(node, entry, titles);
    buttons(node, entry, onButton);
  }
  return node;
}

// Which of the eight languages a reply is in, when it is not the page's: the assistant may
// answer in the language the resident wrote in (a Somali question on an English page).
const LATIN_SIGNS = {
  pl: /[ąćęłńśźżŁŚŹŻ]/g, ro: /[ăâîșțşţĂÂÎȘȚ]/g,
  so: /\b(waa|iyo|aad|ayaa|ayaad|waxaad|waxaan|waxay|haddii|hadda|kala|kuu|kugu|kaa|ku|ka|ama|ugu|sida|sidoo|kale|waxa|inaan|inaad|tahay|yahay|karaa|kartaa|doonaa|soomaali)\b/gi,
  en: /\b(the|and|you|your|to|of|is|for|with|can)\b/gi,
};

export function replyLanguage(text, fallback) {
  if (/[\u0a00-\u0a7f]/.test(text)) return "pa";
  if (/[\u0980-\u09ff]/.test(text)) return "bn";
  if (/[\u0600-\u06ff]/.test(text)) {
    if (/[ٹڈڑںےۓھہگچپ]/.test(text)) return "ur";
    return fallback === "ur" ? "ur" : "ar";
  }
  const scores = Object.entries(LATIN_SIGNS).map(([code, re]) => [code, (text.match(re) || []).length]);
  scores.sort((a, b) => b[1] - a[1]);
  const [best, score] = scores[0];
  return score >= 3 && score > 2 * scores[1][1] ? best : fallback;
}
