// Adviser console: refresh the queue and the open case's conversation every few seconds.
// Each refresh also tells the assistant an adviser is online (live chat is offered).
// An ES module like the chat page's: loaded once, deferred, strict, from this site only.
import { keepQueueFresh } from "./queue.js";
import { keepTranscriptFresh } from "./transcript.js";

const queue = document.querySelector("[data-queue]");
if (queue) keepQueueFresh(queue);

const transcript = document.querySelector("[data-transcript]");
if (transcript) keepTranscriptFresh(transcript);
