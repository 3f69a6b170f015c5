"""What every process of the navigator shares and nothing else: its settings (one frozen
record built from the environment at start-up), where data is stored (one engine factory),
the clock, and the database migrations. Imports nothing from the rest of the project, so
knowledge/, advice/, bot/, actions/ and web/ can all depend on it without a cycle."""
