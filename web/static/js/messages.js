// Drawing the conversation. Chat text is only ever added as text nodes (never innerHTML),
// with web addresses, phone numbers and **bold** turned into real elements.

// A web address (without trailing punctuation), **bold**, or a UK phone number / 999 / 116 123.
const TOKEN = /(https?:\/\/[^\s<>"')]*[^\s<>"').,;:!?])|\*\*([^*\n]+)\*\*|(\b0\d{2,4}(?:[ -]?\d){6,8}\b|\b999\b|\b116 ?123\b)/g;

export function richText(parent, text) {
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    parent.append(text.slice(last, m.index));
    if (m[1]) {
      const a = document.createElement("a");
      a.href = m[1]; a.textContent = m[1]; a.target = "_blank"; a.rel = "noopener noreferrer";
      a.dir = "ltr"; // an address reads left to right inside Urdu and Arabic too
      parent.append(a);
    } else if (m[2]) {
      const b = document.createElement("strong");
      b.textContent = m[2];
      parent.append(b);
    } else {
      const a = document.createElement("a");
      a.href = "tel:" + m[3].replace(/[\s-]/g, "");
      a.textContent = m[3];
      a.dir = "ltr"; // digits keep their order inside Urdu and Arabic sentences
      parent.append(a);
    }
    last = m.index + m[0].length;
  }
  parent.append(text.slice(last));
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

function paragraphs(parent, parts, pick, dir = null) {
  for (const part of parts) {
    const text = pick(part);
    if (!text) continue;
    const p = el("p", "part", { dir: dir || part.dir || "auto" });
    richText(p, text);
    parent.append(p);
  }
}

/** True when the English beside a reply says something the reply itself does not. */
export function hasEnglish(entry) {
  return (entry.parts || []).some((p) => p.english && p.english !== p.text);
}

/**
 * One transcript entry as an element. entry.who: me | bot | adviser | error.
 * In worker mode a bot reply with an English version shows both, side by side.
 */
export function renderEntry(entry, { worker = false, onButton = null } = {}) {
  const who = entry.who;
  const node = el("div", `msg ${who}`, { lang: entry.lang, dir: entry.dir || "auto" });
  if (who === "me") {
    node.append(label("you_said"), " ");
    const p = el("p", "part");
    p.textContent = entry.text || "";
    node.append(p);
  } else if (who === "adviser") {
    const name = label("adviser_name", "speaker");
    name.setAttribute("aria-hidden", "true"); // the hidden "Adviser said:" is read instead
    node.append(label("adviser_said"), name);
    paragraphs(node, [{ text: entry.text, dir: entry.dir }], (p) => p.text);
  } else if (who === "error") {
    node.append(el("p", "part", { "data-i18n": entry.key }));
  } else {
    node.append(label("bot_said"), " ");
    if (worker && hasEnglish(entry)) {
      node.classList.add("pair");
      const original = el("div", "col", { lang: entry.lang });
      original.append(label("client_language", "col-label"));
      paragraphs(original, entry.parts, (p) => p.text);
      const english = el("div", "col", { lang: "en", dir: "ltr" });
      english.append(label("in_english", "col-label"));
      paragraphs(english, entry.parts, (p) => p.english || p.text, "ltr");
      node.append(original, english);
    } else {
      paragraphs(node, entry.parts || [], (p) => p.text);
    }
    if (entry.buttons && entry.buttons.length) {
      const group = el("div", "buttons");
      for (const b of entry.buttons) {
        const button = el("button", null, { type: "button" });
        button.textContent = b.title;
        if (onButton) button.addEventListener("click", () => onButton(b));
        group.append(button);
      }
      node.append(group);
    }
  }
  return node;
}
