"""The action server (rasa-sdk, port 5055), split by concern.

- answers.py: answering questions from the knowledge base, search fallback
- councils.py: knowing and changing the resident's council
- contacts.py: contact details and the route to a person
- rendering.py / phrasebook.py: turning articles and phrases into messages
- safety.py: the dialogue of the crisis check (the detector itself is safety/)
- every_message.py: the checks run on every message, crisis first

The crisis detector takes tens of seconds to train; the action server starts it when
it loads the actions, so the first resident does not wait for it.
"""
import threading

from safety import detector

threading.Thread(target=detector, name="crisis-detector", daemon=True).start()
