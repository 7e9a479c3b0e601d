{% call by_report() %}
-- Every sentence of a current report's narrative (情况说明), figures or not, with its section
-- and page: what the report says in words, searchable (sentence_no joins fct_narrative_figures).
select
    report_id,
    page,
    row_no as sentence_no,
    section,
    sentence,
    repeated_words
from {{ ref('stg_narrative_sentences') }}
where {{ is_current_report('report_id') }}
{% endcall %}
