"""Benchmark the resolver at scale (run on demand; not a test).

Why: the graph will hold hundreds of thousands of names (screening lists, registries,
subsidiaries), and batch loads resolve tens of thousands of inputs.  This checks the build
time, peak memory and query throughput targets on 1,000,000 synthetic companies, and compares
with the naive approach (rapidfuzz ``process.extractOne`` with WRatio over every name).

    python bench/bench_resolver.py --n 1000000 --queries 10000 --sample 1000
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing as mp
import random
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz, process, utils

from loaders.resolution import IndexEntry, Resolver


def _words(text: str) -> list[str]:
    """Word lists are kept as prose for readability."""
    return text.split()


CITIES = _words(
    "Beijing Shanghai Tianjin Chongqing Hangzhou Shenzhen Guangzhou Nanjing Wuhan Chengdu "
    "Suzhou Hefei Xiamen Dalian Qingdao Ningbo Jinan Changsha Zhengzhou Fuzhou Kunming "
    "Harbin Changchun Shenyang Wuxi Dongguan Foshan Zhuhai Urumqi Kashgar Hotan Aksu Turpan "
    "Karamay Korla Yining Luopu Moyu Pishan Yutian Minfeng Qira Guma Lanzhou Xining Nanning "
    "Guiyang Taiyuan Nanchang Haikou Baotou Yantai Weifang Zibo Linyi Tangshan Handan"
)
SYLLABLES = _words(
    "an ao ba bai bang bao bei ben bi bian bo cai can chang chao chen cheng chi chong chuang "
    "da dai dan de deng di dian ding dong du duan fa fan fang fei feng fu gang gao ge gong "
    "guang gui guo hai han hang hao he heng hong hua huai huan hui jia jian jiang jie jin jing "
    "jiu ju jun kai kang ke kun lan lang le lei li lian liang lin ling long lu lun luo mei meng "
    "min ming mu na nan neng ning pan peng ping pu qi qian qiang qing qiu quan rong rui run "
    "sen shan shang sheng shi shu shuo si song tai tian tong wan wang wei wen xi xia xian "
    "xiang xiao xin xing xu xuan ya yan yang yao ye yi yin ying yong you yu yuan yue yun ze "
    "zhan zhao zhen zheng zhi zhong zhou zhu zi"
)
INDUSTRY = _words(
    "Electronic Digital Network Information Intelligent Software Optoelectronic "
    "Communication Security Video Semiconductor Sensing Robotics Precision Machinery "
    "Materials Energy Logistics Trading Biotech Pharmaceutical Instrument Automation"
)
SUFFIX = (
    "Technology Co., Ltd.",
    "Co., Ltd.",
    "Technology Development Co., Ltd.",
    "Science and Technology Co., Ltd.",
    "Industrial Co., Ltd.",
    "Group Co., Ltd.",
)
WEST_A = _words(
    "North South East West Global United Pacific Atlantic Summit Vector Apex Nova Orion "
    "Delta Sigma Crescent Granite Silver Blue Red Green Iron Golden Eagle Falcon Cedar Maple "
    "Harbor River Lake Stone Bridge Crown Royal Prime Alpha Omega Zenith Horizon Titan"
)
WEST_B = _words(
    "Systems Solutions Dynamics Industries Holdings Partners Labs Networks Devices Controls "
    "Analytics Robotics Imaging Optics Security Logistics Capital Resources Engineering"
)
WEST_SUFFIX = ("Inc.", "LLC", "Ltd", "GmbH", "Corporation", "PLC", "S.A.", "B.V.")
SURNAMES = _words(
    "Smith Johnson Miller Brown Davis Wilson Moore Taylor Anderson Thomas Jackson White "
    "Harris Martin Thompson Garcia Martinez Robinson Clark Lewis Walker Hall Allen Young "
    "Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf"
)


def _trade(rnd: random.Random) -> str:
    k = rnd.choice((2, 2, 2, 3))
    return "".join(rnd.choice(SYLLABLES) for _ in range(k)).capitalize()


def generate(n: int, seed: int = 7) -> list[IndexEntry]:
    """Realistic-looking names: 70 % Chinese-style, 30 % Western, ~40 % with an alias."""
    rnd = random.Random(seed)
    out: list[IndexEntry] = []
    for i in range(n):
        aliases: tuple[str, ...] = ()
        if rnd.random() < 0.7:
            city, trade, ind = rnd.choice(CITIES), _trade(rnd), rnd.choice(INDUSTRY)
            name = f"{city} {trade} {ind} {rnd.choice(SUFFIX)}"
            r = rnd.random()
            if r < 0.25:
                aliases = (f"{trade} {ind}",)
            elif r < 0.4:
                aliases = (f"{city} {trade}",)
        else:
            if rnd.random() < 0.5:
                core = f"{rnd.choice(WEST_A)} {rnd.choice(SURNAMES)}"
            else:
                core = f"{rnd.choice(SURNAMES)} {rnd.choice(SURNAMES)}"
            name = f"{core} {rnd.choice(WEST_B)} {rnd.choice(WEST_SUFFIX)}"
            if rnd.random() < 0.3:
                aliases = (f"{core} {rnd.choice(WEST_B)}",)
        out.append(IndexEntry(id=f"syn:{i}", name=name, aliases=aliases))
    return out


def _typo(rnd: random.Random, word: str) -> str:
    if len(word) < 6:
        return word
    i = rnd.randrange(1, len(word) - 1)
    op = rnd.randrange(3)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rnd.choice("aeiounrst") + word[i + 1 :]


def noisy_queries(entries: list[IndexEntry], k: int, seed: int = 11) -> list[tuple[str, str]]:
    """(query, true id) with case changes, legal-form changes, typos and dropped tokens."""
    rnd = random.Random(seed)
    out: list[tuple[str, str]] = []
    for _ in range(k):
        e = entries[rnd.randrange(len(entries))]
        q = e.name
        for _ in range(rnd.choice((1, 1, 2))):
            op = rnd.randrange(5)
            words = q.split()
            if op == 0:
                q = q.upper() if rnd.random() < 0.5 else q.lower()
            elif op == 1:
                repl = rnd.choice(("Co Ltd", "Company Limited", "", "Co.,Ltd"))
                q = q.replace("Co., Ltd.", repl)
            elif op == 2:
                j = max(range(len(words)), key=lambda x: len(words[x]))
                words[j] = _typo(rnd, words[j])
                q = " ".join(words)
            elif op == 3 and len(words) > 3:
                del words[rnd.randrange(len(words))]
                q = " ".join(words)
            else:
                q = "  ".join(words)
        out.append((q, e.id))
    return out


def _name_words(text: str) -> list[str]:
    """A name's words as the queries' noise leaves them comparable: lower case, the Chinese
    legal form in any of the spellings `noisy_queries` writes it set aside."""
    text = text.lower()
    for form in ("co., ltd.", "co.,ltd", "company limited", "co ltd"):
        text = text.replace(form, " ")
    return re.findall(r"[a-z0-9]+", text)


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(word in rest for word in short)


def indistinguishable(entries: list[IndexEntry], sample: list[tuple[str, str]]) -> list[int]:
    """Per query, how many entities the query is as much a noisy copy of as of the true one.

    A query that dropped the one distinctive word ("Garcia Devices Corporation" from "Thompson
    Garcia Devices Corporation") keeps every word, in order, of each entity that differs from
    the true one only in that word: nothing in it tells them apart, so a top 10 holds the true
    one at best 10 times in that many. Counted from the names alone, not by the resolver.
    """
    by_id = {e.id: e for e in entries}
    wanted = {w for q, _ in sample for w in _name_words(q)}
    holders: dict[str, set[int]] = {w: set() for w in wanted}
    for i, e in enumerate(entries):
        for w in set(_name_words(e.name)) & wanted:
            holders[w].add(i)
    out: list[int] = []
    for q, want in sample:
        words, true_words = _name_words(q), _name_words(by_id[want].name)
        if not words or not _is_subsequence(words, true_words):
            out.append(1)  # a typo: the query's own spelling points at the true entity
            continue
        common = set.intersection(*(holders[w] for w in set(words)))
        names = (_name_words(entries[i].name) for i in common)
        same = [n for n in names if len(n) == len(true_words) and _is_subsequence(words, n)]
        out.append(max(len(same), 1))
    return out


_WORKER: Resolver | None = None


def _resolve_chunk(chunk: list[str]) -> list[str | None]:
    assert _WORKER is not None
    out: list[str | None] = []
    for q in chunk:
        d = _WORKER.resolve(q)
        out.append(d.entity.id if d.decision == "match" and d.entity else None)
    return out


def main() -> None:
    """Build, query, compare; print a JSON summary."""
    global _WORKER
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=1_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--extract-top10", type=int, default=0, help="queries for the scan's top 10")
    args = ap.parse_args()

    t0 = time.perf_counter()
    entries = generate(args.n)
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    resolver = Resolver.build(entries)
    build_s = time.perf_counter() - t0
    rss_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024

    queries = noisy_queries(entries, args.queries)
    texts = [q for q, _ in queries]
    t0 = time.perf_counter()
    decisions = [resolver.resolve(q) for q in texts]
    single_s = time.perf_counter() - t0
    correct = sum(
        1
        for d, (_, want) in zip(decisions, queries, strict=True)
        if d.decision == "match" and d.entity and d.entity.id == want
    )
    wrong = sum(
        1
        for d, (_, want) in zip(decisions, queries, strict=True)
        if d.decision == "match" and d.entity and d.entity.id != want
    )

    _WORKER = resolver
    # Move the millions of index objects out of the collector's reach before forking:
    # otherwise every worker's GC pass touches (and copy-on-write duplicates) all of them.
    gc.freeze()
    chunks = [texts[i : i + 250] for i in range(0, len(texts), 250)]
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(args.workers) as pool:
        pool.map(_resolve_chunk, chunks)
    multi_s = time.perf_counter() - t0

    # Naive baseline on a sample: WRatio against every name (choices pre-processed once,
    # which is what processor=default_process would do on every call, only faster).
    names = [utils.default_process(e.name) for e in entries]
    sample = queries[: args.sample]
    t0 = time.perf_counter()
    base_top: list[int] = []
    for q, _ in sample:
        hit = process.extractOne(utils.default_process(q), names, scorer=fuzz.WRatio)
        base_top.append(hit[2] if hit else -1)
    base_s = time.perf_counter() - t0
    # The full scan's own top 10 (three times extractOne's cost: it cannot prune), on the
    # first `--extract-top10` queries of the sample.
    base_found = sum(
        any(entries[h[2]].id == want for h in hits)
        for q, want in sample[: args.extract_top10]
        for hits in [process.extract(utils.default_process(q), names, scorer=fuzz.WRatio, limit=10)]
    )
    t0 = time.perf_counter()
    ours = [resolver.resolve(q) for q, _ in sample]
    ours_s = time.perf_counter() - t0
    agree = sum(
        1
        for d, b in zip(ours, base_top, strict=True)
        if d.candidates and b >= 0 and d.candidates[0].id == entries[b].id
    )
    base_correct = sum(
        1 for (_, want), b in zip(sample, base_top, strict=True) if b >= 0 and entries[b].id == want
    )
    ours_top_correct = sum(
        1
        for d, (_, want) in zip(ours, sample, strict=True)
        if d.candidates and d.candidates[0].id == want
    )
    # The search box's view of the same sample: is the true entity among the first ten?
    found = [resolver.search(q, limit=10) for q, _ in sample]
    search_top_correct = sum(
        1 for c, (_, want) in zip(found, sample, strict=True) if c and c[0].id == want
    )
    hit_10 = [any(x.id == want for x in c) for c, (_, want) in zip(found, sample, strict=True)]
    recall_10 = sum(hit_10)
    twins = indistinguishable(entries, sample)
    bound = sum(min(1.0, 10 / k) for k in twins)
    clear = [hit for hit, k in zip(hit_10, twins, strict=True) if k <= 10]
    summary = {
        "n_entities": args.n,
        "n_forms": len(resolver._postings.form_text),
        "generate_s": round(gen_s, 1),
        "build_s": round(build_s, 1),
        "peak_rss_gb": round(rss_gb, 2),
        "queries": len(texts),
        "qps_single_process": round(len(texts) / single_s, 1),
        f"qps_{args.workers}_processes": round(len(texts) / multi_s, 1),
        "match_rate": round(correct / len(texts), 4),
        "wrong_match_rate": round(wrong / len(texts), 4),
        "decisions": {
            k: sum(1 for d in decisions if d.decision == k) for k in ("match", "review", "none")
        },
        "baseline_sample": len(sample),
        "baseline_extractOne_s_per_query": round(base_s / max(len(sample), 1), 4),
        "resolver_s_per_query": round(ours_s / max(len(sample), 1), 5),
        "speedup_vs_extractOne": round(base_s / max(ours_s, 1e-9), 1),
        "top1_agreement_with_extractOne": round(agree / max(len(sample), 1), 4),
        "top1_correct_extractOne": round(base_correct / max(len(sample), 1), 4),
        "top1_correct_resolver": round(ours_top_correct / max(len(sample), 1), 4),
        "top1_correct_search": round(search_top_correct / max(len(sample), 1), 4),
        "recall_at_10_search": round(recall_10 / max(len(sample), 1), 4),
        "recall_at_10_extract": (
            round(base_found / min(args.extract_top10, len(sample)), 4)
            if args.extract_top10 and sample
            else None  # not measured (--extract-top10 0)
        ),
        # What any ranking by the name alone can reach on this sample (see indistinguishable),
        # and the recall over the queries whose words single out at most 10 entities.
        "recall_at_10_bound": round(bound / max(len(sample), 1), 4),
        "queries_indistinguishable": sum(1 for k in twins if k > 10),
        "recall_at_10_distinguishable": round(sum(clear) / max(len(clear), 1), 4),
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
