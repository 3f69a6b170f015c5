// The page's words come from web/interface/<language>.yml through /api/interface/<language>,
// so the whole interface switches with the language menu and translators never touch code.
import { richText } from "./messages.js";

const bundles = new Map();

/** Everything the page needs in one language (texts, direction, answer section headings). */
export function loadBundle(lang) {
  if (!bundles.has(lang)) {
    const request = fetch(`/api/interface/${encodeURIComponent(lang)}`)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))));
    request.catch(() => bundles.delete(lang)); // try again next time
    bundles.set(lang, request);
  }
  return bundles.get(lang);
}

let current = null;
export function currentBundle() { return current; }

/** A text by key in the interface language, with {placeholders} filled. */
export function t(key, values = {}) {
  const template = (current && current.texts[key]) || "";
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A language's name: in English the service's own (knowledge/languages.py, sent with
 * the words), otherwise the browser's. */
export function languageName(code) {
  const lang = (current && current.lang) || "en";
  if (lang === "en" && current && current.english_names && current.english_names[code]) {
    return current.english_names[code];
  }
  try { return new Intl.DisplayNames([lang], { type: "language" }).of(code) || code; } catch { return code; }
}

/** Fill the words of newly drawn elements (messages) in the current language. */
export function fillTexts(root) {
  if (current) applyTexts(current, root);
}

/** Put one language's words into every element marked data-i18n under root. */
export function applyTexts(bundle, root = document) {
  if (root === document) current = bundle;
  for (const el of root.querySelectorAll("[data-i18n]")) {
    const text = bundle.texts[el.dataset.i18n];
    if (typeof text !== "string") continue;
    if (el.hasAttribute("data-rich")) { el.replaceChildren(); richText(el, text); } else el.textContent = text;
  }
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) {
    const text = bundle.texts[el.dataset.i18nPlaceholder];
    if (typeof text === "string") el.placeholder = text;
  }
  if (root === document) {
    document.documentElement.lang = bundle.lang;
    document.documentElement.dir = bundle.dir;
  }
}
