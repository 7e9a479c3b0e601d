-- The narrative against the report's own tables and its own arithmetic, one row per check:
--   narrative_amount_eq_table — a stated amount equals the table cell its subject names (in a 预算
--     report, its budget figures against its own B01/B05/B06/B07; the 三公 items against 07), and
--     an amount stated for a functional 项 named with its 款 (…职业教育（款）技校教育（项）) equals
--     that row of 05 or B05;
--   narrative_share_eq_part_over_total — 占 …% equals the part over the sentence's total;
--   narrative_change_rate_eq_change_over_last_year — 增长/下降 …% equals the change over last
--     year's figure (this year's stated amount less the stated change);
--   narrative_last_year_eq_previous_report — last year's figure (this year's stated amount less
--     the stated change) equals that cell in the same entity's report for the year before;
--   narrative_share_within_0_100 — a share lies between 0 and 100%;
--   narrative_change_rate_base_not_zero — a change rate is stated over a base that is not zero;
--   procurement_parts_eq_total — 政府采购 货物 + 工程 + 服务 = the stated total;
--   narrative_parts_add_up_to_total — the parts listed after 其中 add up to no more than the
--     stated total, and to it where they are its whole (基本支出 = 人员经费 + 公用经费 …);
--   narrative_budget_eq_budget_report — a 决算 narrative's 年初预算 equals the 预算 report's own;
--   narrative_three_public_budget_eq_07 — a 决算 narrative's 三公 预算 equals 07's 预算数;
--   narrative_final_vs_budget_word_matches — 决算数大于/小于/持平 预算数 matches those figures.
--   narrative_completion_rate_eq_final_over_budget — 完成年初预算的 …% equals the sentence's
--     决算 over the budget it names (年初, 全年 or 调整: the one the words say; a zero budget
--     cannot be completed to a rate, so that fails).
-- Findings for an auditor (severity in seed rules): a narrative that disagrees with its tables
-- never holds back the tables' facts. Tolerances follow what each printed figure's rounding admits.
{% set printed_rounding %}2 * {{ var('rounding_half_unit') }}{% endset %}
{% call by_report() %}
with figures as (
    select figures.*, reports.report_kind, reports.entity_key, reports.fiscal_year
    from {{ ref('fct_narrative_figures') }} as figures
    join {{ ref('dim_report') }} as reports using (report_id)
),

economic as (
    select report_id, expense_group, sum(amount) as amount
    from {{ ref('fct_basic_expenditure_by_economic') }}
    where code_level = 0 and expense_group in ('personnel', 'public')
    group by all
),

three_public_keys as (
    -- the 三公 item codes (seed three_public_items) and the subject keys the narrative gives them
    select * from (
        values ('total', 'three_public_total'), ('overseas_travel', 'overseas_travel'),
        ('official_reception', 'official_reception'), ('vehicle_total', 'vehicle_total'),
        ('vehicle_purchase', 'vehicle_purchase'), ('vehicle_operation', 'vehicle_operation')
    ) as keys (item_code, subject_key)
),

three_public_amounts as (
    -- an item's first printed row: the report's own where a table prints a 合计 row and then one
    -- row per unit (杭州: 合计, 杭州市司法局, 某监狱 …), the only one elsewhere
    select report_id, '07' as table_number, item_code, arg_min(actual_amount, row_no) as amount
    from {{ ref('fct_three_public_costs') }}
    group by all
    union all
    select report_id, 'B07', item_code, arg_min(amount, row_no)
    from {{ ref('fct_budget_three_public_costs') }}
    group by all
),

cells as (
    -- subject key → the table cell it names
    select
        report_id,
        case
            when table_number = '01' and side = 'income' and line_key = 'grand_total' then 'income_expenditure_grand_total'
            when table_number = '01' and side = 'income' and line_key = 'year_total' then 'year_income_total'
            when table_number = '01' and side = 'expenditure' and line_key = 'year_total' then 'year_expenditure_total'
            when table_number = '04' and side = 'income' and line_key = 'grand_total' then 'fiscal_grand_total'
        end as subject_key,
        '' as part_of,
        table_number,
        sum(amount) as amount
    from {{ ref('fct_summary_lines') }}
    where amount_column = 'total'
    group by all
    having subject_key is not null
    union all
    select report_id, unnest(['general_budget_expenditure', 'general_budget_basic']), '', '05', unnest([total, basic])
    from {{ ref('fct_general_budget_expenditure') }}
    where code_level = 0
    union all
    select
        report_id, unnest(['basic_expenditure', 'project_expenditure']), 'year_expenditure_total', '03',
        unnest([basic, project])
    from {{ ref('fct_expenditure_by_function') }}
    where code_level = 0
    union all
    select report_id, expense_group, '', '06', amount from economic
    -- a 预算 report's own tables: 收支预算总表 (B01), 一般公共预算支出预算表 (B05), 基本支出预算表 (B06)
    union all
    select
        report_id,
        case
            when line_key = 'income_grand_total' then 'income_expenditure_grand_total'
            when side = 'income' and line_key = 'year_total' then 'year_income_total'
            when side = 'expenditure' and line_key = 'year_total' then 'year_expenditure_total'
        end as subject_key,
        '', 'B01', sum(amount)
    from {{ ref('fct_budget_summary_lines') }}
    where amount_column = 'total'
    group by all
    having subject_key is not null
    union all
    select report_id, 'general_budget_expenditure', '', 'B05', total
    from {{ ref('fct_budget_expenditure_by_function') }}
    where code_level = 0
    union all
    select report_id, 'general_budget_basic', '', 'B06', amount
    from {{ ref('fct_budget_basic_by_economic') }}
    where code_level = 0
    -- “三公”经费 and its items: 07's 决算数, a 预算 report's B07; an item means the same whether
    -- or not the sentence lists it after its total's 其中
    union all
    select three.report_id, items.subject_key, parts.part_of, three.table_number, three.amount
    from three_public_amounts as three
    join three_public_keys as items on items.item_code = three.item_code
    cross join (values (''), ('three_public_total'), ('vehicle_total')) as parts (part_of)
),

amount_checks as (
    select
        figures.report_id, 'narrative_amount_eq_table' as rule_id, cells.table_number, figures.subject_key,
        figures.subject, figures.amount as left_value, cells.amount as right_value,
        figures.amount_half_unit + {{ var('rounding_half_unit') }} as tolerance,
        figures.page, figures.sentence
    from figures
    join cells
        on cells.report_id = figures.report_id and cells.subject_key = figures.subject_key
            and cells.part_of = coalesce(figures.part_of, '')
    where figures.amount is not null
        and (figures.measure in ('amount', 'final') or (figures.report_kind = 'budget' and figures.measure = 'budget'))
),

functional_rows as (
    -- the 款 and 项 rows of 05 (决算) and B05 (预算), names as printed without white space
    select report_id, '05' as table_number, functional_code, code_level, replace(item_name, ' ', '') as item_name, total
    from {{ ref('fct_general_budget_expenditure') }}
    where code_level in (2, 3)
    union all
    select report_id, 'B05', functional_code, code_level, replace(item_name, ' ', ''), total
    from {{ ref('fct_budget_expenditure_by_function') }}
    where code_level in (2, 3)
),

item_rows as (
    -- each 项 row with its 款's printed name
    select
        items.report_id, items.table_number, items.functional_code, items.item_name,
        sections.item_name as section_name, items.total
    from functional_rows as items
    join functional_rows as sections
        on sections.report_id = items.report_id and sections.table_number = items.table_number
            and sections.code_level = 2 and sections.functional_code = left(items.functional_code, 5)
    where items.code_level = 3
),

item_checks as (
    -- an amount the narrative gives a functional item as 款 and 项 (…职业教育（款）技校教育（项）
    -- 2984.54万元) against that 项 row of the report's own 05 or B05, where exactly one row has
    -- both names
    select
        figures.report_id, 'narrative_amount_eq_table' as rule_id, any_value(rows.table_number) as table_number,
        any_value(rows.functional_code) as subject_key, figures.subject, figures.amount as left_value,
        any_value(rows.total) as right_value, figures.amount_half_unit + {{ var('rounding_half_unit') }} as tolerance,
        figures.page, figures.sentence
    from figures
    join item_rows as rows
        on rows.report_id = figures.report_id
            and rows.item_name = regexp_extract(figures.subject, '[)）]([^()（）]+)[(（]项[)）]', 1)
            and rows.section_name = regexp_extract(figures.subject, '([^()（）.．、“”"0-9]+)[(（]款[)）]', 1)
    where figures.amount is not null and figures.subject_key is null
        and (figures.measure in ('amount', 'final') or (figures.report_kind = 'budget' and figures.measure = 'budget'))
    group by
        figures.report_id, figures.sentence_no, figures.figure_no, figures.subject, figures.amount,
        figures.amount_half_unit, figures.page, figures.sentence
    having count(*) = 1
),

share_checks as (
    select
        share.report_id, 'narrative_share_eq_part_over_total' as rule_id, 'narrative' as table_number,
        share.subject_key, share.subject, share.value as left_value,
        100 * part.amount / total.amount as right_value,
        2 * share.value_half_unit + 100 * (
            part.amount_half_unit + share.value / 100 * total.amount_half_unit
        ) / total.amount as tolerance,
        share.page, share.sentence
    from figures as share
    join figures as part
        on part.report_id = share.report_id and part.sentence_no = share.sentence_no
            and part.subject = share.subject and part.measure = 'amount'
    join figures as total
        on total.report_id = share.report_id and total.sentence_no = share.sentence_no
            and total.subject_key = share.part_of and total.measure = 'amount' and total.part_of is null
    where share.measure = 'share' and total.amount > 0
),

changes as (
    -- each stated change with this year's figure it is a change of (the latest amount stated for
    -- its cell up to that sentence, or for a subject no cell stands for, its amount in the same
    -- sentence); last year's figure is the one less the other
    select
        change.*, stated_now.amount as now_amount, stated_now.amount_half_unit as now_half_unit,
        stated_now.amount - change.amount as last_year_amount
    from figures as change
    join lateral (
        select
            arg_max(stated.amount, stated.sentence_no) as amount,
            arg_max(stated.amount_half_unit, stated.sentence_no) as amount_half_unit
        from figures as stated
        where stated.report_id = change.report_id and stated.measure in ('amount', 'final')
            and stated.sentence_no <= change.sentence_no
            and (
                stated.subject_key = change.subject_key
                -- a subject no cell stands for (a functional 项): its amount in the same sentence
                or (change.subject_key is null and stated.sentence_no = change.sentence_no and stated.subject = change.subject)
            )
    ) as stated_now on true
    where change.measure = 'change_amount' and stated_now.amount is not null
),

rate_checks as (
    select
        rate.report_id, 'narrative_change_rate_eq_change_over_last_year' as rule_id, 'narrative' as table_number,
        rate.subject_key, rate.subject, rate.value as left_value,
        100 * change.amount / change.last_year_amount as right_value,
        2 * rate.value_half_unit + 100 * (
            change.amount_half_unit + abs(rate.value) / 100 * (change.now_half_unit + change.amount_half_unit)
        ) / abs(change.last_year_amount) as tolerance,
        rate.page, rate.sentence
    from figures as rate
    join changes as change
        on change.report_id = rate.report_id and change.sentence_no = rate.sentence_no
            and change.subject = rate.subject
    where rate.measure = 'change_rate' and change.last_year_amount <> 0
),

zero_base_checks as (
    -- a change rate stated over a base of zero (0.30 万元, 增加 0.30 万元, 增长 100%): the whole
    -- amount is the change, so no rate is finite (新增 says it); nothing changed over nothing
    -- (0 万元, 增加 0 万元, 增长 0%) is 持平, and a printed figure's rounding makes no base zero
    select
        rate.report_id, 'narrative_change_rate_base_not_zero' as rule_id, 'narrative' as table_number,
        rate.subject_key, rate.subject, change.last_year_amount as left_value, 0 as right_value,
        0 as tolerance, rate.page, rate.sentence,
        change.last_year_amount <> 0 as passed
    from figures as rate
    join changes as change
        on change.report_id = rate.report_id and change.sentence_no = rate.sentence_no
            and change.subject = rate.subject
    where rate.measure = 'change_rate' and change.amount <> 0
),

last_year_checks as (
    -- last year's figure (this year's less the change) against the same cell of the same
    -- entity's report of the same kind for the year before, where the warehouse holds it
    select
        change.report_id, 'narrative_last_year_eq_previous_report' as rule_id, cells.table_number,
        change.subject_key, change.subject, change.last_year_amount as left_value, cells.amount as right_value,
        change.now_half_unit + change.amount_half_unit + {{ var('rounding_half_unit') }} as tolerance,
        change.page, change.sentence
    from changes as change
    join {{ ref('dim_report') }} as previous
        on previous.entity_key = change.entity_key and previous.fiscal_year = change.fiscal_year - 1
            and previous.report_kind = change.report_kind and previous.is_current
    join cells
        on cells.report_id = previous.report_id and cells.subject_key = change.subject_key
            and cells.part_of = coalesce(change.part_of, '')
),

completion_rates as (
    -- each rate reads only its own part of the sentence: the figures after the rate before it
    -- (…决算为0.00万元，完成预算的0.00%；…决算为0.39万元，完成预算的13.68%: two checks, not four)
    select
        figures.*,
        coalesce(lag(figures.figure_no) over (
            partition by figures.report_id, figures.sentence_no order by figures.figure_no
        ), 0) as segment_start
    from figures
    where figures.measure = 'completion_rate'
),

completion_checks as (
    select
        rate.report_id, 'narrative_completion_rate_eq_final_over_budget' as rule_id, 'narrative' as table_number,
        rate.subject_key, rate.subject, rate.value as left_value,
        100 * final.amount / nullif(budget.amount, 0) as right_value,
        2 * rate.value_half_unit + 100 * (
            final.amount_half_unit + rate.value / 100 * budget.amount_half_unit
        ) / nullif(budget.amount, 0) as tolerance,
        rate.page, rate.sentence
    from completion_rates as rate
    join lateral (
        -- the 决算 figure nearest before the rate, in its part of the sentence
        select
            arg_max(stated.amount, stated.figure_no) as amount,
            arg_max(stated.amount_half_unit, stated.figure_no) as amount_half_unit
        from figures as stated
        where stated.report_id = rate.report_id and stated.sentence_no = rate.sentence_no
            and stated.measure = 'final' and stated.figure_no between rate.segment_start and rate.figure_no
    ) as final on true
    join lateral (
        -- the budget the words name: 年初预算, 全年预算, 调整预算; else the part's last budget
        select
            arg_max(stated.amount, (contains(stated.subject, qualifier.word), stated.figure_no)) as amount,
            arg_max(stated.amount_half_unit, (contains(stated.subject, qualifier.word), stated.figure_no))
                as amount_half_unit
        from figures as stated
        cross join (
            select coalesce(
                case
                    when contains(rate.share_of, '年初') then '年初'
                    when contains(rate.share_of, '全年') then '全年'
                    when contains(rate.share_of, '调整') then '调整'
                end, '预算'
            ) as word
        ) as qualifier
        where stated.report_id = rate.report_id and stated.sentence_no = rate.sentence_no
            and stated.measure = 'budget' and stated.figure_no < rate.figure_no
    ) as budget on true
    where budget.amount is not null and final.amount is not null
),

range_checks as (
    select
        report_id, 'narrative_share_within_0_100' as rule_id, 'narrative' as table_number, subject_key, subject,
        value as left_value, least(greatest(value, 0), 100) as right_value, 0 as tolerance, page, sentence
    from figures
    where measure = 'share'
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

budget_report_checks as (
    -- a 决算 narrative's 年初预算 of 一般公共预算财政拨款支出 against the same entity's and year's
    -- 预算 report, where that report is in the warehouse (its B05 合计)
    select
        figures.report_id, 'narrative_budget_eq_budget_report' as rule_id, 'B05' as table_number,
        figures.subject_key, figures.subject, figures.amount as left_value, b05.total as right_value,
        figures.amount_half_unit + {{ var('rounding_half_unit') }} as tolerance, figures.page, figures.sentence
    from figures
    join {{ ref('dim_report') }} as budget
        on budget.entity_key = figures.entity_key and budget.fiscal_year = figures.fiscal_year
            and budget.report_kind = 'budget' and budget.is_current
    join {{ ref('fct_budget_expenditure_by_function') }} as b05
        on b05.report_id = budget.report_id and b05.code_level = 0
    where figures.report_kind = 'final' and figures.measure = 'budget'
        and figures.subject_key = 'general_budget_expenditure' and contains(figures.subject, '年初')
),

three_public_budget_checks as (
    -- a 决算 narrative's 三公 预算 (年初预算, or 预算 unqualified) against 07's 预算数, as 07
    -- prints it (its first row of the item, as three_public_amounts reads the 决算数)
    select
        figures.report_id, 'narrative_three_public_budget_eq_07' as rule_id, '07' as table_number,
        figures.subject_key, figures.subject, figures.amount as left_value, budgets.amount as right_value,
        figures.amount_half_unit + {{ var('rounding_half_unit') }} as tolerance, figures.page, figures.sentence
    from figures
    join three_public_keys as keys on keys.subject_key = figures.subject_key
    join (
        select report_id, item_code, arg_min(budget_amount, row_no) as amount
        from {{ ref('fct_three_public_costs') }}
        group by all
    ) as budgets on budgets.report_id = figures.report_id and budgets.item_code = keys.item_code
    where figures.report_kind = 'final' and figures.measure = 'budget'
        and not regexp_matches(figures.subject, '全年|调整')
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
),

versus_checks as (
    -- 决算数小于/大于/持平 预算数: the words against the latest 决算 and the budget they name
    -- stated up to that sentence in its section, as printed (持平: within rounding; 基本持平: 1%)
    select
        words.report_id, 'narrative_final_vs_budget_word_matches' as rule_id, 'narrative' as table_number,
        words.subject_key, '决算数' || words.direction || words.share_of as subject,
        stated.final as left_value, stated.budget as right_value,
        {{ printed_rounding }} as tolerance, words.page, words.sentence,
        case
            when words.direction = '大于' then stated.final > stated.budget
            when words.direction = '小于' then stated.final < stated.budget
            when words.direction = '持平' then abs(stated.final - stated.budget) <= {{ printed_rounding }}
            when words.direction = '基本持平'
                then abs(stated.final - stated.budget) <= 0.01 * abs(stated.budget) + {{ printed_rounding }}
        end as passed
    from figures as words
    join lateral (
        select
            arg_max(earlier.amount, (earlier.sentence_no, earlier.figure_no)) filter (where earlier.measure = 'final')
                as final,
            arg_max(
                earlier.amount,
                (
                    contains(earlier.subject, regexp_extract(words.share_of, '(年初|全年|调整)')),
                    earlier.sentence_no,
                    earlier.figure_no
                )
            ) filter (where earlier.measure = 'budget') as budget
        from figures as earlier
        where earlier.report_id = words.report_id and earlier.section = words.section
            and (earlier.sentence_no, earlier.figure_no) < (words.sentence_no, words.figure_no)
    ) as stated on true
    where words.measure = 'final_vs_budget' and stated.final is not null and stated.budget is not null
),

equality_checks as (
    select * from amount_checks
    union all
    select * from item_checks
    union all
    select * from procurement_checks
    union all
    select * from budget_report_checks
    union all
    select * from three_public_budget_checks
    union all
    select * from range_checks
    union all
    select * from share_checks
    union all
    select * from rate_checks
    union all
    select * from last_year_checks
    union all
    select * from completion_checks
),

checks as (
    select *, coalesce(abs(left_value - right_value) <= tolerance, false) as passed from equality_checks
    union all
    select * from versus_checks
    union all
    select * from parts_checks
    union all
    select * from zero_base_checks
)

select
    checks.report_id,
    checks.rule_id,
    rules.severity,
    rules.label_zh as rule_label,
    checks.table_number,
    checks.subject_key,
    checks.subject,
    checks.left_value::decimal(38, 6) as left_value,
    checks.right_value::decimal(38, 6) as right_value,
    checks.tolerance::decimal(38, 6) as tolerance,
    case when checks.passed then 'pass' else 'fail' end as status,
    checks.page,
    checks.sentence
from checks
left join {{ ref('rules') }} as rules on rules.rule_id = checks.rule_id
{% endcall %}
