// The optional, anonymous question "What is your ethnic group?" (issue 19; docs/privacy.md).
// Asked once, after an answer; "No thanks" is one press, like "Send". The answer goes to
// /api/insights/ethnic-group, which adds one to a monthly count and keeps nothing else;
// this page keeps only that the question was dealt with, so it is not asked again.
import { settings } from "./store.js";
import { conversationToken, withToken } from "./connection.js";
import { fillTexts } from "./texts.js";

const GROUPS = [
  ["asian", ["indian", "pakistani", "bangladeshi", "chinese", "other_asian"]],
  ["black", ["caribbean", "african", "other_black"]],
  ["mixed", ["white_black_caribbean", "white_black_african", "white_asian", "other_mixed"]],
  ["white", ["white_british", "irish", "gypsy_irish_traveller", "roma", "other_white"]],
  ["other", ["arab", "any_other"]],
];
const DONE = "ethnic_question_done";

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function choice(code) {
  const id = `ethnic-${code}`;
  return el("p", { class: "field check" }, [
    el("input", { type: "radio", name: "ethnic", id, value: code }),
    el("label", { for: id, "data-i18n": `ethnic_${code}` }),
  ]);
}

/** Show the question once, before `before`, after an answer to something the resident
 * asked: never in worker mode (the client is not the one at the keyboard), never beside a
 * reply that gives 999, and never again once answered or declined. */
export function offerEthnicQuestion(before, lang, { said = "", worker = false, asked = false } = {}) {
  if (!asked || worker || said.includes("999")) return;
  if (settings.get(DONE, false) || document.getElementById("ethnic-question")) return;
  const form = el("form", { id: "ethnic-question", class: "ethnic-question", "aria-labelledby": "ethnic-legend" });
  const groups = GROUPS.map(([group, codes]) => el("fieldset", {}, [
    el("legend", { "data-i18n": `ethnic_group_${group}` }), ...codes.map(choice)]));
  const buttons = el("p", { class: "ethnic-buttons" }, [
    el("button", { type: "submit", "data-i18n": "ethnic_send" }),
    el("button", { type: "button", id: "ethnic-skip", "data-i18n": "ethnic_skip" }),
  ]);
  form.append(el("fieldset", {}, [
    el("legend", { id: "ethnic-legend", "data-i18n": "ethnic_question" }),
    el("p", { class: "note", "data-i18n": "ethnic_why" }),
    ...groups, choice("prefer_not_to_say"), buttons]));
  const finish = () => {
    settings.set(DONE, true);
    const thanks = el("p", { class: "note", role: "status", "data-i18n": "ethnic_thanks" });
    form.replaceWith(thanks);
    fillTexts(thanks.parentElement || document);
  };
  form.querySelector("#ethnic-skip").addEventListener("click", finish);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const picked = form.querySelector("input[name=ethnic]:checked");
    if (!picked) { finish(); return; } // sending nothing is declining
    try {
      const token = await conversationToken();
      await fetch("/api/insights/ethnic-group", {
        method: "POST", headers: withToken(token, { "Content-Type": "application/json" }),
        body: JSON.stringify({ answer: picked.value, language: lang }),
      });
    } catch (e) { /* not counted; the resident is not asked again either way */ }
    finish();
  });
  before.before(form);
  fillTexts(form);
}
