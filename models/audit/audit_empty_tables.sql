{% call by_report() %}
-- A standard table a 决算 prints with no figure (every cell blank or 0) is noted as empty
-- (rule empty_table_noted): by a sentence on the table's own pages saying so (如本表为空，则…,
-- 本表无数据), or by a sentence of the report naming the table and saying it has nothing to
-- show (本单位无政府性基金预算财政拨款支出) or stating its figure as nothing (…支出0万元).
-- One row per empty table; a table with figures has nothing to note.
with reports as (
    select report_id, tables_found
    from {{ ref('dim_report') }}
    where is_current and report_kind = 'final'
),

shown as (
    select
        report_id, table_number, min(page) as first_page, max(page) as last_page,
        count(*) filter (where amount <> 0) as figure_count
    from {{ ref('int_table_amounts') }}
    group by all
),

empty_tables as (
    select reports.report_id, tables.table_number, shown.first_page, shown.last_page
    from reports
    join {{ ref('standard_tables') }} as tables on contains(coalesce(reports.tables_found, ''), tables.table_number)
    left join shown on shown.report_id = reports.report_id and shown.table_number = tables.table_number
    where coalesce(shown.figure_count, 0) = 0
),

notes as (
    select empty_tables.report_id, empty_tables.table_number, sentences.sentence_no, sentences.page, sentences.sentence
    from empty_tables
    join {{ ref('fct_narrative_sentences') }} as sentences
        on sentences.report_id = empty_tables.report_id
            and sentences.page between empty_tables.first_page and empty_tables.last_page
    where regexp_matches(replace(sentences.sentence, ' ', ''), '{{ var("empty_table_wording") }}')
    union all
    select mentions.report_id, mentions.table_number, mentions.sentence_no, mentions.page, mentions.sentence
    from {{ ref('int_table_mentions') }} as mentions
    where mentions.says_empty or regexp_matches(replace(mentions.sentence, ' ', ''), '(?:^|[^0-9.])0(?:\.0+)?万?元')
),

first_notes as (
    select report_id, table_number, arg_min(sentence, sentence_no) as sentence, arg_min(page, sentence_no) as page
    from notes
    group by all
)

select
    empty_tables.report_id,
    'empty_table_noted' as rule_id,
    empty_tables.table_number,
    '公开' || empty_tables.table_number || '表' as subject,
    null::decimal(38, 10) as left_value,
    null::decimal(38, 10) as right_value,
    coalesce(first_notes.page, empty_tables.first_page) as page,
    coalesce(first_notes.sentence, 'printed with no figure, and no sentence says why') as evidence,
    case when first_notes.sentence is null then 'fail' else 'pass' end as status
from empty_tables
left join first_notes
    on first_notes.report_id = empty_tables.report_id and first_notes.table_number = empty_tables.table_number
{% endcall %}
