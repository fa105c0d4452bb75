-- Normalise the raw cells that tests/sql/load.py staged (tables files, rows,
-- cells) into typed tables, following data-contract.md and domain.md.
-- An independent implementation for the cross-check of `fuyuan query`; it
-- needs the functions regexp(P, S) (search; also `S REGEXP P`),
-- regexp_full(P, S) (whole value) and regexp_replace(S, P, R) from Python's re.
--
-- Result tables:
--   cases(cid, rid, file_no, line, case_key, filed_on, closed_on, court,
--         district, defendant, domain, action_type, case_type, type_class,
--         disposition, is_fi, is_loss, is_judgment, is_med_wd, hearing_held,
--         head_appeared, reconsidered, loss_causes)   -- after de-duplication
--   case_causes(cid, cause)            -- agency losses only; 未填写 when none
--   population(district, year, persons)
--   civil(court, district, month, month_start, civil_new)
--   recs(rec_no, kind, issuer, issued_on, recipient, due_on, replied_on, adoption,
--        district)
--   hearings(hearing_no, held_on, agency, head_attended)
--   rejects(kind, rid, file_no, line, reason)

---------------------------------------------------------------------------
-- Registry (domain.md) and rule tables (data-contract.md)

CREATE TABLE city(name TEXT);
INSERT INTO city VALUES ('鄂尔多斯市');

CREATE TABLE districts(ord INTEGER, name TEXT PRIMARY KEY);
INSERT INTO districts VALUES
 (1,'东胜区'),(2,'康巴什区'),(3,'达拉特旗'),(4,'准格尔旗'),(5,'鄂托克前旗'),
 (6,'鄂托克旗'),(7,'杭锦旗'),(8,'乌审旗'),(9,'伊金霍洛旗');

CREATE TABLE courts(ord INTEGER, name TEXT PRIMARY KEY, code TEXT, level TEXT,
                    district TEXT);
INSERT INTO courts VALUES
 (1,'鄂尔多斯市中级人民法院','内06','中级','市本级'),
 (2,'鄂尔多斯市东胜区人民法院','内0602','基层','东胜区'),
 (3,'鄂尔多斯市康巴什区人民法院','内0603','基层','康巴什区'),
 (4,'达拉特旗人民法院','内0621','基层','达拉特旗'),
 (5,'准格尔旗人民法院','内0622','基层','准格尔旗'),
 (6,'鄂托克前旗人民法院','内0623','基层','鄂托克前旗'),
 (7,'鄂托克旗人民法院','内0624','基层','鄂托克旗'),
 (8,'杭锦旗人民法院','内0625','基层','杭锦旗'),
 (9,'乌审旗人民法院','内0626','基层','乌审旗'),
 (10,'伊金霍洛旗人民法院','内0627','基层','伊金霍洛旗');

-- full names and short forms; any may carry the prefix 内蒙古自治区
CREATE TABLE court_names(alias TEXT PRIMARY KEY, name TEXT);
INSERT INTO court_names SELECT name, name FROM courts;
INSERT INTO court_names VALUES
 ('鄂尔多斯中院','鄂尔多斯市中级人民法院'),
 ('市中院','鄂尔多斯市中级人民法院'),
 ('东胜区人民法院','鄂尔多斯市东胜区人民法院'),
 ('康巴什区人民法院','鄂尔多斯市康巴什区人民法院');

-- case-type codes: code, case type, class (fi = first instance)
CREATE TABLE case_types(code TEXT PRIMARY KEY, case_type TEXT, class TEXT);
INSERT INTO case_types VALUES
 ('行初','行政一审','fi'),
 ('行终','行政二审','si'),
 ('行申','行政申请再审审查','retrial_review'),
 ('行再','行政再审','retrial'),
 ('行审','非诉行政行为申请执行审查','nonlit'),
 ('行审复','非诉执行审查复议','nonlit'),
 ('行监','行政依职权再审审查','retrial_review'),
 ('行抗','行政抗诉再审审查','retrial_review'),
 ('行赔初','行政赔偿一审','fi'),
 ('行赔终','行政赔偿二审','si'),
 ('行赔监','行政赔偿再审审查','retrial_review'),
 ('行赔申','行政赔偿再审审查','retrial_review'),
 ('行赔抗','行政赔偿再审审查','retrial_review'),
 ('行赔再','行政赔偿再审','retrial'),
 ('行辖','行政管辖','other'),
 ('行辖终','行政管辖','other'),
 ('行他','其他行政案件','other'),
 ('行赔他','其他行政案件','other');

-- 案号: (year) court-code [知] case-type-code sequence 号; codes longest first
CREATE TABLE re(name TEXT PRIMARY KEY, pattern TEXT);
INSERT INTO re VALUES ('case_no',
 '^[(\[〔【]\s*(\d{4})\s*[)\]〕】]\s*(最高法|[\u4e00-\u9fff])(\d{4}|\d{2})?(知)?' ||
 '(行审复|行赔初|行赔终|行赔监|行赔申|行赔抗|行赔再|行赔他|行辖终|' ||
 '行初|行终|行申|行再|行审|行监|行抗|行辖|行他)0*(\d{1,6})号$');

CREATE TABLE domain_patterns(ord INTEGER, domain TEXT, pattern TEXT);
INSERT INTO domain_patterns VALUES
 (1,'乡镇政府','镇人民政府|乡人民政府|苏木人民政府|街道办事处'),
 (2,'自然资源','自然资源|国土|规划'),
 (3,'公安','公安|派出所|交通管理|交警'),
 (4,'住房城乡建设','住房|城乡建设|住建|房产'),
 (5,'人力资源社会保障','人力资源|社会保障|人社|医疗保障'),
 (6,'市场监管','市场监督|市场监管|工商|食品药品'),
 (7,'生态环境','生态环境|环境保护|环保'),
 (8,'交通运输','交通运输'),
 (9,'城市管理','城市管理|城管|综合行政执法|综合执法'),
 (10,'农牧林草水利','农牧|农业|林业|草原|林草|水利'),
 (11,'应急管理','应急管理|安全生产'),
 (12,'税务','税务'),
 (13,'人民政府','人民政府');

-- dispositions: every regular expression, in table order; whole-value match
CREATE TABLE disp_patterns(ord INTEGER, category TEXT, pattern TEXT,
                           is_loss INTEGER, is_judgment INTEGER);
INSERT INTO disp_patterns VALUES
 (1,'驳回诉讼请求','判决驳回.*诉讼请求',0,1),
 (2,'驳回诉讼请求','驳回诉讼请求',0,1),
 (3,'撤销','判决撤销.*',1,1),
 (4,'撤销','撤销.*行政行为.*',1,1),
 (5,'撤销','判决部分撤销.*',1,1),
 (6,'撤销','撤销并责令重作',1,1),
 (7,'履行','判决(责令)?履行.*',1,1),
 (8,'履行','责令履行.*',1,1),
 (9,'给付','判决给付.*',1,1),
 (10,'确认违法','判决确认违法.*',1,1),
 (11,'确认违法','确认违法.*',1,1),
 (12,'确认无效','判决确认无效.*',1,1),
 (13,'确认无效','确认无效.*',1,1),
 (14,'变更','判决变更.*',1,1),
 (15,'赔偿','判决(行政)?赔偿.*',1,1),
 (16,'赔偿','判决补偿.*',1,1),
 (17,'驳回起诉','裁定驳回起诉.*',0,0),
 (18,'驳回起诉','驳回起诉',0,0),
 (19,'撤诉','准予撤诉',0,0),
 (20,'撤诉','裁定准予撤诉',0,0),
 (21,'撤诉','按撤诉处理',0,0),
 (22,'撤诉','按(自动)?撤诉处理.*',0,0),
 (23,'撤诉','撤诉',0,0),
 (24,'调解','调解.*',0,0),
 (25,'调解','调解结案',0,0),
 (26,'维持原判','驳回上诉.*维持原.*',0,0),
 (27,'维持原判','维持原判',0,0),
 (28,'撤回上诉','(准予)?撤回上诉',0,0),
 (29,'撤回上诉','按撤回上诉处理',0,0),
 (30,'准予执行','(裁定)?准予执行',0,0),
 (31,'不准予执行','(裁定)?不准予执行',0,0),
 (32,'改判','改判.*',0,0),
 (33,'发回重审','发回重审.*',0,0),
 (34,'发回重审','撤销原判.*发回.*',0,0),
 (35,'其他','终结.*',0,0),
 (36,'其他','移送.*',0,0),
 (37,'其他','不予立案',0,0),
 (38,'其他','其他',0,0);

CREATE TABLE causes(ord INTEGER, cause TEXT PRIMARY KEY);
INSERT INTO causes VALUES
 (1,'主要证据不足'),(2,'适用法律法规错误'),(3,'违反法定程序'),(4,'超越职权'),
 (5,'滥用职权'),(6,'明显不当'),(7,'不履行法定职责'),(8,'其他');
CREATE TABLE cause_patterns(ord INTEGER, pattern TEXT, cause TEXT);
INSERT INTO cause_patterns VALUES
 (1,'证据不足','主要证据不足'),
 (2,'适用法律.*错误','适用法律法规错误'),
 (3,'程序违法|违反.*程序','违反法定程序'),
 (4,'超越职权|越权','超越职权'),
 (5,'滥用职权','滥用职权'),
 (6,'不作为|未履行.*职责|拖延履行','不履行法定职责'),
 (7,'显失公正|明显不当','明显不当');

---------------------------------------------------------------------------
-- Cells: full-width digits, Latin letters and the brackets （）［］ folded to
-- half-width (〔〕【】 are accepted where a 案号 bracket is), then trimmed of
-- ASCII spaces, tabs, line breaks, NBSP and U+3000.

CREATE TABLE fold_map(k INTEGER PRIMARY KEY, fw TEXT, hw TEXT);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
INSERT INTO fold_map(fw, hw)
 SELECT char(65296 + i), char(48 + i) FROM n WHERE i < 10          -- ０-９
 UNION ALL SELECT char(65313 + i), char(65 + i) FROM n             -- Ａ-Ｚ
 UNION ALL SELECT char(65345 + i), char(97 + i) FROM n             -- ａ-ｚ
 UNION ALL VALUES ('（','('),('）',')'),('［','['),('］',']');

CREATE TABLE ws(chars TEXT);
INSERT INTO ws VALUES (' ' || char(9) || char(10) || char(13) || char(160) || char(12288));

CREATE TABLE cells_fw AS
SELECT rid, col, raw, raw REGEXP '[０-９Ａ-Ｚａ-ｚ（）［］]' AS fw FROM cells;
CREATE TABLE v AS
WITH RECURSIVE f(rid, col, v, k) AS (
  SELECT rid, col, raw, 0 FROM cells_fw WHERE fw
  UNION ALL
  SELECT f.rid, f.col, replace(f.v, m.fw, m.hw), f.k + 1
    FROM f JOIN fold_map m ON m.k = f.k + 1
)
SELECT rid, col, trim(v, (SELECT chars FROM ws)) AS v
  FROM f WHERE k = (SELECT max(k) FROM fold_map)
UNION ALL
SELECT rid, col, trim(raw, (SELECT chars FROM ws)) FROM cells_fw WHERE NOT fw;
CREATE INDEX v_rid ON v(rid, col);

-- Dates: 2023-01-05, 2023/1/5, 2023.1.5, 2023年1月5日, 20230105, Excel serial
-- (5 digits, days since 1899-12-30); a time part after a space is ignored.
-- iso is NULL for an empty optional date (empty, --, —, /, 无); bad = 1 when
-- the value is not a date.
CREATE TABLE dates AS
WITH d0 AS (
  SELECT rid, col, v,
         CASE WHEN instr(v, ' ') > 0 THEN substr(v, 1, instr(v, ' ') - 1)
              ELSE v END AS d
    FROM v
   WHERE col IN ('filed_on','closed_on','issued_on','due_on','replied_on','held_on')
), d1 AS MATERIALIZED (
  SELECT rid, col, v, d,
    CASE
      WHEN d GLOB '[0-9][0-9][0-9][0-9][0-9]'
        THEN date('1899-12-30', '+' || d || ' days')
      WHEN d GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'
        THEN substr(d, 1, 4) || '-' || substr(d, 5, 2) || '-' || substr(d, 7, 2)
      WHEN regexp_full('\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|' ||
                       '\d{4}\.\d{1,2}\.\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日', d)
        THEN regexp_replace(d, '^(\d{4})\D(\d+)\D(\d+)\D?$', '\1|\2|\3|')
    END AS ymd
  FROM d0
), d2 AS MATERIALIZED (
  SELECT rid, col, v,
    CASE WHEN ymd GLOB '*|*|*|' THEN
      printf('%s-%02d-%02d', substr(ymd, 1, 4),
             CAST(substr(ymd, 6) AS INTEGER),
             CAST(substr(ymd, instr(substr(ymd, 6), '|') + 6) AS INTEGER))
    ELSE ymd END AS iso
  FROM d1
)
SELECT rid, col,
       CASE WHEN iso IS NOT NULL AND date(iso, '+0 days') = iso THEN iso END AS iso,
       CASE WHEN v IN ('', '--', '—', '/', '无') THEN 0
            WHEN iso IS NOT NULL AND date(iso, '+0 days') = iso THEN 0
            ELSE 1 END AS bad,
       v IN ('', '--', '—', '/', '无') AS empty
  FROM d2;
CREATE INDEX dates_rid ON dates(rid, col);

CREATE TABLE rejects(kind TEXT, rid INTEGER, file_no INTEGER, line INTEGER,
                     reason TEXT);

---------------------------------------------------------------------------
-- Cases

CREATE TABLE case_cells AS
SELECT r.rid, r.file_no, r.line, r.ragged,
  coalesce(max(CASE WHEN v.col = 'case_no' THEN v.v END), '') AS case_no,
  coalesce(max(CASE WHEN v.col = 'court' THEN v.v END), '') AS court,
  coalesce(max(CASE WHEN v.col = 'filed_on' THEN v.v END), '') AS filed_raw,
  coalesce(max(CASE WHEN v.col = 'closed_on' THEN v.v END), '') AS closed_raw,
  coalesce(max(CASE WHEN v.col = 'defendant' THEN v.v END), '') AS defendant_cell,
  coalesce(max(CASE WHEN v.col = 'district' THEN v.v END), '') AS district_cell,
  coalesce(max(CASE WHEN v.col = 'domain' THEN v.v END), '') AS domain_cell,
  coalesce(max(CASE WHEN v.col = 'action_type' THEN v.v END), '') AS action_cell,
  coalesce(max(CASE WHEN v.col = 'disposition' THEN v.v END), '') AS disposition_cell,
  coalesce(max(CASE WHEN v.col = 'loss_causes' THEN v.v END), '') AS causes_cell,
  coalesce(max(CASE WHEN v.col = 'hearing_held' THEN v.v END), '') AS hearing_cell,
  coalesce(max(CASE WHEN v.col = 'head_appeared' THEN v.v END), '') AS head_cell,
  coalesce(max(CASE WHEN v.col = 'reconsidered' THEN v.v END), '') AS recon_cell
FROM rows r LEFT JOIN v ON v.rid = r.rid
WHERE r.kind = 'cases'
GROUP BY r.rid;

-- yes = 1, no = 0, unknown = NULL; a word not in this table rejects the row
CREATE TABLE yesno(word TEXT PRIMARY KEY, val INTEGER);
INSERT INTO yesno VALUES ('是',1),('y',1),('yes',1),('true',1),('1',1),('√',1),
 ('否',0),('n',0),('no',0),('false',0),('0',0),('×',0),
 ('',NULL),('不详',NULL),('未知',NULL);

CREATE TABLE case_parsed AS
WITH a AS MATERIALIZED (
  SELECT c.*,
    regexp_full((SELECT pattern FROM re WHERE name = 'case_no'), case_no) AS cn_ok,
    (SELECT pattern FROM re WHERE name = 'case_no') AS cn_re,
    (SELECT iso FROM dates d WHERE d.rid = c.rid AND d.col = 'filed_on') AS filed_on,
    coalesce((SELECT bad + empty FROM dates d WHERE d.rid = c.rid AND d.col = 'filed_on'), 1) AS filed_bad,
    (SELECT iso FROM dates d WHERE d.rid = c.rid AND d.col = 'closed_on') AS closed_on,
    coalesce((SELECT bad FROM dates d WHERE d.rid = c.rid AND d.col = 'closed_on'), 0) AS closed_bad,
    -- the first agency named (items separated by 、 ； ; ， , or a line break)
    trim(regexp_replace(defendant_cell, '(?s)^[、；;，,\s]*([^、；;，,\r\n]*).*$', '\1'),
         (SELECT chars FROM ws)) AS defendant,
    CASE WHEN substr(court, 1, 6) = '内蒙古自治区' THEN substr(court, 7)
         ELSE court END AS court_short
  FROM case_cells c
), a2 AS MATERIALIZED (
  -- the parts of the 案号: year|court code|知|case-type code|sequence|
  SELECT a.*,
    CASE WHEN cn_ok THEN regexp_replace(case_no, cn_re, '\1|\2\3|\4|\5|\6|') END AS parts
  FROM a
), a3 AS (
  SELECT a2.*, substr(parts, 1, 4) AS cn_year, substr(parts, 6) AS rest1
  FROM a2
), a4 AS (
  SELECT a3.*, substr(rest1, 1, instr(rest1, '|') - 1) AS cn_court,
         substr(rest1, instr(rest1, '|') + 1) AS rest2
  FROM a3
), a5 AS (
  SELECT a4.*, substr(rest2, 1, instr(rest2, '|') - 1) AS cn_zhi,
         substr(rest2, instr(rest2, '|') + 1) AS rest3
  FROM a4
), b AS (
  SELECT a5.*,
    substr(rest3, 1, instr(rest3, '|') - 1) AS cn_type,
    CAST(substr(rest3, instr(rest3, '|') + 1) AS INTEGER) AS cn_seq,
    cn_court || cn_zhi AS cn_court_zhi,
    (SELECT name FROM court_names WHERE alias = a5.court_short) AS court_by_name
  FROM a5
)
SELECT b.*,
  '(' || cn_year || ')' || cn_court_zhi || cn_type || cn_seq || '号' AS case_key,
  coalesce(court_by_name,
           (SELECT name FROM courts WHERE code = b.cn_court)) AS court_name,
  (SELECT val FROM yesno WHERE word = lower(hearing_cell)) AS hearing_held,
  (SELECT val FROM yesno WHERE word = lower(head_cell)) AS head_appeared,
  (SELECT val FROM yesno WHERE word = lower(recon_cell)) AS reconsidered,
  lower(hearing_cell) IN (SELECT word FROM yesno) AS hearing_ok,
  lower(head_cell) IN (SELECT word FROM yesno) AS head_ok,
  lower(recon_cell) IN (SELECT word FROM yesno) AS recon_ok,
  (SELECT class FROM case_types WHERE code = b.cn_type) AS type_class,
  (SELECT case_type FROM case_types WHERE code = b.cn_type) AS case_type
FROM b;

INSERT INTO rejects
SELECT 'cases', rid, file_no, line,
  CASE
    WHEN ragged THEN 'number of fields'
    WHEN court = '' THEN '经办法院 empty'
    WHEN NOT cn_ok THEN '案号'
    WHEN filed_bad THEN '立案日期'
    WHEN closed_bad THEN '结案日期'
    WHEN closed_on < filed_on THEN '结案日期 before 立案日期'
    WHEN closed_on IS NOT NULL AND disposition_cell = '' THEN '结案方式 missing'
    WHEN type_class = 'fi' AND defendant = '' THEN '被告 missing'
    WHEN court_name IS NULL THEN '经办法院 unknown'
    WHEN district_cell <> '' AND district_cell <> '市本级'
         AND district_cell NOT IN (SELECT name FROM districts) THEN '所属旗区 unknown'
    WHEN NOT hearing_ok THEN '是否开庭'
    WHEN NOT head_ok THEN '负责人出庭'
    WHEN NOT recon_ok THEN '是否经复议'
  END
FROM case_parsed WHERE
  ragged OR court = '' OR NOT cn_ok OR filed_bad OR closed_bad OR closed_on < filed_on
  OR (closed_on IS NOT NULL AND disposition_cell = '')
  OR (type_class = 'fi' AND defendant = '')
  OR court_name IS NULL
  OR (district_cell <> '' AND district_cell <> '市本级'
      AND district_cell NOT IN (SELECT name FROM districts))
  OR NOT hearing_ok OR NOT head_ok OR NOT recon_ok;

-- one row per 案号: the later 结案日期 wins (closed beats pending), then the
-- row read later (files by name, then line: rid is the read order)
CREATE TABLE case_ok AS
  SELECT p.*,
    row_number() OVER (PARTITION BY case_key
                       ORDER BY closed_on IS NOT NULL DESC, closed_on DESC,
                                rid DESC) AS pick
  FROM case_parsed p
  WHERE rid NOT IN (SELECT rid FROM rejects WHERE kind = 'cases');

CREATE TABLE cases AS
SELECT rid AS cid, rid, file_no, line, case_key, filed_on, closed_on,
  court_name AS court,
  CASE
    WHEN district_cell <> '' THEN district_cell
    -- the registered 旗区 name found first (leftmost) in 被告
    WHEN EXISTS (SELECT 1 FROM districts WHERE instr(ok.defendant, name) > 0)
      THEN (SELECT name FROM districts
             WHERE instr(ok.defendant, name) =
                   (SELECT min(instr(ok.defendant, name)) FROM districts
                     WHERE instr(ok.defendant, name) > 0))
    WHEN substr(defendant, 1, length((SELECT name FROM city)))
         = (SELECT name FROM city) THEN '市本级'
    ELSE (SELECT district FROM courts WHERE name = ok.court_name)
  END AS district,
  nullif(defendant, '') AS defendant,
  CASE WHEN domain_cell <> '' THEN domain_cell
       ELSE coalesce((SELECT domain FROM domain_patterns
                       WHERE ok.defendant REGEXP pattern ORDER BY ord LIMIT 1),
                     '其他') END AS domain,
  CASE WHEN action_cell <> '' THEN action_cell ELSE '其他' END AS action_type,
  case_type, type_class,
  CASE WHEN closed_on IS NOT NULL THEN
    coalesce((SELECT category FROM disp_patterns
               WHERE regexp_full(pattern, ok.disposition_cell) ORDER BY ord LIMIT 1),
             '其他') END AS disposition,
  type_class = 'fi' AS is_fi,
  hearing_held, head_appeared, reconsidered,
  causes_cell AS loss_causes
FROM case_ok ok WHERE pick = 1;

CREATE TABLE cases2 AS
SELECT c.*,
  is_fi AND coalesce((SELECT max(is_loss) FROM disp_patterns
                       WHERE category = c.disposition), 0) AS is_loss,
  is_fi AND coalesce((SELECT max(is_judgment) FROM disp_patterns
                       WHERE category = c.disposition), 0) AS is_judgment,
  is_fi AND c.disposition IN ('调解', '撤诉') AS is_med_wd
FROM cases c;
DROP TABLE cases;
ALTER TABLE cases2 RENAME TO cases;
CREATE INDEX cases_cid ON cases(cid);

-- 败诉原因 of agency losses: list items (separators ； ; 、 ， , /), each mapped
-- to the canonical cause it equals, else to the first pattern found, else 其他;
-- a loss with no cause counts under 未填写.
CREATE TABLE case_causes AS
WITH RECURSIVE sp(cid, rest, item) AS (
  SELECT cid,
    replace(replace(replace(replace(replace(replace(loss_causes,
      '；', char(31)), ';', char(31)), '、', char(31)), '，', char(31)),
      ',', char(31)), '/', char(31)) || char(31),
    NULL
  FROM cases WHERE is_loss
  UNION ALL
  SELECT cid, substr(rest, instr(rest, char(31)) + 1),
         trim(substr(rest, 1, instr(rest, char(31)) - 1), (SELECT chars FROM ws))
  FROM sp WHERE rest <> ''
), items AS (
  SELECT cid, item FROM sp WHERE item IS NOT NULL AND item <> ''
)
SELECT DISTINCT cid,
  CASE WHEN item IN (SELECT cause FROM causes) THEN item
       ELSE coalesce((SELECT cause FROM cause_patterns
                       WHERE items.item REGEXP pattern ORDER BY ord LIMIT 1),
                     '其他') END AS cause
FROM items
UNION
SELECT cid, '未填写' FROM cases
 WHERE is_loss AND cid NOT IN (SELECT cid FROM items);
CREATE INDEX case_causes_cid ON case_causes(cid, cause);

-- Every 被告 of a case (data contract: separated by 、 ； ; ， , or a line
-- break; a name repeated in the cell counts once), one row per (case, name);
-- ord is the place of its first mention. metrics.md: split by defendant, a
-- case counts under each of them.
CREATE TABLE case_defendants AS
WITH RECURSIVE sp(cid, rest, item, ord) AS (
  SELECT c.cid,
    replace(replace(replace(replace(replace(replace(replace(cc.defendant_cell,
      '、', char(31)), '；', char(31)), ';', char(31)), '，', char(31)),
      ',', char(31)), char(13), char(31)), char(10), char(31)) || char(31),
    NULL, 0
  FROM cases c JOIN case_cells cc ON cc.rid = c.cid
  UNION ALL
  SELECT cid, substr(rest, instr(rest, char(31)) + 1),
         trim(substr(rest, 1, instr(rest, char(31)) - 1), (SELECT chars FROM ws)),
         ord + 1
  FROM sp WHERE rest <> ''
)
SELECT cid, item AS name, min(ord) AS ord
FROM sp WHERE item IS NOT NULL AND item <> ''
GROUP BY cid, item;
CREATE INDEX case_defendants_cid ON case_defendants(cid, name);

-- 复议机关作共同被告: two or more different 被告, one after the first a name
-- ending in 人民政府
CREATE TABLE cases3 AS
SELECT c.*,
  EXISTS (SELECT 1 FROM case_defendants d
           WHERE d.cid = c.cid AND d.name <> c.defendant
             AND substr(d.name, -4) = '人民政府') AS is_joint
FROM cases c;
DROP TABLE cases;
ALTER TABLE cases3 RENAME TO cases;
CREATE INDEX cases_cid3 ON cases(cid);

---------------------------------------------------------------------------
-- Population: counts (thousands separators), or 万人 with up to 4 decimals

CREATE TABLE population AS
WITH c AS (
  SELECT r.rid, r.file_no, r.line, r.ragged, f.wan,
    coalesce(max(CASE WHEN v.col = 'district' THEN v.v END), '') AS district,
    coalesce(max(CASE WHEN v.col = 'year' THEN v.v END), '') AS year,
    coalesce(max(CASE WHEN v.col = 'population' THEN v.v END), '') AS pop
  FROM rows r JOIN files f ON f.file_no = r.file_no
  LEFT JOIN v ON v.rid = r.rid
  WHERE r.kind = 'population' GROUP BY r.rid
), ok AS (
  SELECT rid, district, CAST(substr(year, 1, 4) AS INTEGER) AS year,
    CASE WHEN wan THEN
           CAST(regexp_replace(pop, '^(\d+).*$', '\1') AS INTEGER) * 10000
           + CAST(substr(regexp_replace(pop, '^\d+\.?', '') || '0000', 1, 4) AS INTEGER)
         ELSE CAST(replace(pop, ',', '') AS INTEGER) END AS persons
  FROM c
  WHERE NOT ragged
    AND (district IN (SELECT name FROM districts) OR district IN (SELECT name FROM city))
    AND regexp_full('\d{4}年?', year)         -- 2023 or 2023年
    AND CASE WHEN wan THEN regexp_full('\d+(\.\d{1,4})?', pop)
             ELSE regexp_full('\d{1,3}(,\d{3})+|\d+', pop) END
)
-- the same (旗区, year) twice: the first row read is kept
SELECT district, year, persons FROM ok o
WHERE rid = (SELECT min(rid) FROM ok WHERE district = o.district AND year = o.year);

---------------------------------------------------------------------------
-- Civil first-instance filings (monthly counts)

CREATE TABLE civil AS
WITH c AS (
  SELECT r.rid, r.ragged,
    coalesce(max(CASE WHEN v.col = 'court' THEN v.v END), '') AS court,
    coalesce(max(CASE WHEN v.col = 'month' THEN v.v END), '') AS month,
    coalesce(max(CASE WHEN v.col = 'civil_new' THEN v.v END), '') AS n
  FROM rows r LEFT JOIN v ON v.rid = r.rid
  WHERE r.kind = 'civil_filings' GROUP BY r.rid
), m AS (
  SELECT c.*,
    (SELECT name FROM court_names WHERE alias =
       CASE WHEN substr(court, 1, 6) = '内蒙古自治区' THEN substr(court, 7)
            ELSE court END) AS court_name,
    CASE WHEN regexp_full('\d{4}-\d{1,2}|\d{4}/\d{1,2}|\d{4}年\d{1,2}月', month)
           THEN printf('%s-%02d', substr(month, 1, 4),
                  CAST(regexp_replace(month, '^\d{4}\D(\d+)\D?$', '\1') AS INTEGER))
         WHEN regexp_full('\d{6}', month)
           THEN substr(month, 1, 4) || '-' || substr(month, 5, 2)
    END AS ym
  FROM c
), ok AS (
  SELECT rid, court_name AS court,
    (SELECT district FROM courts WHERE name = m.court_name) AS district,
    ym AS month, ym || '-01' AS month_start,
    CAST(replace(n, ',', '') AS INTEGER) AS civil_new
  FROM m
  WHERE NOT ragged AND court_name IS NOT NULL AND ym IS NOT NULL
    AND CAST(substr(ym, 6, 2) AS INTEGER) BETWEEN 1 AND 12
    AND regexp_full('\d{1,3}(,\d{3})+|\d+', n)
)
-- the same (court, month) twice is an error: the first row read is kept
SELECT court, district, month, month_start, civil_new FROM ok o
WHERE rid = (SELECT min(rid) FROM ok WHERE court = o.court AND month = o.month);

---------------------------------------------------------------------------
-- Recommendations

CREATE TABLE recs AS
WITH c AS (
  SELECT r.rid, r.ragged,
    coalesce(max(CASE WHEN v.col = 'rec_no' THEN v.v END), '') AS rec_no,
    coalesce(max(CASE WHEN v.col = 'kind' THEN v.v END), '') AS kind,
    coalesce(max(CASE WHEN v.col = 'issuer' THEN v.v END), '') AS issuer,
    coalesce(max(CASE WHEN v.col = 'recipient' THEN v.v END), '') AS recipient,
    coalesce(max(CASE WHEN v.col = 'adoption' THEN v.v END), '') AS adoption,
    (SELECT iso FROM dates d WHERE d.rid = r.rid AND d.col = 'issued_on') AS issued_on,
    (SELECT iso FROM dates d WHERE d.rid = r.rid AND d.col = 'due_on') AS due_given,
    (SELECT iso FROM dates d WHERE d.rid = r.rid AND d.col = 'replied_on') AS replied_on,
    coalesce((SELECT bad FROM dates d WHERE d.rid = r.rid AND d.col IN ('due_on', 'replied_on')
               AND bad), 0) AS bad
  FROM rows r LEFT JOIN v ON v.rid = r.rid
  WHERE r.kind = 'recommendations' GROUP BY r.rid
), ok AS (
  SELECT rid, rec_no, kind, issuer, issued_on, recipient,
    coalesce(due_given, date(issued_on, '+60 days')) AS due_on,
    replied_on, nullif(adoption, '') AS adoption
  FROM c
  WHERE NOT ragged AND rec_no <> '' AND kind IN ('司法建议', '检察建议')
    AND issuer <> '' AND issued_on IS NOT NULL AND recipient <> '' AND NOT bad
    AND adoption IN ('', '采纳', '部分采纳', '未采纳')
)
-- 建议编号 is unique: the first row read is kept.  Its 旗区 is the
-- recipient's: the registered 旗区 name found first in 接收单位, else 市本级
-- (the city's own bodies and every other recipient).
SELECT o.*,
  CASE
    WHEN EXISTS (SELECT 1 FROM districts WHERE instr(o.recipient, name) > 0)
      THEN (SELECT name FROM districts
             WHERE instr(o.recipient, name) =
                   (SELECT min(instr(o.recipient, name)) FROM districts
                     WHERE instr(o.recipient, name) > 0))
    ELSE '市本级'
  END AS district
FROM ok o WHERE rid = (SELECT min(rid) FROM ok WHERE rec_no = o.rec_no);

---------------------------------------------------------------------------
-- Procuratorate hearings

CREATE TABLE hearings AS
WITH c AS (
  SELECT r.rid, r.ragged,
    coalesce(max(CASE WHEN v.col = 'hearing_no' THEN v.v END), '') AS hearing_no,
    coalesce(max(CASE WHEN v.col = 'agency' THEN v.v END), '') AS agency,
    coalesce(max(CASE WHEN v.col = 'head_attended' THEN v.v END), '') AS head,
    (SELECT iso FROM dates d WHERE d.rid = r.rid AND d.col = 'held_on') AS held_on
  FROM rows r LEFT JOIN v ON v.rid = r.rid
  WHERE r.kind = 'hearings' GROUP BY r.rid
), ok AS (
  SELECT rid, hearing_no, held_on, agency,
    (SELECT val FROM yesno WHERE word = lower(head)) AS head_attended
  FROM c
  -- 负责人出席 is required: yes or no (unknown, 不详, is not an answer)
  WHERE NOT ragged AND hearing_no <> '' AND held_on IS NOT NULL AND agency <> ''
    AND (SELECT val FROM yesno WHERE word = lower(head)) IS NOT NULL
)
-- 听证编号 is unique: the first row read is kept
SELECT * FROM ok o
WHERE rid = (SELECT min(rid) FROM ok WHERE hearing_no = o.hearing_no);
