"""Stage `crosscheck`: every extracted claim checked against the official series of the panel."""
