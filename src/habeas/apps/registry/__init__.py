"""Registry persons, their names, and the source records that describe them."""
