// Home Navigator web chat: talks to /api/chat on this server only.
// The conversation is kept in this browser (localStorage) so a reload loses nothing;
// "Clear conversation" and "Quick exit" remove it.
(() => {
  "use strict";
  const KEY_SENDER = "hn.sender";
  const KEY_LOG = "hn.log";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const typing = document.getElementById("typing");
  const status = document.getElementById("status");

  const store = {
    get(key, fallback) { try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; } },
    set(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* private mode: keep going */ } },
    clear() { try { localStorage.clear(); } catch { /* ignore */ } },
  };

  function newSender() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  let sender = store.get(KEY_SENDER, null) || newSender();
  store.set(KEY_SENDER, sender);
  let transcript = store.get(KEY_LOG, []);

  // Links, phone numbers and **bold**, built as DOM nodes: never innerHTML with chat text.
  const TOKEN = /(https?:\/\/[^\s),;]+)|(\*\*[^*]+\*\*)|(\b0\d{2,4}(?: ?\d){6,8}\b|\b999\b|\b116 ?123\b)/g;
  function richText(parent, text) {
    let last = 0;
    for (const m of text.matchAll(TOKEN)) {
      parent.append(text.slice(last, m.index));
      if (m[1]) {
        const a = document.createElement("a");
        a.href = m[1]; a.textContent = m[1]; a.target = "_blank"; a.rel = "noopener noreferrer";
        parent.append(a);
      } else if (m[2]) {
        const b = document.createElement("strong");
        b.textContent = m[2].slice(2, -2);
        parent.append(b);
      } else {
        const a = document.createElement("a");
        a.href = "tel:" + m[3].replace(/\s/g, ""); a.textContent = m[3];
        parent.append(a);
      }
      last = m.index + m[0].length;
    }
    parent.append(text.slice(last));
  }

  function render(entry) {
    const li = document.createElement("li");
    li.className = "msg " + entry.who;
    li.dir = entry.dir || "auto";
    const speaker = document.createElement("span");
    speaker.className = "visually-hidden";
    speaker.textContent = entry.who === "me" ? "You said: " : "Home Navigator said: ";
    li.append(speaker);
    richText(li, entry.text || "");
    if (entry.buttons && entry.buttons.length) {
      const group = document.createElement("div");
      group.className = "buttons";
      for (const b of entry.buttons) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = b.title;
        button.addEventListener("click", () => send(b.payload, b.title));
        group.append(button);
      }
      li.append(group);
    }
    log.append(li);
    li.scrollIntoView({ block: "end" });
  }

  function remember(entry) {
    transcript.push(entry);
    store.set(KEY_LOG, transcript.slice(-200));
    render(entry);
  }

  async function send(payload, shown) {
    if (shown !== null) remember({ who: "me", text: shown });
    typing.hidden = false;
    status.textContent = "";
    try {
      const res = await fetch("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender, message: payload }),
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) {
        remember({ who: "bot error", text: data.error || "Something went wrong. Please try again." });
        return;
      }
      // Rasa sends each paragraph as its own message: show one turn as one bubble.
      const messages = data.messages || [];
      const text = messages.map((m) => m.text || "").filter(Boolean).join("\n\n");
      const buttons = messages.flatMap((m) => m.buttons || []);
      const dir = messages.some((m) => m.dir === "rtl") ? "rtl" : "ltr";
      if (text || buttons.length) remember({ who: "bot", text, buttons, dir });
    } catch {
      status.textContent = "You seem to be offline. Your message was not sent: please try again.";
    } finally {
      typing.hidden = true;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  document.getElementById("clear").addEventListener("click", () => {
    store.clear();
    transcript = [];
    log.replaceChildren();
    sender = newSender();
    store.set(KEY_SENDER, sender);
    send("/greet", null);
  });
  document.getElementById("quick-exit").addEventListener("click", (event) => {
    event.preventDefault();
    store.clear();
    log.replaceChildren();
    window.location.replace(event.currentTarget.href);
  });

  // The language menu is an explicit choice: it always wins and holds for the conversation.
  const menu = document.getElementById("language");
  menu.value = store.get("hn.language", "en");
  menu.addEventListener("change", () => {
    store.set("hn.language", menu.value);
    const option = menu.selectedOptions[0];
    send('/choose_language{"language":"' + menu.value + '"}', null);
    document.documentElement.lang = menu.value;
    document.documentElement.dir = option.dir || "ltr";
  });

  if (transcript.length) transcript.forEach(render);
  else send("/greet", null);
})();
