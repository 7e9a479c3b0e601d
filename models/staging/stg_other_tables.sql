select
    {{ provenance_columns() }},
    try_cast(table_no as integer) as table_no,
    nullif(table_kind, '') as table_kind,
    nullif(table_label, '') as table_label,
    table_title,
    printed_cells
from {{ raw_family('x01_other_tables') }}
