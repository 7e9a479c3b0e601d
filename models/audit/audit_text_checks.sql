{% call by_report() %}
-- The report's words on their own, as a proof-reader reads them:
--   text_no_template_placeholder — no placeholder of the template left in (XX局, ××, 待填写);
--   text_years_are_the_report_year — a report names itself (2024年度部门决算) and dates its
--     figures (截至2024年12月31日) in its own year: a 预算's 截至 may be the year before (its
--     assets at the last year's end), and any sentence comparing with the year before (与,
--     比, 较 …) may name it;
--   text_no_doubled_punctuation — no 。。, ，， or the like;
--   text_no_repeated_word — no word printed twice running (主要用于主要用于).
-- One row per sentence found, and a pass per report and rule where none is.
with sentences as (
    select
        sentences.report_id, sentences.page, sentences.sentence, sentences.repeated_words, reports.fiscal_year,
        reports.report_kind
    from {{ ref('fct_narrative_sentences') }} as sentences
    join {{ ref('dim_report') }} as reports using (report_id)
),

placeholders as (
    select
        report_id, page, sentence, 'text_no_template_placeholder' as rule_id,
        regexp_extract(sentence, '{{ var("placeholder_pattern") }}') as subject
    from sentences
    where regexp_matches(sentence, '{{ var("placeholder_pattern") }}')
),

named_years as (
    select
        report_id, page, sentence, fiscal_year, report_kind,
        unnest(regexp_extract_all(sentence, '(20\d{2})\s*年度?\s*(?:部门|单位)(?:预算|决算)', 1)) as named,
        'report' as what
    from sentences
    union all
    select
        report_id, page, sentence, fiscal_year, report_kind,
        unnest(regexp_extract_all(sentence, '截[至止]\s*(20\d{2})\s*年', 1)), 'date'
    from sentences
),

wrong_years as (
    select
        report_id, page, sentence, 'text_years_are_the_report_year' as rule_id,
        named || '年' as subject
    from named_years
    where named::integer <> fiscal_year
        and not (
            named::integer = fiscal_year - 1
            and (regexp_matches(sentence, '与|比|较|相比|上年') or (what = 'date' and report_kind = 'budget'))
        )
),

doubled as (
    select report_id, page, sentence, 'text_no_doubled_punctuation' as rule_id, '标点' as subject
    from sentences
    -- a doubled full stop splits into a sentence of its own
    where regexp_matches(sentence, '。。|，，|；；|：：|、、|！！|？？|,,') or regexp_matches(sentence, '^[。．]+$')
),

repeated as (
    -- a word printed twice running within one line of prose (the extractor reads the lines)
    select report_id, page, sentence, 'text_no_repeated_word' as rule_id, repeated_words as subject
    from sentences
    where repeated_words is not null
),

failures as (
    select * from placeholders
    union all
    select * from wrong_years
    union all
    select * from doubled
    union all
    select * from repeated
),

rules as (
    select unnest([
        'text_no_template_placeholder', 'text_years_are_the_report_year', 'text_no_doubled_punctuation',
        'text_no_repeated_word'
    ]) as rule_id
),

passes as (
    select reports.report_id, rules.rule_id
    from (select distinct report_id from sentences) as reports
    cross join rules
    anti join failures using (report_id, rule_id)
)

select report_id, rule_id, 'narrative' as table_number, subject, page, sentence as evidence, 'fail' as status
from failures
union all
select report_id, rule_id, 'narrative', null, null, null, 'pass'
from passes
{% endcall %}
