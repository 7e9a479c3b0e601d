{% call by_report() %}
-- What a 决算 report must hold, one row per check:
--   standard_table_present — each of the nine standard tables printed; a table not printed
--     whose absence a sentence of the report explains (本表无数据, 空表, 无政府性基金…:
--     int_table_mentions) is 'explained', else it fails;
--   required_sections_present — each section the template requires (seed required_sections)
--     among the narrative's headings;
--   amount_not_negative — no negative amount in a table where none can be (every income and
--     expenditure amount; balances, which can be, are left out): one row per report and table.
with reports as (
    select report_id, tables_found
    from {{ ref('dim_report') }}
    where is_current and report_kind = 'final'
),

sentences as (
    select * from {{ ref('fct_narrative_sentences') }}
),

explanations as (
    -- a sentence naming a standard table and saying it has nothing to show (本表无数据)
    select
        report_id, table_number,
        arg_min(sentence, sentence_no) as sentence,
        arg_min(page, sentence_no) as page
    from {{ ref('int_table_mentions') }}
    where says_empty
    group by all
),

table_checks as (
    select
        reports.report_id, 'standard_table_present' as rule_id, tables.table_number,
        '公开' || tables.table_number || '表' as subject,
        null::decimal(38, 10) as left_value, null::decimal(38, 10) as right_value,
        case when not printed.is_printed then explanations.page end as page,
        case
            when not printed.is_printed and explanations.sentence is not null then explanations.sentence
            else 'tables found: ' || coalesce(reports.tables_found, '')
        end as evidence,
        case
            when printed.is_printed then 'pass'
            when explanations.sentence is not null then 'explained'
            else 'fail'
        end as status
    from reports
    cross join {{ ref('standard_tables') }} as tables
    cross join lateral (select contains(coalesce(reports.tables_found, ''), tables.table_number) as is_printed) as printed
    left join explanations
        on explanations.report_id = reports.report_id and explanations.table_number = tables.table_number
),

headings as (
    -- the narrative's headings, less a contents page's table titles (…决算表) and the glossary's
    -- numbered definitions (十一、机关运行经费：指…), which name a section without being one; a
    -- heading a contents page lists too is taken where it last appears (the section itself)
    select report_id, section, max(sentence_no) as sentence_no, arg_max(page, sentence_no) as page
    from sentences
    where section <> '' and not regexp_matches(section, '表$') and not regexp_matches(section, '[：:]\s*指')
    group by all
),

section_checks as (
    -- each section the template requires, found among the narrative's headings
    select
        reports.report_id, 'required_sections_present' as rule_id, 'narrative' as table_number,
        required.label_zh as subject, null::decimal(38, 10) as left_value, null::decimal(38, 10) as right_value,
        arg_min(headings.page, headings.sentence_no) as page,
        coalesce(arg_min(headings.section, headings.sentence_no), 'no heading matches ' || required.heading_pattern)
            as evidence,
        case when count(headings.section) > 0 then 'pass' else 'fail' end as status
    from reports
    cross join {{ ref('required_sections') }} as required
    left join headings
        on headings.report_id = reports.report_id and regexp_matches(headings.section, required.heading_pattern)
    group by reports.report_id, required.label_zh, required.heading_pattern
),

amounts as (
    -- every income and expenditure amount of the standard tables, balances left out
    select * from {{ ref('int_table_amounts') }}
    where not is_balance
),

sign_checks as (
    select
        reports.report_id, 'amount_not_negative' as rule_id, amounts.table_number,
        '公开' || amounts.table_number || '表' as subject,
        least(min(amounts.amount), 0)::decimal(38, 10) as left_value, 0::decimal(38, 10) as right_value,
        arg_min(amounts.page, amounts.amount) filter (where amounts.amount < 0) as page,
        coalesce(
            'negative: ' || string_agg(amounts.subject || ' ' || amounts.amount, '; ') filter (where amounts.amount < 0),
            'no negative amount'
        ) as evidence,
        case when min(amounts.amount) < 0 then 'fail' else 'pass' end as status
    from reports
    join amounts on amounts.report_id = reports.report_id
    group by reports.report_id, amounts.table_number
)

select * from table_checks
union all
select * from section_checks
union all
select * from sign_checks
{% endcall %}
