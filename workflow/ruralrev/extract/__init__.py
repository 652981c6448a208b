"""Stage `extract`: documents read with offsets, their structure, captions, named policies and numeric claims."""
