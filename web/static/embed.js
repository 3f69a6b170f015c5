// Home Navigator on a council site, with one tag:
//   <script src="https://NAVIGATOR-HOST/embed.js" defer></script>
// Optional: data-language="ur" (otherwise the page's <html lang>, otherwise English).
// It adds a "Housing help" button; the button opens the chat page in a frame. Quick exit
// inside the frame replaces the whole council page with a neutral site.
// The server fills LABELS from web/interface/<language>.yml (see web/interface/routes.py).
(() => {
  "use strict";
  const LABELS = /*LABELS*/{};
  const script = document.currentScript;
  if (!script || window.__homeNavigator) return;
  window.__homeNavigator = true;
  const origin = new URL(script.src, window.location.href).origin;
  const wanted = (script.dataset.language || document.documentElement.lang || "en").slice(0, 2).toLowerCase();
  const lang = LABELS[wanted] ? wanted : "en";
  const words = LABELS[lang] || { launcher: "Housing help", launcher_close: "Close", frame_title: "Home Navigator" };
  const rtl = lang === "ur" || lang === "ar";

  const button = document.createElement("button");
  button.type = "button";
  button.className = "home-navigator-launcher";
  button.textContent = words.launcher;
  button.lang = lang;
  button.setAttribute("aria-expanded", "false");
  Object.assign(button.style, {
    position: "fixed", bottom: "1rem", [rtl ? "left" : "right"]: "1rem", zIndex: "2147483000",
    padding: ".75rem 1.1rem", font: "600 1rem/1.2 system-ui, sans-serif", color: "#fff",
    background: "#1d4f91", border: "2px solid #fff", borderRadius: "2rem", cursor: "pointer",
    boxShadow: "0 2px 6px rgba(0,0,0,.35)", outlineOffset: "3px",
  });

  let frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = `${origin}/?embed=1&lang=${encodeURIComponent(lang)}`;
      frame.title = words.frame_title;
      frame.className = "home-navigator-frame";
      Object.assign(frame.style, {
        position: "fixed", bottom: "4.75rem", [rtl ? "left" : "right"]: "1rem", zIndex: "2147483000",
        width: "min(26rem, calc(100vw - 2rem))", height: "min(40rem, calc(100vh - 6rem))",
        border: "2px solid #1d4f91", borderRadius: ".5rem", background: "#fff",
        boxShadow: "0 4px 16px rgba(0,0,0,.35)",
      });
      button.setAttribute("aria-controls", "home-navigator-frame");
      frame.id = "home-navigator-frame";
      document.body.append(frame);
    }
    frame.hidden = false;
    button.textContent = words.launcher_close;
    button.setAttribute("aria-expanded", "true");
    frame.focus();
  }
  function close() {
    if (frame) frame.hidden = true;
    button.textContent = words.launcher;
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }
  button.addEventListener("click", () => (frame && !frame.hidden ? close() : open()));

  // Quick exit pressed inside the chat: leave the council page too.
  window.addEventListener("message", (event) => {
    if (event.origin !== origin || !event.data || event.data.type !== "hn-quick-exit") return;
    const url = String(event.data.url || "");
    if (/^https:\/\//.test(url)) window.location.replace(url);
  });

  if (document.body) document.body.append(button);
  else document.addEventListener("DOMContentLoaded", () => document.body.append(button));
})();
