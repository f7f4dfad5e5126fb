"""Every fact about a Russian word that ships with cards: senses and glosses, grammar, stress."""
