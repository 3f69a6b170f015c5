// Community worker mode: a worker sitting beside a client sees each answer in the client's
// language and in English, can switch the client's language at any time (the Language menu),
// make a summary for the client, and hand over to an adviser on the client's behalf. The
// handover needs the client's agreement first; every message in this mode carries the
// worker's organisation (never anything about the client) so the adviser knows who is asking.
import { settings } from "./store.js";
import { t } from "./texts.js";

const $ = (id) => document.getElementById(id);
const MAX_ORGANISATION = 120;

export function setUpWorker({ onToggle, send }) {
  const toggle = $("worker-mode");
  const panel = $("worker-panel");
  const organisation = $("organisation");
  const consent = $("consent");
  const problem = $("handover-problem");

  toggle.checked = settings.get("worker", false) === true;
  panel.hidden = !toggle.checked;
  organisation.value = settings.get("organisation", "");

  toggle.addEventListener("change", () => {
    panel.hidden = !toggle.checked;
    settings.set("worker", toggle.checked);
    onToggle(toggle.checked);
  });
  organisation.addEventListener("input", () => {
    settings.set("organisation", organisation.value.trim().slice(0, MAX_ORGANISATION));
  });
  consent.addEventListener("change", () => { if (consent.checked) problem.textContent = ""; });
  $("handover").addEventListener("click", () => {
    if (!consent.checked) {
      problem.textContent = t("consent_needed");
      consent.focus();
      return;
    }
    problem.textContent = "";
    send("/request_human", t("handover_button"));
  });

  return {
    on: () => toggle.checked,
    organisation: () => organisation.value.trim().slice(0, MAX_ORGANISATION),
    clear() { consent.checked = false; problem.textContent = ""; },
  };
}
