"""Stage `maps`: admin units (boundaries, names), the regions table and the study-area maps."""
