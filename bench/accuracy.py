"""Accuracy of extractor against humans, the LLM vote and the value-level gold.

Usage:  python bench/accuracy.py [--corpus ../shared/corpus] [--show N] [--fields a,b]

Reads ``ecoinf_passages.jsonl`` (each paper's chunks joined by blank lines, as text
input), runs ``extractor.extract_text`` on every paper and prints:

1. status agreement with the human-checked answers (``ecoinf_human_checked.csv``,
   ``any_yes``) for fields that map to a competency question, next to the five-LLM
   majority vote and each model on the same judgments;
2. status agreement with the LLM majority vote over all papers;
3. status and value scores against ``ecoinf_values_gold.jsonl`` (40 papers): GPU models
   and counts, framework names and versions, dataset sizes, pretraining flag and source;
4. every disagreement with the humans and the value gold, with our evidence or the
   gold's, so it can be read.

``evaluate(corpus_dir)`` returns the figures as a dict; ``main`` only prints them.
"""
from __future__ import annotations

import argparse
import hashlib
import csv
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List, Optional

import extractor
from extractor.catalogues import alias_key, catalogue_names, get_catalogue
from extractor.fields import FIELD_NAMES, covered_fields, field_for_cq

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
MODELS = ["gemma2-9b-it_groq", "llama-3.1_70b_groq", "llama-3_70b_groq", "mixtral_8_22b", "mixtral_8_7b_groq"]
# our field -> the value gold's key. For the two availability fields the gold's "found"
# means a link to the paper's own code or data, so ours counts only when it names a URL.
GOLD_KEY = {"hardware": "hardware", "framework": "framework", "dataset_size": "dataset_size",
            "pretraining": "pretraining", "code_availability": "code_link",
            "data_availability": "data_link", "architecture": "architecture", "datasets": "datasets",
            "hyperparameters": "hyperparameters", "metrics": "metrics", "randomness": "random_seed"}
LINK_FIELDS = frozenset({"code_availability", "data_availability"})


def load_corpus(corpus: Path) -> Dict[str, str]:
    papers = {}
    with open(corpus / "ecoinf_passages.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            papers[rec["id"]] = "\n\n".join(rec["chunks"])
    return papers


def load_chunks(corpus: Path) -> Dict[str, List[str]]:
    with open(corpus / "ecoinf_passages.jsonl", encoding="utf-8") as fh:
        return {r["id"]: r["chunks"] for r in map(json.loads, fh)}


def split_halves(ids):
    """A fixed split of the human-checked papers: the 10 whose sha256 sorts first are the
    development half, the rest are held out and looked at only at the end."""
    ranked = sorted(ids, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    half = len(ranked) // 2
    return {"dev": sorted(ranked[:half]), "heldout": sorted(ranked[half:])}


def _yes(status: str) -> bool:
    return status in ("found", "inferred")


# CQ8-11 ask *where* the code or data repository is and *what its link is*. A statement
# that the data are available on request or not available at all is a finding of the
# availability field, but it names no repository, so it answers these questions "no".
# Measured on the corpus: human agreement +2 judgments on the development half (0 on the
# held-out half), agreement with the LLM vote +50 of 728 judgments.
LOCATION_CQS = frozenset({8, 9, 10, 11})
NO_LOCATION = frozenset({"on request", "not available"})


def _answers(cq: int, result) -> bool:
    """Does our report answer competency question ``cq`` "yes"? ``result`` is the field's
    FieldResult (or None when the field is not covered)."""
    if result is None or not _yes(result.status):
        return False
    if cq in LOCATION_CQS:
        return any(v.get("status") not in NO_LOCATION for v in result.values)
    return True


def _canon(catalogue: str, name: Optional[str]) -> Optional[str]:
    """Canonical catalogue name for a free-form gold name, else its alias key."""
    if not name:
        return None
    if catalogue in catalogue_names():
        cat = get_catalogue(catalogue)
        entry = cat.lookup(name)
        if entry is None:
            hits = cat.find_all(name)
            entry = hits[0][2] if hits else None
        if entry is not None:  # a short form's or a sibling's canonical entry ("F1" -> "F1 score")
            return entry.attrs.get("canonical") or entry.attrs.get("same_as") or entry.name
    # a name outside the catalogue: "Fishmarket dataset (FMD)" and "Fishmarket" are one name
    bare = re.sub(r"\s*\([^()]*\)", "", name)
    bare = re.sub(r"(?i)\s+(?:data\s?set|database|corpus|benchmark)s?$", "", bare.strip())
    return alias_key(bare or name)


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:5.1f}%" if b else "   n/a"


def evaluate(corpus: Path = DEFAULT_CORPUS, fields=None) -> Dict[str, Any]:
    fields = tuple(fields or covered_fields())
    papers = load_corpus(corpus)
    t0 = time.perf_counter()
    reports = {pid: extractor.extract_text(text, source=pid) for pid, text in papers.items()}
    elapsed = time.perf_counter() - t0
    status = {pid: {f: r.fields[f].status for f in fields if f in r.fields} for pid, r in reports.items()}
    out: Dict[str, Any] = {"papers": len(papers), "seconds": elapsed,
                           "chars": sum(len(t) for t in papers.values())}

    # 1. humans (any_yes) and LLMs on the human-checked papers, judged per question
    human = defaultdict(dict)
    with open(corpus / "ecoinf_human_checked.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            human[row["publication"]][int(row["cq"])] = row["any_yes"] == "y"
    votes = defaultdict(dict)
    with open(corpus / "ecoinf_llm_votes.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            votes[row["publication"]][int(row["cq"])] = row
    halves = split_halves(sorted(human))
    out["halves"] = halves
    judges = ["ours", "vote", *MODELS]
    # tallies[half][field] = {judge: agreeing judgments, "n": judgments}
    tallies = {h: defaultdict(lambda: defaultdict(int)) for h in ("dev", "heldout", "all")}
    disagreements = []
    for pid in sorted(human):
        half = "dev" if pid in halves["dev"] else "heldout"
        for cq, gold in sorted(human[pid].items()):
            f = field_for_cq(cq)
            ours = _answers(cq, reports[pid].fields.get(f))
            row = votes[pid][cq]
            answers = {"ours": ours, "vote": row["vote"] == "y", **{m: row[m] == "y" for m in MODELS}}
            for h in (half, "all"):
                for key in (f, "ALL"):
                    t = tallies[h][key]
                    t["n"] += 1
                    for judge in judges:
                        t[judge] += answers[judge] == gold
            if ours != gold:
                disagreements.append(("human", f, pid, gold, reports[pid], half, cq))
    out["human"] = {h: {f: {"n": t["n"], **{j: t[j] / t["n"] for j in judges}} for f, t in tallies[h].items()}
                    for h in tallies}

    # 2. majority vote over all papers, per question
    silver = defaultdict(lambda: [0, 0])
    for pid in papers:
        for cq, row in votes.get(pid, {}).items():
            f = field_for_cq(cq)
            for key in (f, "ALL"):
                silver[key][0] += 1
                silver[key][1] += _answers(cq, reports[pid].fields.get(f)) == (row["vote"] == "y")
    out["vote"] = {f: {"n": n, "agreement": a / n} for f, (n, a) in silver.items()}

    # 3. value gold
    gold_recs = [json.loads(line) for line in open(corpus / "ecoinf_values_gold.jsonl", encoding="utf-8")]
    chunks = load_chunks(corpus)
    vg: Dict[str, Any] = {}
    for f in [f for f in fields if f in GOLD_KEY]:
        key = GOLD_KEY[f]
        n = agree = n_dl = agree_dl = 0
        for rec in gold_recs:
            g = rec[key]["status"] == "found"
            if f == "dataset_size" and g and rec[key]["total"] is None and not any(rec[key]["splits"].values()):
                g = None  # only a percentage split: that is data_split, not dataset_size
            if g is None:
                continue
            res_f = reports[rec["id"]].fields[f]
            if f in LINK_FIELDS:
                ours = _yes(res_f.status) and any(v.get("url") for v in res_f.values)
            else:
                ours = _yes(status[rec["id"]][f])
            n += 1
            agree += ours == g
            if rec["is_dl"]:
                n_dl += 1
                agree_dl += ours == g
            if ours != g:
                disagreements.append(("values", f, rec["id"], g, reports[rec["id"]], rec, chunks[rec["id"]]))
        vg[f] = {"n": n, "status_agreement": agree / n if n else None,
                 "n_dl": n_dl, "status_agreement_dl": agree_dl / n_dl if n_dl else None}
    vg["values"] = score_values(gold_recs, reports)
    vg["values_dl"] = score_values(gold_recs, reports, dl_only=True)
    out["values_gold"] = vg
    out["disagreements"] = disagreements
    out["covered"] = list(covered_fields())
    # what the inference layer contributes: fields it made inferred, values it derived
    contrib = defaultdict(lambda: defaultdict(int))
    for rep in reports.values():
        for f, res in rep.fields.items():
            blocks = [res.inference] + list((res.inference or {}).get("also", [])) if res.inference else []
            for block in blocks:
                kind = "inferred" if res.status == "inferred" else "derived"
                contrib[block["rule"]][kind] += 1
    out["inference"] = {rule: dict(c) for rule, c in sorted(contrib.items())}
    return out


def score_values(gold_recs, reports, dl_only: bool = False) -> Dict[str, Any]:
    """Precision/recall of normalised values against the value gold. With ``dl_only``, only
    the papers the gold marks ``is_dl``: its guide leaves the model fields (framework,
    architecture, hyperparameters, metrics ...) of other papers unstated by policy, where
    this tool reports the software and models of any trained model."""
    tally = defaultdict(lambda: [0, 0, 0])  # tp, n_ours, n_gold

    def add(name, ours: set, gold: set):
        ours.discard(None)
        gold.discard(None)
        t = tally[name]
        t[0] += len(ours & gold)
        t[1] += len(ours)
        t[2] += len(gold)

    for rec in gold_recs:
        if dl_only and not rec["is_dl"]:
            continue
        rep = reports[rec["id"]]
        fields = rep.fields
        # hardware: GPU/TPU/CPU models, and (model, count) pairs
        gold_models = {_canon("gpus", d["model"]) for d in rec["hardware"]["devices"]
                       if d["type"] in ("GPU", "TPU") and d["model"]}
        our_models = {_canon("gpus", v.get("model")) for v in fields["hardware"].values
                      if v.get("type") in ("GPU", "TPU") and v.get("model")}
        add("hardware.gpu_model", our_models, gold_models)
        gold_counts = {(_canon("gpus", d["model"]), d["count"]) for d in rec["hardware"]["devices"]
                       if d["type"] in ("GPU", "TPU") and d["model"] and d["count"]}
        our_counts = {(_canon("gpus", v.get("model")), v.get("count")) for v in fields["hardware"].values
                      if v.get("type") in ("GPU", "TPU") and v.get("model") and v.get("count")}
        add("hardware.gpu_model+count", our_counts, gold_counts)
        # framework names and versions
        gold_fw = {_canon("frameworks", i["name"]) for i in rec["framework"]["items"]}
        our_fw = {_canon("frameworks", v.get("name")) for v in fields["framework"].values}
        add("framework.name", our_fw, gold_fw)
        gold_fv = {(_canon("frameworks", i["name"]), i["version"]) for i in rec["framework"]["items"] if i["version"]}
        our_fv = {(_canon("frameworks", v.get("name")), v.get("version")) for v in fields["framework"].values if v.get("version")}
        add("framework.name+version", our_fv, gold_fv)
        # dataset size: totals and split counts
        ds = rec["dataset_size"]
        gold_sizes = set()
        if ds["total"]:
            gold_sizes.add(("total", ds["total"]))
        for split, count in (ds["splits"] or {}).items():
            if count:
                gold_sizes.add((split, count))
        our_sizes = {(v.get("split"), v.get("count")) for v in fields["dataset_size"].values}
        add("dataset_size.count", our_sizes, gold_sizes)
        # pretraining flag and source
        pt = rec["pretraining"]
        gold_pt = {pt["pretrained"]} if pt["status"] == "found" and pt["pretrained"] is not None else set()
        our_pt = {v.get("pretrained") for v in fields["pretraining"].values}
        add("pretraining.flag", our_pt, gold_pt)
        gold_src = set()
        if pt["source"]:
            for hit in _find_sources(pt["source"]):
                gold_src.add(hit)
        our_src = {_canon("datasets", v.get("source")) for v in fields["pretraining"].values if v.get("source")}
        add("pretraining.source", our_src, gold_src)
        # links to the paper's own code and data
        add("code_link.url", {_url_key(v.get("url")) for v in fields["code_availability"].values},
            {_url_key(u) for u in rec["code_link"]["urls"]})
        add("data_link.url", {_url_key(v.get("url")) for v in fields["data_availability"].values},
            {_url_key(u) for u in rec["data_link"]["urls"]})
        # architectures, named datasets and metrics, through the same catalogues
        add("architecture.name", {_canon("architectures", v.get("name")) for v in fields["architecture"].values},
            {_canon("architectures", n) for n in rec["architecture"]["names"]})
        add("datasets.name", {_canon("datasets", v.get("name")) for v in fields["datasets"].values},
            {_canon("datasets", n) for n in rec["datasets"]["names"]})
        add("metrics.name", {_canon("metrics", v.get("name")) for v in fields["metrics"].values},
            {_canon("metrics", n) for n in rec["metrics"]["names"]})
        # learning rate, batch size and epochs as numbers; the optimizer by name
        hp = rec["hyperparameters"]
        gold_hp = {(k, _number(hp[k])) for k in ("learning_rate", "batch_size", "epochs") if _number(hp[k])}
        our_hp = {(v.get("name"), _number(v.get("value"))) for v in fields["hyperparameters"].values
                  if v.get("name") in ("learning_rate", "batch_size", "epochs") and _number(v.get("value"))}
        add("hyperparameters.lr/batch/epochs", our_hp, gold_hp)
        add("optimizer.name", {_canon("optimizers", v.get("name")) for v in fields["optimizer"].values},
            {_canon("optimizers", hp["optimizer"])} if hp["optimizer"] else set())
    out = {}
    for name, (tp, n_ours, n_gold) in sorted(tally.items()):
        out[name] = {"tp": tp, "ours": n_ours, "gold": n_gold,
                     "precision": tp / n_ours if n_ours else None, "recall": tp / n_gold if n_gold else None}
    return out


def _url_key(url: Optional[str]) -> Optional[str]:
    """A URL without scheme, "www.", case of the host, or closing slash and punctuation."""
    if not url:
        return None
    u = url.strip().rstrip(".,;)/").lower()
    for prefix in ("https://", "http://"):
        if u.startswith(prefix):
            u = u[len(prefix):]
    return u[4:] if u.startswith("www.") else u


def _number(text: Optional[str]) -> Optional[str]:
    """The first number of a hyperparameter value ("10 (per stage)", "1e-4", "0.0001"),
    written the same way whatever its spelling."""
    if not text:
        return None
    m = re.search(r"\d+(?:\.\d+)?(?:[eE]-?\d+)?|\.\d+", str(text).replace(",", ""))
    if not m:
        return None
    try:
        return format(float(m.group()), ".6g")
    except ValueError:
        return None


def _find_sources(text: str) -> List[str]:
    if "datasets" not in catalogue_names():
        return [alias_key(text)]
    hits = get_catalogue("datasets").find_all(text)
    return [h[2].name for h in hits] or [alias_key(text)]


def _fmt(x: Optional[float]) -> str:
    return " n/a " if x is None else f"{100 * x:5.1f}"


def print_results(res: Dict[str, Any], show: int = 20, stream=sys.stdout, heldout: bool = False) -> None:
    w = stream.write
    w(f"papers: {res['papers']}, {res['chars']:,} characters, {res['seconds']:.1f} s "
      f"({res['chars'] / res['seconds']:,.0f} chars/s)\n\n")
    w("1. Status agreement with humans (any_yes of ecoinf_human_checked.csv), % of judgments\n")
    for half in ("dev", "heldout", "all"):
        table = res["human"][half]
        w(f"\n   {half} ({len(res['halves'].get(half, [])) or 20} papers)\n")
        w(f"   {'field':<22}{'n':>4}  {'ours':>6}{'vote':>7}" + "".join(f"{m[:10]:>12}" for m in MODELS) + "\n")
        order = [f for f in FIELD_NAMES if f in table] + ["ALL"]
        for f in order:
            r = table[f]
            mark = "" if f == "ALL" or f in res["covered"] else " *"
            w(f"   {f + mark:<22}{r['n']:>4}  {_fmt(r['ours']):>6}{_fmt(r['vote']):>7}"
              + "".join(f"{_fmt(r[m]):>12}" for m in MODELS) + "\n")
    w("   (* not covered yet: counted as unstated)\n")
    w("\n2. Status agreement with the LLM majority vote (364 papers), % of judgments\n")
    for f in [f for f in FIELD_NAMES if f in res["vote"]] + ["ALL"]:
        r = res["vote"][f]
        w(f"   {f:<22}{r['n']:>5}  {_fmt(r['agreement'])}\n")
    vg = res["values_gold"]
    w("\n3. Value gold (40 papers; DL = the papers its annotators marked is_dl): status agreement\n")
    w(f"   {'field':<26}{'n':>4}  {'all':>6}{'n DL':>6}  {'DL':>6}\n")
    for f, r in vg.items():
        if not f.startswith("values"):
            label = f + (" (URL)" if f in LINK_FIELDS else "")
            w(f"   {label:<26}{r['n']:>4}  {_fmt(r['status_agreement']):>6}{r['n_dl']:>6}  "
              f"{_fmt(r['status_agreement_dl']):>6}\n")
    for key, title in (("values", "all 40 papers"), ("values_dl", "DL papers only")):
        w(f"\n   values, {title}: precision / recall (tp, ours, gold)\n")
        for name, r in vg[key].items():
            w(f"   {name:<32} P {_fmt(r['precision'])}  R {_fmt(r['recall'])}   "
              f"({r['tp']}, {r['ours']}, {r['gold']})\n")
    w("\n4. Inference rules applied (364 papers): fields made inferred / values added to stated fields\n")
    for rule, c in res["inference"].items():
        w(f"   {rule:<48} {c.get('inferred', 0):>4} / {c.get('derived', 0):>4}\n")
    shown = [d for d in res["disagreements"] if not (d[0] == "human" and d[5] == "heldout" and not heldout)]
    w(f"\n5. Disagreements ({len(shown)} shown of {len(res['disagreements'])}; held-out papers "
      f"{'included' if heldout else 'hidden'}; up to {show})\n")
    for item in shown[:show]:
        kind, f, pid, gold, rep = item[:5]
        if f not in rep.fields:
            w(f"- [{kind}] {f} {pid}: gold={'yes' if gold else 'no'} (field not covered)\n")
            continue
        w(f"- [{kind}] {f} {pid}: gold={'yes' if gold else 'no'} ours={rep.fields[f].status}\n")
        for ev in rep.fields[f].evidence[:2]:
            w(f"    ours: {ev.text[:220]}\n")
        if kind == "values" and gold:
            rec, chs = item[5], item[6]
            for ev in rec[GOLD_KEY[f]].get("evidence", [])[:2]:
                if isinstance(ev, dict):
                    snippet = chs[ev["chunk"]][ev["start"]:ev["end"]]
                else:
                    snippet = str(ev[1]) if len(ev) > 1 else str(ev)
                w(f"    gold: {' '.join(snippet.split())[:220]}\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--show", type=int, default=40, help="disagreements to print")
    ap.add_argument("--heldout", action="store_true",
                    help="also list disagreements on the held-out half of the human-checked papers")
    args = ap.parse_args(argv)
    if not (args.corpus / "ecoinf_passages.jsonl").exists():
        sys.stderr.write(f"accuracy: no corpus at {args.corpus}\n")
        return 2
    print_results(evaluate(args.corpus), args.show, heldout=args.heldout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
