"""Normalisers for the ``hardware`` field.

Every value has the same five keys::

    {"type": "GPU"|"TPU"|"CPU"|"cluster"|"cloud"|"other",
     "vendor": str|None, "model": str|None, "count": int|None, "memory_gb": number|None}

* named devices come from the catalogues ``gpus``, ``cpus``, ``computers`` and
  ``compute_services`` (canonical name, vendor, type and a standard memory size);
* CPU model numbers are read by regex rules and formatted with a template from the rule's
  params ("i7-8700K" -> "Core i7-8700K");
* "128 GB of RAM" gives ``{type: other, model: "RAM", memory_gb: 128}``;
* generic mentions ("trained on a single GPU", "on the university's HPC cluster") give a
  value with ``model: None`` only when no named device of that kind is in the sentence.

Counts come from the words right before a device ("two", "4x", "a single", "dual") or
right after it ("RTX 3090 (x2)", "CPU * 2"); memory from "(24 GB)", "with 11 GB of
memory", "12G GPU" or "32GB V100". A number that is not right next to the device
("trained for 2 days on a GTX 1080") is never taken as its count.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Optional, Tuple

from . import Mention, Values, normalizer
from .cues import image_processing_only
from .quantities import parse_count, parse_number

# ----------------------------------------------------------------------------------
# value helpers
# ----------------------------------------------------------------------------------


def device(type_: str, vendor: Optional[str] = None, model: Optional[str] = None,
           count: Optional[int] = None, memory_gb: Optional[float] = None) -> Dict[str, Any]:
    """One hardware value with all five keys."""
    if isinstance(memory_gb, float) and memory_gb.is_integer():
        memory_gb = int(memory_gb)
    return {"type": type_, "vendor": vendor, "model": model, "count": count, "memory_gb": memory_gb}


def _catalogue(name: str):
    from ..catalogues import get_catalogue

    return get_catalogue(name)


# ----------------------------------------------------------------------------------
# context reading: counts, memory, comparisons
# ----------------------------------------------------------------------------------

# Brand words, trademark signs and spacing that may sit between a count and a model.
_BRAND_TAIL = re.compile(
    r"(?:\s|®|™|\u00ae|\u2122|\(R\)|\(TM\)|\bNVIDIA\b|\bNVI-\s*DIA\b|\bNvidia\b|\bnVidia\b|\bGeForce\b|\bTesla\b"
    r"|\bQuadro\b|\bAMD\b|\bIntel\b|\bGoogle\b|\bApple\b|\bRadeon\b|\bInstinct\b|\bZOTAC\b|\bGAMING\b|\bASUS\b"
    r"|\bMSI\b|\bGigabyte\b|\bEVGA\b|\bPNY\b|\bDell\b|\bHPE?\b|\bLenovo\b|\bCorporation\b|\bCorp\.?|\bInc\.?"
    r"|\(\s*(?:NVIDIA|Nvidia|Intel|AMD)[^()]{0,40}\)|\bmodel\b|\bDGX\b|\bJetson\b)+$",
    re.IGNORECASE,
)
_NUM_WORDS = (r"a single|single|a pair of|pair of|dual|twin|quad|one|two|three|four|five|six|seven|eight|nine|"
              r"ten|eleven|twelve|sixteen|twenty|thirty[- ]two|sixty[- ]four")
_MEM_UNIT = r"(?:GB|GiB|Gb|gigabytes?|G(?![A-Za-z]))"
_LEFT_MEMORY = re.compile(r"(?<![\w.])(?P<mem>\d+(?:\.\d+)?)\s*-?\s*" + _MEM_UNIT + r"(?:\s+(?:of\s+)?(?:memory|VRAM))?\s*$")
_LEFT_COUNT = re.compile(
    r"(?:(?<![\w.,])(?P<num>\d{1,4})(?:\s*[x×\*X])?|(?P<xnum>[x×])\s*(?P<num2>\d{1,4})|\b(?P<word>" + _NUM_WORDS + r")"
    r"|\b(?P<art>an?|the|our|its|this|each)(?:\s+(?:lone|sole|solitary))?)\s*$",
    re.IGNORECASE,
)
# "four graphical processing units (NVIDIA A100 ..." / "four processors Intel Xeon ..."
_LEFT_NOUN_COUNT = re.compile(
    r"(?:(?<![\w.,])(?P<num>\d{1,4})|\b(?P<word>" + _NUM_WORDS + r"))\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:GPUs|graphics cards|graphic cards|graphical processing units|graphics processing units|cards|accelerators"
    r"|CPUs|processors|units|nodes with)\s*[(:,]?\s*(?:of\s+)?(?:type\s+)?$",
    re.IGNORECASE,
)
_DESCRIPTOR_TAIL = re.compile(
    r"(?:\s*(?:\d+(?:\.\d+)?\s*GHz|\(?\d+(?:\.\d+)?\s*GHz\)?|[\w]+[-\s]cores?|\d+(?:th|rd|nd|st)[-\s]?Gen(?:eration)?|"
    r"high[- ]end|low[- ]power|mobile|embedded|modern|consumer(?:[- ]grade)?|standard|powerful)\s+)+$",
    re.IGNORECASE,
)
_NOT_A_COUNT_BEFORE = re.compile(r"(?:\bsize|\bof|=|:|\bversion|\bv|\bepochs?|\bbatch(?:es)?|\bfor|\bin)\s*$", re.IGNORECASE)
_RIGHT_COUNT = re.compile(
    r"^\s*(?:(?:GPUs?|graphics cards?|cards?|CPUs?|processors?)\s*)?(?:\([^()]{0,60}\)\s*)?"
    r"(?:[×x\*]\s*(?P<a>\d{1,3})(?![\d.])(?!\s*(?:GB|G\b|GiB|GHz|MB|TB|cores?|threads?|\d))"
    r"|\(\s*[×x\*]?\s*(?P<b>\d{1,3})\s*[×x]?\s*(?:GPUs?|cards?|units?)?\s*\))",
    re.IGNORECASE,
)
_PLURAL_AFTER = re.compile(
    r"^\s*(?:\([^()]{0,60}\)\s*)?(?:GPUs|graphics cards|graphic cards|cards|accelerators|CPUs|processors|units|boards|modules|devices|nodes|machines)\b",
    re.IGNORECASE,
)
_MEMORY = re.compile(
    r"(?<![\w.])(?P<mem>\d+(?:\.\d+)?)\s*-?\s*(?P<unit>TB|GB|GiB|Gb|gigabytes?|G(?=\s*(?:of\s+)?(?:memory|RAM|VRAM|video|graphics|GPU|GDDR|HBM|DDR|on-board|onboard)\b|\s*[)\],;/]|\s*$))(?![A-Za-z])",
    re.IGNORECASE,
)
_SYSTEM_MEMORY_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:(?:system|main|host|CPU|DDR\d?|ECC|DIMM|physical)\b|RAM\b|random[- ]access|storage|disk|SSD|HDD|hard|drive|NVMe|eMMC|flash|SD\b)",
    re.IGNORECASE,
)
_COMPARISON_LEFT = re.compile(
    r"(?:compared (?:to|with)|in comparison (?:to|with)|relative to|(?:faster|slower|better|worse|more|less|cheaper) than"
    r"|\bthan\b|\bversus\b|\bvs\.?|\bunlike\b|instead of|rather than|as opposed to)\s+(?:the\s+|a\s+|an\s+)?(?:[\w®™\-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _clause_after(text: str, limit: int = 70) -> str:
    """``text`` up to the first clause break (, ; and but while) outside brackets."""
    depth = 0
    i = 0
    n = min(len(text), limit + 40)
    while i < n:
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth == 0:
                return text[:i]
            depth -= 1
        elif depth == 0:
            if ch in ",;•|" or (ch == "." and (i + 1 >= len(text) or text[i + 1].isspace())):
                return text[:i]
            m = re.match(r"\s+(?:and|but|while|whereas|as well as|plus|along with|together with|coupled with)\b", text[i:])
            if m:
                return text[:i]
        i += 1
        if depth == 0 and i >= limit:
            return text[:i]
    return text[:n]


def _strip_brand_tail(left: str) -> str:
    return _BRAND_TAIL.sub("", left)


def count_before(left: str, singular_default: bool = True) -> Optional[int]:
    """The count written right before a device: "two", "4 x", "a single", "dual".

    ``singular_default``: whether "a/an/the/our" in front of a singular device means one.
    """
    tail = _strip_brand_tail(left)
    tail = _LEFT_MEMORY.sub("", tail).rstrip()
    tail = _strip_brand_tail(tail)
    # descriptors between a count and the device: "a 14-core", "two 2.1 GHz", "a 12th-Gen"
    tail = _DESCRIPTOR_TAIL.sub("", tail + " ").rstrip()
    tail = _strip_brand_tail(tail)
    m = _LEFT_NOUN_COUNT.search(left.rstrip()) or _LEFT_NOUN_COUNT.search(_strip_brand_tail(left))
    if m:
        return parse_count(m.group("num") or m.group("word"))
    if singular_default and _ARTICLE_NOUN_PAREN.search(_strip_brand_tail(left)):
        return 1
    m = _LEFT_COUNT.search(tail)
    if not m:
        return None
    if m.group("art"):
        art = m.group("art").lower()
        if art in ("a", "an"):
            return 1
        return 1 if singular_default else None
    raw = m.group("num") or m.group("num2") or m.group("word")
    if m.group("num") and _NOT_A_COUNT_BEFORE.search(tail[: m.start()]) \
            and not (re.search(r"[x×\*X]\s*$", m.group(0)) and re.search(r":\s*$", tail[: m.start()])):
        return None  # ("Hardware: 2 × V100": a label, then a multiplied count)
    value = parse_count(raw)
    if value is None or value <= 0 or value > 4096:
        return None
    return value


_ARTICLE_NOUN_PAREN = re.compile(
    r"\b(?:an?|its|the|one|single|our)\s+(?:[\w\-]+\s+){0,2}?(?:GPU|CPU|graphics card|graphic card|processor|accelerator)\s*(?:[(:]|,\s*[“\"'])\s*$",
    re.IGNORECASE,
)
_ONE_MACHINE = re.compile(
    r"\b(?:an?|one|our|the|this)\s+(?:[\w()\-]+\s+){0,5}?(?:PC|computer|workstation|laptop|notebook|desktop|server|machine|system|"
    r"platform|node)\b(?![\w\-])(?!\s*(?:s\b|nodes|clusters))",
    re.IGNORECASE,
)


def single_machine(left: str) -> bool:
    """Whether the sentence so far describes one machine ("a PC with the following specifications: ...")."""
    return bool(_ONE_MACHINE.search(left))


def count_after(right: str) -> Optional[int]:
    """A count written right after a device: "RTX 3090 (x2)", "CPU * 2"."""
    m = _RIGHT_COUNT.match(right)
    if not m:
        return None
    return parse_count(m.group("a") or m.group("b"))


def is_plural(text: str, right: str) -> bool:
    if _PLURAL_AFTER.match(right):
        return True
    return bool(re.search(r"\d[sS]$|[A-Za-z]{2}s$", text)) and not re.search(r"(?i)(?:max|plus|ultra|tx|xs)$", text)


def memory_after(right: str, allow_ram_word: bool = False) -> Optional[float]:
    """The memory size attached to a device: "(24 GB)", "with 11 GB of memory", "12G GPU"."""
    window = _clause_after(right)
    for m in _MEMORY.finditer(window):
        after = window[m.end():]
        if _SYSTEM_MEMORY_AFTER.match(after):
            if not (allow_ram_word and re.match(r"^\s*(?:of\s+)?RAM\b", after, re.IGNORECASE)):
                continue
        if m.group("unit").upper() == "TB":
            continue
        value = parse_number(m.group("mem"))
        if value and 0 < value <= 512:
            return value
    return None


def memory_before(left: str) -> Optional[float]:
    tail = _strip_brand_tail(left)
    m = _LEFT_MEMORY.search(tail)
    if not m:
        return None
    value = parse_number(m.group("mem"))
    return value if value and 0 < value <= 512 else None


def is_comparison(left: str) -> bool:
    """True when the device is only a point of comparison ("compared to the Jetson TX2")."""
    return bool(_COMPARISON_LEFT.search(left[-80:]))


# ----------------------------------------------------------------------------------
# what else is in the sentence (to avoid duplicate or generic values)
# ----------------------------------------------------------------------------------


def _hardware_rules(kind: str) -> Tuple[Any, ...]:
    from ..ruleset import load_rules

    return tuple(r for r in load_rules().for_field("hardware") if (r.params or {}).get("role") == kind)


@lru_cache(maxsize=64)
def _specific_values(sentence: str, kind: str) -> Tuple[Dict[str, Any], ...]:
    """The values the ``kind`` rules give in the sentence (read only; cached because every
    generic mention of a sentence asks)."""
    from ..matching import match_rule

    out: List[Dict[str, Any]] = []
    for rule in _hardware_rules(kind):
        for m in match_rule(rule, sentence):
            out.extend(m.values)
    return tuple(out)


def _specific_spans(sentence: str, kind: str) -> List[Tuple[int, int]]:
    from ..matching import match_rule

    spans = []
    for rule in _hardware_rules(kind):
        for m in match_rule(rule, sentence):
            if m.values:
                spans.append((m.mention.start, m.mention.end))
    return spans


def _overlaps(a: Tuple[int, int], spans: Iterable[Tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _earlier_same(catalogue_name: str, sentence: str, start: int, entry) -> bool:
    """Whether the same catalogue entry (or its same_as target) is named earlier in the sentence."""
    target = (entry.attrs or {}).get("same_as", entry.name)
    for s, _e, other in _catalogue(catalogue_name).find_all(sentence):
        if s >= start:
            break
        if (other.attrs or {}).get("same_as", other.name) == target:
            return True
    return False


# ----------------------------------------------------------------------------------
# named devices (catalogue rules and the computer-product regex)
# ----------------------------------------------------------------------------------


def _entry_value(catalogue_name: str, entry, mention: Mention, model: Optional[str] = None) -> Dict[str, Any]:
    attrs = dict(entry.attrs or {})
    target_name = attrs.get("same_as")
    memory = attrs.get("memory_gb")
    if target_name:
        target = _catalogue(catalogue_name).get(target_name)
        merged = dict(target.attrs or {})
        merged.update({k: v for k, v in attrs.items() if k != "same_as"})
        attrs = merged
        memory = attrs.get("memory_gb")
    name = model or target_name or entry.name
    type_ = attrs.get("type", "other")
    count = None
    mem_here = None
    if type_ in ("GPU", "TPU", "CPU", "other"):
        plural = is_plural(mention.text, mention.right)
        count = count_after(mention.right) or count_before(mention.left, singular_default=not plural)
        if count is None and not plural and single_machine(mention.left):
            count = 1
        if type_ in ("GPU", "TPU") or (type_ == "other" and attrs.get("vendor") == "Apple"):
            mem_here = memory_after(mention.right, allow_ram_word=_gpu_noun_follows(mention.right))
            if mem_here is None:
                # a size before the name ("32GB V100") is trusted only when it does not
                # contradict the product's one standard size (in tables it is often RAM)
                before = memory_before(mention.left)
                if before is not None and (memory is None or before == memory):
                    mem_here = before
    if type_ not in ("GPU", "TPU"):
        memory = None
    return device(type_, attrs.get("vendor"), name, count, mem_here if mem_here is not None else memory)


def _gpu_noun_follows(right: str) -> bool:
    return bool(re.match(r"^\s*(?:\([^()]*\)\s*)?(?:GPUs?|graphics? cards?|cards?|graphics processing units?)\b", right, re.IGNORECASE))


def _rejected_by_params(mention: Mention) -> bool:
    """params.reject_after: a word right after the mention that makes it something else
    ("Raspberry Pi Camera", "Google Cloud Vision"); params.reject_left: text right before
    it ("available as a Google Colab notebook")."""
    params = mention.params or {}
    after = params.get("reject_after")
    if after and re.match(r"^[\s\-]*(?:" + after + r")(?![\w])", mention.right, re.IGNORECASE):
        return True
    before = params.get("reject_left")
    if before and re.search(r"(?:" + before + r")\W*$", mention.left, re.IGNORECASE):
        return True
    return False


@normalizer("hardware_device")
def normalize_device(mention: Mention) -> Values:
    """A named device from a catalogue: ``params.catalogue`` says which.

    With a ``code`` group (rule hardware.computer_product) the model code is appended to
    the product line: "Dell PowerEdge" + "C4130".
    """
    name = (mention.params or {}).get("catalogue")
    if not name:
        return None
    catalogue = _catalogue(name)
    code = (mention.groups or {}).get("code")
    text = mention.text
    if code:
        text = text[: text.rfind(code)].rstrip(" -")
    entry = catalogue.lookup(text)
    if entry is None:
        found = catalogue.find_all(text)
        if not found:
            return None
        entry = found[0][2]
    if not catalogue.accepts(entry, mention.sentence):
        return None
    if is_comparison(mention.left) or _rejected_by_params(mention):
        return None
    if _earlier_same(name, mention.sentence, mention.start, entry):
        return None  # the first mention of the same device gives the value
    model = None
    if code:
        model = entry.name + " " + " ".join(code.split())
    return [_entry_value(name, entry, mention, model)]


# ----------------------------------------------------------------------------------
# GeForce model numbers written loosely: "NVIDIA 3090", "GeForce 1070", "GTX 3090", "1080Ti GPU"
# ----------------------------------------------------------------------------------


def _geforce_candidates(num: str, suffix: str) -> List[str]:
    n = int(num)
    sfx = (" " + suffix.title().replace("Ti Super", "Ti Super")) if suffix else ""
    if suffix.lower().replace(" ", "") == "tisuper":
        sfx = " Ti Super"
    series = "RTX" if n >= 2000 else "GTX"
    return [f"GeForce {series} {num}{sfx}", f"GeForce GT {num}{sfx}"]


@normalizer("hardware_gpu_number")
def normalize_gpu_number(mention: Mention) -> Values:
    """A GeForce card named by its number with a loose or wrong prefix.

    Rejected where the gpus catalogue already matches (rule hardware.gpu_model).
    """
    groups = mention.groups or {}
    num = groups.get("num")
    if not num:
        return None
    catalogue = _catalogue("gpus")
    if _overlaps((mention.start, mention.end), [(s, e) for s, e, _ in catalogue.find_all(mention.sentence)]):
        return None
    if is_comparison(mention.left) or _rejected_by_params(mention):
        return None
    suffix = (groups.get("sfx") or "").strip()
    for candidate in _geforce_candidates(num, suffix):
        entry = catalogue.lookup(candidate)
        if entry is not None:
            return [_entry_value("gpus", entry, mention)]
    return None


@normalizer("hardware_gpu_glued")
def normalize_gpu_glued(mention: Mention) -> Values:
    """A model glued to the word GPU by PDF extraction: "TitanXGPU", "RTX3090GPUs"."""
    model = (mention.groups or {}).get("model") or ""
    catalogue = _catalogue("gpus")
    words = model.split()
    for i in range(len(words)):
        entry = catalogue.lookup(" ".join(words[i:]))
        if entry is not None and catalogue.accepts(entry, mention.sentence):
            return [_entry_value("gpus", entry, mention)]
    return None


# ----------------------------------------------------------------------------------
# CPUs read by regex
# ----------------------------------------------------------------------------------


def _tidy_code(text: str) -> str:
    return text.replace("×", "X").replace("\u00d7", "X").upper()


@normalizer("hardware_cpu")
def normalize_cpu(mention: Mention) -> Values:
    """A CPU model from regex groups, formatted with ``params``.

    params: ``vendor``; ``template`` with {family} {tier} {line} {num} {sfx} {ver}
    placeholders (missing parts and their separators drop out); ``short`` (template when
    there is no model number); ``need_any`` (groups of which one must have matched, so a
    bare "i7" is not a CPU); ``hyphen_lines`` and ``hyphen_template`` (Xeon lines written
    "E5-2680", not "Gold 6130"); ``near`` (a cue that must be within 30 characters);
    ``reject_left`` (see :func:`_rejected_by_params`).
    """
    params = mention.params or {}
    g = {k: v for k, v in (mention.groups or {}).items() if v}
    need = params.get("need_any") or []
    if need and not any(k in g for k in need):
        return None
    if params.get("near") and not re.search(params["near"], mention.sentence[max(0, mention.start - 30):mention.end + 30], re.IGNORECASE):
        return None
    if _rejected_by_params(mention) or is_comparison(mention.left):
        return None
    family = re.sub(r"®|™|\((?:R|TM)\)", " ", g.get("family", ""))
    parts = {
        "family": " ".join(w if w.isupper() and len(w) > 1 else w.title() for w in family.split()).replace("Epyc", "EPYC"),
        "tier": g.get("tier", "").lower() if g.get("tier", "").lower().startswith("i") else g.get("tier", ""),
        "line": g.get("line", "").title() if len(g.get("line", "")) > 2 else g.get("line", "").upper(),
        "num": g.get("num", ""),
        "sfx": _tidy_code(g.get("sfx", "")),
        "ver": g.get("ver", "").lower(),
    }
    if "threadripper" in parts["family"].lower():
        parts["family"] = "Ryzen Threadripper" + (" PRO" if "pro" in parts["family"].lower() else "")
    template = params.get("template") if parts["num"] else params.get("short", params.get("template"))
    if parts["line"] and parts["line"] in (params.get("hyphen_lines") or []):
        template = params.get("hyphen_template", template)
    model = template.format(**parts)
    model = re.sub(r"\s+", " ", model)
    model = re.sub(r"\s*-\s*(?=\s|$)|-$", "", model).strip()
    model = re.sub(r"\s+-", "-", model)
    plural = is_plural(mention.text, mention.right)
    count = count_after(mention.right) or count_before(mention.left, singular_default=not plural)
    if count is None and not plural and single_machine(mention.left):
        count = 1
    return [device("CPU", params.get("vendor"), model, count, None)]


# ----------------------------------------------------------------------------------
# generic mentions: "a GPU", "Cloud TPUs", "its CPU", "the HPC cluster"
# ----------------------------------------------------------------------------------

_NOUN_TAIL_BAD = re.compile(
    r"^[\s\-]*(?:memory|RAM|VRAM|utili[sz]ation|usage|load|hours?|time|energy|power|consumption|resources?|implementation|"
    r"versions?|support|computing|computation|programming|kernels?|cores?|threads?|drivers?|architecture|parallelism|"
    r"parallelization|bandwidth|cache|speed|clock|frequency|costs?|budget|requirements?|capacity|capabilit|runtime|-?based|"
    r"-?enabled|-?accelerated|-?only|mode|backend|build|package|libraries|library|toolkit|code|and\s+(?:GPU|CPU|TPU)\s+"
    r"(?:memory|time|usage|energy))\b",
    re.IGNORECASE,
)
_MODIFIER = (
    r"(?:an?|the|one|single|two|three|four|five|six|seven|eight|sixteen|dual|twin|quad|\d{1,4}|our|its|their|this|each|"
    r"multiple|several|many|dedicated|local|same|available|high[- ]end|consumer(?:[- ]grade)?|modern|standard|powerful|"
    r"commodity|mid[- ]range|integrated|discrete|additional|external|cloud|remote|CUDA[- ](?:enabled|capable|compatible)|"
    r"compatible|NVIDIA|Nvidia|NVIDIA®|AMD|Intel|Intel®|Apple|Google|Volta|Pascal|Turing|Ampere|Kepler|Maxwell|Hopper|"
    r"Ada|Blackwell|GeForce|Quadro|Tesla|Radeon|x|×|\*|\d+(?:\.\d+)?\s*-?\s*(?:GB|GiB|G)|(?:\d+|a|one|two|four|six|eight|"
    r"twelve|sixteen|quad|dual|octa|multi)[- ]?(?:cores?|threads?)|and|/|,|\d+(?:\.\d+)?\s*GHz|virtual|v)"
)
_STRONG_MODIFIER = (
    r"(?:one|single|two|three|four|five|six|seven|eight|sixteen|dual|twin|quad|\d{1,4}|NVIDIA|Nvidia|NVIDIA®|AMD|Intel|Intel®|"
    r"Apple|Google|GeForce|Quadro|Tesla|Radeon|\d+(?:\.\d+)?\s*-?\s*(?:GB|GiB|G)|(?:\d+|a|one|two|four|six|eight|twelve|"
    r"sixteen|quad|dual|octa|multi)[- ]?(?:cores?|threads?))"
)
# the device is the object of a usage: "trained on a single GPU", "using GPU acceleration"
_USAGE_LEFT = re.compile(
    r"\b(?:on|using|with|via|utili[sz]ing|employing|in|by|onto|to|featuring|having|including|from|plus|equipped with|"
    r"powered by|accelerated by|used|employed|utili[sz]ed|leveraged|had|has|have)\s+(?:" + _MODIFIER + r"\s*)*$",
    re.IGNORECASE,
)
# a list item or the sentence start needs a count, brand or size: ", 4 CPUs", "and 24G GPU", "Two GPUs ..."
_LIST_LEFT = re.compile(
    r"(?:^|[,:(]|\band\b)\s*(?:" + _MODIFIER + r"\s*)*" + _STRONG_MODIFIER + r"\s*(?:" + _MODIFIER + r"\s*)*$",
    re.IGNORECASE,
)
_BARE_PLURAL_CUE = re.compile(r"\b(?:we|our|us|was|were|had been|have been)\b", re.IGNORECASE)


def _vendor_in(text: str) -> Optional[str]:
    for vendor, pattern in (("NVIDIA", r"NVIDIA|Nvidia|GeForce|Quadro|Tesla|CUDA"), ("AMD", r"\bAMD\b|Radeon"),
                            ("Intel", r"\bIntel\b"), ("Apple", r"\bApple\b"), ("Google", r"\bGoogle\b|Cloud TPU")):
        if re.search(pattern, text):
            return vendor
    return None


_CITATION_AFTER = re.compile(r"^\s*\((?:[^()]*\bet al\.|[A-Z][^()]{0,60}\b(?:19|20)\d\d[a-z]?\b)[^()]*\)")


def _cited_after(right: str) -> bool:
    """Followed by a citation: "... run on shared computing clusters (Ortiz et al., 2021)"."""
    return bool(_CITATION_AFTER.match(right))


def _first_generic(mention: Mention) -> bool:
    """Whether no earlier match of the same generic rule in the sentence gave a value."""
    from ..ruleset import load_rules

    try:
        rule = load_rules().by_id(mention.rule_id)
    except KeyError:
        return True
    for m in rule.pattern.finditer(mention.sentence):
        if m.start() >= mention.start:
            break
        earlier = Mention(mention.field, mention.rule_id, m.group(0), mention.sentence, m.start(), m.end(),
                          {}, mention.params)
        if _generic_values(earlier, check_earlier=False):
            return False
    return True


@normalizer("hardware_generic")
def normalize_generic(mention: Mention) -> Values:
    """A processor named only by its kind: "trained on a single NVIDIA GPU".

    params: ``type`` (GPU, TPU or CPU), ``specific`` (the role of the rules that name
    devices of that kind), optional ``vendor``. Returns None when the sentence names a
    specific device of that kind (that rule gives the value and the evidence), when an
    earlier generic mention in the sentence already gave one, when the noun is only an
    abbreviation being introduced ("Graphics Processing Unit (GPU)"), when it is not the
    object of a usage ("GPU memory", "the GPU implementation of", "GPUs have made ..."),
    or when a citation follows it.
    """
    if image_processing_only(mention.sentence):
        return None  # "orthomosaics were built in Metashape with GPU acceleration"
    return _generic_values(mention)


def _generic_values(mention: Mention, check_earlier: bool = True) -> Values:
    params = mention.params or {}
    type_ = params.get("type", "GPU")
    right = mention.right
    if _NOUN_TAIL_BAD.match(right):
        return None
    left = mention.left
    clause_left = re.split(r"[.;]\s", left)[-1]
    if not (_USAGE_LEFT.search(clause_left) or _LIST_LEFT.search(clause_left)):
        return None
    if is_comparison(left) or _cited_after(right):
        return None
    plural = mention.text.rstrip(")").lower().endswith("s")
    if plural and not re.search(_STRONG_MODIFIER + r"\s*$", clause_left, re.IGNORECASE) and not _BARE_PLURAL_CUE.search(mention.sentence):
        return None  # "calculations are performed using GPUs": a general statement
    # the abbreviation of a noun just given: "Graphics Processing Unit (GPU)"
    if re.search(r"\(\s*$", left) and re.match(r"^\s*s?\)", right) and re.search(r"(?i)units?\s*\(\s*$", left):
        return None
    specific = params.get("specific")
    types = params.get("specific_types") or [type_]
    if specific and any(v.get("type") in types for v in _specific_values(mention.sentence, specific)):
        return None  # the named device gives the value
    if check_earlier and not _first_generic(mention):
        return None  # an earlier generic mention in the sentence gave the value
    phrase = clause_left[-60:]
    count = count_before(clause_left, singular_default=False)
    if count is None:
        count = count_after(right)
    if count is None and not plural and single_machine(clause_left):
        count = 1
    if plural and count == 1:
        count = None
    memory = None
    if type_ == "GPU":
        memory = memory_after(right, allow_ram_word=True) or memory_before(clause_left)
    vendor = params.get("vendor") or _vendor_in(phrase[-40:] + mention.text)
    return [device(type_, vendor, None, count, memory)]


# ----------------------------------------------------------------------------------
# machines named only by their kind: "run on a basic laptop", "a desktop computer with ..."
# ----------------------------------------------------------------------------------

_MACHINE_LEFT = re.compile(
    r"\b(?:on|using|with|via|in|utili[sz]ing|employing|onto|used|employed|utili[sz]ed)\s+(?P<det>(?:(?:an?|the|our|one|two|three|four|five|six|eight|"
    r"\d{1,3}|this|each|single|a\s+single|dedicated|local|personal)\s+)+)(?:[\w\-‘’'\"()]+\s+){0,3}?$",
    re.IGNORECASE,
)
_MACHINE_KINDS = (
    (r"laptop|notebook computer|notebook PC", "laptop"),
    (r"desktop", "desktop computer"),
    (r"personal computer|\bPCs?\b", "personal computer"),
    (r"workstation", "workstation"),
    (r"server", "server"),
)


@normalizer("hardware_machine")
def normalize_machine(mention: Mention) -> Values:
    """A computer named only by its kind, as the object of a usage ("trained on a laptop").

    The model is the kind ("laptop", "desktop computer", "personal computer",
    "workstation", "server"). None when a named machine (rule hardware.computer_product)
    is in the sentence, when the machine is not the object of a usage, or for a web or
    data server ("the images were uploaded to a server").
    """
    left = re.split(r"[.;]\s", mention.left)[-1]
    usage = _MACHINE_LEFT.search(left)
    if not usage:
        return None
    if is_comparison(mention.left) or _cited_after(mention.right):
        return None
    if re.search(r"(?i)\b(?:web|data|file|database|map|tile|FTP|SQL|mail|cloud|remote|Zenodo|GitHub|project)[\s\-]*$", left):
        return None
    if _specific_values(mention.sentence, "computer"):
        return None
    text = mention.text
    model = None
    for pattern, kind in _MACHINE_KINDS:
        if re.search(pattern, text, re.IGNORECASE):
            model = kind
            break
    if model is None:
        return None
    plural = bool(re.search(r"s$", text)) and not text.lower().endswith("ss")
    count = count_before(left, singular_default=not plural)
    if count is None:
        words = usage.group("det").split()
        for word in words:
            value = parse_count(word) if word.lower() not in ("a", "an") else 1
            if value:
                count = value
                break
        if count is None and not plural and words and words[0].lower() in ("the", "our", "this", "each", "single"):
            count = 1
    if plural and count == 1:
        count = None
    return [device("other", None, model, count, None)]


# ----------------------------------------------------------------------------------
# clusters and supercomputers
# ----------------------------------------------------------------------------------

_NAME_TOKEN = r"(?:[A-Z][\w'`´\-]*|of|de|di|del|della|degli|für|and|&)"
_LEFT_NAME = re.compile(r"(?P<name>(?:[A-Z][\w'`´\-]*\s+)(?:" + _NAME_TOKEN + r"\s+){0,6})$")
_RIGHT_NAME = re.compile(
    r"^\s*(?:\([^()]{1,20}\)\s*)?(?:(?:scientific\s+)?(?:computing\s+)?(?:cent(?:re|er)|facility|system|infrastructure)\s+)?"
    r"(?:of|at|from|in|provided by|operated by|hosted by)\s+(?:the\s+)?(?P<name>[A-Z][\w'`´\-]*(?:\s+" + _NAME_TOKEN + r"){0,6})"
)
_NAME_STOP = {"The", "A", "An", "Our", "We", "All", "This", "These", "Its", "Their", "In", "On", "At", "Using", "Training",
              "Analyses", "Experiments", "Computations", "Simulations", "Models", "Model", "Each", "For", "Linux", "Ubuntu",
              "High", "Performance", "Computing", "HPC", "GPU", "CPU", "Local", "National", "Research"}


def _tidy_name(name: str) -> Optional[str]:
    words = name.split()
    while words and words[0] in _NAME_STOP:
        words.pop(0)
    while words and words[-1] in ("of", "de", "di", "del", "della", "degli", "für", "and", "&", "the", "High", "Performance",
                                  "Computing", "HPC", "GPU", "CPU", "Research"):
        words.pop()
    name = " ".join(words).strip(" ,'`´")
    return name if len(name) >= 3 else None


@normalizer("hardware_cluster")
def normalize_cluster(mention: Mention) -> Values:
    """A generic HPC cluster / supercomputer mention; the model is the name before or after it.

    "the DAFNE HPC facility" -> model "DAFNE"; "a computing cluster at the University of X"
    -> "University of X"; "on the HPC cluster" -> None. Returns None when a named centre
    or cluster of the compute_services catalogue is in the sentence (that rule gives it).
    """
    if is_comparison(mention.left) or _cited_after(mention.right):
        return None
    for _s, _e, entry in _catalogue("compute_services").find_all(mention.sentence):
        if (entry.attrs or {}).get("type") == "cluster":
            return None  # rule hardware.compute_service gives the value
    name = None
    m = _LEFT_NAME.search(mention.left)
    if m:
        name = _tidy_name(m.group("name"))
    if name is None:
        m = _RIGHT_NAME.match(mention.right)
        if m:
            name = _tidy_name(m.group("name"))
    return [device("cluster", None, name, None, None)]


# ----------------------------------------------------------------------------------
# RAM
# ----------------------------------------------------------------------------------

_GPU_ANCHOR = re.compile(r"\bGPUs?\b|graphics? cards?|graphics processing units?|graphical processing units?|video cards?", re.IGNORECASE)


def _gpu_owned(sentence: str, start: int) -> bool:
    """Whether the memory phrase at ``start`` belongs to a GPU ("RTX 3090 (24 GB memory)")."""
    anchors = [(m.start(), m.end()) for m in _GPU_ANCHOR.finditer(sentence)]
    anchors += [(s, e) for s, e, _ in _catalogue("gpus").find_all(sentence)]
    anchors += _specific_spans(sentence, "gpu_number")
    for s, e in anchors:
        if e > start:
            continue
        between = sentence[e:start]
        if len(" ".join(between.split())) > 60:
            continue
        window = _clause_after(sentence[e:], limit=len(between) + 20)
        if len(window) >= len(between):
            return True
    # "24 GB GPU", "12 GB of GPU memory": the GPU word follows
    after = sentence[start:start + 40]
    return bool(re.match(r"^\s*\d+(?:\.\d+)?\s*-?\s*(?:GB|GiB|Gb|G)\s*(?:of\s+)?(?:GPU|graphics|video|VRAM|GDDR|HBM)", after, re.IGNORECASE))


@normalizer("hardware_ram")
def normalize_ram(mention: Mention) -> Values:
    """System memory: "128 GB of RAM", "RAM: 64 GB", "16 GB DDR4 memory".

    params: ``strong`` (the phrase says RAM/DDR, so it is system memory even next to a
    GPU unless a GPU noun sits between them). The memory size of a GPU ("RTX 3090 (24 GB
    memory)", "12 GB of GPU memory", "with 8 GB VRAM") is not RAM and gives None.
    """
    g = mention.groups or {}
    value = parse_number(g.get("mem", ""))
    if value is None or value <= 0:
        return None
    unit = (g.get("unit") or "GB").upper()
    if unit == "TB":
        value = value * 1024
    elif unit == "MB":
        value = value / 1024
    if re.match(r"^\s*(?:of\s+)?(?:GPU|graphics|video|VRAM|GDDR|HBM)", mention.right, re.IGNORECASE):
        return None
    strong = (mention.params or {}).get("strong", False)
    owned = _gpu_owned(mention.sentence, mention.start)
    if owned and (not strong or _gpu_noun_between(mention.sentence, mention.start)):
        return None
    if re.search(r"(?:GPU|graphics|video)\s*$", mention.left[-12:], re.IGNORECASE):
        return None
    times = re.match(r"^\s*[×x\*]\s*(\d{1,2})(?![\d.])", mention.right)
    if times:
        value = value * int(times.group(1))  # "16GB RAM * 8": eight modules
    return [device("other", None, "RAM", None, value)]


def _gpu_noun_between(sentence: str, start: int) -> bool:
    """A GPU noun right before the memory phrase: "one RTX A6000 GPU with 48 GiB RAM"."""
    left = sentence[:start]
    return bool(re.search(r"(?:GPUs?|graphics? cards?|cards?)\s*(?:\([^()]*\)\s*)?(?:with|having|featuring|of)?\s*(?:\(\s*)?$", left, re.IGNORECASE))


__all__ = [
    "device", "count_before", "count_after", "memory_after", "memory_before", "is_comparison",
]
