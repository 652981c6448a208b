"""The colours every figure shares, without matplotlib: a module that only names a colour (the figure registry's
series, read by the report's notebooks) need not import matplotlib (0.6 s).
"""

# Okabe & Ito (2008) palette: distinguishable under the common colour-vision deficiencies.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
