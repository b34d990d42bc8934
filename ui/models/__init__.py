"""Qt models over app's queries: thin adapters that hold keys and fetch rows lazily."""
