// Adviser console: refresh the queue and the open case's conversation every few seconds.
// Each refresh also tells the assistant an adviser is online (live chat is offered).
(() => {
  "use strict";
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // The assistant's formatting, safely: text nodes only, with **bold** and web addresses as
  // elements (the same whitelist as the case page's assistant_text filter in routes.py).
  const FORMATTING = /(https?:\/\/[^\s<>"')]*[^\s<>"').,;:!?])|\*\*([^*\n]+)\*\*/g;
  function formatted(parent, text) {
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

  async function getJSON(url) {
    const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (res.status === 401) { window.location.assign("/console/login"); return null; }
    return res.ok ? res.json() : null;
  }

  const queue = document.querySelector("[data-queue]");
  const COLUMNS = queue ? [...queue.querySelectorAll("thead th")].map((th) => th.textContent) : [];
  if (queue) {
    const params = new URLSearchParams();
    if (queue.dataset.language) params.set("language", queue.dataset.language);
    if (queue.dataset.council) params.set("council", queue.dataset.council);
    const body = queue.querySelector("tbody");
    setInterval(async () => {
      const data = await getJSON("/console/api/queue?" + params);
      if (!data) return;
      const rows = data.cases.map((c) => {
        const tr = el("tr", "urgency-" + c.urgency);
        const ref = el("td"); const a = el("a", null, c.reference); a.href = "/console/cases/" + c.id; ref.append(a);
        const lang = el("td", null, c.language_name);
        if (c.interpreter_needed) { lang.append(" "); lang.append(el("span", "flag", "interpreter needed")); }
        tr.append(ref, el("td", null, c.urgency), lang, el("td", null, c.council || "–"),
          el("td", null, c.topic || "–"), el("td", null, c.channel === "live_chat" ? "live chat" : "callback"),
          el("td", null, c.created_at.slice(0, 16).replace("T", " ") + " UTC"),
          el("td", null, c.status.replace("_", " ") + (c.mine ? " (you)" : "")));
        // Each cell names its column, for narrow screens where the rows stack (console.css).
        [...tr.children].forEach((td, i) => { td.dataset.label = COLUMNS[i]; });
        return tr;
      });
      if (!rows.length) { const tr = el("tr"); const td = el("td", null, "Nobody is waiting."); td.colSpan = 8; tr.append(td); rows.push(tr); }
      body.replaceChildren(...rows);
    }, 5000);
  }

  const transcript = document.querySelector("[data-transcript]");
  if (transcript) {
    const status = document.querySelector("[data-status]");
    let shown = transcript.children.length;
    let knownStatus = status ? status.textContent : "";
    setInterval(async () => {
      const data = await getJSON(transcript.dataset.transcript);
      if (!data) return;
      const statusText = data.status.replace("_", " ");
      if (statusText !== knownStatus) { window.location.reload(); return; }
      if (data.lines.length === shown) return;
      transcript.replaceChildren(...data.lines.map((line) => {
        const li = el("li", "line " + line.speaker);
        li.append(el("span", "speaker", line.speaker), " ");
        const text = formatted(el("span", "text"), line.text || ""); text.dir = line.dir; li.append(text);
        if (line.english) {
          const en = el("span", "english"); en.lang = "en"; en.dir = "ltr";
          en.append(el("span", "label", "English:"), " ");
          li.append(formatted(en, line.english));
        }
        return li;
      }));
      shown = data.lines.length;
    }, 2000);
  }
})();
