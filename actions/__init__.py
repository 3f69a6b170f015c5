"""The action server (rasa-sdk, port 5055), split by concern.

- answers.py: answering questions from the knowledge base, search fallback
- councils.py: knowing and changing the resident's council
- contacts.py: contact details and the route to a person
- rendering.py / phrasebook.py: turning articles and phrases into messages
"""
