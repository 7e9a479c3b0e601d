-- 01 and 04 unpivoted: one row per printed line, side and amount column, each line given a
-- key (year_total, opening_balance, a functional class …) so identities can name lines
-- whatever their printed wording.
with summary as (
    select '01' as table_number, * from {{ ref('stg_income_expenditure_summary') }} where {{ is_current_report() }}
    union all by name
    select '04' as table_number, * from {{ ref('stg_fiscal_appropriation_summary') }} where {{ is_current_report() }}
),

sides as (
    {{ summary_sides('summary', ['table_number'], "summary.table_number = '04' or columns.column_name = 'total'") }}
),

labelled as (
    select
        *,
        {{ summary_label(label_key('item_name')) }} as label
    from sides
),

pattern_keys as (
    {{ line_keys_by_pattern('labelled', ['report_id', 'table_number', 'row_no', 'side']) }}
),

classes as (
    select name, functional_code
    from {{ ref('functional_codes') }}
    where level = 1
),

keyed as (
    select
        labelled.*,
        case
            -- 其中：政府性基金预算财政拨款 is part of the line above it, never a sibling to add up
            when starts_with(labelled.label, '其中') then 'of_which'
            else coalesce(pattern_keys.line_key, case when classes.functional_code is not null then 'class' end)
        end as base_key,
        classes.functional_code
    from labelled
    left join pattern_keys
        on pattern_keys.report_id = labelled.report_id
            and pattern_keys.table_number = labelled.table_number
            and pattern_keys.row_no = labelled.row_no
            and pattern_keys.side = labelled.side
    left join classes
        on labelled.side = 'expenditure' and classes.name = labelled.label
),

opening_rows as (
    select report_id, table_number, side, min(row_no) as opening_row_no
    from keyed
    where base_key = 'opening_balance'
    group by all
)

select
    keyed.report_id,
    keyed.table_number,
    keyed.side,
    keyed.line_no,
    keyed.item_name,
    -- In 04 the appropriation lines printed below 年初财政拨款结转和结余 break that balance down.
    case
        when keyed.base_key like '%_appropriation' and keyed.row_no > opening_rows.opening_row_no
            then 'opening_breakdown_' || replace(keyed.base_key, '_appropriation', '')
        else keyed.base_key
    end as line_key,
    keyed.functional_code,
    keyed.amount_column,
    keyed.amount,
    keyed.placement,
    keyed.page,
    keyed.row_no
from keyed
left join opening_rows
    on opening_rows.report_id = keyed.report_id
        and opening_rows.table_number = keyed.table_number
        and opening_rows.side = keyed.side
