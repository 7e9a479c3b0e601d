-- Each sentence of a report that names one of the nine standard tables: by its number as
-- printed (公开08表, 公开 08 表) or by what it holds (seed standard_tables: 政府性基金, 三公 …),
-- and whether it says the table has nothing to show (var empty_table_wording, or 无 before
-- what it holds: 本单位无政府性基金预算财政拨款支出). A title inside a longer title names the
-- longer table only: 支出决算表 in 一般公共预算财政拨款支出决算表 names 05, not 03.
with sentences as (
    select report_id, sentence_no, page, section, sentence, replace(sentence, ' ', '') as words
    from {{ ref('fct_narrative_sentences') }}
),

matched as (
    select
        sentences.*, tables.table_number, tables.title_zh, tables.subject_pattern,
        contains(sentences.words, '公开' || tables.table_number || '表') as by_number
    from sentences
    join {{ ref('standard_tables') }} as tables
        on regexp_matches(sentences.words, tables.subject_pattern)
            or contains(sentences.words, '公开' || tables.table_number || '表')
),

named as (
    select matched.*
    from matched
    where matched.by_number
        or not exists (
            select 1
            from matched as longer
            where longer.report_id = matched.report_id and longer.sentence_no = matched.sentence_no
                and longer.table_number <> matched.table_number
                and contains(longer.title_zh, matched.title_zh)
                and regexp_matches(longer.words, longer.subject_pattern)
        )
)

select
    report_id,
    sentence_no,
    page,
    section,
    sentence,
    table_number,
    by_number as names_number,
    (
        regexp_matches(words, '{{ var("empty_table_wording") }}')
        or regexp_matches(words, '(?:无|没有|未安排)[“"]?(?:' || subject_pattern || ')')
    ) as says_empty
from named
