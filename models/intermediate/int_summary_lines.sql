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
            else coalesce({{ line_key_by_pattern('labelled') }}, case when classes.functional_code is not null then 'class' end)
        end as base_key,
        classes.functional_code
    from labelled
    left join classes
        on labelled.side = 'expenditure' and classes.name = labelled.label
),

-- The first 年初 line of each table and side (a window, so a filter on the report reaches it).
opened as (
    select
        *,
        min(case when base_key = 'opening_balance' then row_no end)
            over (partition by report_id, table_number, side) as opening_row_no
    from keyed
)

select
    report_id,
    table_number,
    side,
    line_no,
    item_name,
    -- In 04 the appropriation lines printed below 年初财政拨款结转和结余 break that balance down.
    case
        when base_key like '%_appropriation' and row_no > opening_row_no
            then 'opening_breakdown_' || replace(base_key, '_appropriation', '')
        else base_key
    end as line_key,
    functional_code,
    amount_column,
    amount,
    placement,
    page,
    row_no
from opened
