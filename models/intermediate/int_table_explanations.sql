-- For each report and standard table, the first sentence saying the table has nothing to show
-- (int_table_mentions' says_empty): what makes a table not printed, or listed and not printed,
-- 'explained' rather than failed.
select
    report_id,
    table_number,
    arg_min(sentence, sentence_no) as sentence,
    arg_min(page, sentence_no) as page
from {{ ref('int_table_mentions') }}
where says_empty
group by all
