// The DuckDB peer of `make bench`: the five first-instance figures of
// `fuyuan query --metric fi_closed,agency_losses,mediated_withdrawn,
// hearings_held,head_appearances --by court --year Y`, by court, computed
// in SQL from the rules of data-contract.md (spec.json holds its tables).
//
//   DUCKDB_DIR=.bench/duckdb node tools/bench/duckdb_figures.mjs DATA_DIR YEAR [THREADS] [naive]
//
// With `naive`, the same grouped counts straight from the cells as read,
// none of the contract's rules (no court names, dates, dispositions,
// yes/no words, rejects or duplicates): not a peer, since its figures are
// wrong on exports like these, but the kind of query a quick comparison
// times; `make bench` shows it for information (docs/performance.md).
//
// DUCKDB_DIR is the folder where `npm install` put @duckdb/node-api.
//
// JavaScript only finds each file's header row below its title rows
// (reading the first few lines) and maps the header names to column keys;
// DuckDB reads every case file once (read_csv, all columns as text) and
// does the rest: trimming and full-width folding (translate() only where
// a value holds a full-width form: it costs microseconds a call), the 案号 grammar, court
// names and codes, dates in every spelling, the disposition table,
// yes/no, the rows the contract rejects, duplicates (the later 结案日期
// wins, a closed row beats a pending one, then the later file) and the
// grouped figures. Output: CSV on stdout, one row per court and 合计.
//
// Known difference from the contract: of two rows of the same 案号 in the
// same file with the same 结案日期, either may win, not the later one
// (DuckDB's CSV reader gives no row number); the generator's duplicates
// inside a file are verbatim copies, so the figures do not change.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { DuckDBInstance } = createRequire(
  path.resolve(process.env.DUCKDB_DIR || '.bench/duckdb', 'package.json'))(
  '@duckdb/node-api');
const spec = JSON.parse(fs.readFileSync(path.join(here, 'spec.json'), 'utf8'));
const [dir, year, threads = '2', mode = ''] = process.argv.slice(2);
if (!dir || !year) {
  console.error('usage: duckdb_figures.mjs DATA_DIR YEAR [THREADS]');
  process.exit(2);
}

const FW = [], HW = [];
for (let c = 0xFF01; c <= 0xFF5E; c++) {
  FW.push(String.fromCharCode(c));
  HW.push(String.fromCharCode(c - 0xFEE0));
}
const WS = ' \t\r\n\u00a0\u3000';
const fold = (s) => {
  let o = '';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    o += c >= 0xFF01 && c <= 0xFF5E ? String.fromCharCode(c - 0xFEE0) : ch;
  }
  return o.replace(/^[ \t\r\n\u00a0\u3000]+|[ \t\r\n\u00a0\u3000]+$/g, '');
};
const keyOf = new Map();
for (const [key, names] of Object.entries(spec.case_columns))
  for (const n of names) keyOf.set(n, key);
for (const key of Object.keys(spec.case_columns)) keyOf.set(key, key);
// English keys of the contract
for (const [k, e] of [['filed_on', 'filed_on'], ['closed_on', 'closed_on'],
  ['hearing_held', 'hearing_held'], ['head_appeared', 'head_appeared']]) keyOf.set(e, k);

// Split one CSV line (header rows hold no line breaks).
function cells(line) {
  const out = [];
  let cur = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

// The header of a cases file: {skip (lines above it), names: key -> header}.
function caseHeader(file) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(65536);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  let text = buf.subarray(0, n).toString('utf8');
  if (text.charCodeAt(0) === 0xFEFF) text = text.slice(1);
  const lines = text.split('\n').slice(0, 12);
  let tried = 0;
  for (let i = 0; i < lines.length && tried <= 5; i++) {
    const cs = cells(lines[i].replace(/\r$/, ''));
    if (cs.every((c) => fold(c) === '')) continue;
    tried++;
    const names = {};
    for (const c of cs) {
      const k = keyOf.get(fold(c));
      if (k && !(k in names)) names[k] = c;
    }
    if ('case_no' in names && 'filed_on' in names) return { skip: i, names };
  }
  return null;
}

const files = fs.readdirSync(dir).filter((f) => /\.csv$/i.test(f)).sort()
  .map((f) => path.join(dir, f));
const q = (s) => "'" + s.replace(/'/g, "''") + "'";
const ident = (s) => '"' + s.replace(/"/g, '""') + '"';
const parts = [];
files.forEach((file, no) => {
  const h = caseHeader(file);
  if (!h) return;
  const col = (k) => (k in h.names ? `coalesce(${ident(h.names[k])}, '')` : "''");
  parts.push(`SELECT ${no} AS file_no, ${Object.keys(spec.case_columns)
    .map((k) => `${col(k)} AS ${k}`).join(', ')}
    FROM read_csv(${q(file)}, skip=${h.skip}, header=true, all_varchar=true,
                  delim=',', quote='"', escape='"', null_padding=true,
                  strict_mode=false)`);
});
if (!parts.length) {
  console.error('duckdb_figures: no cases file in ' + dir);
  process.exit(3);
}

const caseNoRaw = spec.case_no
  .replace('^[(\\[〔【]', '^[\\s\\x{3000}\\x{a0}]*[(\\[〔【（［]')
  .replace('[)\\]〕】]', '[)\\]〕】）］]')
  .replace(/\[0-9\]/g, '[0-9０-９]')
  .replace('0*([1-9]', '[0０]*([1-9１-９]')
  .replace('号$', '号[\\s\\x{3000}\\x{a0}]*$');
const list = (a) => '[' + a.map(q).join(', ') + ']';
const courtRows = [];
for (const [name, code, , aliases] of spec.courts)
  for (const a of [name, ...aliases]) courtRows.push(`(${q(a)}, ${q(name)})`);
const codeRows = spec.courts.map(([name, code]) => `(${q(code)}, ${q(name)})`);
const dispRows = spec.dispositions.map(([cat, re], i) => `(${i}, ${q(cat)}, ${q(re)})`);
const typeRows = Object.entries(spec.case_types).map(([c, k]) => `(${q(c)}, ${q(k)})`);

const inList = (a) => '(' + a.map(q).join(', ') + ')';
const yesno = inList([...spec.yes, ...spec.no, ...spec.unknown]);
const DIG_FW = '０１２３４５６７８９';
const sql = `
CREATE MACRO nf(s) AS trim(CASE WHEN regexp_matches(s, '[\\x{FF01}-\\x{FF5E}]')
  THEN translate(s, ${q(FW.join(''))}, ${q(HW.join(''))}) ELSE s END, ${q(WS)});
CREATE MACRO ymd(x) AS CASE
  WHEN (x.s1 = x.s2 AND x.s1 <> '年' AND x.d2 = '')
       OR (x.s1 = '年' AND x.s2 = '月' AND x.d2 = '日')
    THEN try_cast(x.y || '-' || x.m || '-' || x.d AS DATE) END;
CREATE MACRO pdate(s) AS CASE
  WHEN regexp_full_match(s, '[0-9]{5}(\\.[0-9]+)?')
    THEN DATE '1899-12-30' + CAST(left(s, 5) AS INTEGER)
  WHEN regexp_full_match(s, '[0-9]{8}')
    THEN try_cast(left(s, 4) || '-' || substr(s, 5, 2) || '-' || substr(s, 7, 2) AS DATE)
  ELSE ymd(regexp_extract(s,
    '^([0-9]{4})([-/.]|年)([0-9]{1,2})([-/.]|月)([0-9]{1,2})(日?)'
    || '(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]{1,9})?)?)?$',
    ['y', 's1', 'm', 's2', 'd', 'd2']))
  END;
CREATE TABLE court_names(alias VARCHAR, name VARCHAR);
INSERT INTO court_names VALUES ${courtRows.join(', ')};
CREATE TABLE court_codes(code VARCHAR, name VARCHAR);
INSERT INTO court_codes VALUES ${codeRows.join(', ')};
CREATE TABLE disp_rules(ord INTEGER, category VARCHAR, pattern VARCHAR);
INSERT INTO disp_rules VALUES ${dispRows.join(', ')};
CREATE TABLE case_types(code VARCHAR, class VARCHAR);
INSERT INTO case_types VALUES ${typeRows.join(', ')};

-- one scan of the files: the cells as read, and the parts of the 案号
-- (its brackets and digits may be full-width: folded in the parts only)
CREATE TABLE raw AS
SELECT file_no, CASE WHEN regexp_matches(cn.y || cn.digits || cn.seq, '[０-９]')
    THEN translate(cn.y, '${DIG_FW}', '0123456789') || cn.court
         || translate(cn.digits, '${DIG_FW}', '0123456789') || cn.ip || cn.type
         || CAST(CAST(translate(cn.seq, '${DIG_FW}', '0123456789') AS INTEGER) AS VARCHAR)
    ELSE cn.y || cn.court || cn.digits || cn.ip || cn.type
         || CAST(CAST(cn.seq AS INTEGER) AS VARCHAR) END AS case_key,
  cn.type AS type,
  CASE WHEN regexp_matches(cn.digits, '[０-９]')
    THEN cn.court || translate(cn.digits, '${DIG_FW}', '0123456789')
    ELSE cn.court || cn.digits END AS court_code,
  court, filed_on, closed_on, defendant, district, disposition,
  hearing_held, head_appeared
FROM (SELECT file_no,
        regexp_extract(case_no, ${q(caseNoRaw)},
                       ['y', 'court', 'digits', 'ip', 'type', 'seq']) AS cn,
        coalesce(court, '') AS court, coalesce(filed_on, '') AS filed_on,
        coalesce(closed_on, '') AS closed_on, coalesce(defendant, '') AS defendant,
        coalesce(district, '') AS district, coalesce(disposition, '') AS disposition,
        coalesce(hearing_held, '') AS hearing_held,
        coalesce(head_appeared, '') AS head_appeared
      FROM (${parts.join('\nUNION ALL\n')}))
WHERE cn.y <> '';

-- every distinct spelling normalised and parsed once
CREATE TABLE m_court AS
SELECT court AS raw, coalesce(
  (SELECT name FROM court_names WHERE alias = nf(court)),
  (SELECT name FROM court_names
    WHERE alias = regexp_replace(nf(court), ${q(spec.province_prefix)}, ''))) AS name,
  nf(court) <> '' AS given
FROM (SELECT DISTINCT court FROM raw);
CREATE TABLE m_date AS
SELECT v AS raw, nf(v) IN ${inList(spec.no_date)} AS empty, pdate(nf(v)) AS d
FROM (SELECT DISTINCT filed_on AS v FROM raw UNION SELECT DISTINCT closed_on FROM raw);
CREATE TABLE m_disp AS
SELECT d.raw, nf(d.raw) <> '' AS given,
       coalesce(arg_min(r.category, r.ord), '其他') AS category
FROM (SELECT DISTINCT disposition AS raw FROM raw) d
LEFT JOIN disp_rules r ON regexp_full_match(nf(d.raw), r.pattern)
GROUP BY d.raw;
CREATE TABLE m_yn AS
SELECT v AS raw, lower(nf(v)) IN ${yesno} AS ok,
       lower(nf(v)) IN ${inList(spec.yes)} AS yes
FROM (SELECT DISTINCT hearing_held AS v FROM raw
      UNION SELECT DISTINCT head_appeared FROM raw);
CREATE TABLE m_def AS
SELECT defendant AS raw, regexp_matches(nf(defendant), '[^、；;，,\\s]') AS ok
FROM (SELECT DISTINCT defendant FROM raw);
CREATE TABLE m_dist AS
SELECT district AS raw, nf(district) = '' OR nf(district) IN ${inList(spec.districts)} AS ok
FROM (SELECT DISTINCT district FROM raw);

CREATE TABLE figures AS
WITH c AS (
  SELECT r.file_no,
    r.case_key,
    t.class,
    coalesce(mc.name, cc.name) AS court_name, mc.given AS court_given,
    fd.d AS filed, cd.d AS closed, cd.empty AS pending,
    md.category, md.given AS disp_given,
    h.ok AS h_ok, h.yes AS heard, a.ok AS a_ok, a.yes AS appeared,
    df.ok AS def_ok, di.ok AS dist_ok
  FROM raw r
  JOIN case_types t ON t.code = r.type
  JOIN m_court mc ON mc.raw = r.court
  LEFT JOIN court_codes cc ON cc.code = r.court_code
  JOIN m_date fd ON fd.raw = r.filed_on
  JOIN m_date cd ON cd.raw = r.closed_on
  JOIN m_disp md ON md.raw = r.disposition
  JOIN m_yn h ON h.raw = r.hearing_held
  JOIN m_yn a ON a.raw = r.head_appeared
  JOIN m_def df ON df.raw = r.defendant
  JOIN m_dist di ON di.raw = r.district
),
valid AS (
  SELECT * FROM c
  WHERE court_given AND court_name IS NOT NULL
    AND filed IS NOT NULL
    AND (pending OR closed IS NOT NULL)
    AND (closed IS NULL OR closed >= filed)
    AND (closed IS NULL OR disp_given)
    AND (class <> 'fi' OR def_ok)
    AND dist_ok AND h_ok AND a_ok
),
winner AS (
  SELECT arg_max({court: court_name, class: class, closed: closed,
                  category: category, heard: heard, appeared: appeared},
                 (coalesce(closed, DATE '1000-01-01') - DATE '1000-01-01') * 100000
                 + file_no) AS w
  FROM valid
  GROUP BY case_key
)
SELECT w.court AS court,
  count(*) AS fi_closed,
  count(*) FILTER (WHERE w.category IN ${inList(spec.loss)}) AS agency_losses,
  count(*) FILTER (WHERE w.category IN ${inList(spec.mediated_withdrawn)}) AS mediated_withdrawn,
  count(*) FILTER (WHERE w.heard) AS hearings_held,
  count(*) FILTER (WHERE w.heard AND w.appeared) AS head_appearances
FROM winner
WHERE w.class = 'fi' AND w.closed BETWEEN DATE '${year}-01-01' AND DATE '${year}-12-31'
GROUP BY w.court;
`;

// The grouped counts on the cells as read: 案号 holding 行初, 结案日期
// beginning with the year, 结案方式 and 是/否 compared as written.
const naiveSql = `
CREATE TABLE figures AS
SELECT court,
  count(*) AS fi_closed,
  count(*) FILTER (WHERE disposition IN ${inList(spec.loss)}) AS agency_losses,
  count(*) FILTER (WHERE disposition IN ${inList(spec.mediated_withdrawn)}) AS mediated_withdrawn,
  count(*) FILTER (WHERE hearing_held = '是') AS hearings_held,
  count(*) FILTER (WHERE hearing_held = '是' AND head_appeared = '是') AS head_appearances
FROM (${parts.join('\nUNION ALL\n')})
WHERE case_no LIKE '%行初%' AND closed_on LIKE '${year}%'
GROUP BY court;
`;

const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
await con.run(mode === 'naive' ? naiveSql : sql);
const res = await con.runAndReadAll('SELECT * FROM figures ORDER BY court');
const rows = res.getRows();
const names = ['fi_closed', 'agency_losses', 'mediated_withdrawn', 'hearings_held',
  'head_appearances'];
const total = names.map(() => 0n);
const out = ['court,' + names.join(',')];
for (const r of rows) {
  out.push(r.map(String).join(','));
  r.slice(1).forEach((v, i) => { total[i] += BigInt(v); });
}
out.push('合计,' + total.join(','));
process.stdout.write(out.join('\n') + '\n');
