select
    {{ provenance_columns() }},
    place,
    name
from {{ raw_family('n03_printed_names') }}
