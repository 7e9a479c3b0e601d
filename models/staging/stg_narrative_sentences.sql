select
    {{ provenance_columns() }},
    section,
    sentence
from {{ source('raw', 'n02_narrative_sentences') }}
