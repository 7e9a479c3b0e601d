select
    {{ provenance_columns() }},
    section,
    sentence,
    nullif(repeated_words, '') as repeated_words
from {{ raw_family('n02_narrative_sentences') }}
