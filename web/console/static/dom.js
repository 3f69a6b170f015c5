// Small helpers shared by the console's scripts: build elements as text (never HTML),
// show the assistant's formatting safely, and fetch the console's JSON.

export function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The assistant's formatting, safely: text nodes only, with **bold** and web addresses as
// elements (the same whitelist as the case page's assistant_text filter in pages.py).
const FORMATTING = /(https?:\/\/[^\s<>"')]*[^\s<>"').,;:!?])|\*\*([^*\n]+)\*\*/g;

export function formatted(parent, text) {
  let last = 0;
  for (const m of text.matchAll(FORMATTING)) {
    parent.append(text.slice(last, m.index));
    if (m[1]) {
      const a = el("a", null, m[1]); a.href = m[1]; a.rel = "noopener noreferrer"; a.target = "_blank";
      parent.append(a);
    } else parent.append(el("strong", null, m[2]));
    last = m.index + m[0].length;
  }
  parent.append(text.slice(last));
  return parent;
}

// The console's JSON, or null when there is none to show; a lapsed session goes to log-in.
export async function getJSON(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (res.status === 401) { window.location.assign("/console/login"); return null; }
  return res.ok ? res.json() : null;
}
