// The queue page: refresh the table of cases every few seconds. Each refresh also tells
// the assistant an adviser is online (live chat is offered).
import { el, getJSON } from "./dom.js";

const REFRESH_MS = 5000;

function caseRow(c, columns) {
  const tr = el("tr", "urgency-" + c.urgency);
  const ref = el("td"); const a = el("a", null, c.reference); a.href = "/console/cases/" + c.id; ref.append(a);
  const lang = el("td", null, c.language_name);
  if (c.interpreter_needed) { lang.append(" "); lang.append(el("span", "flag", "interpreter needed")); }
  tr.append(ref, el("td", null, c.urgency), lang, el("td", null, c.council || "–"),
    el("td", null, c.topic || "–"), el("td", null, c.channel === "live_chat" ? "live chat" : "callback"),
    el("td", null, c.created_at.slice(0, 16).replace("T", " ") + " UTC"),
    el("td", null, c.status.replace("_", " ") + (c.mine ? " (you)" : "")));
  // Each cell names its column, for narrow screens where the rows stack (console.css).
  [...tr.children].forEach((td, i) => { td.dataset.label = columns[i]; });
  return tr;
}

function nobodyWaiting() {
  const tr = el("tr"); const td = el("td", null, "Nobody is waiting."); td.colSpan = 8; tr.append(td);
  return tr;
}

export function keepQueueFresh(queue) {
  const columns = [...queue.querySelectorAll("thead th")].map((th) => th.textContent);
  const params = new URLSearchParams();
  if (queue.dataset.language) params.set("language", queue.dataset.language);
  if (queue.dataset.council) params.set("council", queue.dataset.council);
  const body = queue.querySelector("tbody");
  setInterval(async () => {
    const data = await getJSON("/console/api/queue?" + params);
    if (!data) return;
    const rows = data.cases.map((c) => caseRow(c, columns));
    body.replaceChildren(...(rows.length ? rows : [nobodyWaiting()]));
  }, REFRESH_MS);
}
