"""Criminal cases: charges, sentences, custody periods, events, facilities, recognition."""
