"""Extract 部门决算 report tables into raw CSVs."""
