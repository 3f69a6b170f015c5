// The case page: refresh the conversation every few seconds, and reload the page when
// the case's status changes (claimed, resolved, returned) so its buttons are right.
import { el, formatted, getJSON } from "./dom.js";

const REFRESH_MS = 2000;

function transcriptLine(line) {
  const li = el("li", "line " + line.speaker);
  li.append(el("span", "speaker", line.speaker), " ");
  const text = formatted(el("span", "text"), line.text || ""); text.dir = line.dir; li.append(text);
  if (line.english) {
    const en = el("span", "english"); en.lang = "en"; en.dir = "ltr";
    en.append(el("span", "label", "English:"), " ");
    li.append(formatted(en, line.english));
  }
  return li;
}

export function keepTranscriptFresh(transcript) {
  const status = document.querySelector("[data-status]");
  let shown = transcript.children.length;
  const knownStatus = status ? status.textContent : "";
  setInterval(async () => {
    const data = await getJSON(transcript.dataset.transcript);
    if (!data) return;
    if (data.status.replace("_", " ") !== knownStatus) { window.location.reload(); return; }
    if (data.lines.length === shown) return;
    transcript.replaceChildren(...data.lines.map(transcriptLine));
    shown = data.lines.length;
  }, REFRESH_MS);
}
