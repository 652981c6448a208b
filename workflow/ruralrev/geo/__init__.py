"""Stage `maps`: admin units (boundaries, names), the regions table and the study-area maps."""

# The files a study-area map job writes, by command-line option (`ruralrev map --png ... --choropleth-csv ...`).
MAP_OUTPUTS = (
    "png", "svg", "caption", "alt", "meta", "areas",
    "choropleth_png", "choropleth_svg", "choropleth_caption", "choropleth_alt", "choropleth_meta", "choropleth_csv",
)  # fmt: skip
