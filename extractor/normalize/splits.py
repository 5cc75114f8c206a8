"""How the data were divided for training and evaluation, and which named datasets were used.

data_split values::

    {scheme: holdout | k-fold | leave-one-out | leave-group-out | cross-validation | bootstrap | None,
     ratio: "80/20" | "70/15/15" | None,      # train/validation/test, in percent
     folds: int | None,
     strategy: random | stratified | spatial | temporal | grouped | None}

datasets values::

    {name: <canonical name from rules/catalogues/datasets.yml, or a name the paper gives>,
     role: training | evaluation | pretraining | unknown}

Percentages are read here as split proportions; dataset_size ignores them, so a
sentence like "70% of the images were used for training" gives a split, not a size.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from ..catalogues import get_catalogue
from . import Mention, Values, normalizer
from .cues import OWN_WORK, looks_like_reference

_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twenty": 20, "fifteen": 15, "twelve": 12, "eleven": 11,
}
SCHEMES = ("holdout", "k-fold", "leave-one-out", "leave-group-out", "cross-validation", "bootstrap")
STRATEGIES = ("random", "stratified", "spatial", "temporal", "grouped")

# the splitting strategy a sentence names, most specific first; {{split_group_noun}} is the
# fragment of rules/fragments.yml that the data_split.strategy rule reads too
_STRATEGY_CUE_SOURCES: Tuple[Tuple[str, str], ...] = (
    ("stratified", r"\bstratif\w*"),
    ("spatial", r"\bspatial(?:ly)?[\s\-]+(?:\w+[\s\-]+)?(?:block\w*|split\w*|cross|partition\w*|independent|"
                           r"separated|disjoint|held|hold|fold|cv|strat)\w*|\bblock(?:ed)?[\s\-]+cross[\s\-]valid\w*|"
                           r"\bgeographic(?:al(?:ly)?)?[\s\-]+(?:\w+[\s\-]+)?(?:split|block|partition|held|independent)\w*|"
                           r"\bcheckerboard\b|\bsplits?\s*\(\s*spatial\s*\)"),
    ("temporal", r"\btemporal(?:ly)?[\s\-]+(?:\w+[\s\-]+)?(?:split\w*|block\w*|partition\w*|held|independent|"
                            r"hold|cross|separat\w*)|\btemporal\s+(?:test|validation|evaluation)\s+(?:sets?|data|years?|"
                            r"seasons?|periods?|subsets?)\b|\bchronological(?:ly)?\b|\b(?:earlier|previous|first)\s+(?:\w+\s+)?"
                            r"(?:years?|seasons?|months?)\s+(?:\w+\s+){0,4}?(?:for\s+)?training\b|"
                            r"\b(?:split|divided|partitioned|separated)\s+(?:\w+\s+){0,3}?by\s+(?:year|date|time|season)\b|"
                            r"\bleave[\s\-]one[\s\-](?:year|season)[\s\-]out\b|"
                            # "the 2016-2019 seasons were used for training and 2020 for testing"
                            r"(?<![\w.])(?:19|20)\d{2}\b[^.;]{0,60}?\b(?:for|formed|form|made\s+up|provided|constituted|gave)\s+"
                            r"(?:the\s+)?(?:model\s+)?(?:training|calibration|fitting)\b"
                            r"[^.;]{0,40}?(?<![\w.])(?:19|20)\d{2}\b[^.;]{0,30}?\b(?:for|as)\s+(?:the\s+)?(?:testing|test|validation|"
                            r"evaluation|independent)|\b(?:forward|forwards)\s+in\s+time\b|\bsplits?\s*\(\s*temporal\s*\)|"
                            # "the 2015-2019 surveys were used to fit the model, and the 2020 survey ... to test it"
                            r"(?<![\w.])(?:19|20)\d{2}\b[^.;]{0,60}?\b(?:were|was)\s+used\s+to\s+(?:fit|train|calibrate|build)\b"
                            r"[^.;]{0,60}?(?<![\w.])(?:19|20)\d{2}\b[^.;]{0,60}?\bto\s+(?:evaluate|test|validate|assess)\b|"
                            r"\b(?:fit(?:ted)?|train(?:ed)?|calibrat(?:e|ed))\s+on\s+(?:19|20)\d{2}\b[^.]{0,60}?[;,]\s*"
                            r"(?:(?:validat(?:e|ed)|tun(?:e|ed))\s+on\s+(?:19|20)\d{2}\b[^.;]{0,40}[;,]\s*)?"
                            r"(?:test(?:ed)?|evaluat(?:e|ed))\s+on\s+(?:19|20)\d{2}\b"),
    ("grouped", r"\b(?:split|divided|partitioned|separated|grouped|assigned|stratified|formed|made|defined|drawn)\s+(?:\w+\s+){0,3}?"
                           r"(?:by|per|according\s+to|at\s+the\s+level\s+of)\s+(?:the\s+)?(?:\w+\s+)?{{split_group_noun}}\b|"
                           r"\b(?:held[\s\-]out|unseen|independent|withheld|hold[\s\-]out|excluded)\s+(?:\w+\s+)?(?:sites?|cameras?|"
                           r"locations?|individuals?|recorders?|stations?|plots?|regions?|islands?|deployments?)\b|"
                           r"\b(?:held|holding|kept|keeping|set|left|leaving)\s+(?:out|back|aside|apart)\s+(?:whole|entire|complete)\s+{{split_group_noun}}\b|"
                           r"\bleave[\s\-]one[\s\-](?:site|camera|location|individual|group|subject|recorder|station|"
                           r"plot|region|animal|deployment)[\s\-]out\b|\bgroup[\s\-]?k[\s\-]?fold\b|"
                           # "all images from a given camera station were kept in the same partition"
                           r"\b(?:from|of)\s+(?:a\s+given|the\s+same|one|each|any\s+one)\s+(?:[\w\-]+\s+)?{{split_group_noun}}\s+"
                           r"(?:were|was)\s+(?:always\s+)?(?:kept|placed|put|assigned|allocated)\s+(?:together\s+)?(?:in|to|into)\s+"
                           r"(?:the\s+same|one|a\s+single)\s+(?:partition|subset|split|fold|set|group)\b"),
    ("random", r"\brandom(?:ly)?\b(?![\s\-]+(?:forests?|effects?|fields?|search|initiali\w+|seeds?|noise|crop\w*|"
                          r"flip\w*|rotat\w*|erasing|sampl\w*\s+of\s+(?:hyper)?parameters))"),
)


@lru_cache(maxsize=None)
def _strategy_cues() -> Tuple[Tuple[str, "re.Pattern[str]"], ...]:
    from ..ruleset import load_fragments  # (at first use: the rules package loads the normalisers)

    group = load_fragments()["split_group_noun"]
    return tuple((name, re.compile(source.replace("{{split_group_noun}}", group), re.IGNORECASE))
                 for name, source in _STRATEGY_CUE_SOURCES)


def _int(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(text)


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_SPELLED_PERCENT = re.compile(
    r"\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-](?P<unit>one|two|three|four|"
    r"five|six|seven|eight|nine))?|(?P<teen>ten|fifteen)|(?P<single>five))(?=\s?(?:percent|per\s?cent)\b)",
    re.IGNORECASE)


# fractions of the data given to a split: "four-fifths of the recordings", "the remaining fifth"
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
                 "fifths": 5, "tenth": 10, "tenths": 10}
_FRACTION = re.compile(
    r"\b(?:(?P<num>one|two|three|four|nine|a)[\s\-](?:random\s+)?(?P<den>thirds?|quarters?|fifths?|tenths?|half)"
    r"(?=\s+(?:of|for|to|as|were|was|went|(?:chosen|drawn|selected|picked|taken)\s+(?:at\s+random|randomly)\s+(?:went|was|were|for|as))\b)"
    r"|(?<=\bremaining\s)(?P<rden>half|third|quarter|fifth|tenth))\b", re.IGNORECASE)


def spell_percents_as_digits(sentence: str) -> str:
    """Percentages written in words rewritten in digits ("Eighty per cent" -> "80 per cent"),
    and fractions of the data as percentages ("four-fifths of" -> "80% of").

    >>> spell_percents_as_digits("Eighty per cent for training and the remaining twenty per cent for testing")
    '80 per cent for training and the remaining 20 per cent for testing'
    >>> spell_percents_as_digits("Four-fifths of the clips were used for training and the remaining fifth for testing")
    '80% of the clips were used for training and the remaining 20% for testing'
    """
    def digits(m: "re.Match[str]") -> str:
        return str(int(_spelled_share(m.group(0).lower())))

    def fraction(m: "re.Match[str]") -> str:
        num = m.group("num")
        count = 1 if not num or num.lower() in ("one", "a") else _UNITS[num.lower()]
        den = _DENOMINATORS[(m.group("den") or m.group("rden")).lower()]
        return f"{round(100 * count / den)}%"

    def one_in(m: "re.Match[str]") -> str:
        n = _ONE_IN_WORDS.get(m.group("n").lower()) or int(m.group("n"))
        noun = " of the data" if m.group("noun") else ""  # ("one photo in every five": what was split is data)
        return f"{round(100 / n)}%{noun}" if 2 <= n <= 20 else m.group(0)

    return _ONE_IN.sub(one_in, _FRACTION.sub(fraction, _SPELLED_PERCENT.sub(digits, sentence)))


# "one image in every five for the test": a share given as one in N
_ONE_IN_WORDS = {**_UNITS, "ten": 10}
_ONE_IN = re.compile(r"\bone\s+(?:(?P<noun>[\w\-]+)\s+)?in\s+every\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b", re.I)


_NOT_RANDOM = re.compile(r"\b(?:rather\s+than|instead\s+of|not)\s+(?:\w+\s+){0,3}?(?:at\s+random|randomly|random(?:\s+split\w*)?)\b", re.IGNORECASE)


def strategy_of(sentence: str) -> Optional[str]:
    """The splitting strategy a sentence names, most specific first.

    >>> strategy_of("Images were randomly split by camera site into training and test sets.")
    'grouped'
    >>> strategy_of("We used a spatially blocked cross-validation.")
    'spatial'
    >>> strategy_of("All frames from a given camera station were kept in the same fold.")
    'grouped'
    """
    sentence = _NOT_RANDOM.sub(" ", sentence)  # "rather than splitting at random, we held out whole transects"
    for name, pattern in _strategy_cues():
        if pattern.search(sentence):
            return name
    return None


def _value(scheme: Optional[str], ratio: Optional[str] = None, folds: Optional[int] = None,
           strategy: Optional[str] = None) -> Dict[str, Any]:
    return {"scheme": scheme, "ratio": ratio, "folds": folds, "strategy": strategy}


_ROLE_TRAIN = r"(?:train(?:ing|ed)?|calibrat\w*|learning|teaching|fitting|fitted|(?<=to\s)fit|model\s+(?:building|development|construction))"
_ROLE_VAL = (r"(?:validat\w*|val|dev(?:elopment)?|tuning|checking|(?:check|follow|monitor|track)(?:ing)?\s+progress|"
             r"(?:choos|select|pick)(?:e|ing)\s+(?:the\s+)?(?:best\s+)?(?:checkpoint|epoch|stopping\s+point))")
_ROLE_TEST = r"(?:test(?:ing)?|evaluat\w*|verif\w*|assess\w*|prediction|independent\s+(?:test|validation)|(?:final\s+)?scoring)"
_PCT = r"(\d{1,2}(?:\.\d+)?)\s?(?:%|percent|per\s?cent)"


def _role(text: str) -> Optional[str]:
    text = text.lower()
    if text == "fit" or re.search(r"\b" + _ROLE_TRAIN, text):  # ("fit" cut out of "to fit")
        return "train"
    if re.search(r"\b" + _ROLE_VAL, text):
        return "validation"
    if re.search(r"\b" + _ROLE_TEST, text):
        return "test"
    return None


def percents_with_roles(sentence: str) -> List[Tuple[str, float]]:
    """(role, percent) pairs a sentence gives: "70% for training and 30% for testing",
    "training (60%), validation (20%) and test (20%) sets", "80% training / 20% test".

    >>> percents_with_roles("We used 70% of the images for training and the remaining 30% for testing.")
    [('train', 70.0), ('test', 30.0)]
    >>> percents_with_roles("The data were split into training (60%), validation (20%) and test (20%) sets.")
    [('train', 60.0), ('validation', 20.0), ('test', 20.0)]
    >>> percents_with_roles("Of these, 70 percent went to training, fifteen to validation and the remaining fifteen to testing.")
    [('train', 70.0), ('validation', 15.0), ('test', 15.0)]
    """
    out: List[Tuple[str, float]] = []
    for m in re.finditer(_PCT, sentence, re.IGNORECASE):
        pct = float(m.group(1))
        after = sentence[m.end():m.end() + 70]
        before = sentence[max(0, m.start() - 30):m.start()]
        # "a training set (4,200 images, 70%)": the role before an open bracket that holds the percent
        inside = re.search(r"(\w+)(?:\s+(?:set|data|subset|sample|split|partition)s?)?\s*\([^()%]{1,40}$",
                           sentence[max(0, m.start() - 70):m.start()], re.IGNORECASE)
        # the role written right after ("70% for training", "80% training data", "30% as test set")
        a = re.match(r"^\s*\)?\s*(?:of\s+(?:the\s+)?(?:\w+\s+){0,3}?)?(?:(?:were|was)\s+(?:\w+\s+)?)?(?:used\s+)?"
                     r"(?:for|as|in|to|into)?\s*(?:the\s+|a\s+)?(\w+)", after, re.IGNORECASE)
        # or right before ("training (60%)", "training set: 80%", "test = 20%")
        b = re.search(r"(\w+)(?:\s+(?:set|data|subset|sample|split|partition)s?)?\s*(?:\(|:|=|-|of|with)?\s*$", before,
                      re.IGNORECASE)
        role = None
        if b and re.search(r"[(:=]\s*$", before):
            role = _role(b.group(1))  # "training (60%)", "test: 20%"
        if role is None and inside:
            role = _role(inside.group(1))
        if role is None:
            # a list item "- training: 1,004 photographs (70%)": the label opens the item
            item = re.search(r"(?:^|[\-\u2022;]\s*)(\w+)(?:\s+(?:set|subset|data))?\s*:\s*[^:;%()]{0,50}\(\s*$",
                             sentence[max(0, m.start() - 70):m.start()])
            if item:
                role = _role(item.group(1))
        if role is None:
            # "fitted ... on a random 70% of the points and evaluated on the remaining 30%"
            v = _VERB_ON_PERCENT.search(sentence[max(0, m.start() - 80):m.start()])
            if v:
                role = "train" if v.group("fit") else "test"
        if role is None and a:
            role = _role(a.group(1))
            if role is None:
                # the first role word after the share, except one the share was kept from
                # ("set aside before any fitting ... for the final evaluation")
                longer = sentence[m.end():m.end() + 130]
                previous_skipped = False
                for a2 in re.finditer(r"\b(" + _ROLE_TRAIN + "|" + _ROLE_VAL + "|" + _ROLE_TEST + r")\b", longer,
                                      re.IGNORECASE):
                    if re.search(r"\d\s?%|[.;]", longer[:a2.start(1)]):
                        break
                    kept_from = re.search(r"\b(?:before|prior\s+to|ahead\s+of)\s+(?:any\s+|the\s+)?(?:(?:model|network|forest)\s+)?(?:was\s+|were\s+|had\s+been\s+)?$",
                                          longer[:a2.start(1)], re.IGNORECASE)
                    if a2.start(1) > (110 if previous_skipped else 60):
                        break
                    previous_skipped = bool(kept_from)
                    if not kept_from:
                        role = _role(a2.group(1))
                        break
        if role is None and b:
            role = _role(b.group(1))
        if role is None and re.match(r"^[^.;%]{0,90}?\b(?:was|were)\s+(?:\w+\s+)?(?:set\s+aside|kept\s+(?:apart|back|aside)|held\s+back|"
                                     r"withheld|put\s+away)\b[^.;]{0,60}?\b(?:not\s+(?:shown|given|seen|used)|until|only\s+(?:for|at)\s+the\s+(?:final|last|end))\b", sentence[m.end():m.end() + 140],
                                     re.IGNORECASE):
            role = "test"  # "a random fifth ... was set aside and not shown to the model until ..."
        if role is not None:
            out.append((role, pct))
    if out:
        # "seventy percent went to training, fifteen to validation and the remaining fifteen
        # to testing": the later shares leave out "percent" and the verb
        pos = list(re.finditer(_PCT, sentence, re.IGNORECASE))[-1].end()
        e = _ELLIPTIC_SHARE.match(sentence, pos)
        while e:
            n = e.group("n").lower()
            pct = float(n) if n.isdigit() else _spelled_share(n)
            role = _role(e.group("role"))
            if pct is not None and role is not None and role not in {r for r, _ in out}:
                out.append((role, pct))
            e = _ELLIPTIC_SHARE.match(sentence, e.end())
    if len(out) < 2:
        listed = _listed_in_order(sentence)
        if listed:
            return listed
    return out


_ELLIPTIC_SHARE = re.compile(
    r"[^.;%\d]{0,60}?(?:,|\band\b)\s*(?:and\s+)?(?:the\s+)?(?:remaining\s+|other\s+|final\s+|last\s+)?"
    r"(?P<n>\d{1,2}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|ten|fifteen|five)\s+(?:went\s+|were\s+\w+\s+|was\s+\w+\s+)?(?:to|for|into|as)\s+"
    r"(?:the\s+)?(?P<role>\w+)", re.IGNORECASE)


def _spelled_share(text: str) -> Optional[float]:
    parts = re.split(r"[\s\-]+", text)
    if parts[0] in _TENS:
        return float(_TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0))
    return {"ten": 10.0, "fifteen": 15.0, "five": 5.0}.get(parts[0])


# "divided into training, validation and test subsets in proportions of 80%, 10% and 10%":
# the splits named first, their shares after them in the same order
_SPLIT_LIST_THEN_SHARES = re.compile(
    r"\b(?P<names>" + _ROLE_TRAIN + r"(?:\s*,\s*|\s+and\s+|\s*/\s*)(?:" + _ROLE_VAL + r"(?:\s*,?\s*and\s+|\s*,\s*|\s*/\s*))?"
    + _ROLE_TEST + r")\b[^.;%]{0,60}?(?P<shares>\d{1,2}(?:\.\d+)?\s?%(?:\s*(?:,|and|/)\s*(?:and\s+)?\d{1,2}(?:\.\d+)?\s?%){1,2})",
    re.IGNORECASE)


def _listed_in_order(sentence: str) -> List[Tuple[str, float]]:
    m = _SPLIT_LIST_THEN_SHARES.search(sentence)
    if m is None:
        return []
    names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*", m.group("names"))
    shares = [float(x) for x in re.findall(r"(\d{1,2}(?:\.\d+)?)\s?%", m.group("shares"))]
    roles = [_role(n) for n in names if n.strip()]
    if len(roles) != len(shares) or None in roles or abs(sum(shares) - 100) > 1:
        return []
    return list(zip(roles, shares))


_VERB_ON_PERCENT = re.compile(
    r"\b(?:(?P<fit>fitted|fit|trained|calibrated|built)|evaluated|tested|validated|assessed|scored)\s+"
    r"(?:(?!\d)[\w\-]+,?\s+){0,6}?(?:on|with|using|to)\s+(?:a\s+|an\s+|the\s+)?(?:random\s+|remaining\s+|other\s+|"
    r"randomly\s+(?:selected|chosen|drawn)\s+)?$", re.IGNORECASE)


_HALVED_REST = re.compile(r"\b(?:remainder|rest|remaining\s+(?:data|images|samples|\w+))\b[^.;]{0,40}?\b(?:divided|split|shared|"
                          r"distributed)\s+(?:equally|evenly)\s+(?:between|among)\s+(?:the\s+)?validation\s+(?:and|&)\s+"
                          r"(?:the\s+)?test", re.IGNORECASE)


# the rest of the data trains the model: "the rest trained the model", "the remainder was used for training"
_REST_TRAINS = re.compile(r"\b(?:the\s+)?(?:rest|remainder|remaining\s+(?:data|\w+s)|(?<=the\s)others?(?:\s+\d[\d,]*)?)\b[^.;%]{0,40}?\b(?:trained|train(?:ing)?|fit(?:ted|ting)?|"
                          r"calibrat\w*)\b|\b(?:trained|fitted|calibrated)\s+(?:\w+\s+)?on\s+the\s+(?:other|remaining|rest)\b", re.IGNORECASE)


def _ratio_from_percents(pairs: List[Tuple[str, float]]) -> Optional[str]:
    by_role: Dict[str, float] = {}
    for role, pct in pairs:
        by_role.setdefault(role, pct)
    if "train" not in by_role:
        return None
    parts = [by_role[r] for r in ("train", "validation", "test") if r in by_role]
    if len(parts) == 1:
        rest = 100 - parts[0]
        if rest <= 0:
            return None
        parts.append(rest)
    total = sum(parts)
    if not 98 <= total <= 102:
        return None
    return "/".join(f"{p:g}" for p in parts)


def _ratio_text(text: str, parts_of_any: bool = False) -> Optional[str]:
    """ "80:20", "70/15/15", "0.8/0.2" -> "80/20" ... when the parts add to 100 (or 1).

    ``parts_of_any``: small whole parts with another sum are read as shares too, the
    largest first ("4:1" -> "80/20", "3:1:1" -> "60/20/20"); only for a sentence that
    says the data were split (see :func:`data_split`).
    """
    parts = re.split(r"\s*[:/\-\u2013]\s*", text.strip())
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        return None
    if len(nums) < 2 or len(nums) > 3:
        return None
    total = sum(nums)
    if (parts_of_any and all(n == int(n) and 1 <= n <= 19 for n in nums) and 3 <= total <= 20 and total != 10
            and nums[0] == max(nums) and nums[0] > min(nums)):
        return "/".join(f"{round(n * 100 / total):g}" for n in nums)
    if all(n <= 1 for n in nums) and 0.98 <= sum(nums) <= 1.02:
        nums = [n * 100 for n in nums]
    elif all(n == int(n) and 1 <= n <= 9 for n in nums) and sum(nums) == 10:
        nums = [n * 10 for n in nums]  # "8:2", "7:2:1": parts of ten
    if min(nums) < 5:
        return None  # "[0-1] range", "99/1"
    if all(n <= 1 for n in nums) and 0.98 <= sum(nums) <= 1.02:
        nums = [n * 100 for n in nums]
    if not 98 <= sum(nums) <= 102 or nums[0] < nums[-1] and len(nums) == 2 and nums[0] < 50:
        # "20/80" is read as test/train only when the sentence says so; keep the train part first
        if 98 <= sum(nums) <= 102:
            nums = sorted(nums, reverse=True)
        else:
            return None
    return "/".join(f"{n:g}" for n in nums)


_SPLIT_WORDS = re.compile(
    r"\b(?:train\w*|test\w*|validat\w*|calibrat\w*|split\w*|partition\w*|divid\w*|subsets?|hold[\s\-]?out|held[\s\-]?out|"
    r"evaluat\w*|ratio|proportion)\b", re.IGNORECASE)
# a sentence that says the data were divided, so "4:1" can be read as shares of the data
_SPLIT_VERB = re.compile(
    r"\b(?:split\w*|divid\w*|partition\w*|separated|allocated|assigned|subdivided)\b[^.;]{0,80}?\b(?:train\w*|test\w*|"
    r"validat\w*|calibrat\w*)|\b(?:train\w*|calibrat\w*)\b[^.;]{0,60}?\b(?:test\w*|validat\w*|evaluat\w*)\b[^.;]{0,40}?"
    r"\bratio\b", re.IGNORECASE)
_NOT_SPLIT = re.compile(
    r"\b(?:accuracy|precision|recall|F1|mAP|AUC|error|RMSE|cover(?:age|ed)?|increase[ds]?|decrease[ds]?|reduc\w+|"
    r"improv\w+|overlap|IoU|threshold|confidence|probability|dropout|humidity|moisture|transmission)\b", re.IGNORECASE)


def _reject_common(mention: Mention) -> bool:
    sentence = mention.sentence
    if looks_like_reference(sentence):
        return True
    if _FUTURE_WORK.search(sentence):
        return True
    # a modal before the split or in its own clause ("the data could be split by site");
    # one in a later clause ("..., so no hour could leak into training") is a consequence
    own = sentence[: mention.end] + re.split(r"[,;:]", sentence[mention.end:], maxsplit=1)[0]
    # (a modal in an embedded question is what the split tests: "to judge how well the model would extrapolate")
    return _MODAL.search(_EMBEDDED_QUESTION.sub(" ", own)) is not None


_EMBEDDED_QUESTION = re.compile(r"\b(?:how\s+(?:well|far|much|accurately|reliably|robustly)|whether|"
                                r"(?:mimic|simulate|emulate|mirror|imitate|reproduce)s?\s+how)\s+(?:[\w\-]+\s+){0,8}?"
                                r"(?:could|would|might|should)\b", re.IGNORECASE)


_MODAL = re.compile(r"\b(?:could|would|might|should)\b")
_FUTURE_WORK = re.compile(r"\bfuture\s+(?:work|research|studies)\b")


@normalizer("data_split")
def data_split(mention: Mention) -> Values:
    """A split statement -> ``[{scheme, ratio, folds, strategy}]``.

    ``params.scheme`` gives the scheme the rule found (k-fold, leave-one-out ...);
    ``params.cue`` says what was matched: ratio ("80/20"), percent ("70% for training"),
    folds ("five-fold"), sets ("split into training and test sets"), strategy.
    """
    if _reject_common(mention):
        return None
    sentence = mention.sentence
    cue = mention.params.get("cue")
    scheme = mention.params.get("scheme")
    strategy = strategy_of(sentence) or mention.params.get("strategy")
    groups = mention.groups
    if cue == "folds":
        folds = _int(groups.get("k") or groups.get("k2") or groups.get("k3") or groups.get("k4"))
        others = _int(groups.get("others") or groups.get("others2") or groups.get("others3"))
        if folds is None and others is not None:
            folds = others + 1  # "each group in turn ... fitted to the other four": five folds
        if folds is not None and not 2 <= folds <= 100:
            return None
        if re.search(r"\bnested\b", sentence, re.IGNORECASE) and folds is None:
            pass
        return [_value(scheme or "k-fold", None, folds, strategy)]
    if cue == "loo":
        text = mention.text.lower()
        if re.search(r"one[\s\-](?:site|camera|location|individual|group|subject|recorder|station|plot|region|animal|"
                     r"deployment|year|season|area|lake|river|island|field|tree|sequence)", text):
            g = "temporal" if re.search(r"year|season", text) else "spatial" if re.search(
                r"site|location|region|area|plot|lake|river|island|field|station", text) else "grouped"
            return [_value("leave-group-out", None, None, g)]
        return [_value("leave-one-out", None, None, strategy)]
    if cue == "ratio":
        ratio = _ratio_text(groups.get("ratio", mention.text))
        if ratio is None and _SPLIT_VERB.search(sentence):
            ratio = _ratio_text(groups.get("ratio", mention.text), parts_of_any=True)
        if ratio is None:
            return None
        if _NOT_SPLIT.search(sentence) and not re.search(r"\b(?:train\w*|test\w*|split\w*|partition\w*|calibration|subsets?)\b",
                                                         sentence, re.IGNORECASE):
            return None
        return [_value(scheme or "holdout", ratio, None, strategy)]
    if cue == "percent":
        sentence = spell_percents_as_digits(sentence)
        if re.search(r"\d{1,2}\s?[:/]\s?\d{1,2}\s?%", sentence):
            return None  # "an 80/20% split": the ratio rule reads it
        pairs = percents_with_roles(sentence)
        if not pairs:
            return None
        if len({r for r, _ in pairs}) == 1 and (_NOT_SPLIT.search(sentence) or not re.search(
                r"\b(?:data|dataset|images?|samples?|records?|observations?|points?|recordings?|plots?|sites?|"
                r"occurrences?|presences?|pixels?|patches|clips|frames|individuals|photos|sets?|remaining|rest|"
                r"randomly|split|divided|partitioned|selected|reserved|withheld|held|transects?|tiles?|quadrats?|scenes?|lakes?|reefs?|"
                r"stations?|cameras?|trees?|crops|spectrograms?|put\s+away|set\s+aside)\b", sentence, re.IGNORECASE)):
            return None  # "dropout of 50% during training"
        if {r for r, _ in pairs} == {"train"} and _HALVED_REST.search(sentence):
            # "70% went into training and the remainder was divided equally between validation and testing"
            rest = (100 - pairs[0][1]) / 2
            pairs = pairs + [("validation", rest), ("test", rest)]
        if len(pairs) == 1 and pairs[0][0] == "test" and _REST_TRAINS.search(sentence):
            pairs = [("train", 100 - pairs[0][1])] + pairs  # "a quarter ... served as the test set; the rest trained the model"
        ratio = _ratio_from_percents(pairs)
        if ratio is None and not re.search(r"\b(?:split|divid\w*|partition\w*|set\s+aside|held[\s\-]out|random|"
                                           r"reserved|randomly|allocated|assigned|withheld|held\s+back|kept\s+(?:aside|back|apart)|"
                                           r"served\s+as|set\s+apart|put\s+away)\b", sentence, re.IGNORECASE):
            return None
        if _NOT_SPLIT.search(sentence) and ratio is None:
            return None
        return [_value("holdout", ratio, None, strategy)]
    if cue == "strategy":
        if strategy is None:
            return None
        return [_value(scheme, None, None, strategy)]
    # cue == sets / cross-validation without "k-fold"
    if scheme == "cross-validation":
        k = re.search(r"(?<![\w-])[kK]\s*=\s*(\d{1,2})\b(?!\s*(?:nearest|neighbou?rs?|clusters?)\b)", sentence)
        if k and 2 <= int(k.group(1)) <= 100 and not re.search(r"neighbou?r|k-?NN|k-?means|cluster", sentence, re.IGNORECASE):
            return [_value(scheme, None, int(k.group(1)), strategy)]  # "... each block withheld once (k = 4)"
    return [_value(scheme, None, None, strategy)]


@normalizer("data_split_code")
def data_split_code(mention: Mention) -> Values:
    """A split in library code: ``train_test_split(..., test_size=0.25, stratify=y)`` ->
    holdout 75/25 stratified; ``GroupKFold(n_splits=5)`` -> 5 folds, grouped."""
    g = mention.groups
    if g.get("k"):
        folds = int(g["k"])
        if not 2 <= folds <= 100:
            return None
        kind = (g.get("kind") or "").lower()
        strategy = "grouped" if "group" in kind else "stratified" if "stratified" in kind else None
        return [_value("k-fold", None, folds, strategy)]
    if g.get("tr"):
        # settings of a split: "train: 0.7, val: 0.15, test: 0.15" (shares adding up to one or 100)
        parts = [float(g[k]) for k in ("tr", "va", "te") if g.get(k)]
        scale = 100 if all(x > 1 for x in parts) else 1
        if scale == 1 and any(x >= 1 for x in parts) or abs(sum(parts) - scale) > (0.011 if scale == 1 else 0):
            return None  # (whole numbers must be percentages adding up to 100: "Train: 40 Test: 59" are counts)
        ratio = "/".join(str(round(x * 100 / scale)) for x in parts)
        rest = mention.sentence[mention.end:mention.end + 120]
        strategy = ("grouped" if re.search(r"\bgroup(?:ed)?[_\-]?(?:by|col(?:umn)?|key)?[\"']?\s*[:=]\s*[\"']?(?!none|null|false)\w", rest, re.I)
                    else "stratified" if re.search(r"\bstratif\w*[\"']?\s*[:=]\s*[\"']?(?!none|null|false|no\b)\w", rest, re.I) else None)
        return [_value("holdout", ratio, None, strategy)]
    args = g.get("args") or ""
    size = re.search(r"\btest_size\s*=\s*(\d*\.\d+|\d+)", args)
    if size is None:
        return None
    share = float(size.group(1))
    if not 0 < share < 1:
        return None  # a count of test items: the ratio needs the total
    test = round(share * 100)
    strategy = "stratified" if re.search(r"\bstratify\s*=\s*(?!None\b)\w", args) else None
    return [_value("holdout", f"{100 - test}/{test}", None, strategy)]


# ============================================================================ datasets
_PRETRAIN = re.compile(r"pre[\s\-]*train\w*|pretrain\w*|\bweights\b|\bcheckpoints?\b|\binitiali[sz]\w*|transfer\s+learn\w*",
                       re.IGNORECASE)
_TRAIN_BEFORE = re.compile(r"(?<![\w\-])(?<!pre\s)(?:trained|training|train|fine[\s\-]*tun\w*|finetun\w*|learn\w*|fitted|calibrated|"
                           r"re-?trained)\b(?:\s+\S+){0,6}?\s+(?:on|with|using|from|of)\s+(?:\S+\s+){0,4}$|"
                           # "Our training material is the X release"
                           r"\btraining\s+(?:material|data|dataset|set|images|pool|corpus|recordings)\s+(?:is|was|are|were|consists?\s+of|"
                           r"comes?\s+from|came\s+from)\s+(?:the\s+|a\s+)?(?:\S+\s+){0,2}$", re.IGNORECASE)
_TRAIN_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:was|were)\s+(?:then\s+)?(?:trained|fitted|calibrated)\s+on\s+(?:its|their)\b|"
                          r"^\W*(?:\w+\W+){0,3}?(?:(?:was|were|is|are)\s+(?:\w+\s+)?used\s+(?:for|to)\s+(?:\w+\s+)?"
                          r"(?:train\w*|fine[\s\-]*tun\w*|build\w*|develop\w*)|training\s+(?:set|data|images|split|subset|recordings|clips|photos|"
                          r"samples|tiles|sequences|soundscapes|videos|annotations)|"
                          r"train\s+(?:set|split))", re.IGNORECASE)
# "X (seasons 1 to 6) made up the training pool": the dataset itself is the training data
# ("the X collection, with its eight weed species, formed the whole of our training material")
_MADE_UP_TRAINING = re.compile(r"^\s*(?:(?:dataset|data\s*set|collection|corpus|archive|database|data)\b\s*)?"
                               r"(?:\([^()]{0,40}\)\s*|,[^,.;()]{0,90},\s*)?(?:made\s+up|formed|constituted|provided|supplied|served\s+as)\s+"
                               r"(?:the\s+(?:whole|entirety|bulk|core)\s+of\s+)?"
                               r"(?:the\s+|our\s+)?(?:training|train)\s+(?:pool|set|data|images|split|subset|material|partition)\b",
                               re.IGNORECASE)
_EVAL_BEFORE = re.compile(r"\b(?:held-?out\s+|external\s+)?(?:evaluation|eval|test(?:ing)?|validation)(?:\s+(?:set|data))?\s*:\s*$|"
                          r"\b(?:evaluat\w*|tested|testing|test|validat\w*|benchmark\w*|assess\w*|compar\w*|"
                          r"generali[sz]\w*|report\w*|results?|performance|accuracy|accuracies|experiments?|inference|mAP)\b,?(?:\s+\S+){0,6}?\s+(?:on|with|using|against|in)\s+(?:\S+\s+){0,4}$|"
                          # "we also tried it on the X pictures, none of which it had seen"
                          r"\btried\s+(?:it|them|the\s+(?:model|network|detector|classifier))\s+(?:out\s+)?on\s+(?:the\s+)?(?:\S+\s+){0,3}$|"
                          # "as an external benchmark we used the X dataset"
                          r"\b(?:external|independent|additional|second)\s+(?:benchmark|test\s+set|evaluation\s+set)\b[^.;]{0,50}$|"
                          r"\bas\s+(?:an?\s+|the\s+|our\s+)?(?:external\s+|independent\s+|additional\s+|second\s+)?"
                          r"(?:benchmark|test\s+set|evaluation\s+set|hold-?out\s+set)\b[^.;]{0,30}$|"
                          # "For the evaluation we have utilized the X dataset"
                          r"\bfor\s+(?:the\s+)?(?:final\s+)?(?:evaluation|testing|test|validation)\s*,?\s+(?:we|I)\s+(?:have\s+|had\s+)?"
                          r"(?:used|utili[sz]ed|employed|took|chose|selected|adopted)\s+(?:the\s+)?(?:\S+\s+){0,2}$|"
                          # "for an external check we used the X archive"
                          r"\bfor\s+(?:an?\s+|the\s+)?(?:external|independent|additional|final)\s+(?:test|check|evaluation|"
                          r"validation|assessment)\b[^.;]{0,30}$",
                          re.IGNORECASE)
_EVAL_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:(?:test|validation|evaluation)\s+(?:set|data|images|split|subset|"
                         r"soundscapes|recordings|clips|scenes|tiles|sites|videos|sequences|photos|partition)\b|"
                         r"benchmark|(?:was|were|is|are)\s+(?:\w+\s+)?used\s+(?:for|to|as)\s+(?:\w+\s+)?"
                         r"(?:test\w*|evaluat\w*|validat\w*|benchmark\w*))", re.IGNORECASE)


_WEIGHTS_TRAINED_ON = re.compile(r"\b(?:weights|checkpoints?|parameters)\s+(?:(?!(?:was|were|is|are|been|being)\b)\w+\s+){0,2}?"
                                r"(?:(?:pre[\s\-]*)?trained|learn(?:ed|t)|obtained)\s+"
                                r"(?:on|with|using)\s+(?:the\s+)?(?:\S+\s+){0,2}"
                                # "a checkpoint trained on ImageNet and then on AudioSet": both before this work
                                r"(?:(?:and|,)\s+(?:then\s+|later\s+|subsequently\s+)?(?:on|with)\s+(?:the\s+)?(?:\S+\s+){0,2})?$",
                                re.IGNORECASE)


def dataset_role(sentence: str, start: int, end: int) -> str:
    """training, evaluation, pretraining or unknown, from the words around a dataset name.

    >>> s = "A ResNet-50 pre-trained on ImageNet was fine-tuned on Snapshot Serengeti and tested on iWildCam."
    >>> [dataset_role(s, s.index(n), s.index(n) + len(n)) for n in ("ImageNet", "Snapshot Serengeti", "iWildCam")]
    ['pretraining', 'training', 'evaluation']
    >>> s = "It was initialised from weights learned on ImageNet, and only its head was replaced."
    >>> dataset_role(s, s.index("ImageNet"), s.index("ImageNet") + 8)
    'pretraining'
    >>> s = "Each network started from the weights trained on ImageNet."
    >>> dataset_role(s, s.index("ImageNet"), s.index("ImageNet") + 8)
    'pretraining'
    >>> s = "Dataset: Role; iWildCam 2020: external test (Role); COCO: pre-training (Role)."
    >>> [dataset_role(s, s.index(n), s.index(n) + len(n)) for n in ("iWildCam 2020", "COCO")]
    ['evaluation', 'pretraining']
    """
    left = sentence[max(0, start - 80):start]
    right = sentence[end:end + 60]
    if _WEIGHTS_TRAINED_ON.search(left):
        return "pretraining"  # "pre-trained weights trained on ImageNet": the nearest cue, "trained on", is part of it
    if re.search(r"\b(?:backbone|encoder|feature\s+extractor|base\s+network)\s+(?:had\s+been|has\s+been|was|were)\s+(?:\w+ly\s+)?(?:pre-?)?trained\s+"
                 r"(?:on|with)\s+(?:the\s+)?(?:\S+\s+){0,2}$", left, re.IGNORECASE):
        return "pretraining"  # "The backbone had been trained on ImageNet": before this work's training
    if re.search(r"\b(?:had|having)\s+(?:already|previously)\s+(?:learn(?:ed|t)|been\s+(?:taught|trained))\s+(?:from|on)\s+(?:\S+\s+){0,8}$",
                 left, re.IGNORECASE):
        return "pretraining"  # "before it saw our photos, the network had already learnt from ... ImageNet"
    if re.search(r"\b(?:first|initially|previously)\s+(?:learn(?:ed|t)|trained)\s+(?:from|on|in|with)\s+(?:the\s+)?(?:\S+\s+){0,2}$", left, re.I) and \
            re.search(r"\b(?:then|afterwards|later|subsequently|before\s+being|after\s+that|thereafter)\b[^.;]{0,40}?\b(?:adapted|adjusted|fine[\s\-]*tun\w*|re-?trained|"
                      r"transferred|specialis\w*|specializ\w*|tuned)", right + sentence[end + 60:end + 120], re.I):
        return "pretraining"  # "the backbone first learnt from X and was afterwards adapted to ..."
    if re.match(r"^[\s\-]*(?:pre[\s\-]*trained\s+)?(?:weights|checkpoints?)\b", right, re.IGNORECASE):
        return "pretraining"  # "fine-tuned X, initialised with ImageNet weights, on crops": the weights name it
    # the nearest cue on the left wins
    cues = []
    for role, pattern in (("pretraining", re.compile(r"(?:pre[\s\-]*train\w*|pretrain\w*)(?:\s+\S+){0,4}?\s*"
                                                     r"(?:on|with|using|from)?\s+(?:the\s+)?(?:\S+\s+){0,2}$|"
                                                     r"(?:weights|checkpoints?)\s+(?:\S+\s+){0,3}?(?:from|of|on|for)\s+(?:the\s+)?(?:\S+\s+){0,2}$|"
                                                     r"transfer\s+learning\s+from\s+(?:the\s+)?(?:\S+\s+){0,2}$|"
                                                     # "initialised from a model previously optimised on X",
                                                     # "the network had been exposed to X before"
                                                     r"\binitiali[sz]\w*\s+(?:\S+\s+){0,6}?(?:on|with|from)\s+(?:the\s+)?(?:\S+\s+){0,2}$|"
                                                     r"\b(?:been|was|were)\s+exposed\s+to\s+(?:the\s+)?(?:\S+\s+){0,2}$|"
                                                     # "the weights came from a model that had already seen X"
                                                     r"\bhad\s+(?:already|previously)\s+seen\s+(?:the\s+)?(?:\S+\s+){0,2}$|"
                                                     r"\bhad\s+already\s+(?:learn(?:ed|t)|been\s+(?:taught|trained))\s+(?:from|on)\s+(?:\S+\s+){0,8}$", re.IGNORECASE)),
                          ("training", _TRAIN_BEFORE), ("evaluation", _EVAL_BEFORE)):
        m = pattern.search(left)
        if m:
            cues.append((m.start(), role))
    if cues:
        return max(cues)[1]
    if re.match(r"^[\s\-]*(?:pre[\s\-]*trained|pretrained|weights|checkpoints?|initiali[sz]\w*)\b", right, re.IGNORECASE):
        return "pretraining"
    if re.match(r"^\W*(?:\w+\W+){0,3}?(?:(?:was|were|is|are)\s+(?:\w+\s+)?used|served)\s+(?:for|to)\s+(?:\w+\s+)?pre[\s\-]*train", right,
                re.IGNORECASE):
        return "pretraining"  # "boxes from FathomNet were used to pre-train the detector"
    if _TRAIN_AFTER.search(right) or _MADE_UP_TRAINING.match(sentence[end:end + 180]):
        return "training"
    row = _ROLE_CELL.match(sentence[end:end + 160])
    if row:  # a table's role column, as the reader renders it: "X (seasons 1-6): training (Role)"
        cell = row.group("cell")
        for role, cue in (("pretraining", r"pre[\s\-]*train"), ("training", r"train|fit"),
                          ("evaluation", r"test|evaluat|validat|benchmark|hold[\s\-]*out|held[\s\-]*out")):
            if re.search(cue, cell, re.IGNORECASE):
                return role
    if _EVAL_AFTER.search(right):
        return "evaluation"
    return "unknown"


# a table row rendered by the reader, the dataset's role in a column of its own:
# "Snapshot Serengeti (seasons 1-6): training (Role), 148,200 (Images)"
_ROLE_CELL = re.compile(r"^\s*(?:\([^()]{0,40}\)\s*)?:(?:[^;:]{0,60}?,)?\s*(?P<cell>[^;:,()]{1,30}?)\s*"
                        r"\((?:role|use|used\s+for|usage|purpose|split|subset|partition|set)\)", re.IGNORECASE)


_INTRODUCES = re.compile(
    r"\b(?:we|this\s+(?:study|paper|work|article))\s+(?:\w+\s+)?(?:release|introduce|present|propose|buil[dt]|create|construct|"
    r"collect|compile|assemble|publish|make|made|provide|use|used|utili[sz]e|employ|adopt)\w*|"
    r"\b(?:called|named|termed|referred\s+to\s+as|hereafter)\b", re.IGNORECASE)
_DATASET_HEADING = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?[A-Z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,4}\W*$")


# "records were downloaded from GBIF", "we used MODIS NDVI", "WorldClim layers were
# obtained": the study's data came from the named source. Whether the sentence speaks of
# this study or of others is the context step's business (background, attribution).
_ACQUIRED = (r"(?:download|obtain|retriev|acquir|extract|sourc|collect|compil|gather|access|quer|request|pulled|fetch|harvest|"
             r"purchas|provid|suppli|deriv|taken|took|came|use|used|using|utili[sz]|employ|adopt|select|chose|chosen|"
             r"includ|combin|fed|input|calculat|comput|interpolat|aggregat|added|append|merg|join)\w*")
_SOURCE_BEFORE = re.compile(
    r"\b" + _ACQUIRED + r"\s+(?:\S+\s+){0,8}?(?:from|by|via|through|in|on|of|with|using)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?:[\w\-./(),]+\s+){0,5}$|"
    r"\b(?:we|this\s+study|the\s+present\s+study)\s+(?:\w+\s+)?" + _ACQUIRED + r"\s+(?:the\s+)?(?:[\w\-./()]+\s+){0,3}$",
    re.IGNORECASE)
_SOURCE_AFTER = re.compile(
    r"^[\s\-]*(?:[\w\-./()]+\s+){0,6}?(?:was|were|is|are|had\s+been|have\s+been)\s+(?:\w+ly\s+|also\s+|then\s+)?"
    + _ACQUIRED + r"\b|"
    # "It is xeno-canto, from which 9,400 recordings of 41 species were downloaded"
    r"^[\s\-]*,?\s*(?:from|out\s+of)\s+which\s+(?:[\w\-.,/()]+\s+){0,8}?(?:was|were|had\s+been|have\s+been)\s+(?:\w+ly\s+)?"
    + _ACQUIRED + r"\b", re.IGNORECASE)
# "bioclimatic variables from WorldClim", "MODIS NDVI data (MOD13Q1)": a source named by its
# data; counts in a sentence that also says the data were taken or used, or is our own
_NOMINAL_BEFORE = re.compile(
    r"\b(?:data|images|imagery|scenes|layers?|records|products?|variables?|predictors?|covariates?|observations|"
    r"maps|rasters?|time\s+series|elevation|slope|gradient|land\s+cover|cover|proportions|temperatures?|precipitation|"
    r"rainfall|reflectance|NDVI|indices|bathymetry|depth)\s+(?:\w+\s+){0,3}?(?:from|of)\s+(?:the\s+)?(?:[\w\-./()]+\s+){0,3}$",
    re.IGNORECASE)
_NOMINAL_AFTER = re.compile(
    r"^[\s\-]*(?:[\w\-./()]+\s+){0,2}?(?:data|images|imagery|scenes|layers|records|products?|variables|"
    r"observations|time\s+series|occurrences?|rasters?)\s*(?:\(|,|\b(?:for|at|with|covering|from|of)\b)",
    re.IGNORECASE)
_ACQUIRED_WORD = re.compile(r"\b" + _ACQUIRED + r"\b", re.IGNORECASE)


# "records obtained from open databases such as GBIF ...": the examples are where the data came from
_OBTAINED_FROM_SUCH = re.compile(r"\b(?:obtained|downloaded|retrieved|extracted|compiled|gathered|collected|sourced|"
                                 r"acquired)\s+from\s+(?:[\w\-]+\s+){0,6}?such\s+as\b", re.IGNORECASE)


def source_used(sentence: str, start: int, end: int) -> bool:
    """Whether the sentence says data came from (or were used from) the name at start:end.

    >>> s = "Occurrence records were downloaded from GBIF."
    >>> source_used(s, s.index("GBIF"), len(s) - 1)
    True
    >>> s = "Landsat was launched in 1972."
    >>> source_used(s, 0, 7)
    False
    """
    left = sentence[max(0, start - 100):start]
    right = sentence[end:end + 100]
    if re.search(r"\b(?:e\.\s?g\.|for\s+(?:example|instance))[\s,]*(?:the\s+)?(?:\S+\s+){0,2}$", left, re.IGNORECASE):
        return False  # "provided by e.g. WorldClim": an example of a kind of source
    such_as = re.search(r"\bsuch\s+as[\s,]*(?:the\s+)?(?:[^.;:]{0,120}?,?\s+(?:and\s+)?)?$", left, re.IGNORECASE)
    if such_as and _OBTAINED_FROM_SUCH.search(sentence[:start]):
        return True  # "records obtained from open databases such as GBIF, OBIS and iNaturalist"
    if re.search(r"\bsuch\s+as[\s,]*(?:the\s+)?(?:[\w\-./]+,?\s+(?:and\s+)?){0,5}$", left, re.IGNORECASE) \
            and not OWN_WORK.search(sentence):
        return False  # "data from platforms such as Landsat, MODIS ... are available": background
    if _SOURCE_BEFORE.search(left) or _SOURCE_AFTER.search(right):
        return True
    if _NOMINAL_BEFORE.search(left) or _NOMINAL_AFTER.search(right):
        return bool(_ACQUIRED_WORD.search(sentence) or OWN_WORK.search(sentence))
    return False


@normalizer("data_split_table")
def data_split_table(mention: Mention) -> Values:
    """A table of split counts -> a hold-out split whose ratio comes from the counts
    (6,107 / 763 / 764 -> "80/10/10"); the table is read by dataset_size's normaliser."""
    from .dataset_size import dataset_split_table

    counts = dataset_split_table(mention)
    if not counts:
        return None
    by_split = {v["split"]: v["count"] for v in counts}
    parts = [by_split[s] for s in ("train", "validation", "test") if s in by_split]
    total = sum(parts)
    ratio = "/".join(str(round(100 * n / total)) for n in parts) if total else None
    return [_value("holdout", ratio)]


@lru_cache(maxsize=None)
def _count_role() -> "re.Pattern[str]":
    """A count given to a split role ("1,920 were used to fit"): the ``count_for_role``
    fragment of rules/fragments.yml, which the data_split.counts rule reads too."""
    from ..ruleset import load_fragments  # (at first use: the rules package loads the normalisers)

    return re.compile(load_fragments()["count_for_role"], re.IGNORECASE)


# "2,412 training patches": the role as the noun's modifier (counted only when two splits are given)
_COUNT_ROLE_NOUN = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<role>training|train|validation|val|test|testing)\s+"
    r"(?:[a-z]+\s+)?(?:images|photos|photographs|frames|patches|tiles|chips|crops|windows|recordings|clips|spectrograms|"
    r"videos|sequences|samples|instances|examples|points|plots|sites|scenes|records|observations|pixels|segments|"
    r"individuals|specimens|cases)\b", re.IGNORECASE)


_BENCHMARK_HAS = re.compile(r"\b(?P<name>[A-Z][\w\-]+(?:\s+\d{4})?)\s+(?:dataset\s+|benchmark\s+|database\s+|collection\s+|corpus\s+)?(?:contains|consists\s+of|"
                            r"comprises|includes|has|provides|offers)\b[^.;]*$")


# "the training set contains 5,146 frames, the validation set 1,103 frames": a set and its count
_SET_COUNT = re.compile(
    r"\b(?P<role>training|train|validation|val|test|testing)\s+(?:set|subset|split|partition|portion|part|share)s?\s+"
    r"(?:(?:contains?|contained|comprises?|comprised|consists\s+of|consisted\s+of|includes?|included|has|had|holds?|held)\s+)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:[a-z\-]+\s+)?(?:images|photos|photographs|frames|patches|tiles|chips|crops|windows|"
    r"recordings|clips|spectrograms|videos|sequences|samples|instances|examples|points|plots|sites|scenes|records|"
    r"observations|pixels|segments|individuals|specimens|files)\b", re.IGNORECASE)


# "the training set (6,120 frames)", "a test set (n = 2,100)", "the training tiles (10,150)"
_ROLE_COUNT = re.compile(
    r"\b(?P<role>training|train|validation|val|test|testing)\s+(?:set|subset|data|split|partition|images|tiles|patches|"
    r"chips|clips|recordings|photos|photographs|frames|samples|spectrograms|crops|plots|points|pixels)s?\s*"
    r"\(\s*(?:n\s*=\s*)?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\s+[a-z]+)?\s*\)", re.IGNORECASE)


# the verb left out after the first count: "1,712 formed the training set and 428 the test set"
_ELLIPTIC_COUNT = re.compile(
    r"(?:,|\band\b)\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+the\s+(?P<role>training|train|validation|val|test|testing)\s+"
    r"(?:set|subset|split|partition|sample)\b|"
    # the count's noun left out after the first: "The training portion held 2,140 clips and the test portion 535"
    r"(?:,|\band\b)\s*(?:the\s+)?(?P<role2>training|train|validation|val|test|testing)\s+(?:set|subset|split|partition|portion|part|share)s?\s+"
    r"(?:(?:had|held|contained|comprised|included)\s+)?(?P<n2>\d{1,3}(?:,\d{3})+|\d+)\b(?!\s*%|[.,]\d)", re.IGNORECASE)


def counts_with_roles(sentence: str) -> List[Tuple[str, int]]:
    """(split, count) pairs a sentence gives: "864 tiles were used for training, 186 for
    validation and 186 for testing" -> [("train", 864), ("validation", 186), ("test", 186)].

    >>> counts_with_roles("2,730 served for training and 682 for testing")
    [('train', 2730), ('test', 682)]
    >>> counts_with_roles("six hives gave the training set (6,120 frames) and four the test set (2,100 frames)")
    [('train', 6120), ('test', 2100)]
    >>> counts_with_roles("The training set contains 900 tiles and the test set 300 tiles.")
    [('train', 900), ('test', 300)]
    >>> counts_with_roles("Of 1,000 tiles, 800 were used to train, 100 to tune and 100 to test the network.")
    [('train', 800), ('validation', 100), ('test', 100)]
    >>> counts_with_roles("Plots from 2021 (640) were used to grow the forest and 160 to test it.")
    [('train', 640), ('test', 160)]
    >>> counts_with_roles("Of the 2,140 clips, 1,712 formed the training set and 428 the test set.")
    [('train', 1712), ('test', 428)]
    >>> counts_with_roles("The training portion held 2,140 clips and the test portion 535.")
    [('train', 2140), ('test', 535)]
    """
    pairs = []
    found = [*_count_role().finditer(sentence), *_ROLE_COUNT.finditer(sentence), *_SET_COUNT.finditer(sentence)]
    if found:
        found += _ELLIPTIC_COUNT.finditer(sentence)
    modifiers = list(_COUNT_ROLE_NOUN.finditer(sentence))
    if len(modifiers) >= 2:
        found += modifiers  # "2,412 training patches, 401 validation patches and 791 test patches"
    seen = set()
    for m in sorted(found, key=lambda m: m.start()):
        groups = m.groupdict()
        number = m.span("n") if groups.get("n") else m.span("n2")
        if number in seen:
            continue  # the same count read by two patterns
        seen.add(number)
        role = (groups.get("role") or groups["role2"]).lower()
        split = ("train" if role.startswith(("train", "fit", "calibrat", "grow")) else "validation" if role.startswith(("val", "tun"))
                 else "test")
        pairs.append((split, int((groups.get("n") or groups["n2"]).replace(",", ""))))
    return pairs


@normalizer("data_split_counts")
def data_split_counts(mention: Mention) -> Values:
    """Counts given to two or more splits in one sentence -> a hold-out split whose ratio
    comes from the counts (864 / 186 / 186 -> "70/15/15")."""
    if _reject_common(mention):
        return None
    pairs = counts_with_roles(mention.sentence)
    by_split: Dict[str, int] = {}
    for split, n in pairs:
        by_split.setdefault(split, n)
    if len(by_split) < 2 or "train" not in by_split or not all(by_split.values()):
        return None  # without the training count the ratio would be of the other parts only
    starts = [m.start() for rx in (_count_role(), _ROLE_COUNT, _SET_COUNT, _COUNT_ROLE_NOUN) for m in [rx.search(mention.sentence)] if m]
    first = min(starts) if starts else None
    if first is not None and _BENCHMARK_HAS.search(mention.sentence[:first]):
        name = _BENCHMARK_HAS.search(mention.sentence[:first]).group("name")
        if get_catalogue("datasets").lookup(name) is not None:
            return None  # "ImageNet holds 1.28 M training images and 50,000 for validation"
    parts = [by_split[s] for s in ("train", "validation", "test") if s in by_split]
    total = sum(parts)
    ratio = "/".join(str(round(100 * n / total)) for n in parts)
    return [_value("holdout", ratio, None, strategy_of(mention.sentence))]


# a dataset named as not used: "we left out the AudioSet clips", "excluding iNaturalist
# photographs", "did not use COCO"
_SET_ASIDE = re.compile(r"\b(?:left\s+out|leaving\s+out|leave\s+out|excluded|excluding|omitted|omitting|discarded|"
                        r"did\s+not\s+(?:use|include)|decided\s+against(?:\s+using)?|"
                        # "the encoder was trained from scratch rather than from ImageNet weights"
                        r"(?:rather\s+than|instead\s+of)(?:\s+(?:from|with|on|using|starting\s+from))?)\s+(?:(?:all|the|any|our)\s+)?"
                        r"(?:[\w\-]+\s+){0,2}$", re.I)


@normalizer("dataset_used")
def dataset_used(mention: Mention) -> Values:
    """A named dataset -> ``[{name, role}]``; the role from the words around it.

    ``params.source`` = catalogue (a datasets-catalogue name) or pattern (a name the
    paper introduces: "the Weddell Seal Pup dataset", whose ``name`` group is the name).
    """
    sentence = mention.sentence
    if looks_like_reference(sentence, mention.start, mention.end):
        return None
    if re.search(r"https?://\S*$|www\.\S*$|\.(?:org|com|io|net)/\S*$", mention.left):
        return None  # part of a URL
    if _SET_ASIDE.search(mention.left[-60:]):
        return None  # "we deliberately left out the AudioSet clips": a dataset the paper chose not to use
    if re.match(r"[\s\-]*(?:style|format(?:ted)?|like|type|compatible|conventions?)\b", mention.right, re.IGNORECASE):
        return None  # "COCO-style AP", "labels in COCO format": the dataset's conventions, not its data
    if mention.params.get("source") == "provider":
        # "records were obtained from the China Meteorological Administration": the
        # named archive, programme or agency the study's data came from
        name = " ".join(mention.groups.get("name", "").split())
        words = name.split()
        if not words or get_catalogue("datasets").lookup(name) is not None:
            return None  # the catalogue rule gives it
        if words[0].lower() in _GENERIC_NAME_WORDS or words[0] in _NOT_PROVIDER or words[-1] in _NOT_PROVIDER:
            return None
        if words[0] in _PLACE_FIRST or words[-1] in _PLACE_LAST:
            return None  # "images from the Río Calima Bajo", "data from Kruger National Park": a place
        if len(words) == 1 and len(name) < 3:
            return None
        if not (_ACQUIRED_WORD.search(sentence) or OWN_WORK.search(sentence)):
            return None
        if re.search(r"\b(?:not|never|no)\b", mention.text):
            return None  # "observations that were not covered by the X"
        if re.search(r"\b(?:can|may|could)\s+be\s+(?:requested|obtained|accessed|asked\s+for)\s+from\b|"
                     r"\b(?:up)?on\s+(?:reasonable\s+)?request\b", mention.left[-80:] + mention.text, re.I):
            return None  # "counts can be requested from the Forest Division": where readers may ask, not a source
        return [{"name": name, "role": dataset_role(sentence, mention.start, mention.end)}]
    if mention.params.get("source") == "pattern":
        name = mention.groups.get("name", "").strip()
        name = re.sub(r"^(?:The|the)\s+", "", name)
        # a footnote number glued to a word inside the name ("the Semantic Scholar8 Open
        # Research Corpus"): PDF text, not part of the name
        name = re.sub(r"(?<=[a-z])\d{1,2}(?=\s+[A-Z])", "", name)
        catalogue = get_catalogue("datasets")
        if not name or catalogue.lookup(name) is not None or catalogue.find_all(mention.text):
            return None  # the catalogue rule gives it ("the Watkins dataset" is a catalogue alias)
        if re.fullmatch(r"[\d\s\-/]+", name):
            return None  # "the 2010 dataset": a year's release, not a name
        words = name.split()
        if words[0].lower() in _GENERIC_NAME_WORDS or all(w.lower() in _GENERIC_NAME_WORDS for w in words):
            return None
        if len(words) == 1 and not re.search(r"[A-Z].*[A-Z]|\d|[a-z][A-Z]", name) and len(name) < 5:
            return None
        role = dataset_role(sentence, mention.start, mention.end)
        if role == "unknown" and not (_INTRODUCES.search(sentence) or OWN_WORK.search(sentence)):
            return None  # "the IFBA dataset follows the procedures ..." -- not shown to be used
        return [{"name": name, "role": role}]
    entry = get_catalogue("datasets").lookup(mention.text)
    if entry is None:
        return None
    if _DATASET_HEADING.match(sentence) and len(sentence.split()) <= 4 and entry.needs_context:
        return None
    role = dataset_role(sentence, mention.start, mention.end)
    called_dataset = bool(re.search(r"(?i:data\s?set|database|corpus)s?$", mention.text)) and OWN_WORK.search(sentence)
    if entry.attrs.get("kind") in ("product", "platform", "archive") and role == "unknown" \
            and not source_used(sentence, mention.start, mention.end) and not called_dataset:
        # a satellite product, a portal or a sound archive named in passing ("Landsat was
        # launched in 1972") is no dataset; it is one when the sentence says the model
        # trained or tested on it, or that the study's data came from it
        return None
    if entry.attrs.get("kind") == "product" and not re.search(
            r"\b(?:data|dataset|images?|imagery|scenes?|layers?|tiles?|bands?|products?|maps?|variables|predictors|"
            r"covariates|downloaded|obtained|derived|extracted|acquired|used|collected|mosaic|composites?|taken|retrieved|"
            r"sourced|accessed|records|observations|occurrences?|elevation|DEMs?|grids?|rasters?|time\s+series|"
            r"calculated|computed|interpolated|aggregated|reanalys[ie]s|predictors?)\b",
            sentence, re.IGNORECASE):
        return None  # "Landsat" as a mission name only
    return [{"name": entry.name, "role": role}]


_NOT_PROVIDER = frozenset(
    """Table Tables Fig Figs Figure Figures Supplementary Supplement Appendix Section Sections Study Eq Eqs Equation
    Results Methods Materials Discussion Introduction Data Author Authors Corresponding Model Models Network
    Algorithm Software Package Library Python R MATLAB Toolbox Tool""".split())


# names of places, not of data sources
_PLACE_FIRST = frozenset("""Río Rio River Lake Lago Lac Loch Mount Mt Monte Cape Gulf Bay Isla Island Isle Sierra""".split())
_PLACE_LAST = frozenset("""River Lake Bay Island Islands Park Reserve Forest Mountains Mountain Valley Creek Delta Estuary
    Basin Sea Ocean Gulf Coast Peninsula Plateau Desert Catchment Archipelago Lagoon Fjord Sanctuary Refuge""".split())


_GENERIC_NAME_WORDS = frozenset(
    """the this that our a an training train test testing validation original whole entire final full new same
    above following proposed present current complete combined merged resulting augmented balanced raw public
    private custom own first second third fourth last main additional external independent larger smaller large small
    total overall annotated labelled labeled collected field image images audio video acoustic benchmark
    each both all dataset data set sample experimental real synthetic unlabeled unlabelled reference source target
    cleaned filtered reduced subset curated extended modified updated open standard popular well known various
    different several other these those its their such given respective corresponding existing primary secondary
    in on of for with from by and or to as at is are was were we it""".split()
)

__all__ = ["data_split", "dataset_used", "source_used", "dataset_role", "strategy_of", "percents_with_roles", "SCHEMES", "STRATEGIES"]
