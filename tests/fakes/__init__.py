"""Stand-ins: for services at the edge of the internet (postcodes.io), and for our own
servers where a test needs them to answer as it chooses or to fail (Rasa's REST channel,
the action server)."""
