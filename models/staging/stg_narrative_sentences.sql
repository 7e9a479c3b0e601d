select
    {{ provenance_columns() }},
    section,
    sentence
from {{ raw_family('n02_narrative_sentences') }}
