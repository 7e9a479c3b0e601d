"""Extract 部门决算 report tables into raw CSVs."""

# Bumped whenever extraction output can change, so cached extractions are redone.
EXTRACTOR_VERSION = "19"
