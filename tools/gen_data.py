#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Deterministic generator of sample input data for fuyuan.

Writes CSV exports of the kinds the spec's data-contract.md describes (cases,
population, civil_filings, recommendations, hearings) for the Ordos (鄂尔多斯市)
court registry of domain.md, with the quirks real exports have (GB18030 and
UTF-8 with/without BOM, CRLF, title rows, 合计 rows, alias headers, mixed date
spellings, duplicates across re-exports ...).  Every row is valid under the
contract: a run of fuyuan on the output must reject nothing.  A README.md in
the output folder lists the files, their quirks and the exact counts.

    python3 tools/gen_data.py --out DIR [--seed N] [--years 2022-2024]
                              [--cases-per-year N] [--encoding mixed|utf-8|gb18030]

Same arguments give the same bytes: all randomness comes from random.Random
instances seeded from --seed (string seeds are hashed with SHA-512 by the
standard library, so they do not depend on PYTHONHASHSEED), nothing depends on
the clock, on set order or on the output folder.  Rows are written as they are
generated, so memory stays bounded.  Above FAST_ABOVE cases a year (benchmark
data) the cases are drawn from a pool of TEMPLATES templates per year and,
after the first SLOW_ROWS rows of each file, written from lines prepared once
per template: about 200,000 rows a second.  Python 3 standard library only.
"""

import argparse
import csv
import datetime as dt
import os
import sys
from bisect import bisect_right
from itertools import accumulate
from random import Random

CITY = "鄂尔多斯市"
DEFAULT_SEED = 20240101
DEFAULT_CASES = 1200

FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")

# ---------------------------------------------------------------------------
# Registry (domain.md)

# 旗区, division code, 2020 census
DISTRICTS = [
    ("东胜区", "150602", 574242),
    ("康巴什区", "150603", 118796),
    ("达拉特旗", "150621", 328593),
    ("准格尔旗", "150622", 359184),
    ("鄂托克前旗", "150623", 92724),
    ("鄂托克旗", "150624", 162726),
    ("杭锦旗", "150625", 110824),
    ("乌审旗", "150626", 158566),
    ("伊金霍洛旗", "150627", 247983),
]
DISTRICT_NAMES = [d[0] for d in DISTRICTS]

# key, full name, short forms, 案号代字, 旗区
COURTS = [
    ("zy", "鄂尔多斯市中级人民法院", ["鄂尔多斯中院", "市中院"], "内06", "市本级"),
    ("ds", "鄂尔多斯市东胜区人民法院", ["东胜区人民法院"], "内0602", "东胜区"),
    ("kbs", "鄂尔多斯市康巴什区人民法院", ["康巴什区人民法院"], "内0603", "康巴什区"),
    ("dlt", "达拉特旗人民法院", [], "内0621", "达拉特旗"),
    ("zge", "准格尔旗人民法院", [], "内0622", "准格尔旗"),
    ("eqq", "鄂托克前旗人民法院", [], "内0623", "鄂托克前旗"),
    ("etk", "鄂托克旗人民法院", [], "内0624", "鄂托克旗"),
    ("hj", "杭锦旗人民法院", [], "内0625", "杭锦旗"),
    ("ws", "乌审旗人民法院", [], "内0626", "乌审旗"),
    ("yjhl", "伊金霍洛旗人民法院", [], "内0627", "伊金霍洛旗"),
]
COURT_BY_KEY = {c[0]: c for c in COURTS}
COURT_BY_DISTRICT = {c[4]: c[0] for c in COURTS}
MAX_SEQ = 999999  # the sequence of a 案号 has at most 6 digits

# Townships (镇 / 苏木 / 乡 / 街道) per 旗区; none contains another 旗区's name.
TOWNS = {
    "东胜区": ["泊江海子镇", "罕台镇", "铜川镇", "交通街道办事处", "建设街道办事处",
            "富兴街道办事处", "林荫街道办事处", "诃额伦街道办事处"],
    "康巴什区": ["哈巴格希街道办事处", "青春山街道办事处", "滨河街道办事处"],
    "达拉特旗": ["树林召镇", "王爱召镇", "白泥井镇", "吉格斯太镇", "昭君镇", "恩格贝镇",
             "中和西镇", "展旦召苏木"],
    "准格尔旗": ["薛家湾镇", "沙圪堵镇", "大路镇", "龙口镇", "准格尔召镇", "纳日松镇",
             "十二连城乡", "暖水乡"],
    "鄂托克前旗": ["敖勒召其镇", "上海庙镇", "城川镇", "昂素镇"],
    "鄂托克旗": ["乌兰镇", "棋盘井镇", "蒙西镇", "木凯淖尔镇", "阿尔巴斯苏木"],
    "杭锦旗": ["锡尼镇", "独贵塔拉镇", "吉日嘎朗图镇", "呼和木独镇", "伊和乌素苏木"],
    "乌审旗": ["嘎鲁图镇", "乌审召镇", "图克镇", "乌兰陶勒盖镇", "无定河镇", "苏力德苏木"],
    "伊金霍洛旗": ["阿勒腾席热镇", "乌兰木伦镇", "札萨克镇", "伊金霍洛镇", "纳林陶亥镇",
              "红庆河镇", "苏布尔嘎镇"],
}

# 管理领域 derivation patterns of the contract (first found wins), used to check
# that every generated agency name derives to the 管理领域 it was made for.
DOMAIN_PATTERNS = [
    ("乡镇政府", ["镇人民政府", "乡人民政府", "苏木人民政府", "街道办事处"]),
    ("自然资源", ["自然资源", "国土", "规划"]),
    ("公安", ["公安", "派出所", "交通管理", "交警"]),
    ("住房城乡建设", ["住房", "城乡建设", "住建", "房产"]),
    ("人力资源社会保障", ["人力资源", "社会保障", "人社", "医疗保障"]),
    ("市场监管", ["市场监督", "市场监管", "工商", "食品药品"]),
    ("生态环境", ["生态环境", "环境保护", "环保"]),
    ("交通运输", ["交通运输"]),
    ("城市管理", ["城市管理", "城管", "综合行政执法", "综合执法"]),
    ("农牧林草水利", ["农牧", "农业", "林业", "草原", "林草", "水利"]),
    ("应急管理", ["应急管理", "安全生产"]),
    ("税务", ["税务"]),
    ("人民政府", ["人民政府"]),
]


def derive_domain(name):
    for dom, pats in DOMAIN_PATTERNS:
        for p in pats:
            if p in name:
                return dom
    return "其他"


def derive_district(name):
    best = None
    for d in DISTRICT_NAMES:
        i = name.find(d)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, d)
    if best:
        return best[1]
    if name.startswith(CITY):
        return "市本级"
    return None


# bureau suffix, 管理领域 (for 旗区; the city has its own list)
COUNTY_BUREAUS = [
    ("自然资源局", "自然资源"),
    ("住房和城乡建设局", "住房城乡建设"),
    ("人力资源和社会保障局", "人力资源社会保障"),
    ("医疗保障局", "人力资源社会保障"),
    ("市场监督管理局", "市场监管"),
    ("交通运输局", "交通运输"),
    ("综合行政执法局", "城市管理"),
    ("农牧局", "农牧林草水利"),
    ("林业和草原局", "农牧林草水利"),
    ("水利局", "农牧林草水利"),
    ("应急管理局", "应急管理"),
    ("教育体育局", "其他"),
    ("卫生健康委员会", "其他"),
    ("民政局", "其他"),
]
CITY_BUREAUS = [
    ("人民政府", "人民政府"),
    ("公安局", "公安"),
    ("公安局交通管理支队", "公安"),
    ("自然资源局", "自然资源"),
    ("住房和城乡建设局", "住房城乡建设"),
    ("住房公积金管理中心", "住房城乡建设"),
    ("人力资源和社会保障局", "人力资源社会保障"),
    ("医疗保障局", "人力资源社会保障"),
    ("市场监督管理局", "市场监管"),
    ("生态环境局", "生态环境"),
    ("交通运输局", "交通运输"),
    ("城市管理综合执法局", "城市管理"),
    ("农牧局", "农牧林草水利"),
    ("林业和草原局", "农牧林草水利"),
    ("水利局", "农牧林草水利"),
    ("应急管理局", "应急管理"),
    ("能源局", "其他"),
    ("教育局", "其他"),
    ("卫生健康委员会", "其他"),
    ("行政审批和政务服务局", "其他"),
]


class Agency(object):
    __slots__ = ("name", "district", "domain", "kind", "gov")

    def __init__(self, name, district, domain, kind, gov):
        self.name = name          # the defendant as written
        self.district = district  # 旗区 or 市本级 (derivable from the name)
        self.domain = domain      # 管理领域 (derivable from the name)
        self.kind = kind          # gov / town / bureau
        self.gov = gov            # the 人民政府 of the same level (复议机关)


def build_agencies():
    out = []
    city_gov = CITY + "人民政府"
    for suffix, dom in CITY_BUREAUS:
        kind = "gov" if dom == "人民政府" else "bureau"
        out.append(Agency(CITY + suffix, "市本级", dom, kind, city_gov))
    for d in DISTRICT_NAMES:
        is_urban = d.endswith("区")
        prefix_gov = (CITY + d) if is_urban else d
        gov = prefix_gov + "人民政府"
        out.append(Agency(gov, d, "人民政府", "gov", gov))
        for i, (suffix, dom) in enumerate(COUNTY_BUREAUS):
            # urban districts: alternate between "鄂尔多斯市东胜区…" and "东胜区…"
            p = (CITY + d) if (is_urban and i % 2 == 0) else d
            out.append(Agency(p + suffix, d, dom, "bureau", gov))
        police = (CITY + "公安局" + d + "分局") if is_urban else (d + "公安局")
        out.append(Agency(police, d, "公安", "bureau", gov))
        for t in TOWNS[d][:4]:
            base = t
            for suf in ("街道办事处", "苏木", "镇", "乡"):
                if base.endswith(suf):
                    base = base[:-len(suf)]
                    break
            if base in ("交通",):
                continue
            out.append(Agency(police + base + "派出所", d, "公安", "bureau", gov))
        out.append(Agency(CITY + "生态环境局" + d + "分局", d, "生态环境", "bureau", gov))
        out.append(Agency("国家税务总局" + d + "税务局", d, "税务", "bureau", gov))
        for t in TOWNS[d]:
            name = d + t + ("" if t.endswith("街道办事处") else "人民政府")
            out.append(Agency(name, d, "乡镇政府", "town", gov))
    for a in out:
        assert derive_domain(a.name) == a.domain, a.name
        assert derive_district(a.name) == a.district, a.name
        assert derive_district(a.gov) == a.district, a.gov
    return out


# weights of 旗区 (市本级 = city agencies) and of 管理领域
DISTRICT_W = {"市本级": 22, "东胜区": 18, "康巴什区": 6, "达拉特旗": 10, "准格尔旗": 12,
              "鄂托克前旗": 4, "鄂托克旗": 7, "杭锦旗": 4, "乌审旗": 6, "伊金霍洛旗": 11}
FI_DOMAIN_W = {"自然资源": 18, "乡镇政府": 12, "人民政府": 9, "公安": 12,
               "人力资源社会保障": 10, "住房城乡建设": 8, "市场监管": 5, "生态环境": 4,
               "交通运输": 3, "城市管理": 6, "农牧林草水利": 4, "应急管理": 2, "税务": 1.5,
               "其他": 4.5}
REVIEW_DOMAIN_W = {"自然资源": 25, "人力资源社会保障": 15, "住房城乡建设": 8,
                   "生态环境": 10, "应急管理": 8, "市场监管": 8, "城市管理": 10,
                   "农牧林草水利": 6, "税务": 4, "交通运输": 4, "公安": 1, "其他": 1}


class Pool(object):
    """Weighted choice by bisect over cumulative weights (fast, deterministic)."""
    __slots__ = ("items", "cw", "total")

    def __init__(self, pairs):
        pairs = [(i, w) for i, w in pairs if w > 0]
        self.items = [i for i, _ in pairs]
        self.cw = list(accumulate(w for _, w in pairs))
        self.total = self.cw[-1]

    def pick(self, rnd):
        return self.items[bisect_right(self.cw, rnd() * self.total)]


def pool(d):
    return Pool(list(d.items()) if isinstance(d, dict) else d)


def agency_pool(agencies, domain_w):
    cells = {}
    for a in agencies:
        cells.setdefault((a.district, a.domain), []).append(a)
    pairs = []
    for a in agencies:
        n = len(cells[(a.district, a.domain)])
        pairs.append((a, DISTRICT_W[a.district] * domain_w.get(a.domain, 0) / n))
    return Pool(pairs)


# ---------------------------------------------------------------------------
# Case types, dispositions, causes

FI_TYPES = ("行初", "行赔初")
TYPE_W = [("行初", 63.5), ("行终", 16), ("行审", 13), ("行申", 3), ("行再", 0.5),
          ("行赔初", 2), ("行赔终", 0.8), ("行审复", 0.5), ("行辖", 0.7)]

LOSS_CATS = ("撤销", "履行", "给付", "确认违法", "确认无效", "变更", "赔偿")
FI_CAT_W = [("驳回诉讼请求", 35), ("驳回起诉", 20), ("撤诉", 22), ("调解", 3),
            ("撤销", 5.6), ("确认违法", 2.5), ("履行", 1.8), ("确认无效", 0.35),
            ("变更", 0.2), ("给付", 0.25), ("赔偿", 0.3), ("其他", 9)]
FI_PEI_CAT_W = [("驳回诉讼请求", 35), ("驳回起诉", 12), ("撤诉", 20), ("调解", 15),
                ("赔偿", 15), ("其他", 3)]
# agencies of some 管理领域 lose more often (乡镇政府, 人民政府), some less (公安)
LOSS_MULT = {"乡镇政府": 1.9, "人民政府": 1.6, "自然资源": 1.2, "住房城乡建设": 1.1,
             "公安": 0.55, "人力资源社会保障": 0.8, "市场监管": 0.9, "城市管理": 1.0,
             "生态环境": 0.9, "交通运输": 0.7, "农牧林草水利": 1.0, "应急管理": 0.8,
             "税务": 0.6, "其他": 1.0}

SPELL = {
    "驳回诉讼请求": [("判决驳回原告诉讼请求", 5), ("驳回诉讼请求", 3), ("判决驳回诉讼请求", 2)],
    "驳回起诉": [("裁定驳回起诉", 7), ("驳回起诉", 3)],
    "撤诉": [("准予撤诉", 40), ("裁定准予撤诉", 30), ("按撤诉处理", 20), ("按自动撤诉处理", 5),
           ("撤诉", 5)],
    "调解": [("调解结案", 6), ("调解", 4)],
    "撤销": [("判决撤销行政行为", 35), ("判决撤销", 25), ("判决撤销被诉行政行为", 10),
           ("撤销被诉行政行为", 5), ("判决部分撤销", 5), ("撤销并责令重作", 10),
           ("判决撤销并责令重作", 10)],
    "履行": [("判决责令履行法定职责", 5), ("判决履行法定职责", 3), ("责令履行法定职责", 2)],
    "给付": [("判决给付", 1)],
    "确认违法": [("判决确认违法", 70), ("确认违法", 15), ("判决确认违法但不撤销", 15)],
    "确认无效": [("判决确认无效", 1)],
    "变更": [("判决变更", 1)],
    "赔偿": [("判决行政赔偿", 5), ("判决赔偿", 3), ("判决补偿", 2)],
    "其他": [("终结诉讼", 4), ("其他", 3), ("移送管辖", 2)],
}
SECOND_W = [("驳回上诉维持原判", 45), ("驳回上诉，维持原判", 8), ("驳回上诉,维持原判", 7),
            ("维持原判", 10), ("准予撤回上诉", 7), ("撤回上诉", 3), ("按撤回上诉处理", 3),
            ("改判", 6), ("发回重审", 4), ("撤销原判，发回重审", 3), ("终结诉讼", 2),
            ("其他", 2)]
RETRIAL_W = [("维持原判", 55), ("驳回上诉维持原判", 5), ("改判", 20), ("发回重审", 10),
             ("撤销原判，发回重审", 5), ("终结诉讼", 5)]
REVIEW_W = [("准予执行", 45), ("裁定准予执行", 35), ("不准予执行", 8), ("裁定不准予执行", 7),
            ("终结审查", 5)]
REVIEW_RECON_W = [("其他", 50), ("终结审查", 10), ("准予执行", 30), ("不准予执行", 10)]
RETRIAL_REVIEW_W = [("其他", 85), ("终结审查", 15)]
JURIS_W = [("移送管辖", 60), ("其他", 40)]

# category of each spelling that the checker expects (for statistics only)
CAUSE_W = {
    "撤销": [("主要证据不足", 38), ("违反法定程序", 30), ("适用法律法规错误", 18),
           ("超越职权", 6), ("明显不当", 5), ("滥用职权", 3)],
    "确认违法": [("违反法定程序", 70), ("主要证据不足", 15), ("超越职权", 10), ("其他", 5)],
    "履行": [("不履行法定职责", 95), ("其他", 5)],
    "给付": [("不履行法定职责", 95), ("其他", 5)],
    "确认无效": [("超越职权", 60), ("主要证据不足", 40)],
    "变更": [("明显不当", 80), ("适用法律法规错误", 20)],
    "赔偿": [("违反法定程序", 50), ("主要证据不足", 30), ("其他", 20)],
}
CAUSE_SPELL = {
    "主要证据不足": [("主要证据不足", 6), ("证据不足", 3), ("认定事实的主要证据不足", 1)],
    "适用法律法规错误": [("适用法律法规错误", 7), ("适用法律错误", 3)],
    "违反法定程序": [("违反法定程序", 6), ("程序违法", 4)],
    "超越职权": [("超越职权", 8), ("越权", 2)],
    "滥用职权": [("滥用职权", 1)],
    "明显不当": [("明显不当", 7), ("处罚明显不当", 3)],
    "不履行法定职责": [("不履行法定职责", 4), ("未履行法定职责", 4), ("行政不作为", 1),
                ("拖延履行法定职责", 1)],
    "其他": [("其他", 1)],
}
CAUSE_SEPS = [("；", 5), (";", 2), ("、", 2), ("，", 1), (",", 1), ("/", 1)]

ACTION_BY_DOMAIN = {
    "自然资源": [("行政处罚", 25), ("行政征收", 20), ("行政登记", 15), ("行政强制", 15),
             ("行政许可", 8), ("行政补偿", 7), ("信息公开", 5), ("行政不作为", 5)],
    "乡镇政府": [("行政强制", 35), ("行政协议", 20), ("行政补偿", 15), ("行政不作为", 15),
             ("信息公开", 5), ("其他", 10)],
    "人民政府": [("行政征收", 25), ("行政补偿", 15), ("行政协议", 15), ("信息公开", 15),
             ("行政复议", 15), ("行政不作为", 10), ("其他", 5)],
    "公安": [("行政处罚", 70), ("行政强制", 10), ("行政登记", 5), ("行政不作为", 10),
           ("信息公开", 5)],
    "人力资源社会保障": [("行政确认", 55), ("行政处罚", 10), ("行政不作为", 15),
                 ("行政征收", 10), ("信息公开", 10)],
    "住房城乡建设": [("行政许可", 25), ("行政登记", 20), ("行政强制", 20), ("行政处罚", 20),
               ("行政不作为", 10), ("其他", 5)],
    "市场监管": [("行政处罚", 60), ("行政许可", 15), ("行政登记", 10), ("信息公开", 10),
             ("行政不作为", 5)],
    "生态环境": [("行政处罚", 75), ("行政许可", 10), ("行政强制", 10), ("信息公开", 5)],
    "交通运输": [("行政处罚", 70), ("行政强制", 15), ("行政许可", 15)],
    "城市管理": [("行政强制", 50), ("行政处罚", 45), ("其他", 5)],
    "农牧林草水利": [("行政处罚", 50), ("行政许可", 20), ("行政补偿", 15), ("行政确认", 15)],
    "应急管理": [("行政处罚", 85), ("行政强制", 15)],
    "税务": [("行政征收", 50), ("行政处罚", 40), ("行政强制", 10)],
    "其他": [("信息公开", 30), ("行政许可", 25), ("行政确认", 15), ("行政处罚", 15),
           ("其他", 15)],
}
COA_BY_DOMAIN = {
    "自然资源": "资源行政管理-土地行政管理(土地)", "乡镇政府": "城乡建设行政管理-房屋拆迁管理(拆迁)",
    "人民政府": "城乡建设行政管理-房屋征收", "公安": "公安行政管理-治安管理(治安)",
    "人力资源社会保障": "劳动和社会保障行政管理(劳动、社会保障)",
    "住房城乡建设": "城乡建设行政管理-城市规划管理(规划)", "市场监管": "工商行政管理(工商)",
    "生态环境": "环境保护行政管理(环保)", "交通运输": "交通运输行政管理-道路交通管理(道路)",
    "城市管理": "城乡建设行政管理-城市规划管理(规划)", "农牧林草水利": "资源行政管理-林业行政管理(林业)",
    "应急管理": "安全生产行政管理", "税务": "财税行政管理-税务行政管理(税务)", "其他": "其他行政行为",
}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文巴图敖"
GIVEN = "建国伟强军平华明丽芳敏静秀英杰刚勇磊涛斌超鹏飞霞玲燕红梅海峰宇浩然晓东亮俊鑫"
CO_WORDS = ["鑫泰", "恒达", "金地", "瑞丰", "宏远", "福通", "嘉禾", "昊源", "蒙源", "广汇",
            "天骄", "泰和", "盛鑫", "荣达", "永兴", "众诚"]
CO_TRADES = ["煤炭", "商贸", "能源", "建筑工程", "房地产开发", "物流", "化工", "农牧业",
             "矿业", "运输"]


# ---------------------------------------------------------------------------
# Dates

EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()
TIMES_HMS = ["08:30:00", "09:00:00", "09:15:32", "10:30:00", "11:02:47", "14:30:00",
             "15:45:10", "16:20:00"]
TIMES_HM = ["8:30", "9:05", "10:30", "11:15", "14:40", "15:00", "16:30"]


class DateTable(object):
    """Every date spelling of the contract, precomputed per day."""

    def __init__(self, first_year, last_year):
        self.base = dt.date(first_year - 1, 1, 1).toordinal()
        end = dt.date(last_year + 2, 12, 31).toordinal()
        iso, slash, dot, cn, compact, serial = [], [], [], [], [], []
        for o in range(self.base, end + 1):
            d = dt.date.fromordinal(o)
            iso.append("%04d-%02d-%02d" % (d.year, d.month, d.day))
            slash.append("%d/%d/%d" % (d.year, d.month, d.day))
            dot.append("%d.%d.%d" % (d.year, d.month, d.day))
            cn.append("%d年%d月%d日" % (d.year, d.month, d.day))
            compact.append("%04d%02d%02d" % (d.year, d.month, d.day))
            serial.append(str(o - EXCEL_EPOCH))
        self.tab = {"iso": iso, "slash": slash, "dot": dot, "cn": cn,
                    "compact": compact, "serial": serial}
        self.views = {}

    def view(self, style, rnd):
        """(list indexed by ordinal - base, for the fast path) of one style;
        the styles with a time part get one time for the whole list"""
        if style == "iso_t":
            key = ("iso", " " + TIMES_HMS[int(rnd() * len(TIMES_HMS))])
        elif style == "slash_t":
            key = ("slash", " " + TIMES_HM[int(rnd() * len(TIMES_HM))])
        else:
            return self.tab[style]
        v = self.views.get(key)
        if v is None:
            v = self.views[key] = [d + key[1] for d in self.tab[key[0]]]
        return v

    def fmt(self, style, o, rnd):
        i = o - self.base
        if style == "iso_t":
            return self.tab["iso"][i] + " " + TIMES_HMS[int(rnd() * len(TIMES_HMS))]
        if style == "slash_t":
            return self.tab["slash"][i] + " " + TIMES_HM[int(rnd() * len(TIMES_HM))]
        return self.tab[style][i]


def ymd(o):
    return dt.date.fromordinal(o)


# ---------------------------------------------------------------------------
# Output files

YN = {"cn": ("是", "否"), "yn": ("Y", "N"), "yn_l": ("y", "n"), "check": ("√", "×"),
      "bool": ("TRUE", "FALSE"), "bool_l": ("true", "false"), "01": ("1", "0"),
      "en": ("yes", "no")}
SPACES = [" ", "  ", "\u3000", "\u00a0", "\t"]


# --encoding: None (each file in its export's own encoding) or one encoding
# for every file ("utf-8": files that would be GB18030 are UTF-8 without BOM,
# those with a BOM keep it; "gb18030": every file GB18030).  The benchmark
# (tools/bench.sh) times the same rows in UTF-8 and in GB18030 this way.
ENCODING = None


def file_encoding(enc):
    if ENCODING == "utf-8" and enc == "gb18030":
        return "utf-8"
    if ENCODING == "gb18030":
        return "gb18030"
    return enc


def enc_label(enc, nl):
    return {"gb18030": "GB18030", "utf-8-sig": "UTF-8 with BOM",
            "utf-8": "UTF-8 (no BOM)"}[file_encoding(enc)] + ", " + nl


class CsvOut(object):
    """A CSV file written row by row with a given encoding and line ending.

    row() writes through the csv module; line() appends an already quoted
    line to a buffer that is written in large chunks (the fast path)."""

    def __init__(self, path, encoding, newline):
        self.path = path
        self.fh = open(path, "w", encoding=file_encoding(encoding), newline="")
        self.newline = newline
        self.w = csv.writer(self.fh, lineterminator=newline)
        self.buf = []

    def row(self, cells, newline=None):
        if self.buf:
            self.flush()
        if newline is None or newline == self.newline:
            self.w.writerow(cells)
        else:
            w = csv.writer(self.fh, lineterminator=newline)
            w.writerow(cells)

    def line(self, s):
        buf = self.buf
        buf.append(s)
        if len(buf) >= 4096:
            self.flush()

    def flush(self):
        buf = self.buf
        buf.append("")
        self.fh.write(self.newline.join(buf))
        buf.clear()

    def close(self):
        if self.buf:
            self.flush()
        self.fh.close()


def csv_quote(s):
    if "," in s or '"' in s or "\n" in s or "\r" in s:
        return '"' + s.replace('"', '""') + '"'
    return s


# Header spellings: key -> header text per style
HEADERS = {
    "canon": {"seq_no": "序号", "case_no": "案号", "court": "经办法院", "filed": "立案日期",
              "closed": "结案日期", "defendant": "被告", "district": "所属旗区",
              "domain": "管理领域", "action": "行政行为种类", "disposition": "结案方式",
              "causes": "败诉原因", "hearing": "是否开庭", "head": "负责人出庭",
              "reconsidered": "是否经复议", "name": "案件名称", "coa": "案由",
              "plaintiff": "原告", "judge": "承办人", "days": "审理天数",
              "procedure": "审判程序", "dept": "承办部门", "third": "第三人"},
    "english": {"case_no": "case_no", "court": "court", "filed": "filed_on",
                "closed": "closed_on", "defendant": "defendant", "district": "district",
                "domain": "domain", "action": "action_type", "disposition": "disposition",
                "causes": "loss_causes", "hearing": "hearing_held",
                "head": "head_appeared", "reconsidered": "reconsidered",
                "name": "case_name", "judge": "judge"},
}

USED_KEYS = {"case_no", "court", "filed", "closed", "defendant", "district", "domain",
             "action", "disposition", "causes", "hearing", "head", "reconsidered"}
PROCEDURE = {"行初": "一审", "行赔初": "一审", "行终": "二审", "行赔终": "二审", "行再": "再审",
             "行申": "申请再审审查", "行审": "非诉执行审查", "行审复": "非诉执行审查复议",
             "行辖": "管辖"}


def cases_profiles():
    """File profiles of the case exports.

    'kbs'/'zy' profiles are used per year (index = year position mod 3), the
    'local' ones per basic court (one file for all years), 'snap1'/'snap2' for
    the two re-exports."""
    P = {}
    P["kbs"] = [
        dict(enc="gb18030", nl="\r\n", title="鄂尔多斯市康巴什区人民法院案件查询结果",
             title_commas=True, total=True,
             cols=["seq_no", "case_no", "name", "coa", "plaintiff", "defendant", "filed",
                   "closed", "disposition", "court", "district", "domain", "action",
                   "causes", "hearing", "head", "reconsidered", "judge", "days"],
             hdr={"defendant": "被诉行政机关", "filed": "收案日期", "court": "承办法院",
                  "head": "负责人是否出庭"},
             dates={"cn": 5, "slash": 4, "iso": 1}, yn={"cn": 1}, pending={"": 1},
             district_p=0.35, special={7: "comma", 12: "newline", 20: "quote"},
             space_p=0.04, fw_p=0.004),
        dict(enc="utf-8-sig", nl="\n", title=None, total=False,
             cols=["court", "case_no", "procedure", "filed", "closed", "disposition",
                   "defendant", "third", "action", "domain", "hearing", "head",
                   "reconsidered", "causes", "dept"],
             hdr={}, dates={"serial": 5, "iso": 5}, yn={"yn": 8, "yn_l": 2},
             pending={"": 1}, special={5: "comma", 9: "newline"}, space_p=0.02),
        dict(enc="utf-8", nl="\n", title=None, total=False, english=True,
             cols=["case_no", "court", "filed", "closed", "defendant", "domain", "action",
                   "disposition", "causes", "hearing", "head", "reconsidered", "name",
                   "judge"],
             hdr={}, dates={"iso_t": 6, "slash_t": 2, "iso": 2},
             yn={"bool": 6, "01": 3, "bool_l": 1}, pending={"": 1},
             dups=(50, 120), space_p=0.02),
    ]
    P["zy"] = [
        dict(enc="utf-8-sig", nl="\r\n", title=None, total=False,
             cols=["seq_no", "case_no", "name", "court", "procedure", "filed", "closed",
                   "disposition", "defendant", "action", "domain", "causes", "hearing",
                   "head", "reconsidered", "judge"],
             hdr={"court": "审理法院", "defendant": "被告名称"},
             dates={"dot": 5, "compact": 5}, yn={"check": 1}, pending={"": 1},
             space_p=0.03),
        dict(enc="gb18030", nl="\n", title="鄂尔多斯市中级人民法院案件查询结果",
             blank_after_title=True, total=True,
             cols=["seq_no", "case_no", "name", "coa", "plaintiff", "defendant", "third",
                   "filed", "closed", "disposition", "causes", "court", "hearing", "head",
                   "reconsidered", "domain", "action", "days", "judge"],
             hdr={"filed": "立案时间", "closed": "结案时间", "court": "法院",
                  "causes": "行政机关败诉原因", "hearing": "开庭审理",
                  "head": "行政机关负责人出庭", "action": "被诉行为种类"},
             dates={"iso": 4, "cn": 3, "slash": 3}, yn={"cn": 1}, pending={"": 1},
             dups=(30, 95, 170), unknown_head=(11, 61), fw_p=0.03, space_p=0.05),
        dict(enc="utf-8", nl="\r\n", title=None, total=False,
             cols=["case_no", "filed", "closed", "court", "defendant", "disposition",
                   "causes", "action", "domain", "hearing", "head", "reconsidered", "name"],
             hdr={"case_no": "案件编号", "court": "法院名称", "defendant": "被告行政机关",
                  "disposition": "结案方式名称", "domain": "行政管理领域",
                  "head": "负责人出庭应诉", "reconsidered": "经复议"},
             dates={"iso": 6, "slash": 4}, yn={"en": 3, "cn": 7},
             pending={"--": 6, "无": 4}, space_p=0.03),
    ]
    P["local"] = [
        dict(enc="gb18030", nl="\n", title_nl="\r\n", title="{court}行政案件统计表",
             total=True,
             cols=["seq_no", "case_no", "name", "defendant", "filed", "closed",
                   "disposition", "court", "action", "domain", "causes", "hearing",
                   "head", "reconsidered", "judge", "days"],
             hdr={"defendant": "被告", "court": "法院", "filed": "收案日期"},
             dates={"cn": 1, "slash": 1}, yn={"cn": 1}, pending={"--": 1}, space_p=0.05),
        dict(enc="utf-8-sig", nl="\r\n", title=None, total=False,
             cols=["case_no", "court", "filed", "closed", "defendant", "disposition",
                   "action", "domain", "causes", "hearing", "head", "reconsidered", "coa"],
             hdr={}, dates={"serial": 1, "iso": 1}, yn={"01": 1},
             pending={"/": 1, "—": 1}, space_p=0.03),
        dict(enc="utf-8", nl="\n", title=None, total=True,
             cols=["seq_no", "court", "case_no", "name", "plaintiff", "defendant",
                   "filed", "closed", "disposition", "causes", "action", "domain",
                   "hearing", "head", "reconsidered"],
             hdr={"court": "承办法院", "filed": "立案时间"},
             dates={"compact": 1, "dot": 1}, yn={"yn": 1}, pending={"无": 1},
             space_p=0.03),
        dict(enc="gb18030", nl="\r\n", title=None, total=False,
             cols=["case_no", "defendant", "court", "filed", "closed", "disposition",
                   "domain", "action", "causes", "hearing", "head", "reconsidered", "judge"],
             hdr={"defendant": "被诉行政机关", "court": "审理法院"},
             dates={"iso": 1, "cn": 1}, yn={"check": 1}, pending={"": 1}, space_p=0.03),
    ]
    P["snap1"] = dict(enc="gb18030", nl="\r\n", title=None, total=False,
                      brackets={"()": 7, "[]": 3},
                      hdr={"case_no": "案件编号", "court": "法院名称", "filed": "立案时间"},
                      dates={"slash": 1}, yn={"01": 1}, pending={"": 1}, space_p=0.0)
    P["snap2"] = dict(enc="utf-8-sig", nl="\r\n", title="鄂尔多斯市中级人民法院案件查询结果",
                      total=True, brackets={"〔〕": 1},
                      hdr={"filed": "收案日期"},
                      dates={"cn": 1}, yn={"cn": 1}, pending={"—": 1}, space_p=0.0)
    return P


DEFAULT_BRACKETS = {"（）": 84, "()": 9, "〔〕": 4, "【】": 2, "[]": 1}


class CaseFile(object):
    def __init__(self, path, prof, court_key, rnd, dates, label):
        self.path = path
        self.label = label
        self.desc = ""
        self.prof = prof
        self.rnd = rnd  # a callable returning floats in [0,1); replaced per year
        self.dates = dates
        self.out = CsvOut(path, prof["enc"], prof["nl"])
        self.buf = self.out.buf
        hdr = dict(HEADERS["english"] if prof.get("english") else HEADERS["canon"])
        hdr.update(prof.get("hdr", {}))
        self.cols = prof["cols"]
        self.rows = 0          # data rows written (including duplicates)
        self.dups_written = 0
        self.pending_dups = {}  # due row index -> row cells
        self.date_pool = pool(prof["dates"])
        self.yn_pool = pool(prof["yn"])
        self.pend_pool = pool(prof["pending"])
        self.br_pool = pool(prof.get("brackets", DEFAULT_BRACKETS))
        self.district_p = prof.get("district_p", 0.0)
        self.space_p = prof.get("space_p", 0.0)
        self.fw_p = prof.get("fw_p", 0.0)
        self.pad_p = prof.get("pad_p", 0.04)
        self.special = prof.get("special", {})
        self.dups = set(prof.get("dups", ()))
        self.unknown_head = set(prof.get("unknown_head", ()))
        self.name_style = pool(prof.get("court_names", {"full": 86, "short": 9,
                                                        "prefixed": 5}))
        title = prof.get("title")
        if title:
            title = title.format(court=COURT_BY_KEY[court_key][1]) if court_key else title
            cells = [title] + ([""] * (len(self.cols) - 1) if prof.get("title_commas") else [])
            self.out.row(cells, prof.get("title_nl"))
            if prof.get("blank_after_title"):
                self.out.row([], prof.get("title_nl"))
        self.out.row([hdr[k] for k in self.cols])
        self.need_extras = bool(set(self.cols) & {"name", "coa", "plaintiff", "judge",
                                                   "third"})
        self.stats_unknown_head = 0
        self.unknown_head_years = []
        self.stats_special = []
        self.cache = {}
        fmt = {
            "seq_no": self.f_seq, "case_no": self.f_case_no, "court": self.f_court,
            "filed": self.f_filed, "closed": self.f_closed, "defendant": self.f_def,
            "district": self.f_district, "domain": self.f_domain, "action": self.f_action,
            "disposition": self.f_dispo, "causes": self.f_causes, "hearing": self.f_hearing,
            "head": self.f_head, "reconsidered": self.f_recon, "name": self.f_name,
            "coa": self.f_coa, "plaintiff": self.f_plaintiff, "judge": self.f_judge,
            "days": self.f_days, "procedure": self.f_procedure, "dept": self.f_dept,
            "third": self.f_third,
        }
        self.fmts = [fmt[k] for k in self.cols]

    # -- formatters (rec is a Case; v is the "view": closed or pending-as-of)
    def f_seq(self, c, v):
        return str(self.rows + 1)

    def f_case_no(self, c, v):
        rnd = self.rnd
        b = self.br_pool.pick(rnd)
        seq = str(c.seq)
        if c.seq < 100 and rnd() < self.pad_p:
            seq = seq.zfill(3)
        s = b[0] + str(c.year) + b[1] + c.court[3] + c.ctype + seq + "号"
        if rnd() < 0.01:
            s = s.translate(FW_DIGITS)
        return s

    def f_court(self, c, v):
        st = self.name_style.pick(self.rnd)
        court = c.court
        if st == "short" and court[2]:
            return court[2][int(self.rnd() * len(court[2]))]
        if st == "prefixed":
            return "内蒙古自治区" + court[1]
        return court[1]

    def date(self, o):
        s = self.dates.fmt(self.date_pool.pick(self.rnd), o, self.rnd)
        if self.fw_p and self.rnd() < self.fw_p:
            s = s.translate(FW_DIGITS)
        return s

    def f_filed(self, c, v):
        return self.date(c.filed)

    def f_closed(self, c, v):
        if v is None:
            return self.pend_pool.pick(self.rnd)
        return self.date(c.closed)

    def f_def(self, c, v):
        return c.defendant

    def f_district(self, c, v):
        return c.agency.district if c.district_fill < self.district_p else ""

    def f_domain(self, c, v):
        return c.domain

    def f_action(self, c, v):
        return c.action

    def f_dispo(self, c, v):
        return "" if v is None else c.dispo

    def f_causes(self, c, v):
        return "" if v is None else c.causes

    def yn(self, b):
        if b is None:
            return ""
        return YN[self.yn_pool.pick(self.rnd)][0 if b else 1]

    def f_hearing(self, c, v):
        return "" if v is None else self.yn(c.hearing)

    def f_head(self, c, v):
        if v is None:
            return ""
        if c.head is not None and (self.rows + 1) in self.unknown_head:
            self.stats_unknown_head += 1
            if c.fi and c.hearing and c.head:
                self.unknown_head_years.append(ymd(c.closed).year)
            return "不详"
        return self.yn(c.head)

    def f_recon(self, c, v):
        return self.yn(c.reconsidered)

    def f_name(self, c, v):
        sp = self.special.get(self.rows + 1)
        n = c.extras[0]
        if sp:
            self.stats_special.append((self.rows + 1, sp))
            if sp == "comma":
                return c.extras[4] + "," + n
            if sp == "newline":
                return n[:len(n) // 2] + "\n" + n[len(n) // 2:]
            if sp == "quote":
                return n.replace(c.agency.name, '"%s"' % c.agency.name, 1)
        return n

    def f_coa(self, c, v):
        return c.extras[1]

    def f_plaintiff(self, c, v):
        return c.extras[2]

    def f_judge(self, c, v):
        return c.extras[3]

    def f_third(self, c, v):
        return c.extras[5]

    def f_days(self, c, v):
        if v is None:
            return ""
        s = str(c.closed - c.filed)
        if self.fw_p and self.rnd() < self.fw_p:
            s = s.translate(FW_DIGITS)
        return s

    def f_procedure(self, c, v):
        return PROCEDURE[c.ctype]

    def f_dept(self, c, v):
        return "行政审判庭"

    def write(self, c, view):
        """view: True = as closed (or pending if c.closed is None); None = pending"""
        if view is not None and c.closed is None:
            view = None
        cells = [f(c, view) for f in self.fmts]
        if self.space_p and self.rnd() < self.space_p:
            i = int(self.rnd() * len(cells))
            if cells[i] and "\n" not in cells[i]:
                sp = SPACES[int(self.rnd() * len(SPACES))]
                cells[i] = (sp + cells[i]) if self.rnd() < 0.5 else (cells[i] + sp)
        self.out.row(cells)
        self.rows += 1
        if self.rows in self.dups:
            self.pending_dups[self.rows + 3] = cells
        due = self.pending_dups.pop(self.rows, None)
        if due is not None:
            self.out.row(due)
            self.rows += 1
            self.dups_written += 1

    def write_fast(self, c, seq, filed, closed):
        """Write a case from a template: the cells that do not depend on the
        sequence number and the dates are formatted once per (template, file)."""
        p = self.cache.get(c.tid)
        if p is None:
            p = self.cache[c.tid] = self.prepare(c)
        self.rows += 1
        base = p[4]
        if closed is None:
            line = p[1] % {"n": seq, "f": p[2][filed - base], "s": self.rows}
        else:
            line = p[0] % {"n": seq, "f": p[2][filed - base], "c": p[3][closed - base],
                           "s": self.rows, "d": closed - filed}
        buf = self.buf
        buf.append(line)
        if len(buf) >= 4096:
            self.out.flush()

    def prepare(self, c):
        """Two %-format lines for a template in this file (closed / pending),
        with %(n)d = sequence, %(f)s = 立案日期, %(c)s = 结案日期, %(s)d = 序号,
        %(d)d = 审理天数."""
        rnd = self.rnd
        o = self.dates.base + 400
        c.seq, c.filed, c.closed = 1, o, o
        closed_cells = [f(c, True) for f in self.fmts]
        pending_cells = [f(c, None) for f in self.fmts]
        c.closed = None
        for cells in (closed_cells, pending_cells):
            if self.space_p and rnd() < self.space_p:
                i = int(rnd() * len(cells))
                if cells[i] and "\n" not in cells[i]:
                    sp = SPACES[int(rnd() * len(SPACES))]
                    cells[i] = (sp + cells[i]) if rnd() < 0.5 else (cells[i] + sp)
        cols = self.cols
        b = self.br_pool.pick(rnd)
        prefix = b[0] + str(c.year) + b[1] + c.court[3] + c.ctype

        lines = []
        for cells in (closed_cells, pending_cells):
            cells = [csv_quote(x).replace("%", "%%") for x in cells]
            cells[cols.index("case_no")] = prefix.replace("%", "%%") + "%(n)d号"
            cells[cols.index("filed")] = "%(f)s"
            if "seq_no" in cols:
                cells[cols.index("seq_no")] = "%(s)d"
            if not lines:  # the closed view
                if "closed" in cols:
                    cells[cols.index("closed")] = "%(c)s"
                if "days" in cols:
                    cells[cols.index("days")] = "%(d)d"
            lines.append(",".join(cells))
        dates = self.dates
        return (lines[0], lines[1], dates.view(self.date_pool.pick(rnd), rnd),
                dates.view(self.date_pool.pick(rnd), rnd), dates.base)

    def close(self):
        for k in sorted(self.pending_dups):
            self.out.row(self.pending_dups[k])
            self.rows += 1
            self.dups_written += 1
        self.pending_dups = {}
        if self.prof.get("total"):
            cells = ["合计", "%d件" % self.rows] + [""] * (len(self.cols) - 2)
            self.out.row(cells, self.prof.get("title_nl"))
        self.out.close()


class Case(object):
    __slots__ = ("ctype", "year", "court", "seq", "filed", "closed", "agency",
                 "defendant", "domain", "action", "dispo", "cat", "causes", "hearing",
                 "head", "reconsidered", "district_fill", "extras", "court_key",
                 "seq_key", "delay", "tid", "tix", "kidx", "loss", "fi")


# ---------------------------------------------------------------------------
# Case generation

class CaseGen(object):
    def __init__(self, seed, years, per_year, out_dir, dates):
        self.seed = seed
        self.years = years
        self.per_year = per_year
        self.out_dir = out_dir
        self.dates = dates
        self.agencies = build_agencies()
        self.fi_pool = agency_pool(self.agencies, FI_DOMAIN_W)
        self.review_pool = agency_pool(self.agencies, REVIEW_DOMAIN_W)
        self.type_pool = pool(TYPE_W)
        self.fi_cat = {}
        for dom, m in LOSS_MULT.items():
            self.fi_cat[dom] = pool([(k, w * (m if k in LOSS_CATS else 1.0))
                                     for k, w in FI_CAT_W])
        self.pei_cat = pool(FI_PEI_CAT_W)
        self.spell = {k: pool(v) for k, v in SPELL.items()}
        self.second = pool(SECOND_W)
        self.retrial = pool(RETRIAL_W)
        self.review = pool(REVIEW_W)
        self.review_recon = pool(REVIEW_RECON_W)
        self.retrial_review = pool(RETRIAL_REVIEW_W)
        self.juris = pool(JURIS_W)
        self.cause = {k: pool(v) for k, v in CAUSE_W.items()}
        self.cause_spell = {k: pool(v) for k, v in CAUSE_SPELL.items()}
        self.cause_sep = pool(CAUSE_SEPS)
        self.action = {k: pool(v) for k, v in ACTION_BY_DOMAIN.items()}
        self.profiles = cases_profiles()
        self.stats = {}
        self.files_info = []
        self.fast = per_year > FAST_ABOVE

    # ---- per-year volume and day distribution
    def year_count(self, idx):
        n = len(self.years)
        f = 1.0 + 0.06 * (idx - (n - 1) / 2.0)
        jitter = Random("%s:volume:%d" % (self.seed, self.years[idx])).uniform(-0.015, 0.015)
        return max(1, int(round(self.per_year * (f + jitter))))

    @staticmethod
    def day_weights(year):
        start = dt.date(year, 1, 1).toordinal()
        end = dt.date(year, 12, 31).toordinal()
        month_f = [0.85, 0.7, 1.15, 1.05, 1.05, 1.1, 1.0, 0.95, 1.0, 0.85, 1.05, 1.0]
        out = []
        for o in range(start, end + 1):
            d = dt.date.fromordinal(o)
            w = month_f[d.month - 1]
            if d.weekday() >= 5:
                w *= 0.04
            if (d.month == 1 and d.day >= 20) or (d.month == 2 and d.day <= 20):
                w *= 0.6
            if (d.month == 10 and d.day <= 7) or (d.month == 1 and d.day == 1):
                w *= 0.1
            out.append((o, w))
        return out

    def day_counts(self, year, n):
        dw = self.day_weights(year)
        total = sum(w for _, w in dw)
        acc = 0.0
        prev = 0
        for o, w in dw:
            acc += w
            target = int(round(n * acc / total))
            if target > prev:
                yield o, target - prev
                prev = target

    # ---- one case
    def make_case(self, rng, year):
        """Everything about a case but its sequence number and dates."""
        rnd = rng.random
        c = Case()
        t = self.type_pool.pick(rnd)
        c.ctype = t
        c.year = year
        if t in ("行审", "行审复"):
            a = self.review_pool.pick(rnd)
            # 行审 at the basic court of the agency's 旗区 (city agencies: 康巴什);
            # its 复议 (行审复) at the court one level up
            court_key = COURT_BY_DISTRICT.get(a.district, "kbs") if t == "行审" else "zy"
        else:
            a = self.fi_pool.pick(rnd)
            if t in FI_TYPES:
                court_key = "zy" if a.kind == "gov" else "kbs"
            else:
                court_key = "zy"
        c.agency = a
        c.court_key = court_key
        c.court = COURT_BY_KEY[court_key]
        c.seq_key = (court_key, t)

        fi = t in FI_TYPES
        # defendant cell
        c.defendant = a.name
        multi = False
        if fi and a.kind == "bureau" and a.domain not in ("其他", "税务") and rnd() < 0.07:
            multi = True
            r = rnd()
            sep = "、" if r < 0.8 else ("；" if r < 0.9 else (";" if r < 0.96 else "\n"))
            c.defendant = a.name + sep + a.gov

        # disposition
        if fi:
            cat = (self.fi_cat[a.domain] if t == "行初" else self.pei_cat).pick(rnd)
            dispo = self.spell[cat].pick(rnd)
        elif t in ("行终", "行赔终"):
            cat, dispo = "二审", self.second.pick(rnd)
        elif t == "行再":
            cat, dispo = "再审", self.retrial.pick(rnd)
        elif t == "行审":
            cat, dispo = "行审", self.review.pick(rnd)
        elif t == "行审复":
            cat, dispo = "行审", self.review_recon.pick(rnd)
        elif t == "行申":
            cat, dispo = "申请再审", self.retrial_review.pick(rnd)
        else:
            cat, dispo = "管辖", self.juris.pick(rnd)
        c.cat = cat
        c.dispo = dispo

        # closing date: 20..300 days; year-end clearance pulls part of the cases
        # that would cross 31 December into December
        ex = rng.expovariate
        if fi:
            if cat in ("撤诉", "驳回起诉"):
                delay = 20 + ex(1 / 38.0)
            elif cat in ("调解", "其他"):
                delay = 20 + ex(1 / 60.0)
            else:
                delay = 30 + ex(1 / 85.0)
        elif t in ("行审", "行审复", "行辖"):
            delay = 20 + ex(1 / 12.0)
        elif t == "行再":
            delay = 30 + ex(1 / 90.0)
        else:
            delay = 20 + ex(1 / 50.0)
        delay = int(delay)
        c.delay = 300 if delay > 300 else delay

        loss = fi and cat in LOSS_CATS
        c.loss = loss
        c.fi = fi
        causes = ""
        if loss and rnd() >= 0.10:
            cp = self.cause[cat]
            first = cp.pick(rnd)
            items = [self.cause_spell[first].pick(rnd)]
            if rnd() < 0.25:
                second = cp.pick(rnd)
                if second != first:
                    items.append(self.cause_spell[second].pick(rnd))
            causes = self.cause_sep.pick(rnd).join(items) if len(items) > 1 else items[0]
        c.causes = causes

        # action type, 管理领域
        if cat == "履行" and rnd() < 0.7:
            action = "行政不作为"
        elif t in ("行审", "行审复"):
            action = "行政处罚" if rnd() < 0.6 else self.action[a.domain].pick(rnd)
        else:
            action = self.action[a.domain].pick(rnd)
        domain = ""
        r = rnd()
        if r < 0.15:
            domain = a.domain
            if a.domain == "人民政府" and r < 0.08:
                domain = "自然资源" if r < 0.05 else "住房城乡建设"
                action = "行政征收"
        if rnd() < 0.05:
            action = ""
        c.action = action
        c.domain = domain

        # hearing and head of agency
        if fi:
            if cat == "驳回诉讼请求" or loss:
                hp = 0.97
            elif cat == "调解":
                hp = 0.6
            elif cat in ("撤诉", "驳回起诉"):
                hp = 0.36
            else:
                hp = 0.2
            heard = rnd() < hp
            c.hearing = heard
            if heard:
                c.head = rnd() < (0.86 if a.kind != "bureau" else 0.945)
            else:
                c.head = None
            r = rnd()
            c.reconsidered = True if (multi or r < 0.22) else (False if r < 0.85 else None)
        else:
            r = rnd()
            if t in ("行终", "行赔终", "行再") and r < 0.5:
                c.hearing = r < 0.2
                c.head = (rnd() < 0.8) if c.hearing else None
            else:
                c.hearing = None
                c.head = None
            r = rnd()
            if t in ("行审", "行审复", "行辖"):
                c.reconsidered = None
            else:
                c.reconsidered = True if r < 0.1 else (False if r < 0.4 else None)
        c.district_fill = rnd()
        c.extras = None
        return c

    def extras(self, c, rnd):
        if c.extras is not None:
            return
        def person():
            s = SURNAMES[int(rnd() * len(SURNAMES))]
            return s + ("某某" if rnd() < 0.6 else "某")

        def company():
            return (CITY + CO_WORDS[int(rnd() * len(CO_WORDS))]
                    + CO_TRADES[int(rnd() * len(CO_TRADES))]
                    + ("有限责任公司" if rnd() < 0.6 else "有限公司"))

        plaintiff = person() if rnd() < 0.72 else company()
        other = person()
        agency = c.agency.name
        act = c.action if c.action not in ("", "其他") else "其他行政行为"
        t = c.ctype
        if t in ("行审", "行审复"):
            name = "%s申请执行%s%s一案" % (agency, plaintiff,
                                        c.action if c.action not in ("", "其他") else "行政决定")
        elif t in ("行终", "行赔终"):
            name = "%s诉%s%s上诉一案" % (plaintiff, agency, act)
        elif t in ("行申", "行再"):
            name = "%s诉%s%s再审一案" % (plaintiff, agency, act)
        elif t == "行辖":
            name = "%s诉%s管辖一案" % (plaintiff, agency)
        else:
            name = "%s诉%s%s一案" % (plaintiff, agency, act)
            if t == "行赔初":
                name = name.replace("一案", "及行政赔偿一案")
        coa = COA_BY_DOMAIN[c.agency.domain]
        judge = (SURNAMES[int(rnd() * 60)] + GIVEN[int(rnd() * len(GIVEN))]
                 + (GIVEN[int(rnd() * len(GIVEN))] if rnd() < 0.6 else ""))
        third = company() if rnd() < 0.08 else ""
        c.extras = (name, coa, plaintiff, judge, other, third)

    # ---- files
    def open_case_file(self, name, prof, court_key, label, rnd):
        path = os.path.join(self.out_dir, name)
        f = CaseFile(path, prof, court_key, rnd, self.dates, label)
        self.files_info.append(f)
        return f

    def run(self):
        years = self.years
        end_ord = dt.date(years[-1], 12, 31).toordinal()
        for y in range(years[0] - 1, years[-1] + 2):
            YEAR_END[y] = dt.date(y, 12, 31).toordinal()
        P = self.profiles
        yr = "%d-%d" % (years[0], years[-1]) if len(years) > 1 else str(years[0])
        holder = {"rnd": None}

        def rnd_proxy():
            return holder["rnd"]()

        # basic courts other than 康巴什: one file for all years
        local = {}
        li = 0
        for ck, full, shorts, code, dist in COURTS:
            if ck in ("zy", "kbs"):
                continue
            prof = P["local"][li % len(P["local"])]
            li += 1
            local[ck] = self.open_case_file("cases-%s-%s.csv" % (ck, yr), prof, ck,
                                            "local", rnd_proxy)
        snap_year = years[-2] if len(years) >= 2 else years[0]
        st = self.stats
        st.update(by_year_type={}, pending={}, losses={}, loss_nocause={}, fi_closed={},
                  snap_pending=0, snap_identical=0, heard={}, head={}, total=0)
        for idx, year in enumerate(years):
            rng = Random("%s:cases:%d" % (self.seed, year))
            rnd = rng.random
            holder["rnd"] = rnd
            files = {
                "kbs": self.open_case_file("cases-kbs-%d.csv" % year,
                                           P["kbs"][idx % 3], "kbs", "kbs", rnd_proxy),
                "zy": self.open_case_file("cases-zy-%d.csv" % year,
                                          P["zy"][idx % 3], "zy", "zy", rnd_proxy),
            }
            files.update(local)
            snaps = []
            if year == snap_year:
                s1 = P["snap1"]
                s1["cols"] = self._snap_cols(P["kbs"][idx % 3]["cols"], 1)
                s1["district_p"] = P["kbs"][idx % 3].get("district_p", 0.0)
                f1 = self.open_case_file("cases-kbs-%dQ3-reexport.csv" % year, s1, "kbs",
                                         "snap1", rnd_proxy)
                lo1 = dt.date(year, 7, 1).toordinal()
                hi1 = dt.date(year, 9, 30).toordinal()
                asof1 = dt.date(year, 10, 15).toordinal()
                snaps.append((f1, "kbs", lo1, hi1, asof1))
                f1.desc = ("re-export (snapshot as of %s) of 康巴什 cases filed %s to %s: "
                           % (ymd(asof1), ymd(lo1), ymd(hi1)))
                s2 = P["snap2"]
                s2["cols"] = self._snap_cols(P["zy"][idx % 3]["cols"], 2)
                s2["district_p"] = P["zy"][idx % 3].get("district_p", 0.0)
                if len(years) >= 2:
                    lo2 = dt.date(year, 12, 1).toordinal()
                    hi2 = dt.date(year, 12, 31).toordinal()
                    asof2 = dt.date(year + 1, 1, 10).toordinal()
                    nm = "cases-zy-%d-01-reexport.csv" % (year + 1)
                else:
                    lo2 = dt.date(year, 11, 1).toordinal()
                    hi2 = dt.date(year, 11, 30).toordinal()
                    asof2 = dt.date(year, 12, 10).toordinal()
                    nm = "cases-zy-%d-12-reexport.csv" % year
                f2 = self.open_case_file(nm, s2, "zy", "snap2", rnd_proxy)
                snaps.append((f2, "zy", lo2, hi2, asof2))
                f2.desc = ("re-export (snapshot as of %s) of 中院 cases filed %s to %s: "
                           % (ymd(asof2), ymd(lo2), ymd(hi2)))
            counters = {}
            n = self.year_count(idx)
            if snaps:
                snap_lo = min(sn[2] for sn in snaps)
                snap_hi = max(sn[3] for sn in snaps)
            else:
                snap_lo, snap_hi = 1, 0
            ye = YEAR_END[year]
            if self.fast:
                self.run_year_fast(rng, year, n, counters, files, snaps, snap_lo, snap_hi,
                                   ye, end_ord)
            else:
                self.run_year(rng, year, n, counters, files, snaps, snap_lo, snap_hi,
                              ye, end_ord)
            files["kbs"].close()
            files["zy"].close()
            for sf, _, _, _, _ in snaps:
                sf.close()
        for f in local.values():
            f.close()
        for f in self.files_info:
            for cy in f.unknown_head_years:
                st["head"][cy] -= 1

    def closing(self, rnd, day, delay, ye, end_ord):
        """closing date (None = pending at the end) and its state: 0 closed in
        the filing year, 1 closed the year after, 2 pending"""
        closed = day + delay
        if closed <= ye:
            return closed, 0
        if day + 20 <= ye and rnd() < YEAR_END_CLEARANCE:
            # year-end clearance pulls most cases that would cross 31 December
            lo = ye - 30 if ye - 30 > day + 20 else day + 20
            return lo + int(rnd() * (ye - lo + 1)), 0
        if closed > end_ord:
            return None, 2
        return closed, 1

    def snapshot(self, c, ck, seq, day, closed, snaps, rnd, fast):
        st = self.stats
        for sf, sck, lo, hi, asof in snaps:
            if ck == sck and lo <= day <= hi:
                view = closed is not None and closed <= asof
                if view:
                    st["snap_identical"] += 1
                else:
                    st["snap_pending"] += 1
                if fast and sf.rows >= SLOW_ROWS:
                    sf.write_fast(c, seq, day, closed if view else None)
                else:
                    c.seq, c.filed, c.closed = seq, day, closed
                    if sf.need_extras:
                        self.extras(c, rnd)
                    sf.write(c, True if view else None)

    def run_year(self, rng, year, n, counters, files, snaps, snap_lo, snap_hi, ye,
                 end_ord):
        """Every case drawn and formatted in full."""
        rnd = rng.random
        make_case = self.make_case
        for day, cnt in self.day_counts(year, n):
            in_snap = snap_lo <= day <= snap_hi
            for _ in range(cnt):
                c = make_case(rng, year)
                key = c.seq_key
                ck = c.court_key
                seq = counters.get(key, 0) + 1
                if seq > MAX_SEQ:
                    ck, key, seq = self.fallback(counters, c.ctype, year)
                    c.court = COURT_BY_KEY[ck]
                counters[key] = seq
                closed, _ = self.closing(rnd, day, c.delay, ye, end_ord)
                c.seq, c.filed, c.closed = seq, day, closed
                f = files[ck]
                if f.need_extras:
                    self.extras(c, rnd)
                f.write(c, True)
                self.count(c)
                if in_snap:
                    self.snapshot(c, ck, seq, day, closed, snaps, rnd, False)

    def run_year_fast(self, rng, year, n, counters, files, snaps, snap_lo, snap_hi, ye,
                      end_ord):
        """Large runs: cases are drawn from a pool of templates (everything but
        the sequence number and the dates).  Each file formats its first
        SLOW_ROWS rows in full, so the quirks planted at fixed rows are there,
        and the rest from cells prepared once per template."""
        rnd = rng.random
        templates = []
        for i in range(TEMPLATES):
            c = self.make_case(rng, year)
            c.tid = year * 100000 + i
            c.tix = 3 * i
            self.extras(c, rnd)
            templates.append(c)
        tcount = [0] * (3 * TEMPLATES)
        ntpl = TEMPLATES
        # sequence counters in a list, indexed per (court, case type)
        kidx = {}
        for ck in COURT_BY_KEY:
            for t, _ in TYPE_W:
                kidx[(ck, t)] = len(kidx)
        seqs = [0] * len(kidx)
        for c in templates:
            c.kidx = kidx[c.seq_key]
        slow_rows = SLOW_ROWS
        for day, cnt in self.day_counts(year, n):
            in_snap = snap_lo <= day <= snap_hi
            for _ in range(cnt):
                c = templates[int(rnd() * ntpl)]
                k = c.kidx
                seq = seqs[k] + 1
                ck = c.court_key
                if seq > MAX_SEQ:
                    # a full counter moves the case to the next court (only
                    # ever happens with about a million cases of a type)
                    for ck in FALLBACK_COURTS:
                        k = kidx[(ck, c.ctype)]
                        seq = seqs[k] + 1
                        if seq <= MAX_SEQ:
                            break
                    else:
                        raise SystemExit("gen_data: too many cases of type %s in %d"
                                         % (c.ctype, year))
                    c.court = COURT_BY_KEY[ck]
                seqs[k] = seq
                # the closing date as in closing(), with its state
                closed = day + c.delay
                if closed <= ye:
                    state = 0
                elif day + 20 <= ye and rnd() < YEAR_END_CLEARANCE:
                    # year-end clearance
                    lo = ye - 30 if ye - 30 > day + 20 else day + 20
                    closed = lo + int(rnd() * (ye - lo + 1))
                    state = 0
                elif closed > end_ord:
                    closed = None
                    state = 2
                else:
                    state = 1
                tcount[c.tix + state] += 1
                f = files[ck]
                if f.rows >= slow_rows:
                    # inlined CaseFile.write_fast
                    p = f.cache.get(c.tid)
                    if p is None:
                        p = f.cache[c.tid] = f.prepare(c)
                    rows = f.rows = f.rows + 1
                    base = p[4]
                    if closed is None:
                        line = p[1] % {"n": seq, "f": p[2][day - base], "s": rows}
                    else:
                        line = p[0] % {"n": seq, "f": p[2][day - base],
                                       "c": p[3][closed - base], "s": rows,
                                       "d": closed - day}
                    buf = f.buf
                    buf.append(line)
                    if len(buf) >= 4096:
                        f.out.flush()
                else:
                    c.seq, c.filed, c.closed = seq, day, closed
                    f.write(c, True)
                if in_snap:
                    self.snapshot(c, ck, seq, day, closed, snaps, rnd, True)
                if ck != c.court_key:
                    c.court = COURT_BY_KEY[c.court_key]
        self.count_templates(templates, tcount, year)
        for f in files.values():
            f.cache = {}

    @staticmethod
    def fallback(counters, t, year):
        for ck in FALLBACK_COURTS:
            n = counters.get((ck, t), 0) + 1
            if n <= MAX_SEQ:
                return ck, (ck, t), n
        raise SystemExit("gen_data: too many cases of type %s in %d" % (t, year))

    def count_templates(self, templates, tcount, year):
        st = self.stats
        for i, c in enumerate(templates):
            same, nxt, pend = tcount[3 * i:3 * i + 3]
            tot = same + nxt + pend
            if not tot:
                continue
            st["total"] += tot
            k = (year, c.ctype)
            st["by_year_type"][k] = st["by_year_type"].get(k, 0) + tot
            if pend:
                st["pending"][year] = st["pending"].get(year, 0) + pend
            if c.fi:
                for cy, m in ((year, same), (year + 1, nxt)):
                    if not m:
                        continue
                    st["fi_closed"][cy] = st["fi_closed"].get(cy, 0) + m
                    if c.loss:
                        st["losses"][cy] = st["losses"].get(cy, 0) + m
                        if not c.causes:
                            st["loss_nocause"][cy] = st["loss_nocause"].get(cy, 0) + m
                    if c.hearing:
                        st["heard"][cy] = st["heard"].get(cy, 0) + m
                        if c.head:
                            st["head"][cy] = st["head"].get(cy, 0) + m

    @staticmethod
    def _snap_cols(main_cols, which):
        used = [k for k in main_cols if k in USED_KEYS]
        # a different order, and extra columns of its own
        if which == 1:
            return ["case_no", "court"] + [k for k in used if k not in ("case_no", "court")] \
                + ["name"]
        return ["seq_no"] + list(reversed(used)) + ["plaintiff"]

    def count(self, c):
        st = self.stats
        st["total"] += 1
        k = (c.year, c.ctype)
        st["by_year_type"][k] = st["by_year_type"].get(k, 0) + 1
        if c.closed is None:
            st["pending"][c.year] = st["pending"].get(c.year, 0) + 1
        elif c.ctype in FI_TYPES:
            cy = ymd(c.closed).year
            st["fi_closed"][cy] = st["fi_closed"].get(cy, 0) + 1
            if c.cat in LOSS_CATS:
                st["losses"][cy] = st["losses"].get(cy, 0) + 1
                if not c.causes:
                    st["loss_nocause"][cy] = st["loss_nocause"].get(cy, 0) + 1
            if c.hearing:
                st["heard"][cy] = st["heard"].get(cy, 0) + 1
                if c.head:
                    st["head"][cy] = st["head"].get(cy, 0) + 1


YEAR_END = {}
YEAR_END_CLEARANCE = 0.88  # share of the cases crossing 31 December closed in December
FAST_ABOVE = 20000   # cases a year above which the template pool is used
TEMPLATES = 4096
SLOW_ROWS = 200
FALLBACK_COURTS = ["kbs", "ds", "dlt", "zge", "yjhl", "etk", "ws", "hj", "eqq", "zy"]


# ---------------------------------------------------------------------------
# Population

def population_rows(pop_years):
    """{year: {旗区 or 鄂尔多斯市: persons}}, consistent with domain.md."""
    census = {d: p for d, _, p in DISTRICTS}
    city_pub = {2020: sum(census.values()), 2021: 2168400, 2022: 2200700, 2023: 2220300}
    anchors = {"东胜区": {2020: 574242, 2023: 585200},
               "达拉特旗": {2020: 328593, 2021: 330100, 2023: 334000},
               "康巴什区": {2020: 118796, 2023: 126900}}
    growth_w = {"准格尔旗": 1.25, "鄂托克前旗": 0.9, "鄂托克旗": 1.0, "杭锦旗": 0.7,
                "乌审旗": 1.0, "伊金霍洛旗": 1.4}

    def city_total(y):
        if y in city_pub:
            return city_pub[y]
        if y < 2020:
            return int(round(city_pub[2020] * (0.995 ** (2020 - y))))
        return int(round(city_pub[2023] * (1.008 ** (y - 2023))))

    def interp(points, y):
        ys = sorted(points)
        if y in points:
            return points[y]
        if y < ys[0]:
            return None
        if y > ys[-1]:
            return None
        for a, b in zip(ys, ys[1:]):
            if a < y < b:
                return int(round(points[a] + (points[b] - points[a]) * (y - a) / (b - a)))
        return None

    out = {}
    for y in pop_years:
        tot = city_total(y)
        vals = {}
        for d in DISTRICT_NAMES:
            v = interp(anchors[d], y) if d in anchors else None
            if v is None and d in anchors:
                # outside the anchors: follow the city's trend
                v = int(round(census[d] * tot / city_pub[2020]))
            if v is not None:
                vals[d] = v
        if y == 2020:
            vals = dict(census)
        rest = [d for d in DISTRICT_NAMES if d not in vals]
        if rest:
            remaining = tot - sum(vals.values())
            base = {d: census[d] * (1 + (growth_w[d] - 1) * 0.01 * (y - 2020)) for d in rest}
            bsum = sum(base.values())
            acc = 0
            for i, d in enumerate(rest):
                if i == len(rest) - 1:
                    vals[d] = remaining - acc
                else:
                    vals[d] = int(round(remaining * base[d] / bsum))
                    acc += vals[d]
        vals[CITY] = tot
        out[y] = vals
    return out


def write_population(out_dir, years, rnd, info):
    last = years[-1]
    pop_years = list(range(min(2020, years[0]), max(last, 2021)))
    data = population_rows(pop_years)
    wan_year = 2021 if (2021 in pop_years and len(pop_years) > 1) else None
    # the city's own row: not for 2020 (the sum of the 旗区 equals the census total)
    city_years = [y for y in pop_years if y != 2020]
    p1 = os.path.join(out_dir, "population.csv")
    o = CsvOut(p1, "utf-8-sig", "\n")
    o.row(["地区", "年份", "常住人口(人)", "备注"])
    n1 = 0
    for y in pop_years:
        if y == wan_year:
            continue
        for d in DISTRICT_NAMES + ([CITY] if y in city_years else []):
            v = str(data[y][d])
            note = "第七次全国人口普查" if y == 2020 else (
                "统计公报" if d == CITY or (d, y) in (("东胜区", 2023), ("达拉特旗", 2023),
                                                  ("康巴什区", 2023)) else "推算")
            if d == "杭锦旗" and y == pop_years[-1]:
                v = " " + v.translate(FW_DIGITS)  # a full-width count with a stray space
            o.row([d, str(y), v, note])
            n1 += 1
    o.close()
    info.append(("population.csv", enc_label("utf-8-sig", "LF"),
                 "aliases 地区 and 常住人口(人); extra column 备注; years %s; city row for %s; "
                 "one full-width count with a leading space; no row for %d (fallback)"
                 % (",".join(str(y) for y in pop_years if y != wan_year),
                    ",".join(str(y) for y in city_years if y != wan_year), last), n1))
    if wan_year:
        p2 = os.path.join(out_dir, "population-wan.csv")
        o = CsvOut(p2, "gb18030", "\r\n")
        o.row(["旗区", "年度", "常住人口（万人）"])
        n2 = 0
        for d in DISTRICT_NAMES + [CITY]:
            v = "%.4f" % (data[wan_year][d] / 10000.0)
            v = v.rstrip("0").rstrip(".") if "." in v else v
            o.row([d, str(wan_year), v])
            n2 += 1
        o.close()
        info.append(("population-wan.csv", enc_label("gb18030", "CRLF"),
                     "header 常住人口（万人） (full-width brackets), values in 万人 with up to 4 "
                     "decimals, alias 年度; year %d only (incl. the city row)" % wan_year, n2))
    return data


# ---------------------------------------------------------------------------
# Civil filings

CIVIL_BASE = {"zy": 35, "ds": 880, "kbs": 150, "dlt": 330, "zge": 420, "eqq": 100,
              "etk": 210, "hj": 110, "ws": 180, "yjhl": 380}
MONTH_F = [0.9, 0.6, 1.15, 1.05, 1.05, 1.1, 1.0, 0.95, 1.0, 0.8, 1.05, 1.1]


def write_civil(out_dir, years, rnd, info):
    path = os.path.join(out_dir, "civil_filings.csv")
    o = CsvOut(path, "gb18030", "\r\n")
    o.row(["鄂尔多斯市两级法院民事一审收案情况（按月）"])
    o.row(["序号", "法院名称", "统计月份", "民事一审新收案件数", "备注"])
    total = 0
    n = 0
    big = 0
    for ck, full, shorts, code, dist in COURTS:
        for y in years:
            g = 1.0 + 0.03 * (y - years[0])
            for m in range(1, 13):
                v = int(round(CIVIL_BASE[ck] * MONTH_F[m - 1] * g * (0.92 + 0.16 * rnd())))
                v = max(v, 1)
                total += v
                r = rnd()
                if r < 0.4:
                    ms = "%d-%02d" % (y, m)
                elif r < 0.6:
                    ms = "%d/%d" % (y, m)
                elif r < 0.85:
                    ms = "%d年%d月" % (y, m)
                else:
                    ms = "%d%02d" % (y, m)
                r = rnd()
                if r < 0.8 or not shorts:
                    name = full if r < 0.95 or not shorts else "内蒙古自治区" + full
                else:
                    name = shorts[int(rnd() * len(shorts))]
                vs = "{:,}".format(v)
                if v >= 1000:
                    big += 1
                elif rnd() < 0.02:
                    vs = vs.translate(FW_DIGITS)
                if rnd() < 0.03:
                    vs = " " + vs + " "
                n += 1
                o.row([str(n), name, ms, vs, ""])
    o.row(["合计", "", "", "{:,}".format(total), ""])
    o.close()
    info.append(("civil_filings.csv", enc_label("gb18030", "CRLF"),
                 "title row; aliases 法院名称 / 统计月份 / 民事一审新收案件数; extra 序号, 备注; "
                 "mixed month spellings; short and prefixed court names; %d counts >= 1,000 "
                 "written \"1,234\" (quoted); a few full-width or space-padded counts; "
                 "合计 row" % big, n))


# ---------------------------------------------------------------------------
# Recommendations and hearings

COURT_REC_PREFIX = {"zy": "鄂中法司建", "kbs": "康法司建", "ds": "东法司建", "dlt": "达法司建",
                    "zge": "准法司建", "eqq": "鄂前法司建", "etk": "鄂托法司建",
                    "hj": "杭法司建", "ws": "乌法司建", "yjhl": "伊法司建"}
PROCURATORATES = [("鄂尔多斯市人民检察院", "鄂检", "市本级", 40)]
for _d, _p in zip(DISTRICT_NAMES, ["东检", "康检", "达检", "准检", "鄂前检", "鄂托检", "杭检",
                                    "乌检", "伊检"]):
    PROCURATORATES.append(((CITY + _d if _d.endswith("区") else _d) + "人民检察院", _p, _d,
                           DISTRICT_W[_d] / 2.0))
REC_TOPICS = ["规范行政执法程序", "加强行政机关负责人出庭应诉", "完善行政处罚案卷管理",
              "规范征收补偿安置程序", "依法履行政府信息公开职责", "规范非诉执行申请材料",
              "加强执法人员资格管理", "依法履行法定职责"]


def add_months(d, k):
    m = d.month - 1 + k
    y = d.year + m // 12
    m = m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    raise AssertionError


def weekday_in_year(rnd, year, last_ord=None):
    start = dt.date(year, 1, 4).toordinal()
    end = dt.date(year, 12, 28).toordinal() if last_ord is None else last_ord
    while True:
        o = start + int(rnd() * (end - start + 1))
        if dt.date.fromordinal(o).weekday() < 5:
            return o


def write_recommendations(out_dir, years, rnd, agencies, dates, info):
    path = os.path.join(out_dir, "recommendations.csv")
    o = CsvOut(path, "utf-8", "\n")
    o.row(["建议编号", "建议类型", "发出单位", "发出日期", "接收单位", "回复期限", "反馈日期",
           "采纳情况", "主要内容"])
    asof = dt.date(years[-1], 12, 31).toordinal()
    by_dist = {}
    for a in agencies:
        by_dist.setdefault(a.district, []).append(a)
    court_pool = pool([("zy", 50), ("kbs", 30), ("ds", 4), ("dlt", 3), ("zge", 4),
                       ("eqq", 1), ("etk", 2), ("hj", 1), ("ws", 2), ("yjhl", 3)])
    proc_pool = pool([(p, p[3]) for p in PROCURATORATES])
    date_pool = pool({"iso": 4, "slash": 3, "cn": 3})
    st = {"n": 0, "judicial": 0, "procuratorial": 0, "no_due": 0, "late": 0, "no_reply": 0}
    for y in years:
        n = 40 + int(rnd() * 41)
        recs = []
        seqs = {}
        for _ in range(n):
            issued = weekday_in_year(rnd, y)
            if rnd() < 0.45:
                kind = "司法建议"
                ck = court_pool.pick(rnd)
                issuer = COURT_BY_KEY[ck][1]
                prefix = COURT_REC_PREFIX[ck]
                cands = agencies
            else:
                kind = "检察建议"
                p = proc_pool.pick(rnd)
                issuer, prefix = p[0], p[1] + "行建"
                cands = agencies if p[2] == "市本级" else by_dist[p[2]]
            recs.append((issued, kind, issuer, prefix, cands[int(rnd() * len(cands))].name))
        recs.sort(key=lambda r: (r[0], r[1], r[2]))
        for issued, kind, issuer, prefix, recipient in recs:
            seqs[prefix] = seqs.get(prefix, 0) + 1
            br = "〔〕" if rnd() < 0.9 else "（）"
            no = "%s%s%d%s%d号" % (prefix, br[0], y, br[1], seqs[prefix])
            d_issued = dt.date.fromordinal(issued)
            r = rnd()
            if kind == "检察建议":
                due = add_months(d_issued, 2).toordinal() if r < 0.7 else None
            else:
                due = issued + 30 if r < 0.5 else (issued + 60 if r < 0.7 else None)
            eff_due = due if due is not None else issued + 60
            r = rnd()
            if r < 0.78:
                reply = issued + 5 + int(rnd() * (eff_due - issued - 4))
            elif r < 0.89:
                reply = eff_due + 1 + int(rnd() * 45)
                st["late"] += 1 if reply <= asof else 0
            else:
                reply = None
            if reply is not None and reply > asof:
                reply = None
            if reply is None:
                st["no_reply"] += 1
            adoption = ""
            if reply is not None:
                r = rnd()
                adoption = "采纳" if r < 0.75 else ("部分采纳" if r < 0.92 else "未采纳")
            if due is None:
                st["no_due"] += 1
            o.row([no, kind, issuer, dates.fmt(date_pool.pick(rnd), issued, rnd), recipient,
                   "" if due is None else dates.fmt(date_pool.pick(rnd), due, rnd),
                   "" if reply is None else dates.fmt(date_pool.pick(rnd), reply, rnd),
                   adoption, REC_TOPICS[int(rnd() * len(REC_TOPICS))]])
            st["n"] += 1
            st["judicial" if kind == "司法建议" else "procuratorial"] += 1
    o.close()
    info.append(("recommendations.csv", enc_label("utf-8", "LF"),
                 "%d recommendations (%d 司法建议, %d 检察建议); alias 回复期限; %d without a "
                 "反馈期限 (default +60 days), %d answered late, %d without a reply; mixed date "
                 "spellings; extra column 主要内容" % (st["n"], st["judicial"],
                                                   st["procuratorial"], st["no_due"],
                                                   st["late"], st["no_reply"]), st["n"]))


def write_hearings(out_dir, years, rnd, agencies, dates, info):
    path = os.path.join(out_dir, "hearings.csv")
    o = CsvOut(path, "gb18030", "\r\n")
    o.row(["序号", "听证编号", "听证日期", "承办检察院", "涉案行政机关", "听证事项", "负责人是否出席"])
    proc_pool = pool([(p, p[3]) for p in PROCURATORATES])
    by_dist = {}
    for a in agencies:
        by_dist.setdefault(a.district, []).append(a)
    date_pool = pool({"iso": 3, "cn": 3, "compact": 2, "serial": 2})
    yn_pool = pool({"cn": 6, "check": 2, "yn": 2})
    n_all = 0
    attended = 0
    for y in years:
        n = 20 + int(rnd() * 21)
        items = []
        for _ in range(n):
            p = proc_pool.pick(rnd)
            cands = agencies if p[2] == "市本级" else by_dist[p[2]]
            items.append((weekday_in_year(rnd, y), p, cands[int(rnd() * len(cands))].name))
        items.sort(key=lambda r: (r[0], r[1][0]))
        seqs = {}
        for held, p, agency in items:
            seqs[p[1]] = seqs.get(p[1], 0) + 1
            no = "%s听〔%d〕%d号" % (p[1], y, seqs[p[1]])
            yes = rnd() < 0.86
            attended += yes
            n_all += 1
            o.row([str(n_all), no, dates.fmt(date_pool.pick(rnd), held, rnd), p[0], agency,
                   "行政争议实质性化解" if rnd() < 0.6 else "行政非诉执行监督",
                   YN[yn_pool.pick(rnd)][0 if yes else 1]])
    o.close()
    info.append(("hearings.csv", enc_label("gb18030", "CRLF"),
                 "%d hearings (head attended %d); aliases 涉案行政机关, 负责人是否出席; yes/no as "
                 "是/否, √/×, Y/N; mixed date spellings incl. Excel serials; extra columns "
                 "序号, 承办检察院, 听证事项" % (n_all, attended), n_all))


# ---------------------------------------------------------------------------
# README

def describe_case_file(f):
    p = f.prof
    enc = {"gb18030": "GB18030", "utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8 (no BOM)"}[
        file_encoding(p["enc"])]
    enc += ", " + ("CRLF" if p["nl"] == "\r\n" else "LF")
    if p.get("title_nl") and p.get("title_nl") != p["nl"]:
        enc += " (title and 合计 rows CRLF: mixed)"
    q = []
    if p.get("title"):
        q.append("title row" + (" + empty row" if p.get("blank_after_title") else "")
                 + (" with trailing commas" if p.get("title_commas") else ""))
    if p.get("total"):
        q.append("合计 row")
    if p.get("english"):
        q.append("English column keys")
    hdr = p.get("hdr", {})
    if hdr:
        q.append("aliases " + "/".join(hdr[k] for k in f.cols if k in hdr))
    extra = [HEADERS["english" if p.get("english") else "canon"][k] for k in f.cols
             if k not in USED_KEYS]
    if extra:
        q.append("unused columns " + "/".join(extra))
    if "district" in f.cols and p.get("district_p"):
        q.append("所属旗区 filled for ~%d%% of rows" % int(p["district_p"] * 100))
    names = {"iso": "2023-01-05", "slash": "2023/1/5", "dot": "2023.1.5", "cn": "2023年1月5日",
             "compact": "20230105", "serial": "Excel serial", "iso_t": "2023-01-05 10:30:00",
             "slash_t": "2023/1/5 10:30"}
    q.append("dates " + ", ".join(names[k] for k in p["dates"]))
    if p.get("fw_p"):
        q.append("some full-width digits in dates")
    q.append("yes/no " + ", ".join("/".join(YN[k]) for k in p["yn"]))
    pend = [k if k else "empty" for k in p["pending"]]
    q.append("pending 结案日期 " + ", ".join(pend))
    br = p.get("brackets")
    if br:
        q.append("案号 brackets " + " ".join(br))
    if p.get("space_p"):
        q.append("stray spaces/tabs/NBSP/U+3000 around values")
    if f.stats_special:
        q.append("案件名称 with " + ", ".join("%s (row %d)" % (
            {"comma": "a comma", "newline": "a line break", "quote": 'a "quote"'}[k], r)
            for r, k in f.stats_special))
    if f.dups_written:
        q.append("%d identical duplicate row(s) in the file" % f.dups_written)
    if f.stats_unknown_head:
        q.append("%d 负责人出庭 = 不详" % f.stats_unknown_head)
    return enc, "; ".join(q)


def write_readme(out_dir, args_line, gen, info, years):
    st = gen.stats
    L = []
    L.append("# Sample data set")
    L.append("")
    L.append("Generated data in the shape of the exports of the Ordos (鄂尔多斯市) courts, "
             "procuratorates and statistics bureau, for `fuyuan` (see the data contract, "
             "data-contract.md of the spec). Every row is valid: `fuyuan validate` must "
             "reject nothing. The figures are invented; the court registry, 旗区 and "
             "population anchors follow domain.md.")
    L.append("")
    L.append("Regenerate (byte-identical) from the repository root with:")
    L.append("")
    L.append("    " + args_line)
    L.append("")
    L.append("## Cases (table `cases`)")
    L.append("")
    types = [t for t, _ in TYPE_W]
    L.append("| year | " + " | ".join(types) + " | total | pending at %d-12-31 |" % years[-1])
    L.append("|---|" + "---|" * (len(types) + 2))
    for y in years:
        row = [st["by_year_type"].get((y, t), 0) for t in types]
        L.append("| %d | %s | %d | %d |" % (y, " | ".join(str(v) for v in row), sum(row),
                                           st["pending"].get(y, 0)))
    L.append("")
    L.append("Distinct cases by filing year (the year of the 案号). First-instance (行初, 行赔初) "
             "closed / agency losses (of which without 败诉原因) / heard / head appeared, by "
             "closing year:")
    L.append("")
    for y in sorted(st["fi_closed"]):
        L.append("- %d: %d closed, %d losses (%d without cause), %d heard, %d head appeared"
                 % (y, st["fi_closed"][y], st["losses"].get(y, 0),
                    st["loss_nocause"].get(y, 0), st["heard"].get(y, 0),
                    st["head"].get(y, 0)))
    dups = sum(f.dups_written for f in gen.files_info)
    L.append("")
    L.append("Duplicate rows (same 案号 after normalisation): %d rows in the re-exports that "
             "show a case as pending at the snapshot date (the main export has its later "
             "state), %d rows in the "
             "re-exports identical to the main export (spelled differently), %d verbatim "
             "duplicate rows inside one file." % (st["snap_pending"], st["snap_identical"],
                                                   dups))
    L.append("")
    L.append("| file | encoding | rows | quirks |")
    L.append("|---|---|---|---|")
    for f in sorted(gen.files_info, key=lambda f: os.path.basename(f.path)):
        enc, q = describe_case_file(f)
        L.append("| %s | %s | %d | %s%s |" % (os.path.basename(f.path), enc, f.rows,
                                              f.desc, q))
    L.append("")
    L.append("Everywhere: 案号 mostly `（2023）`, some `(2023)`, `〔2023〕`, `【2023】`, "
             "`[2023]`, a few zero-padded sequences (`行初015号`) and full-width digits; "
             "court names mostly full, some short (`东胜区人民法院`, `鄂尔多斯中院`, `市中院`) or "
             "prefixed with `内蒙古自治区`; a few 被告 cells name two agencies (separated by "
             "`、`, `；`, `;` or a line break); 管理领域 mostly empty; 结案方式 only spellings "
             "that the disposition table maps.")
    L.append("")
    L.append("## Other tables")
    L.append("")
    L.append("| file | encoding | rows | quirks |")
    L.append("|---|---|---|---|")
    for name, enc, q, n in info:
        L.append("| %s | %s | %d | %s |" % (name, enc, n, q))
    L.append("")
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(L))


# ---------------------------------------------------------------------------

def parse_years(s):
    try:
        if "-" in s:
            a, b = s.split("-", 1)
            a, b = int(a), int(b)
        else:
            a = b = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError("years: YYYY or YYYY-YYYY")
    if not (1990 <= a <= b <= 2099):
        raise argparse.ArgumentTypeError("years: YYYY or YYYY-YYYY, 1990..2099")
    return list(range(a, b + 1))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output folder (created if missing)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--years", type=parse_years, default=parse_years("2022-2024"),
                    help="YYYY or YYYY-YYYY (default 2022-2024)")
    ap.add_argument("--cases-per-year", type=int, default=DEFAULT_CASES,
                    help="about this many cases a year (default %d)" % DEFAULT_CASES)
    ap.add_argument("--encoding", choices=("mixed", "utf-8", "gb18030"), default="mixed",
                    help="every file in one encoding (default: mixed, as exports come)")
    args = ap.parse_args(argv)
    global ENCODING
    ENCODING = None if args.encoding == "mixed" else args.encoding
    if args.cases_per_year < 1:
        ap.error("--cases-per-year must be at least 1")
    os.makedirs(args.out, exist_ok=True)
    years = args.years
    dates = DateTable(years[0], years[-1])
    gen = CaseGen(args.seed, years, args.cases_per_year, args.out, dates)
    gen.run()
    info = []
    write_population(args.out, years, Random("%s:population" % args.seed).random, info)
    write_civil(args.out, years, Random("%s:civil" % args.seed).random, info)
    write_recommendations(args.out, years, Random("%s:recommendations" % args.seed).random,
                          gen.agencies, dates, info)
    write_hearings(args.out, years, Random("%s:hearings" % args.seed).random,
                   gen.agencies, dates, info)
    yr = "%d-%d" % (years[0], years[-1]) if len(years) > 1 else str(years[0])
    line = ("python3 tools/gen_data.py --out fixtures/sample --seed %d --years %s "
            "--cases-per-year %d" % (args.seed, yr, args.cases_per_year))
    if ENCODING:
        line += " --encoding " + ENCODING
    write_readme(args.out, line, gen, info, years)
    st = gen.stats
    sys.stderr.write("gen_data: %d cases (%s) written to %s\n" % (
        st["total"], ", ".join("%d: %d" % (y, sum(v for (yy, _), v in st["by_year_type"].items()
                                                   if yy == y)) for y in years), args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
