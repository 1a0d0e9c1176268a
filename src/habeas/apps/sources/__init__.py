"""Sources of facts, the imports that brought them, and the changes each import found."""
