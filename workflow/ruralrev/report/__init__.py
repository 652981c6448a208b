"""Stage `report`: executed notebooks assembled into one self-contained HTML page and a PDF."""
