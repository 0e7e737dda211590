"""Name normalisation for entity resolution.

Why this module exists: the same company reaches us spelled in many ways (all caps from a
screening list, curly apostrophes pasted from a PDF, "Co.,Ltd" vs "Company Limited", Chinese
script, pinyin split into syllables).  Everything downstream (blocking, IDF weights, scoring)
compares *normalised tokens*, so every variation that does not change the identity of the
company has to be folded away here, and nothing that does change identity may be folded.

Design choices (the precision-first rules):

* Legal-form words (co, ltd, limited, company, corp, inc, llc, gmbh, 有限公司 ...) are removed:
  they say how a company is registered, not which company it is, and journalists drop or
  garble them constantly.  "company" is removed too: "X Company" and "X" are never two
  different firms in our sources, while keeping it makes "X Co" and "X Company" differ.
* "group" / 集团 and "holding(s)" are deliberately KEPT.  "SenseTime Group Limited" (the listed
  parent) and "SenseTime Co., Ltd." (an operating subsidiary) are different legal persons with
  different designations; stripping "group" would make them identical strings.  The resolver
  gives "group" a low weight (it is frequent, so its IDF is low and it is in the list of
  commonly omitted descriptors), so a query that omits it still scores high.
* Plurals are NOT folded ("technologies" stays): registered names differ by exactly that
  ("Huawei Technology Co. Ltd." in Hanoi vs "Huawei Technologies Co., Ltd."); the resolver
  treats plural variants as a near match with a small penalty instead.
* Hyphens become spaces and apostrophes disappear, so "Xin'an", "Xin’an" and "Xinan" are one
  token while "Xin-an" is two tokens ("xin an"); the resolver joins adjacent tokens when
  comparing, which also covers "Hai Shi" / "Haishi" and "Hik Vision" / "Hikvision".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

__all__ = [
    "ADMIN_WORDS",
    "COMMON_DESCRIPTORS",
    "PLACE_PREFIXES",
    "gloss_form",
    "has_cjk",
    "is_initialism",
    "list_latin",
    "name_variants",
    "normalize",
    "pinyin_form",
    "tokens",
]

# ---------------------------------------------------------------------------------------------
# Character level
# ---------------------------------------------------------------------------------------------

# Apostrophes and quote marks are deleted (not spaced) so that "Xin'an" == "Xinan".
_APOSTROPHES = "'\"`´ʹʻʼʽʾʿˈ‘’‚‛“”„‟′″‵‶«»‹›＇＂"
# Every dash-like character becomes a space (via the generic punctuation rule).
_DASHES = "‐‑‒–—―−﹘﹣－⁃"

_CHAR_TABLE: dict[int, str | None] = {ord(c): None for c in _APOSTROPHES}
_CHAR_TABLE.update({ord(c): " " for c in _DASHES})
_CHAR_TABLE[ord("&")] = " and "
_CHAR_TABLE[ord("＆")] = " and "
_CHAR_TABLE[ord("_")] = " "

_NON_WORD = re.compile(r"[^\w]+")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")

# Chinese legal forms, longest first so that 股份有限公司 is not left as 股份.  They are removed
# wherever they occur (Chinese has no word spaces, so "suffix" is not a token boundary).
_CJK_LEGAL = (
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "股份公司",
    "有限公司",
    "责任公司",
    "責任公司",
    "公司",
)
_CJK_LEGAL_RE = re.compile("|".join(_CJK_LEGAL))
# 股份 ("joint-stock") on its own is a legal-form fragment only at the end of a name
# (大华股份 is the stock-market short name of Dahua).
_CJK_TRAILING_SHARES = re.compile(r"股份$")

# ---------------------------------------------------------------------------------------------
# Token level
# ---------------------------------------------------------------------------------------------

LEGAL_FORMS: frozenset[str] = frozenset(
    "co ltd limited company corp corporation inc incorporated llc plc gmbh pte pty pvt ltda "
    "sa sarl srl sas sasu spa ag nv bv kk ua ooo zao oao pjsc ojsc cjsc jsc llp bhd fze fzco "
    "fzc fzllc lda ltée ltee".split()
)
# Multi-word legal forms; checked before single words.
_LEGAL_PHRASES: tuple[tuple[str, ...], ...] = (
    ("private", "limited"),
    ("sociedad", "anonima"),
    ("closed", "joint", "stock"),
    ("open", "joint", "stock"),
    ("public", "joint", "stock"),
    ("private", "joint", "stock"),
    ("joint", "stock"),
    ("sdn", "bhd"),
    ("tovarishchestvo", "s", "ogranichennoi", "otvetstvennostyu"),
    ("tovarishchestvo", "s", "ogranichennoy", "otvetstvennostyu"),
)
_PHRASES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in _LEGAL_PHRASES:
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)

ABBREVIATIONS: dict[str, str] = {
    "tech": "technology",
    "techn": "technology",
    "technol": "technology",
    "intl": "international",
    "int": "international",
    "internat": "international",
    "elec": "electronic",
    "electr": "electronic",
    "sci": "science",
    "dev": "development",
    "devel": "development",
    "mfg": "manufacturing",
    "mfr": "manufacturing",
    "eng": "engineering",
    "engg": "engineering",
    "equip": "equipment",
    "info": "information",
    "inst": "institute",
    "univ": "university",
    "natl": "national",
    "svc": "service",
    "svcs": "services",
    "srvc": "service",
    "srvcs": "services",
    "srvces": "services",
    "svces": "services",
    "servs": "services",
    "lab": "laboratory",
    "labs": "laboratories",
    "chem": "chemical",
    "pharm": "pharmaceutical",
    "pharma": "pharmaceutical",
    "petrochem": "petrochemical",
    "mach": "machinery",
    "machy": "machinery",
    "eqpt": "equipment",
    "mgt": "management",
    "assn": "association",
    "dept": "department",
    "govt": "government",
    "mgmt": "management",
    "indus": "industrial",
    "comm": "communication",
    "comms": "communications",
    "telecom": "telecommunication",
    "telecoms": "telecommunications",
    "sys": "system",
    "hldgs": "holdings",
    "hldg": "holding",
    "grp": "group",
    "assoc": "association",
    # Pinyin descriptors translate to the English word used in registered English names,
    # so "Zhejiang Dahua Jishu" meets "Zhejiang Dahua Technology".
    "jishu": "technology",
    "keji": "technology",
    "dianzi": "electronic",
    "shuzi": "digital",
    "wangluo": "network",
    "xinxi": "information",
    "tongxin": "communication",
    "tongxun": "communication",
    "zhineng": "intelligent",
    # Transliteration variants of place names (Wade-Giles / Uyghur / pinyin).
    "urumchi": "urumqi",
    "wulumuqi": "urumqi",
    "khotan": "hotan",
    "hetian": "hotan",
    "peking": "beijing",
    "canton": "guangzhou",
}

# Descriptors that short forms routinely omit ("Hikvision" for "... Digital Technology").
# Used by the resolver to discount them when a candidate has them and the query does not,
# and to exclude them from the "distinctive token" veto.  Deliberately generic industry
# words only: nothing here names or locates a company.  Field-specific words
# (semiconductor, software, video, vision, robot, sensing, optoelectronic ...) are NOT here:
# "Shanghai Skyverse Semiconductor Technology" and a "Shanghai Skyverse Technology" sibling
# are different firms, so those words must match.  "group" and "holding(s)" are NOT
# here: a group or holding company is a different legal person from its operating arm
# ("Dahua Group" is an unrelated Shanghai conglomerate, not Zhejiang Dahua).
COMMON_DESCRIPTORS: frozenset[str] = frozenset(
    "technology technologies electronic electronics digital network networks information "
    "science sciences communication communications telecommunication telecommunications "
    "system systems intelligent intelligence industrial industry industries trading trade "
    "international development equipment manufacturing engineering service services and of "
    "the china chinese enterprise enterprises products product solutions solution security "
    "import export investment hitech innovation smart management commercial business".split()
)

# Administrative words that sources add or drop at will ("Luopu County Haishi ..." vs "Luo Pu
# District HaiShi ..."): never evidence for or against identity, so the resolver gives them a
# fraction of their weight on either side and never vetoes on them.
ADMIN_WORDS: frozenset[str] = frozenset(
    {"county", "district", "city", "province", "prefecture", "municipality", "municipal"}
)

# Chinese provinces, autonomous regions and large cities, in pinyin.  Chinese registered
# names carry them as a prefix that short forms omit ("Hikvision" vs "Hangzhou Hikvision
# ..."), so a candidate-side unmatched place costs less.  County-level names (Luopu, Moyu,
# Pishan, Yutian ...) are intentionally absent: for small firms the county IS the identity.
PLACE_PREFIXES: frozenset[str] = frozenset(
    "beijing shanghai tianjin chongqing hebei shanxi liaoning jilin heilongjiang jiangsu "
    "zhejiang anhui fujian jiangxi shandong henan hubei hunan guangdong hainan sichuan "
    "guizhou yunnan shaanxi gansu qinghai guangxi xinjiang ningxia xizang tibet neimenggu "
    "hangzhou shenzhen guangzhou nanjing wuhan chengdu xian suzhou hefei xiamen dalian "
    "qingdao ningbo jinan changsha zhengzhou fuzhou kunming harbin changchun shenyang wuxi "
    "dongguan foshan zhuhai urumqi wulumuqi nanning guiyang lanzhou xining yinchuan hohhot "
    "lhasa taiyuan shijiazhuang nanchang haikou".split()
)

# Chinese words that are translated (not transliterated) in English registered names.  Used
# by gloss_form so that 浙江大华技术 can meet "Zhejiang Dahua Technology"; also the
# dictionary that segments CJK runs into words. (A two-column glossary, so the formatter's
# one pair a line would spread it over a hundred lines: fmt: skip.)
_CJK_GLOSS: dict[str, str] = {
    "技术": "technology", "技術": "technology", "科技": "technology",
    "电子": "electronic", "電子": "electronic", "数字": "digital", "數字": "digital",
    "网络": "network", "網絡": "network", "網路": "network", "信息": "information",
    "资讯": "information", "資訊": "information", "通信": "communication",
    "通讯": "communication", "通訊": "communication", "智能": "intelligent",
    "传感": "sensing", "傳感": "sensing", "机器人": "robot", "機器人": "robot",
    "软件": "software", "軟件": "software", "系统": "system", "系統": "system",
    "设备": "equipment", "設備": "equipment", "工程": "engineering",
    "国际": "international", "國際": "international", "贸易": "trading",
    "貿易": "trading", "发展": "development", "發展": "development",
    "实业": "industrial", "實業": "industrial", "工业": "industrial",
    "工業": "industrial", "控股": "holding", "集团": "group", "集團": "group",
    "光电": "optoelectronic", "光電": "optoelectronic", "安防": "security",
    "视频": "video", "視頻": "video", "半导体": "semiconductor",
    "半導體": "semiconductor", "微电子": "microelectronic", "微電子": "microelectronic",
    "研究所": "research institute", "研究院": "research institute",
    "大学": "university", "大學": "university", "中国": "china", "中國": "china",
    "投资": "investment", "投資": "investment", "服务": "service", "服務": "service",
}  # fmt: skip
# Chinese place names and their pinyin, a two-column glossary too (fmt: skip).
_CJK_PLACES: dict[str, str] = {
    "北京": "beijing", "上海": "shanghai", "天津": "tianjin", "重庆": "chongqing",
    "河北": "hebei", "山西": "shanxi", "辽宁": "liaoning", "吉林": "jilin",
    "黑龙江": "heilongjiang", "江苏": "jiangsu", "浙江": "zhejiang", "安徽": "anhui",
    "福建": "fujian", "江西": "jiangxi", "山东": "shandong", "河南": "henan",
    "湖北": "hubei", "湖南": "hunan", "广东": "guangdong", "廣東": "guangdong",
    "海南": "hainan", "四川": "sichuan", "贵州": "guizhou", "云南": "yunnan",
    "陕西": "shaanxi", "甘肃": "gansu", "青海": "qinghai", "广西": "guangxi",
    "新疆": "xinjiang", "宁夏": "ningxia", "西藏": "xizang", "内蒙古": "neimenggu",
    "杭州": "hangzhou", "深圳": "shenzhen", "广州": "guangzhou", "廣州": "guangzhou",
    "南京": "nanjing", "武汉": "wuhan", "成都": "chengdu", "西安": "xian",
    "苏州": "suzhou", "蘇州": "suzhou", "合肥": "hefei", "厦门": "xiamen",
    "廈門": "xiamen", "大连": "dalian", "青岛": "qingdao", "宁波": "ningbo",
    "济南": "jinan", "长沙": "changsha", "郑州": "zhengzhou", "福州": "fuzhou",
    "昆明": "kunming", "哈尔滨": "harbin", "长春": "changchun", "沈阳": "shenyang",
    "无锡": "wuxi", "东莞": "dongguan", "佛山": "foshan", "珠海": "zhuhai",
    "乌鲁木齐": "urumqi", "香港": "hongkong",
}  # fmt: skip
_CJK_ADMIN_SUFFIX = frozenset("市省县縣区區")
_CJK_DICT_MAXLEN = max(len(k) for k in (*_CJK_GLOSS, *_CJK_PLACES))


# Cyrillic as the sanctions lists romanise Russian names (the BGN/PCGN style of the US and UK
# lists: Хохлов -> Khokhlov, Евгений -> Evgenii, Щукин -> Shchukin), where rigour's
# transliteration writes Hohlov and Evhen. One name reaches us in both.
_CYRILLIC_LIST: dict[int, str] = {
    ord(k): v
    for k, v in {
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e",
        "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
        "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "u",
    }.items()
}  # fmt: skip
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def list_latin(text: str) -> str:
    """A Cyrillic text romanised as lists romanise Russian names ("" when it has no Cyrillic)."""
    if not _CYRILLIC.search(text):
        return ""
    return text.casefold().translate(_CYRILLIC_LIST)


def has_cjk(s: str) -> bool:
    """Whether *s* contains CJK ideographs; CJK input takes the pinyin/Chinese-alias path."""
    return _CJK_RE.search(s) is not None


_CYRILLIC_LETTERS = str.maketrans("йЙїЇ", "\ue000\ue001\ue002\ue003")
_CYRILLIC_BACK = str.maketrans("\ue000\ue001\ue002\ue003", "йЙїЇ")


def _strip_diacritics(s: str) -> str:
    """Drop combining marks so "Ürümqi" meets "Urumqi" (sources disagree on diacritics)."""
    if s.isascii():
        return s
    # Й and Ї are letters of their own in Cyrillic, not И and І with a mark: "Олексій" folded
    # to "Олексии" is no name in rigour's tables, and transliterates as another name.
    kept = s.translate(_CYRILLIC_LETTERS)
    decomposed = unicodedata.normalize("NFKD", kept)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Recompose so that CJK and other scripts come back in their canonical form.
    return unicodedata.normalize("NFC", stripped).translate(_CYRILLIC_BACK)


def _join_single_letters(toks: list[str]) -> list[str]:
    """Glue runs of single Latin letters: "S.A." -> "sa", "Z.T.E." -> "zte".

    Why: punctuation becomes a space, which would otherwise shatter initialisms into
    one-letter tokens that carry no identity and never match the written-together form.
    """
    out: list[str] = []
    run: list[str] = []
    for t in toks:
        if len(t) == 1 and t.isascii() and t.isalpha():
            run.append(t)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(t)
    if run:
        out.append("".join(run))
    return out


# Short transliterated forms that are also syllables or words ("ao" in "Hai Ao", "too"):
# removed only as the first or last word of a name, where lists put the legal form.
EDGE_LEGAL_FORMS: frozenset[str] = frozenset(
    "ao pao too tov ip ooo oao zao ojsc cjsc jsc dmcc fze".split()
)
# Pinyin of 有限公司 / 股份有限公司 / 有限责任公司 as transliterating sources write it: only at
# the end, where the form stands (Youxian is also a county, 攸县).
TRAILING_LEGAL_FORMS: frozenset[str] = frozenset(
    {"youxian", "gongsi", "gufen", "zeren", "youxiangongsi"}
)
# rigour's generic company forms (OpenSanctions' org-type table): a phrase it folds into one of
# these is a legal form ("obshchestvo s ogranichennoi otvetstvennostyu" -> llc). "coop" is
# not here: a cooperative and a company of one name are not known to be one person.
_RIGOUR_GENERIC = frozenset({"llc", "jsc", "lp", "gp", "llp", "soe"})

_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th|d|e|er|eme|ya|yy|oy|iy)$")
_SPELLED_ORDINALS: dict[str, str] = {
    w: str(i)
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        start=1,
    )
}
_NUMBER_WORDS = frozenset({"no", "nr", "num", "number", "nomer"})


def _fold_ordinals(toks: list[str]) -> list[str]:
    """ "32nd" = "32" = "No. 32" = "Thirty-second" is not attempted; "Second" = "2nd" = "2".

    Why: lists number the units of one group in every style ("the 32nd Research Institute",
    "Research Institute No. 32"); the number is the unit's identity, its spelling is not.
    """
    out: list[str] = []
    for i, t in enumerate(toks):
        m = _ORDINAL.match(t)
        if m:
            out.append(m.group(1).lstrip("0") or "0")
        elif t in _SPELLED_ORDINALS:
            out.append(_SPELLED_ORDINALS[t])
        elif t in _NUMBER_WORDS and i + 1 < len(toks) and toks[i + 1][:1].isdigit():
            continue
        elif t.isdigit():
            out.append(t.lstrip("0") or "0")
        else:
            out.append(t)
    return out


def _all_marks_off(token: str) -> str:
    """Every combining mark off, as rigour's strong cleanup reads its tables."""
    if token.isascii():
        return token
    return "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))


def _rigour_legal_spans(toks: list[str]) -> set[int]:
    """Positions of the words rigour reads as a company's legal form.

    A phrase of two or more words goes wherever it stands; a single word only at the edge of
    the name, since short forms are also ordinary words or syllables elsewhere.
    """
    from rigour.names import extract_org_types

    found = _spans(toks, toks, extract_org_types(" ".join(toks), generic=True), 1, ())
    if len(toks) > 2:
        # The table read with its accents folded, as the tokens are: "anonim sirketi" is its
        # "anonim şirketi", "gesellschaft mit beschrankter haftung" its "beschränkter". Only
        # its phrases: folded, its short forms meet words of names ("Aviastar-TU", "UU").
        folded = [_all_marks_off(t) for t in toks]  # Й too: the table's "ограниченнои"
        edges = (tuple(folded[:_EDGE]), tuple(folded[-_EDGE:]))
        types = [found for edge in edges for found in _folded_org_types(edge)]
        found |= _spans(toks, folded, types, 2, ("bank",))
    return found


_EDGE = 4  # a spelt-out legal form is at most this many words, at the start or the end


@lru_cache(maxsize=1 << 16)  # names share their first and last words: one look-up each
def _folded_org_types(words: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """rigour's legal forms in a few words, its table read with every mark folded."""
    from rigour.names import extract_org_types
    from rigour.text.normalize import Cleanup, Normalize

    flags = Normalize.CASEFOLD | Normalize.NFKD
    return tuple(extract_org_types(" ".join(words), flags, Cleanup.Strong, True))


def _spans(
    toks: list[str],
    words_of: list[str],
    types: Iterable[tuple[str, str]],
    least: int,
    business: tuple[str, ...],
) -> set[int]:
    """The positions in `toks` of the generic legal forms among `types` (matched against
    `words_of`, `toks` as read) of at least `least` words; one word only at an edge. A form
    holding a `business` word ("Joint Stock Bank") names a line of business: part of the
    name."""
    found: set[int] = set()
    for matched, generic in types:
        words = matched.split()
        if generic not in _RIGOUR_GENERIC or len(words) < least or set(business) & set(words):
            continue
        for start in range(len(toks) - len(words) + 1):
            if words_of[start : start + len(words)] != words:
                continue
            edge = start == 0 or start + len(words) == len(toks)
            if len(words) > 1 or edge:
                found.update(range(start, start + len(words)))
    return found


_LONG_LEGAL = tuple(w for w in LEGAL_FORMS if len(w) >= 10)


@lru_cache(maxsize=1 << 16)  # a list repeats its long words thousands of times
def _is_misspelt_legal_form(t: str) -> bool:
    """ "Coproration", "Incorparated": a pasted typo in a legal form must not become a token.

    Only long legal words (corporation, incorporated) are considered, with the same first
    letter and a tight edit budget, so no real name word is mistaken for one.
    """
    if len(t) < 8 or not t.isascii():
        return False
    from rapidfuzz.distance import OSA

    for w in _LONG_LEGAL:
        if w[0] == t[0] and abs(len(w) - len(t)) <= 2:
            budget = 2
            if OSA.distance(t, w, score_cutoff=budget) <= budget:
                return True
    return False


def _strip_edge_forms(toks: list[str]) -> list[str]:
    """Leading and trailing runs of the short legal forms ("Gufen Youxian Gongsi", "AO")."""
    lo, hi = 0, len(toks)
    while hi > lo and (toks[hi - 1] in EDGE_LEGAL_FORMS or toks[hi - 1] in TRAILING_LEGAL_FORMS):
        hi -= 1
    while lo < hi and toks[lo] in EDGE_LEGAL_FORMS:
        lo += 1
    return toks[lo:hi] if hi > lo else toks


def _drop_legal_forms(toks: list[str]) -> list[str]:
    """Remove legal-form words/phrases; keep the original if nothing would remain."""
    toks = _strip_edge_forms(toks)
    out: list[str] = []
    rigour_spans = _rigour_legal_spans(toks) if toks and not has_cjk(toks[0]) else set()
    i = 0
    n = len(toks)
    while i < n:
        matched = False
        for phrase in _PHRASES_BY_FIRST.get(toks[i], ()):
            k = len(phrase)
            if tuple(toks[i : i + k]) == phrase:
                i += k
                matched = True
                break
        if matched:
            continue
        if (
            i not in rigour_spans
            and toks[i] not in LEGAL_FORMS
            and not _is_misspelt_legal_form(toks[i])
        ):
            out.append(toks[i])
        i += 1
    # "Company Limited" alone (or a name made only of legal words) must not become empty:
    # an empty key would match every other empty key.
    return out if out else toks


@lru_cache(maxsize=1 << 18)  # a load normalises each name when indexing and when resolving
def _normalize_cached(name: str) -> str:
    return _normalize_impl(name)


# A Cyrillic capital right after a small letter starts a word a list glued on
# ("ИгорьВладиславович"): Cyrillic names are not written in camel case. Latin ones may be
# ("HiSilicon"), and stay as written.
_GLUED_CYRILLIC = re.compile("([\u0430-\u045f])([\u0400-\u042f])")


def _normalize_impl(name: str) -> str:
    if not name.isascii():
        name = _GLUED_CYRILLIC.sub(r"\1 \2", name)
    s = unicodedata.normalize("NFKC", name).casefold()
    s = s.translate(_CHAR_TABLE)
    s = _strip_diacritics(s)
    if has_cjk(s):
        s = _CJK_LEGAL_RE.sub(" ", s)
        s = " ".join(_CJK_TRAILING_SHARES.sub("", t) for t in s.split())
    s = _NON_WORD.sub(" ", s)
    toks = _join_single_letters(s.split())
    toks = [ABBREVIATIONS.get(t, t) for t in toks]
    # An abbreviation can expand to two words ("research institute" is not one, but keep the
    # code honest if one is added later).
    toks = _fold_ordinals(" ".join(toks).split())
    if len(toks) > 1 and toks[0] == "the":  # "The Planar Company" is Planar
        toks = toks[1:]
    toks = _drop_legal_forms(toks)
    return " ".join(toks)


def normalize(name: str) -> str:
    """Fold every identity-preserving variation of a company name into one canonical string.

    See the module docstring for why each step exists and why "group" is kept.
    """
    if len(name) <= 200:
        return _normalize_cached(name)
    return _normalize_impl(name)


def tokens(name: str) -> list[str]:
    """Normalised tokens; the unit of blocking and IDF weighting in the resolver."""
    return normalize(name).split()


def _segment_cjk(run: str) -> list[tuple[str, bool]]:
    """Split a CJK run into (segment, is_dictionary_word) using greedy longest match.

    Why: pinyin must be grouped into words the way Latin spellings group them ("zhejiang
    dahua jishu", not "zhe jiang da hua ji shu").  Places and industry words come from the
    small dictionaries above; what lies between them is the trade name and is kept as one
    word ("haikangweishi"), which the resolver can still split/join against Latin tokens.
    """
    segs: list[tuple[str, bool]] = []
    buf: list[str] = []
    i = 0
    n = len(run)
    while i < n:
        hit = ""
        for k in range(min(_CJK_DICT_MAXLEN, n - i), 1, -1):
            w = run[i : i + k]
            if w in _CJK_GLOSS or w in _CJK_PLACES:
                hit = w
                break
        if hit:
            if buf:
                segs.append(("".join(buf), False))
                buf = []
            segs.append((hit, True))
            i += len(hit)
            # 厦门市 / 浙江省: the administrative suffix after a place is not part of the
            # trade name that follows, and English names omit it.
            if hit in _CJK_PLACES and i < n and run[i] in _CJK_ADMIN_SUFFIX:
                i += 1
        else:
            buf.append(run[i])
            i += 1
    if buf:
        segs.append(("".join(buf), False))
    return segs


def _to_pinyin(text: str) -> str:
    from pypinyin import Style, lazy_pinyin  # lazy: importing pypinyin costs ~0.1 s

    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="ignore"))


def _cjk_form(name: str, gloss: bool) -> str:
    norm = normalize(name)
    if not has_cjk(norm):
        return norm
    out: list[str] = []
    for tok in norm.split():
        pos = 0
        for m in _CJK_RUN.finditer(tok):
            if m.start() > pos:
                out.append(tok[pos : m.start()])
            for seg, known in _segment_cjk(m.group()):
                if known and gloss and seg in _CJK_GLOSS:
                    out.append(_CJK_GLOSS[seg])
                elif known and seg in _CJK_PLACES:
                    out.append(_CJK_PLACES[seg])
                else:
                    py = _to_pinyin(seg)
                    if py:
                        out.append(py)
            pos = m.end()
        if pos < len(tok):
            out.append(tok[pos:])
    return " ".join(" ".join(out).split())


def pinyin_form(name: str) -> str:
    """Toneless pinyin of the name, grouped into words, Chinese legal forms stripped.

    Why: lets Chinese-script input meet pinyin aliases ("Zhejiang Dahua Jishu") and lets
    pinyin input meet stored Chinese aliases.  Non-CJK text passes through normalised.
    """
    return _cjk_form(name, gloss=False)


def gloss_form(name: str) -> str:
    """Like pinyin_form but industry words are translated ("技术" -> "technology").

    Why: English registered names translate the descriptor and transliterate the trade
    name, so 浙江大华技术 must become "zhejiang dahua technology" to meet "Zhejiang Dahua
    Technology Co., Ltd." when no Chinese alias is stored.
    """
    return _cjk_form(name, gloss=True)


_PARENTHETICAL = re.compile(r"\s*[(（]([^()（）]{1,40})[)）]")
# An acronym as lists write one in brackets: capitals (and digits), one to three words:
# "(CETC 38)", "(VNIIEF)", "(AMEC)", "(CETC-7)". A place or a legal form in brackets
# ("(Tianjin)", "(Limited)") is not one: it stays part of the name.
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]*[A-Z0-9](?:[ -][A-Z0-9]{1,6}){0,2}$")


@lru_cache(maxsize=1 << 18)  # a load asks for each name's variants when indexing and resolving
def name_variants(text: str) -> tuple[str, ...]:
    """The name as written, or, when it carries its acronym in brackets, the name without it
    and the acronym as a name of its own.

    Why: "China Electronics Technology Group Corporation 38th Research Institute (CETC 38)"
    is called both things; kept inside the long name, the acronym is two extra words that
    make the long form differ from every other spelling of it.
    """
    acronyms: list[str] = []

    shouting = not any(c.islower() for c in _PARENTHETICAL.sub(" ", text))

    def take(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if not _is_acronym(inner, text if shouting else None) and not _spells(inner, text):
            return m.group(0)
        # Only a final bracket that spells the whole name's initials names the entry; any
        # other abbreviates the words before it ("... Group Corp. (CETC) 54th Research
        # Institute", "20th Research Institute of China Electronic Technology Group Corp
        # (CETC)": the parent's).
        main = _PARENTHETICAL.sub(" ", text)
        final = not _NON_WORD.sub("", text[m.end() :])
        if final and (is_initialism(inner.split()[0], main) or _spells(inner, main)):
            acronyms.append(inner)
        return " "

    main = " ".join(_PARENTHETICAL.sub(take, text).split())
    if main == " ".join(text.split()) or not normalize(main):
        return (text,)
    return (main, *acronyms)


def _is_acronym(inner: str, shouted_name: str | None) -> bool:
    """Whether a bracketed text is the name's acronym rather than a qualifier of the name.

    A territory ("(USA)", "(HK)", "(Hong Kong)") or a Chinese place ("(Tianjin)") qualifies
    the name: "Hikvision (USA)" is another company than Hikvision. In a name written all in
    capitals case says nothing, so there the acronym must also spell the name's initials.
    """
    if not _ACRONYM.match(inner) or len(inner) < 3 or normalize(inner) in LEGAL_FORMS:
        # Two capitals or a mixed case ("(LJ)", "(JuA)") only where they spell the name.
        return shouted_name is not None and _spells(inner, shouted_name)

    words = normalize(inner).split()
    if any(w in PLACE_PREFIXES for w in words):
        return False
    from rigour.territories import lookup_territory

    if lookup_territory(inner) is not None:
        return False
    if shouted_name is None:
        return True
    return is_initialism(words[0], _PARENTHETICAL.sub(" ", shouted_name))


def _spells(inner: str, name: str) -> bool:
    """A short bracketed word whose letters are the initials of the name's words, in any
    order ("(AAB)" of "Brigades Abdallah Azzam", "(JuA)" of "Jamaat-ul-Ahrar", "(LJ)" of
    "Lashkar i Jhangvi"): the acronym the name is known by, not a qualifier of it."""
    if not inner.isalpha() or not 2 <= len(inner) <= 8 or inner.islower():
        return False
    main = _PARENTHETICAL.sub(" ", name)
    words = [w for w in _NON_WORD.sub(" ", main.casefold()).split() if w[0].isalpha()]
    letters = sorted(inner.casefold())
    if is_initialism(inner, main) and len(letters) >= 3:
        return True
    significant = sorted(w[0] for w in words if len(w) > 1 or len(words) <= len(letters))
    return letters == significant or letters == sorted(w[0] for w in words)


def is_initialism(acronym: str, name: str) -> bool:
    """Whether `acronym`'s letters are, in order, initials of `name`'s words, starting with
    the first ("cetc" of "China Electronics Technology Group Corporation")."""
    letters = [c for c in acronym.casefold() if c.isalpha()]
    initials = [w[0] for w in _NON_WORD.sub(" ", name.casefold()).split() if w[0].isalpha()]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in letters)
