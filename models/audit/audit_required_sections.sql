{% call by_report() %}
-- Each section the template requires (rule required_sections_present, seed
-- required_sections: a pattern per section) among a current 决算's narrative headings. A
-- contents page's table titles (…决算表) and the glossary's numbered definitions (十一、机关运行
-- 经费：指…) name a section without being one; a heading a contents page lists too is taken
-- where it last appears (the section itself). One row per report and section.
with reports as (
    select report_id
    from {{ ref('dim_report') }}
    where is_current and report_kind = 'final'
),

headings as (
    select report_id, section, max(sentence_no) as sentence_no, arg_max(page, sentence_no) as page
    from {{ ref('fct_narrative_sentences') }}
    where section <> '' and not regexp_matches(section, '表$') and not regexp_matches(section, '[：:]\s*指')
    group by all
)

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
{% endcall %}
