"""Stage `figures`: the papers' figures redrawn from the panel, with the plotted data beside them."""
