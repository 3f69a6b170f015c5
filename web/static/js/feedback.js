// "Did this help?" under an answer from an article (issue 18 item 7). Yes or No, once per
// answer; the page sends only the answer's article id. A "No" puts the question behind it,
// read by the server from this conversation (already redacted), into the housing team's
// inbox; nothing else is kept (docs/privacy.md). Loaded only after an answer.
import { conversationToken, withToken } from "./connection.js";
import { fillTexts } from "./texts.js";

let asked = 0;

/** The article an answer came from (custom.article), or null for any other reply. */
export function articleOf(messages) {
  const found = messages.map((m) => m && m.custom && m.custom.article)
    .find((a) => typeof a === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(a));
  return found || null;
}

function button(key, helped, send) {
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.i18n = key;
  b.addEventListener("click", () => send(helped));
  return b;
}

/** Yes / No at the end of `node` (the answer's message) when it answers from an article. */
export function offerFeedback(node, messages) {
  const article = articleOf(messages);
  if (!node || !article || node.querySelector(".feedback")) return;
  const id = `feedback-${++asked}`;
  const group = document.createElement("div");
  group.className = "feedback";
  group.setAttribute("role", "group");
  group.setAttribute("aria-labelledby", id);
  const question = document.createElement("span");
  question.id = id;
  question.dataset.i18n = "did_this_help";
  const send = async (helped) => {
    const thanks = document.createElement("p");
    thanks.className = "note";
    thanks.setAttribute("role", "status");
    thanks.dataset.i18n = "feedback_thanks";
    group.replaceWith(thanks);
    fillTexts(thanks.parentElement || document);
    try {
      const token = await conversationToken();
      await fetch("/api/feedback", {
        method: "POST", headers: withToken(token, { "Content-Type": "application/json" }),
        body: JSON.stringify({ article, helped }),
      });
    } catch (e) { /* not recorded; the resident is thanked either way */ }
  };
  group.append(question, button("helped_yes", true, send), button("helped_no", false, send));
  node.append(group);
  fillTexts(group);
}
