-- The parts the narrative lists, against the total they are parts of (seed rules):
--   procurement_parts_eq_total — 政府采购 货物 + 工程 + 服务 = the stated total;
--   narrative_parts_add_up_to_total — the parts listed after 其中 add up to no more than the
--     stated total, and to it where they are its whole by definition (基本支出 = 人员经费 +
--     公用经费, 三公 = its three items, 公务用车 = 购置 + 运行).
-- Tolerance: half a unit of the last digit of each figure, summed.
{% call by_report() %}
with figures as (
    select * from {{ ref('int_narrative_figures') }}
),

procurement_checks as (
    -- 政府采购: 货物 + 工程 + 服务 = the total (the three are the whole by definition)
    select
        report_id, 'procurement_parts_eq_total' as rule_id, 'narrative' as table_number,
        'government_procurement' as subject_key, '政府采购' as subject, total as left_value,
        coalesce(goods, 0) + coalesce(works, 0) + coalesce(services, 0) as right_value,
        4 * {{ var('rounding_half_unit') }} as tolerance, page, sentence
    from {{ ref('fct_government_procurement') }}
    where total is not null and (goods is not null or works is not null or services is not null)
),

complete_parts as (
    -- totals whose parts are their whole by definition
    select * from (
        values ('basic_expenditure', ['personnel', 'public']), ('general_budget_basic', ['personnel', 'public']),
        ('three_public_total', ['overseas_travel', 'official_reception', 'vehicle_total']),
        ('vehicle_total', ['vehicle_purchase', 'vehicle_operation'])
    ) as wholes (subject_key, members)
),

sentence_totals as (
    -- a sentence with one 其中: its total is its first amount (the figures after 其中 carry
    -- that amount's subject key in part_of); a second 其中 nests parts, which are left alone
    select
        report_id, sentence_no, arg_min(subject_key, figure_no) as subject_key, arg_min(subject, figure_no) as subject,
        arg_min(amount, figure_no) as amount, arg_min(amount_half_unit, figure_no) as amount_half_unit,
        any_value(page) as page, any_value(sentence) as sentence
    from figures
    where measure = 'amount' and part_of is null and length(sentence) - length(replace(sentence, '其中', '')) = 2
    group by report_id, sentence_no
),

parts_checks as (
    -- the parts listed after 其中 add up to no more than the total, and to the total where they
    -- are its whole by definition (each complete set below)
    select
        total.report_id, 'narrative_parts_add_up_to_total' as rule_id, 'narrative' as table_number,
        total.subject_key, total.subject, sum(part.amount) as left_value, total.amount as right_value,
        sum(part.amount_half_unit) + total.amount_half_unit as tolerance, total.page, total.sentence,
        case
            when list_has_all(list(part.subject_key), any_value(whole.members))
                then abs(sum(part.amount) - total.amount) <= sum(part.amount_half_unit) + total.amount_half_unit
            else sum(part.amount) - total.amount <= sum(part.amount_half_unit) + total.amount_half_unit
        end as passed
    from sentence_totals as total
    join figures as part
        on part.report_id = total.report_id and part.sentence_no = total.sentence_no
            and part.part_of = total.subject_key and part.measure = 'amount'
    left join complete_parts as whole on whole.subject_key = total.subject_key
    where total.subject_key is not null
    group by
        total.report_id, total.sentence_no, total.subject_key, total.subject, total.amount,
        total.amount_half_unit, total.page, total.sentence
)

select *, coalesce(abs(left_value - right_value) <= tolerance, false) as passed from procurement_checks
union all
select * from parts_checks
{% endcall %}
