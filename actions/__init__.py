"""The action server (rasa-sdk, port 5055), split by concern.

Actions (one module per concern; an action module may import helpers, never another
action's behaviour by running it):
- answers.py: answering questions from the knowledge base, search fallback
- details.py: "More detail", the rest of the last answer on request
- councils.py: knowing and changing the resident's council
- contacts.py: contact details
- handoff.py (+ case_summary.py): reaching a person
- language.py (+ language_id.py): speaking the resident's language
- safety.py: the dialogue of the crisis check (the detector itself is safety/)
- every_message.py: the checks run on every message, crisis first

Helpers, which import no action module (tests/actions/test_structure.py checks it):
- turn.py: what this turn knows (a `Turn`, built once per run() and passed down)
- replies.py, article_replies.py: how things are said (which council, contacts, a person;
  an article as the resident reads it today)
- pending.py: the question waiting for the council (the only setter of `pending_question`)
- answering.py: answering a question family; continuations.py: what happens once the
  council is known
- answer_shape.py: how an answer reads on a phone (answer, the council's next step from
  council_route.py, "More detail", sources); household_reply.py: the overcrowding answer's
  bedroom count; bidi.py: English and numbers isolated in right-to-left answers
- rendering.py / phrasebook.py: turning articles and phrases into messages
- services.py: the knowledge base, council routing and the date, one per process
See docs/adr/0014-shape-of-actions.md.

The crisis detector takes tens of seconds to train; the action server starts it when
it loads the actions, so the first resident does not wait for it.
"""
import threading

from safety import detector

threading.Thread(target=detector, name="crisis-detector", daemon=True).start()
