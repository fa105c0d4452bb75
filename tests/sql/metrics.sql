-- The metrics of metrics.md over the tables of normalise.sql, for the period
-- in table params (start, end, as-of; as-of NULL = each bucket's end).
--
-- Every *_facts view has one row per (item, bucket) with bkind one of
-- 'none' (the whole period P), 'month', 'quarter', 'year' (each bucket that
-- intersects P, evaluated as its own period P ∩ bucket: 旧存 at its start,
-- 未结 at its end, as-of = --as-of or the bucket's end), the bucket label
-- tlabel, and one 0/1 column per numerator / denominator:
--   a metric = SUM(numerator column) [/ SUM(denominator column)]
-- crosscheck.py groups these views by the requested dimensions.

CREATE TABLE IF NOT EXISTS params(start TEXT, "end" TEXT, asof TEXT);

DROP VIEW IF EXISTS buckets;
CREATE VIEW buckets AS
WITH RECURSIVE m(ms) AS (
  SELECT date(start, 'start of month') FROM params
  UNION ALL
  SELECT date(ms, '+1 month') FROM m
   WHERE date(ms, '+1 month') <= (SELECT "end" FROM params)
), mm AS (
  SELECT ms, date(ms, '+1 month', '-1 day') AS me,
         strftime('%Y-%m', ms) AS month,
         strftime('%Y', ms) || 'Q' ||
           ((CAST(strftime('%m', ms) AS INTEGER) + 2) / 3) AS quarter,
         strftime('%Y', ms) AS year
  FROM m
), b AS (
  SELECT 'none' AS bkind, NULL AS tlabel, start AS bs, "end" AS be FROM params
  UNION ALL
  SELECT 'month', month, max(ms, p.start), min(me, p."end") FROM mm, params p
  UNION ALL
  SELECT 'quarter', quarter, max(min(ms), p.start), min(max(me), p."end")
    FROM mm, params p GROUP BY quarter
  UNION ALL
  SELECT 'year', year, max(min(ms), p.start), min(max(me), p."end")
    FROM mm, params p GROUP BY year
)
SELECT bkind, tlabel, bs, be, coalesce((SELECT asof FROM params), be) AS asof
FROM b;

-- Cases: attribution by 立案日期 (新收) and 结案日期 (审结); the rates about how
-- cases ended are over first-instance cases closed in the bucket.
DROP VIEW IF EXISTS case_facts;
CREATE VIEW case_facts AS
WITH f AS (
  SELECT c.*, b.bkind, b.tlabel, b.bs, b.be,
    (c.filed_on BETWEEN b.bs AND b.be) AS f_filed,
    coalesce(c.closed_on BETWEEN b.bs AND b.be, 0) AS f_closed,
    (c.filed_on < b.bs AND (c.closed_on IS NULL OR c.closed_on >= b.bs))
      AS f_pending_start,
    (c.filed_on <= b.be AND (c.closed_on IS NULL OR c.closed_on > b.be))
      AS f_pending_end
  FROM cases c CROSS JOIN buckets b
)
SELECT f.*,
  f_pending_start + f_filed AS f_closure_den,
  (f_closed AND is_fi) AS f_fi_closed,
  (f_closed AND is_loss) AS f_loss,
  (f_closed AND is_judgment) AS f_judgment,
  (f_closed AND is_med_wd) AS f_med_wd,
  (f_closed AND is_fi AND coalesce(hearing_held, 0) = 1) AS f_heard,
  (f_closed AND is_fi AND coalesce(hearing_held, 0) = 1
     AND coalesce(head_appeared, 0) = 1) AS f_head,
  (f_filed AND is_fi) AS f_fi_filed,
  -- 是否经复议: unknown (NULL) counts as no
  (f_closed AND is_fi AND coalesce(reconsidered, 0) = 1) AS f_recon,
  (f_closed AND is_fi AND coalesce(reconsidered, 0) = 1 AND is_loss)
    AS f_recon_loss,
  (f_closed AND is_fi AND coalesce(reconsidered, 0) = 1 AND is_joint)
    AS f_joint,
  -- the 复议机关 as co-defendant lost with the agency (split by defendant,
  -- crosscheck.py counts it under the 复议机关 only)
  (f_closed AND is_fi AND coalesce(reconsidered, 0) = 1 AND is_joint
     AND is_loss) AS f_review_loss
FROM f;

-- Loss causes: one row per (agency loss closed in the bucket, cause cited)
DROP VIEW IF EXISTS cause_facts;
CREATE VIEW cause_facts AS
SELECT f.*, cc.cause
FROM case_facts f JOIN case_causes cc ON cc.cid = f.cid
WHERE f.f_loss;

-- Civil first-instance filings: a monthly count lies in the bucket when its
-- month does (buckets never cut a month: such a period is an error)
DROP VIEW IF EXISTS civil_facts;
CREATE VIEW civil_facts AS
SELECT c.*, b.bkind, b.tlabel, b.bs, b.be,
  CASE WHEN c.month_start BETWEEN b.bs AND b.be THEN c.civil_new ELSE 0 END
    AS f_civil
FROM civil c CROSS JOIN buckets b;

-- Population of a 旗区 in a year: that year's row, else the latest earlier
-- year's; the city: its own row for that year, else the sum of its 旗区 (each
-- with that fallback).
DROP VIEW IF EXISTS district_population;
CREATE VIEW district_population AS
SELECT d.name AS district,
  (SELECT p.persons FROM population p
    WHERE p.district = d.name
      AND p.year <= CAST(strftime('%Y', (SELECT "end" FROM params)) AS INTEGER)
    ORDER BY p.year DESC LIMIT 1) AS persons
FROM districts d;

DROP VIEW IF EXISTS city_population;
CREATE VIEW city_population AS
SELECT coalesce(
  (SELECT p.persons FROM population p
    WHERE p.district = (SELECT name FROM city)
      AND p.year = CAST(strftime('%Y', (SELECT "end" FROM params)) AS INTEGER)),
  (SELECT sum(persons) FROM district_population)) AS persons;

-- Recommendations (司法建议 / 检察建议)
DROP VIEW IF EXISTS rec_facts;
CREATE VIEW rec_facts AS
SELECT r.*, b.bkind, b.tlabel, b.bs, b.be, b.asof,
  (r.issued_on BETWEEN b.bs AND b.be) AS f_issued,
  (r.due_on BETWEEN b.bs AND b.be) AS f_due,
  (r.due_on BETWEEN b.bs AND b.be AND r.replied_on IS NOT NULL
     AND r.replied_on <= r.due_on) AS f_on_time,
  (r.due_on < b.asof AND (r.replied_on IS NULL OR r.replied_on > b.asof))
    AS f_overdue,
  (r.issued_on BETWEEN b.bs AND b.be AND r.replied_on IS NOT NULL
     AND r.replied_on <= b.asof) AS f_replied,
  (r.issued_on BETWEEN b.bs AND b.be AND r.replied_on IS NOT NULL
     AND r.replied_on <= b.asof
     AND coalesce(r.adoption IN ('采纳', '部分采纳'), 0)) AS f_adopted
FROM recs r CROSS JOIN buckets b;

-- Procuratorate hearings
DROP VIEW IF EXISTS hearing_facts;
CREATE VIEW hearing_facts AS
SELECT h.*, b.bkind, b.tlabel, b.bs, b.be,
  (h.held_on BETWEEN b.bs AND b.be) AS f_held,
  (h.held_on BETWEEN b.bs AND b.be AND coalesce(h.head_attended, 0) = 1)
    AS f_attended
FROM hearings h CROSS JOIN buckets b;
