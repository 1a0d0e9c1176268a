"""Habeas: an evidence-backed registry of political prisoners and verified release lists.

The package is split into a plain-Python domain core (``names``, ``law``, ``interchange``,
``linkage``, ``lists``, ``extract``, ``stats``, ``demo``) that imports neither Django nor a
database driver, and the persistence, web and command-line layers built on it
(``server``, ``apps``, ``cli``).
"""

__version__ = "0.1.0"
