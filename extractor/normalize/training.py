"""Normalisers for the training fields (CQ12-18): architecture, hyperparameters,
hyperparameter_tuning, optimizer, stopping_criteria, regularization, training_monitoring.

Value shapes (always the same keys, None when unknown):

* architecture           ``{"name": <canonical from rules/catalogues/architectures.yml> | None, "family": str}``;
  family-only mentions ("a convolutional neural network", "an LSTM") give ``name: None``;
* hyperparameters        ``{"name": learning_rate|batch_size|epochs|..., "value": <as written>}``;
* hyperparameter_tuning  ``{"method": grid search|random search|Bayesian optimisation|Optuna|...}``;
* optimizer              ``{"name": <canonical from rules/catalogues/optimizers.yml>,
  "learning_rate": str|None, "momentum": str|None}``;
* stopping_criteria      ``{"criterion": early stopping|loss plateau|convergence|fixed epochs|maximum iterations|threshold,
  "patience": int|None, "epochs": int|None, "monitored": str|None}``;
* regularization         ``{"technique": dropout|L2|weight decay|..., "value": str|None}``;
* training_monitoring    ``{"method": learning curves|validation metric|checkpoint selection|out-of-bag error|
  error vs iterations|metric per epoch|convergence diagnostics|..., "metric": str|None}``.

Numbers keep the paper's spelling, tidied: "1 × 10−4" -> "1e-4", "10-3" -> "1e-3",
"0.001" stays "0.001".
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from ..catalogues import get_catalogue
from . import Mention, Values, normalizer
from .cues import OWN_WORK, looks_like_reference

_I = re.IGNORECASE
_MINUS = "\\-\u2212\u2013\u2010\u2011"

# ----------------------------------------------------------------------------- numbers
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}


_FRACTION_WORDS = re.compile(r"(?P<n>a|one|two|three|four|five|six|seven|eight|nine)[\s\-]+(?P<ten>ten[\s\-]+)?"
                             r"(?P<d>tenth|hundredth|thousandth|half)s?", re.IGNORECASE)


def _fraction_in_words(text: str) -> Optional[str]:
    """ "a hundredth" -> "0.01", "five hundredths" -> "0.05", "one ten-thousandth" -> "0.0001"."""
    m = _FRACTION_WORDS.fullmatch(text)
    if m is None:
        return None
    n = 1 if m.group("n").lower() in ("a", "one") else _WORDS[m.group("n").lower()]
    places = {"half": 0, "tenth": 1, "hundredth": 2, "thousandth": 3}[m.group("d").lower()] + (1 if m.group("ten") else 0)
    if m.group("d").lower() == "half":
        return "0.5" if n == 1 and not m.group("ten") else None
    return f"{n / 10 ** places:.{places}f}"


_SUPERSCRIPTS = str.maketrans("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207b", "0123456789-")


def tidy_number(text: str) -> str:
    """The number as written, in plain ASCII: "1 × 10−4" -> "1e-4", "10-3" -> "1e-3", "5e−4" -> "5e-4".

    >>> tidy_number("0.001"), tidy_number("1 × 10−4"), tidy_number("10–3"), tidy_number("50 %"), tidy_number("5 × 10⁻⁴")
    ('0.001', '1e-4', '1e-3', '50%', '5e-4')
    >>> tidy_number("a hundredth"), tidy_number("five hundredths"), tidy_number("one ten-thousandth"), tidy_number("one half")
    ('0.01', '0.05', '0.0001', '0.5')
    """
    t = " ".join(text.split()).strip(" ,;:")
    fraction = _fraction_in_words(t)
    if fraction is not None:
        return fraction
    t = t.translate(_SUPERSCRIPTS)  # "5 × 10⁻⁴"
    t = re.sub(f"[{_MINUS}]", "-", t)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[×x\*·]\s*10\s*(?:\^|\*\*)?\s*(-?)\s*(\d+)", t)
    if m:
        return f"{m.group(1)}e{m.group(2)}{m.group(3)}"
    m = re.fullmatch(r"10\s*(?:\^|\*\*)?\s*-\s*(\d)", t)
    if m:
        return f"1e-{m.group(1)}"
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[eE]\s*(-?)\s*(\d+)", t)
    if m:
        return f"{m.group(1)}e{m.group(2)}{m.group(3)}"
    t = re.sub(r"\s*%", "%", t)
    t = re.sub(r"\s*([×x\*])\s*", r"\1", t)
    t = t.replace("×", "x").replace("*", "x")
    return t


def to_int(text: Optional[str]) -> Optional[int]:
    """'100' -> 100, 'ten' -> 10, 'sixty-four' -> 64, '1,000' -> 1000, 'one thousand' -> 1000, else None.

    >>> to_int("one hundred and twenty"), to_int("two thousand"), to_int("a thousand")
    (120, 2000, 1000)
    """
    if not text:
        return None
    t = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", text.strip().lower().replace(",", ""))  # "40 000"
    if t.isdigit():
        return int(t)
    thousands = re.fullmatch(r"(?:(a|one|two|three|four|five|six|seven|eight|nine|ten)[\s\-]+)?thousand", t)
    if thousands:  # "one thousand trees", "two thousand iterations"
        return 1000 * (1 if thousands.group(1) in (None, "a") else _WORDS[thousands.group(1)])
    hundreds = re.fullmatch(r"(?:(a|one|two|three|four|five|six|seven|eight|nine)[\s\-]+)?hundred(?:[\s\-]+(?:and[\s\-]+)?(.+))?", t)
    if hundreds:  # "two hundred" -> 200, "three hundred and fifty" -> 350
        head = 1 if hundreds.group(1) in (None, "a") else _WORDS[hundreds.group(1)]
        rest = to_int(hundreds.group(2)) if hundreds.group(2) else 0
        return head * 100 + rest if rest is not None and rest < 100 else None
    compound = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s\-]+(one|two|three|four|five|six|seven|eight|nine)", t)
    if compound and compound.group(1) in _WORDS and compound.group(2) in _WORDS:
        return _WORDS[compound.group(1)] + _WORDS[compound.group(2)]  # "thirty-two" -> 32
    return _WORDS.get(t)


# a learning-rate-like number: 0.001, .001, 1e-4, 1 × 10−4, 10-3 (superscript lost), 3 x 10^-4
NUM = (rf"(?:\d+(?:\.\d+)?\s*[×x\*·]\s*10\s*(?:\^|\*\*)?\s*[{_MINUS}]?\s*\d+|\d+(?:\.\d+)?\s*[eE]\s*[{_MINUS}+]?\s*\d+|"
       rf"10\s*(?:\^|\*\*)?\s*[{_MINUS}]\s*\d(?!\d)|\d*\.\d+|\d+)")
_NUM_RE = re.compile(NUM)


def _first_number(text: str) -> Optional[str]:
    m = _NUM_RE.search(text)
    return tidy_number(m.group(0)) if m else None


# ----------------------------------------------------------------------------- shared checks
_TITLE_WORDS = re.compile(r"^[\W\d]*(?:[A-Z][\w\-]*[\s:,\-]+){3,}")


# (not across a clause: "a weight decay of 0.0005; training would have stopped ...")
_MODAL_AFTER = re.compile(r"^\W*(?:[^\s;,]+\s+){0,3}?(?-i:(?:could|would|might|may|should|can|will)\b)(?!\s+not\b)", _I)
_CITED_SUBJECT = re.compile(r"\b[A-Z][\w\-\u00C0-\u017F']+(?:\s+et\s+al\.?|\s+(?:and|&)\s+[A-Z][\w\-']+)?\s+\((?:19|20)\d{2}[a-z]?\)")
# "... were plotted after every pass so that we could see whether ...": a purpose clause, not a hedge
_PURPOSE_CLAUSE = re.compile(r"^\W*(?:[^\s;,]+\s+){0,3}?so\s+(?:that\s+)?(?:we|they|one|I|the\s+team)\s+could\b", _I)
_GENERIC_AFTER = re.compile(r"^\W*(?:\([^)]{0,40}\)\s*)?(?:is|are)\s+(?:often|a|an|one|widely|commonly|usually|generally|typically|"
                            r"frequently|known|considered|among|particularly|very|more|less|the\s+most)\b|"
                            # what a method does in general: "Stochastic gradient descent updates a network's weights ..."
                            r"^\W*(?:\([^)]{0,40}\)\s*)?(?:updates|adjusts|computes|minimi[sz]es|adapts|scales|combines|estimates|"
                            r"accumulates|maintains|keeps|moves|steps)\s+(?:a|an|each|every)\b", _I)


def _is_reference(mention: Mention) -> bool:
    """A bibliography entry, or a statement the context step cannot see is not this work's:
    a modal right after the mention ("grid search could find ..."), a cited author as the
    subject and no own-work words ("Smith (2017) introduced ..."), a generic definition ("Dropout is a
    widely used ...")."""
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return True
    if _MODAL_AFTER.match(mention.right) and not _PURPOSE_CLAUSE.match(mention.right):
        return True
    own = _OWN.search(mention.sentence)
    if not own and _CITED_SUBJECT.search(mention.left):
        return True
    if not own and _GENERIC_AFTER.match(mention.right):
        return True
    return False


_HYPOTHETICAL = re.compile(r"(?-i:\b(?:could|would|might|should|may|can|cannot|must)\b)|\bif\b|\bfuture\b|\bunless\b", _I)
_ATTRIBUTED = re.compile(
    r"\bet al\b|\b(?:previous|prior|earlier|other|existing|many|several|most|some)\s+(?:\w+\s+)?"
    r"(?:studies|study|works?|research|researchers|authors|papers|approaches)\b|\btheir\b|"
    # ("They were estimated with ...": a passive "they" stands for things, not for other researchers)
    r"\bthey\b(?!\s+(?:were|was|are|had\s+been|have\s+been)\s+(?:\w+ly\s+|then\s+|instead\s+|all\s+|both\s+)?"
    r"(?:\w+ed|run|set|held|kept|fed|made|built|chosen|drawn|taken|given|split|cut|grown|shown|seen|found)\b)", _I)
_OWN = OWN_WORK


def _own_statement(mention: Mention) -> bool:
    """For rules with ``context: false``: not hypothetical, not about other people's work."""
    if _HYPOTHETICAL.search(mention.left):
        return False
    if _ATTRIBUTED.search(mention.sentence) and not _OWN.search(mention.sentence):
        return False
    return True


# ============================================================================ architecture
_PLUS_RIGHT = re.compile(r"^\s?(\+\+|\+|\s?plus\s?plus\b|\s?plus\b)", _I)
_ARCH_REJECT_RIGHT = re.compile(
    r"^[\s\-]*(?:format|framework|library|package|annotation\s+format|TXT|PyTorch\s+format|repository|website)\b|"
    r"^\s*/\s*Daily\s*Mail\b|^/DM\b", _I)  # "CNN / Daily Mail", a news summarisation dataset
_GENERIC_LIST = re.compile(r"\b(?:such as|e\.g\.|for example|for instance|like)\s*(?:\S+\s*){0,12}$", _I)
_DL_CUE = re.compile(r"\b(?:network|deep|neural|CNN|layers?|epochs?|backbone|trained|training|fine-?tun|pre-?trained|"
                     r"detector|convolution\w*|architecture|model)\b", _I)


def _architecture_entry(mention: Mention):
    catalogue = get_catalogue(mention.params.get("catalogue", "architectures"))
    entry = catalogue.lookup(mention.text)
    if entry is None or not catalogue.accepts(entry, mention.sentence):
        return None, catalogue
    plus = _PLUS_RIGHT.match(mention.right)
    if plus:
        suffix = "plusplus" if plus.group(1).replace(" ", "").lower() in ("++", "plusplus") else "plus"
        better = catalogue.lookup(mention.text + suffix)
        if better is not None:
            entry = better
    return entry, catalogue


def _arch_value(entry) -> Dict[str, Any]:
    attrs = entry.attrs
    name = None if attrs.get("generic") else attrs.get("display") or attrs.get("same_as") or entry.name
    if name and name != entry.name and not attrs.get("display"):
        # a same_as sibling: use the canonical entry's display name if it has one
        try:
            target = get_catalogue("architectures").get(name)
            name = target.attrs.get("display", target.name)
        except KeyError:
            pass
    return {"name": name, "family": attrs.get("family")}


_PAREN_CITATION = re.compile(r"\([^()]{0,80}?(?:19|20)\d{2}[a-z]?\s*\)|\[\d+(?:[,\-\u2013]\s*\d+)*\]")
_AI_STATEMENT = re.compile(r"\bpreparation of (?:this|the) (?:work|manuscript|paper|article)|\b(?:language|grammar)\s+(?:editing|"
                           r"check\w*|polish\w*)|\bimprove\s+(?:the\s+)?(?:readability|language)|\bgenerative AI\b", _I)


_NOT_A_MODEL_RIGHT = re.compile(r"^[\s\-]*(?:method|thresholding|threshold|principle|criterion|spectral|spectrum|"
                                r"segmentation|imputation|variables?|layers?|predictors?|covariates?)\b", _I)
_TREE_COUNT_LEFT = re.compile(r"\b\d[\d,]*\s+(?:\w+\s+)?$")
_POPULAR = re.compile(r"\b(?:widely|commonly|frequently|extensively|increasingly|often)\s+(?:been\s+)?(?:used|applied|adopted|employed)\b|"
                      r"\bpopular(?:ity)?\b|\bhas\s+become\b|\b(?:has|have)\s+been\s+(?:\w+\s+)?(?:used|applied|adopted|employed|shown)\b|"
                      r"\b(?:introduced|proposed|established|developed)\s+(?:by|a|an)\b|\bauthors?\s+of\b", _I)
_USED_PAST = re.compile(r"\b(?:was|were)\s+(?:\w+\s+){0,2}?(?:used|applied|fitted|fit|trained|built|implemented|run|constructed|"
                        r"calibrated|employed|adopted|performed|tuned|parameteri[sz]ed|ensembled|combined)\b", _I)


def _classical_background(sentence: str, cited: bool = True) -> bool:
    """Classical models are named in background far more often than networks: without
    own-work words, a sentence that praises the method ("widely used", "has become popular")
    or cites others without saying the model was fitted/used is background."""
    if _OWN.search(sentence):
        return False
    if _POPULAR.search(sentence):
        return True
    if not cited:
        return False
    citation = _PAREN_CITATION.search(sentence) or re.search(r"\bet\s+al\b", sentence)
    return bool(citation) and not _USED_PAST.search(sentence)


_ML_COMPANY = re.compile(r"\bmachine[\s\-]learning\b|\bensembl\w*|\bbiomod|\bSDM\s+algorithms|\b(?:modell?ing|classification)\s+"
                         r"(?:algorithms|techniques|methods)\b", _I)


def _in_ml_company(mention: Mention, entry) -> bool:
    """A statistical model (GLM, GAM, logistic regression, LDA) counts as the paper's ML model
    only beside machine-learning ones: another catalogue model that is not statistical in the
    same sentence, or the sentence calls them machine learning or an ensemble."""
    if _ML_COMPANY.search(mention.sentence):
        return True
    catalogue = get_catalogue(mention.params.get("catalogue", "architectures"))
    return any(not other.attrs.get("statistical") and catalogue.accepts(other, mention.sentence)
               for _, _, other in catalogue.find_all(mention.sentence))


@normalizer("architecture")
def architecture(mention: Mention) -> Values:
    """A catalogue architecture -> ``{name, family}``; family-only names give ``name: None``.

    ``params``: ``classical`` (true: accept only family "classical ML" entries; false or
    absent: reject them), ``need_dl_cue`` (true: the sentence must also speak of networks,
    layers or training).
    """
    if _is_reference(mention):
        return None
    entry, _ = _architecture_entry(mention)
    if entry is None:
        return None
    sentence = mention.sentence
    classical = entry.attrs.get("family") == "classical ML"
    if not _OWN.search(sentence) and len(_PAREN_CITATION.findall(sentence)) >= 2 \
            and not (classical and _USED_PAST.search(sentence)):
        return None  # a literature summary: "... including ANNs (Park, 2006), random forest (Lee, 2019)"
    if _AI_STATEMENT.search(sentence):
        return None  # "ChatGPT was used to improve the language of the manuscript"
    if classical != bool(mention.params.get("classical")):
        return None
    if classical:
        if entry.attrs.get("statistical") and not _in_ml_company(mention, entry):
            return None  # "a GLM tested the effect of elevation": statistics, not the paper's ML model
        if _classical_background(mention.sentence):
            return None
        trees = "Decision tree" in (entry.name, entry.attrs.get("same_as"))
        if _NOT_A_MODEL_RIGHT.match(mention.right) or (trees and _TREE_COUNT_LEFT.search(mention.left)):
            return None  # "maximum entropy thresholding"; "500 regression trees" is a forest's size
    if _ARCH_REJECT_RIGHT.match(mention.right):
        return None
    if mention.params.get("need_dl_cue") and not _DL_CUE.search(mention.sentence):
        return None
    return [_arch_value(entry)]


# ============================================================================ hyperparameters
_EVERY_LEFT = re.compile(r"\b(?:every|each|intervals?\s+of|steps?\s+of|increments?\s+of)\s+$", _I)
_WARMUP_LEFT = re.compile(r"\bwarm[\s\-]?up\s+(?:phase\s+|period\s+|stage\s+)?(?:of\s+|for\s+|over\s+|lasting\s+|during\s+)?"
                          r"(?:the\s+first\s+)?[:=]?\s*$", _I)
_EPOCH_PATIENCE_RIGHT = re.compile(r"^\W*(?:\w+\s+){0,2}(?:without|with no|of no|with no further)\s+(?:\w+\s+)?improv", _I)
# "until the validation loss stopped falling for ten epochs in a row": a patience in words
_EPOCH_PATIENCE_LEFT = re.compile(r"\b(?:stopped|ceased|failed\s+to\s+(?:keep\s+)?|no\s+longer|had\s+not|did\s+not|has\s+not|not)\s*"
                                  r"(?:improv\w*|fall\w*|drop\w*|decreas\w*|declin\w*|ris\w*|increas\w*|chang\w*|fell|rose|dropped)\s+"
                                  r"(?:any\s+further\s+|further\s+|any\s+more\s+)?for\s+(?:\w+\s+)?$", _I)


# a settings-table line names the previous setting right before its number: "Batch size 32 Epochs 100"
_TABLE_NAME_LEFT = re.compile(r"\b(?:size|rate|decay|momentum|dropout|batch|lr|optimi[sz]er|steps|iterations)\s*[:=]?\s*$", _I)


@normalizer("hyperparameter")
def hyperparameter(mention: Mention) -> Values:
    """A hyperparameter with its value -> ``{name, value}``.

    ``params.name`` is the controlled name (learning_rate, batch_size, epochs, momentum,
    weight_decay, dropout, input_size, iterations, hidden_units, layers, kernel_size, n_trees,
    mtry, ...); the value is the regex group ``value``, tidied by :func:`tidy_number`.
    """
    if _is_reference(mention):
        return None
    if mention.text[:1].isalpha() and _NAME_ROW_LEFT.search(mention.left[-60:]) and _CELLS_RIGHT.match(mention.right):
        return None  # "Epochs Dropout 0.0005 16": a row of names over a row of values (name_row)
    if re.search(r"\(\s*(?:(?:i\.\s?e\.|e\.\s?g\.),?\s*)?[\d.eE\-]+$", mention.text) and re.match(r"^\s*,\s*[\d.]+\s*,", mention.right):
        return None  # "the learning rate (0.01, 0.001, 0.0001) was tuned": candidates, not the setting
    name = mention.params.get("name")
    groups = mention.groups
    raw = next((groups[k] for k in sorted(groups, key=lambda k: (len(k), k)) if k.startswith("value") and groups.get(k)), None)
    if name == "epochs" and groups.get("value") and _TABLE_NAME_LEFT.search(mention.left):
        # "Batch size 32 Epochs 100": the number before "Epochs" is the batch size
        after = re.match(r"^\s*[:=]?\s*(\d{1,5})\b", mention.right)
        if not after:
            return None
        raw = after.group(1)
    source = mention.params.get("name_from")
    if source:
        name, raw = _classical_setting(source, mention)
    elif name == "max_depth" and groups.get("head") and re.search(r"complexity|interaction", groups["head"], _I):
        name = "tree_complexity"
    if (source or name in _CLASSICAL_NAMES) and _classical_background(mention.sentence, cited=False):
        return None  # "SVMs with a linear kernel are among the most popular classifiers (Vapnik, 1995)"
    if name == "layers" and _DEFINITION_LEFT.search(mention.left):
        return None  # "ELMs are a family of single hidden layer models": a definition, not a setting
    if name == "mtry" and raw and re.search(r"square|√|sqrt", raw, _I):
        return [{"name": name, "value": "sqrt(p)"}]
    if name == "mtry" and raw and re.search(r"third", raw, _I):
        return [{"name": name, "value": "p/3"}]
    if name in _WORD_VALUES:
        return [{"name": name, "value": raw}] if raw else None
    if not name or not raw:
        return None
    if name == "listed_in":
        return [{"name": name, "value": " ".join(raw.split()).rstrip(".")}]  # "Table S4"
    if name == "epochs" and (_EPOCH_PATIENCE_RIGHT.match(mention.right) or _EPOCH_PATIENCE_LEFT.search(mention.left[-60:])):
        return None  # "after 10 epochs without improvement" is a patience, see stopping_criteria
    if name == "epochs" and _EVERY_LEFT.search(mention.left[-16:]):
        return None  # "halved every 10 epochs" is a schedule's interval, not the training length
    if name == "epochs" and _WARMUP_LEFT.search(mention.left[-40:]):
        return None  # "warm-up 5 epochs": the length of a learning-rate phase
    value = tidy_number(raw)
    if name == "learning_rate" and _ANIMAL_LEARNING.match(mention.right):
        return None  # "a learning rate of 0.31 correct choices per trial": how fast bees learn
    if name in ("learning_rate", "weight_decay"):
        try:
            if float(value) >= 1 and "e" not in value:
                return None  # "learning rate of 1" is rare; "learning rate 2" is usually a list index
        except ValueError:
            pass
    if name in ("momentum", "dropout") and not value.endswith("%"):
        try:
            if not 0 < float(value) < 1:
                return None
        except ValueError:
            return None
    if name in _INTEGER_NAMES:
        n = to_int("1" if raw.lower() == "single" else raw)
        if n is None or n <= 0:
            return None
        if name == "batch_size" and n > 8192:
            return None
        value = str(n)
    return [{"name": name, "value": value}]


_ANIMAL_LEARNING = re.compile(r"^\s*(?:correct\b|choices?\b|responses?\b|trials?\b|errors?\s+per\b|per\s+(?:trial|session|day|visit|bout|presentation)\b)", _I)
_INTEGER_NAMES = ("batch_size", "epochs", "iterations", "n_trees", "hidden_units", "mtry", "max_depth", "tree_complexity",
                  "min_node_size", "n_neighbors", "background_points", "max_iterations", "layers",
                  "population_size", "generations", "swarm_size", "n_clusters")
_WORD_VALUES = ("kernel", "feature_classes", "acceleration_coefficients")
_DEFINITION_LEFT = re.compile(r"\b(?:is|are)\s+(?:a|an)\s+(?:\w+\s+)?(?:type|kind|class|form|variant|family)\s+of\s+(?:an?\s+)?$", _I)
_CLASSICAL_NAMES = ("n_trees", "mtry", "max_depth", "tree_complexity", "min_node_size", "bag_fraction", "kernel", "cost",
                    "gamma", "n_neighbors", "regularization_multiplier", "feature_classes", "background_points",
                    "max_iterations", "population_size", "generations", "crossover_rate", "mutation_rate",
                    "swarm_size", "inertia_weight", "acceleration_coefficients", "n_clusters")
_KERNELS = (("radial", "RBF"), ("rbf", "RBF"), ("gaussian", "RBF"), ("linear", "linear"), ("polynomial", "polynomial"),
            ("sigmoid", "sigmoid"))
_FEATURE_LETTERS = (("linear", "L"), ("quadratic", "Q"), ("product", "P"), ("threshold", "T"), ("hinge", "H"))


def _classical_setting(source: str, mention: Mention):
    """(name, raw value) of a classical-ML setting whose name depends on the alternative
    of the rule's regex that matched: boosting (shrinkage -> learning_rate, bag fraction),
    svm (kernel, cost, gamma), maxent (regularization_multiplier, feature_classes,
    background_points), metaheuristic (population_size, generations, crossover_rate,
    mutation_rate, swarm_size, inertia_weight, acceleration_coefficients). Kernels and feature classes get a canonical spelling ("RBF", "LQH")."""
    g = mention.groups
    head = mention.text.lower()
    if source == "boosting":
        name = "bag_fraction" if re.search(r"bag|subsample|sampling", head) else "learning_rate"
        return name, g.get("value")
    if source == "svm":
        kernel = g.get("kernel") or g.get("kernel2")
        if kernel:
            k = kernel.lower()
            return "kernel", next((canon for key, canon in _KERNELS if key in k), None)
        if g.get("cost") or g.get("cost2"):
            return "cost", g.get("cost") or g.get("cost2")
        return "gamma", g.get("gamma")
    if source == "maxent":
        rm = g.get("rm") or g.get("rm2")
        if rm:
            return "regularization_multiplier", re.sub(r"\s*(?:to|and|-|\u2013)\s*", "-", rm.strip())
        fc = g.get("fc") or g.get("fc2")
        if fc:
            if re.fullmatch(r"[LQPTH]{1,5}", fc.strip()):
                return "feature_classes", fc.strip()
            low = fc.lower()
            letters = "".join(letter for word, letter in _FEATURE_LETTERS if word in low)
            return "feature_classes", letters or None
        return "background_points", g.get("bg") or g.get("bg2")
    if source == "metaheuristic":
        for name, keys in (("population_size", ("pop",)), ("generations", ("gen", "gen2")),
                           ("crossover_rate", ("cross",)), ("mutation_rate", ("mut",)),
                           ("swarm_size", ("swarm", "swarm2")), ("inertia_weight", ("inertia",)),
                           ("acceleration_coefficients", ("accel",))):
            raw = next((g[k] for k in keys if g.get(k)), None)
            if raw:
                return name, " ".join(raw.split())
    return None, None


_ASSIGNED_NAMES = {
    "lr": "learning_rate", "eta": "learning_rate", "epoch": "epochs", "n_epochs": "epochs", "num_epochs": "epochs",
    "n_estimators": "n_trees", "ntree": "n_trees", "num_trees": "n_trees", "n_trees": "n_trees",
    "max_features": "mtry", "units": "hidden_units", "neurons": "hidden_units", "hidden_units": "hidden_units",
    "hidden_size": "hidden_units", "n_layers": "layers", "num_layers": "layers", "hidden_layers": "layers",
    "ntrees": "n_trees", "n.trees": "n_trees", "num.trees": "n_trees", "tc": "tree_complexity", "nrounds": "n_trees", "interaction.depth": "tree_complexity",
    "min_samples_leaf": "min_node_size", "n.minobsinnode": "min_node_size", "nodesize": "min_node_size",
    "node_size": "min_node_size", "mtry": "mtry", "shrinkage": "learning_rate", "bag.fraction": "bag_fraction",
    "subsample": "bag_fraction", "c": "cost", "max_iter": "max_iterations", "maxit": "max_iterations",
}


@normalizer("hyperparameter_assignments")
def hyperparameter_assignments(mention: Mention) -> Values:
    """One ``name = value`` of a list of settings ("n_estimators = 300, max_depth = 12") ->
    ``{name, value}``; the name is the controlled one where there is one (lr -> learning_rate,
    n_estimators -> n_trees), else the identifier as written. A lone assignment is more
    often a formula than a setting, so the sentence must hold ``params.min`` (2) of them."""
    if _is_reference(mention):
        return None
    count = len(re.findall(r"(?<![\w.])(?!cid\b)[A-Za-z][A-Za-z_0-9]*(?:\s*\([^()]{1,25}\))?\s*(?:=\s*[\-\u2212\w.]|:\s*[\-\u2212]?\d)",
                           mention.sentence))
    if count < int(mention.params.get("min", 2)):
        return None
    ident = mention.groups.get("name") or ""
    key = re.sub(r"[\s\-]+", "_", ident.strip().lower())
    name = _ASSIGNED_NAMES.get(key, key)
    raw = mention.groups.get("value") or ""
    value = tidy_number(raw.replace("\u2212", "-"))
    if name in _INTEGER_NAMES:
        n = to_int(raw)
        if n is None or n <= 0:
            return None
        value = str(n)
    return [{"name": name, "value": value}]


_LIST_NAMES = (
    (r"(?:initial\s+|base\s+)?learning[\s\-]rates?", "learning_rate"),
    (r"(?:mini-?)?batch[\s\-]?sizes?", "batch_size"),
    (r"(?:(?:maximum\s+|max\.\s+|total\s+)?(?:number|no\.)\s+of\s+)?(?:training\s+)?epochs?", "epochs"),
    (r"(?:(?:number|no\.)\s+of\s+)?(?:training\s+)?iterations", "iterations"),
    (r"momentum", "momentum"),
    (r"weight[\s\-]decay", "weight_decay"),
    (r"dropout(?:\s+(?:rate|ratio|probability))?", "dropout"),
    (r"(?:input|image|patch|crop)\s+sizes?", "input_size"),
    (r"(?:number\s+of\s+)?(?:hidden\s+units|neurons)", "hidden_units"),
    (r"(?:(?:number|no\.)\s+of\s+)?trees|ntree|n_estimators", "n_trees"),
    (r"mtry", "mtry"),
    (r"(?:maximum\s+|max\s+)?(?:tree\s+)?depth|max_depth", "max_depth"),
    (r"tree\s+complexity|interaction\s+depth", "tree_complexity"),
    (r"shrinkage(?:\s+rate)?", "learning_rate"),
    (r"bag(?:ging)?\s+fraction", "bag_fraction"),
    (r"gamma(?:\s+\(γ\))?", "gamma"),
    (r"cost(?:\s+\(C\))?|penalty\s+(?:parameter\s+)?\(?C\)?", "cost"),
    (r"regulari[sz]ation\s+multiplier|beta\s+multiplier", "regularization_multiplier"),
    (r"optimi[sz]er", "optimizer"),
    (r"(?:early[\s\-]stopping\s+)?patience", "patience"),
    (r"L2\s+(?:penalty|regulari[sz]ation|weight)", "weight_decay"),
    (r"(?-i:lr|LR)", "learning_rate"),
)
_LIST_NAME_RX = re.compile("|".join(f"(?P<n{i}>\\b{rx}\\b)" for i, (rx, _) in enumerate(_LIST_NAMES)), _I)
_LIST_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*[×x\*]\s*10\s*\^?\s*[\-\u2212]?\s*\d+|\d+(?:\.\d+)?(?:[eE][\-\u2212+]?\d+)?|\.\d+")


def _names_in(text: str) -> List[str]:
    """The controlled names of the settings named in ``text``, in order ("Learning rate
    Batch size" -> learning_rate, batch_size)."""
    return [_LIST_NAMES[next(int(k[1:]) for k, v in m.groupdict().items() if v)][1] for m in _LIST_NAME_RX.finditer(text)]


@normalizer("hyperparameter_list")
def hyperparameter_list(mention: Mention) -> Values:
    """"The learning rate, the batch size and the epochs are set to 0.001, 128 and 200,
    respectively" -> one ``{name, value}`` per pair, when names and values pair up one to one."""
    if _is_reference(mention):
        return None
    names = _names_in(re.split(r"[.;:]\s", mention.left)[-1])
    values = [v.group(0) for v in _LIST_NUMBER.finditer(mention.groups.get("values") or "")]
    if len(names) < 2 or len(names) != len(values) or len(set(names)) != len(names):
        return None
    out = []
    for name, raw in zip(names, values):
        if name == "patience":
            continue  # paired, but a stopping criterion
        value = _paired_value(name, raw)
        if value is None:
            return None
        out.append({"name": name, "value": value})
    return out


def _paired_value(name: str, raw: str) -> Optional[str]:
    """The tidied value a list or a table pairs with a setting, or None when it cannot be
    that setting's (a count that is not a positive whole number, a momentum of 32)."""
    value = tidy_number(raw)
    if name in _INTEGER_NAMES:
        n = to_int(raw)
        return str(n) if n is not None and n > 0 and "." not in raw else None
    if name in ("momentum", "dropout") and not value.endswith("%"):
        try:
            return value if 0 < float(value) < 1 else None
        except ValueError:
            return None
    return value


_NAME_ROW_LEFT = re.compile("(?:" + "|".join(rx for rx, _ in _LIST_NAMES) + r")\s*(?:\([^()]{1,12}\)\s*)?[|,;/]?\s*$", _I)
_CELLS_RIGHT = re.compile(r"^\s*[|,;/]?\s*(?:\d+(?:\.\d+)?(?:[eE][\-\u2212]?\d+)?|\.\d+)%?(?![\w.])")
_COLUMN_VALUE = re.compile(r"\d+(?:\.\d+)?(?:\s*[eE]\s*[\-\u2212]?\d+)?(?:\s*[×x]\s*\d+)?(?:\s*%)?|\.\d+(?:\s*%)?|[A-Za-z]\w*")


@normalizer("hyperparameter_columns")
def hyperparameter_columns(mention: Mention) -> Values:
    """A row of setting names followed by a row of their values ("Learning rate Batch size
    Epochs 0.001 32 100") -> one ``{name, value}`` per pair, in order; nothing when the two
    rows differ in length, a name repeats, or a value does not fit its name (a momentum
    of 32 means the columns were not what they seemed). An optimiser is paired but not
    reported: it has its own field."""
    if _is_reference(mention):
        return None
    names = _names_in(re.sub(r"\([^()]*\)", " ", mention.groups.get("names") or ""))
    values = [v.group(0) for v in _COLUMN_VALUE.finditer(mention.groups.get("values") or "")]
    if len(names) < 2 or len(names) != len(values) or len(set(names)) != len(names):
        return None
    out = []
    for name, raw in zip(names, values):
        wordy = raw[0].isalpha()
        if (name == "optimizer") != wordy:
            return None
        if wordy or name == "patience":
            continue  # (an optimiser and a patience have fields of their own)
        value = _paired_value(name, raw)
        if value is None:
            return None
        out.append({"name": name, "value": value})
    return out or None


# ============================================================================ tuning
@normalizer("hp_tuning")
def hp_tuning(mention: Mention) -> Values:
    """A tuning method -> ``{method}``; ``params.method`` names it (default: the match itself)."""
    if _is_reference(mention):
        return None
    if not mention.params.get("context_ok", True) and not _own_statement(mention):
        return None
    method = mention.params.get("method")
    if mention.params.get("method_from_sentence"):
        method = _method_from_sentence(mention.sentence) or method
    if mention.params.get("tool"):
        method = _TOOL_NAMES.get(re.sub(r"[^a-z0-9]", "", (mention.groups.get("tool") or mention.text).lower()))
        if method is None:
            method = " ".join((mention.groups.get("tool") or mention.text).split())
    return [{"method": method or " ".join(mention.text.split())}]


_CV_TUNING = re.compile(r"cross[\s\-]?validat\w*|\b(?:\d+|ten|five|three)[\s\-]?folds?\b|\bk[\s\-]fold|\bCV\b|\bLOOCV\b", _I)
_OOB_TUNING = re.compile(r"\bout[\s\-]of[\s\-]bag\b|\bOOB\b", _I)
_VALIDATION_TUNING = re.compile(r"\bvalidation\s+(?:set|data(?:set)?|subset|split|sample|images|fold)s?\b|\bheld[\s\-]out\b|"
                                r"\bhold[\s\-]out\b", _I)
_MANUAL_TUNING = re.compile(r"\btrial[\s\-]+and[\s\-]+error\b|\b(?:successive|successively|iterative|iteratively|incremental|"
                            r"incrementally|repeated|manual|manually|empirical|empirically)\b", _I)


def _method_from_sentence(sentence: str) -> Optional[str]:
    """The tuning method a sentence implies when it names no tool: cross-validation,
    out-of-bag error, a validation set, or successive / trial-and-error runs."""
    if _CV_TUNING.search(sentence):
        return "cross-validated tuning"
    if _OOB_TUNING.search(sentence):
        return "out-of-bag error"
    if _VALIDATION_TUNING.search(sentence):
        return "validation-set tuning"
    if _MANUAL_TUNING.search(sentence):
        return "manual tuning"
    return None


_TOOL_NAMES = {"kerastuner": "Keras Tuner", "raytune": "Ray Tune", "hyperopt": "Hyperopt", "optuna": "Optuna",
               "hyperband": "Hyperband", "talos": "Talos", "smac": "SMAC", "smac3": "SMAC", "autokeras": "AutoKeras",
               "autosklearn": "auto-sklearn", "scikitoptimize": "scikit-optimize", "scikitoptimise": "scikit-optimize",
               "skopt": "scikit-optimize", "bayessearchcv": "Bayesian optimisation", "nni": "NNI",
               "weightsbiasessweep": "Weights & Biases sweep", "weightsbiasessweeps": "Weights & Biases sweep",
               "weightsandbiasessweep": "Weights & Biases sweep", "weightsandbiasessweeps": "Weights & Biases sweep",
               "wbsweep": "Weights & Biases sweep", "wbsweeps": "Weights & Biases sweep",
               "wandbsweep": "Weights & Biases sweep", "wandbsweeps": "Weights & Biases sweep",
               "tunerf": "tuneRF", "enmeval": "ENMeval", "enmevaluate": "ENMeval", "kuenm": "kuenm",
               "sdmtune": "SDMtune", "gbmstep": "cross-validated tuning", "tunelength": "caret", "traincontrol": "caret",
               "tunesvm": "grid search", "tunerandomforest": "grid search", "tunegrid": "grid search",
               "tunebayes": "Bayesian optimisation", "parbayesianoptimization": "Bayesian optimisation",
               "mlr3tuning": "mlr3tuning"}


# ============================================================================ optimizer
_LR_AFTER = re.compile(
    r"\b(?:learning[\s\-]rates?|\blr0?\b|\bLR0?\b|step\s+size|(?:initial|base)\s+step|(?:starting|beginning)\s+with\s+steps\s+of|η)(?:\s*\([^)]{0,12}\))?(?:\s+(?:was|were|is|of|set|to|at|equal|"
    r"initially|initial|fixed|with|a|an|the|value|base|starting|started|initiali[sz]ed|as)){0,5}\s*[:=]?\s*(?P<v>" + NUM + r")", _I)
_LR_BEFORE = re.compile(r"(?P<v>" + NUM + r")\s+(?:as\s+(?:the\s+)?)?(?:initial\s+|base\s+)?learning[\s\-]rate", _I)
_MOMENTUM = re.compile(r"\bmomentum\s+of\s+[a-z][a-z\s\-]{2,20}\((?P<v3>0?\.\d+)\)|\b(?:momentum|mom\.)(?:\s+(?:was|of|set|to|=|value|term|coefficient|parameter|factor|equal|at)){0,4}\s*"
                       r"(?:\(?[\u03bc\u03b2\u03b3]\)?\s*)?[:=]?\s*"
                       r"(?P<v>0?\.\d+|1\.0)|(?P<v2>0?\.\d+)\s+momentum", _I)


def learning_rate_in(text: str) -> Optional[str]:
    """The learning rate a sentence gives, or None.

    >>> learning_rate_in("Adam with a learning rate of 1 × 10−4 was used.")
    '1e-4'
    """
    for pattern in (_LR_AFTER, _LR_BEFORE):
        m = pattern.search(text)
        if m:
            v = tidy_number(m.group("v"))
            try:
                if "e" in v or float(v) < 1:
                    return v
            except ValueError:
                continue
    return None


def momentum_in(text: str) -> Optional[str]:
    m = _MOMENTUM.search(text)
    if not m:
        return None
    return tidy_number(m.group("v") or m.group("v2") or m.group("v3"))


_OPT_CUE = re.compile(r"optimi[sz]|learning[\s\-]?rate|\blr\b|\btrain|momentum|gradient|\bepochs?\b|\bbatch|solver|"
                      r"weight[\s\-]decay|\bloss\b|minimi[sz]|update|\bfit|fitted|back-?propagation|"
                      r"\b(?:weights|biases|coefficients)\b[^.;]{0,80}?\b(?:estimated|determined|adjusted|obtained|computed)\s+"
                      r"(?:with|by|using|via|through)\b", _I)


_FIT_CUE = re.compile(r"\b(?:train\w*|weights?|fit|fitt\w+|calibrat\w*|(?:hyper)?parameters?|neurons?|network|ANN|MLP|BPNN|"
                      r"SVM|SVR|(?:the|our|this|proposed|hybrid|prediction|forecasting|regression|classification)\s+model|"
                      r"optimi[sz]ed)\b", _I)
_NOT_FIT = re.compile(r"\b(?:feature|variable|band|predictor|covariate)s?\s+(?:subset\s+)?selection|\b(?:select\w*|choos\w*|identif\w*)\s+"
                      r"(?:\w+\s+){0,6}?(?:features|variables|bands|predictors|covariates)|\banchor|\brout(?:e|ing)|\bschedul", _I)


def _fits_a_model(mention: Mention) -> bool:
    """A metaheuristic (particle swarm, genetic algorithm ...) that trains or tunes this model:
    a model or fitting word outside the name itself, and not a feature search."""
    rest = mention.left + " " + mention.right
    if mention.previous and re.match(r"^\W*(?:It|They)\s", mention.sentence):
        rest += " " + mention.previous  # "The weights were not fitted by backpropagation. They were estimated with a particle swarm"
    return bool(_FIT_CUE.search(rest)) and not _NOT_FIT.search(mention.sentence)


_USED = re.compile(r"\b(?:was|were|been)\s+(?:\w+\s+){0,2}?(?:used|utili[sz]ed|applied|employed|adopted|implemented|trained|"
                   r"optimi[sz]ed|tuned|calibrated|fitted|fit|estimated|updated|adjusted|performed|run|determined|obtained|"
                   r"searched|chosen|selected|introduced|incorporated|integrated|coupled|combined|found|learned|learnt|"
                   r"set|computed)\s+(?:by|with|using|through|via)\b|"
                   r"\b(?:was|were|been)\s+(?:\w+\s+){0,2}?(?:used|utili[sz]ed|applied|employed|adopted|implemented|trained|"
                   r"optimi[sz]ed|tuned|calibrated|fitted|fit|estimated|updated|adjusted|performed|run|determined|obtained|"
                   r"searched|chosen|selected|introduced|incorporated|integrated|coupled|combined)\b|"
                   r"\b(?:used|utili[sz]ed|applied|employed|adopted|adjusted|updated|trained|optimi[sz]ed|tuned|calibrated|"
                   r"fitted|estimated|searched|evolved|explored)\b", _I)
# the method the paper did not use: "PSO was used instead of back-propagation"
_NOT_CHOSEN_LEFT = re.compile(
    r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of|as\s+(?:an?\s+)?(?:alternative|substitute|replacement)\s+(?:to|for)|"
    r"replacing|compared\s+(?:to|with)|unlike|than)\s+(?:(?:the|a|an|by|with|using|via|conventional|traditional|standard|classical|classic|usual|"
    r"common|gradient-based|ordinary|plain)\s+)*$", _I)


def _used_here(mention: Mention) -> bool:
    """A method with many textbook mentions (backpropagation, metaheuristics, estimation) counts
    only when the sentence says it was used, and not hypothetically or by others."""
    return _own_statement(mention) and bool(_OWN.search(mention.sentence) or _USED.search(mention.sentence))


@normalizer("optimizer")
def optimizer(mention: Mention) -> Values:
    """A catalogue optimiser -> ``{name, learning_rate, momentum}`` (rates read from the sentence)."""
    if _is_reference(mention):
        return None
    catalogue = get_catalogue("optimizers")
    entry = catalogue.lookup(mention.groups.get("name") or mention.groups.get("name2") or mention.groups.get("name3")
                             or mention.text)
    if entry is None or not catalogue.accepts(entry, mention.sentence):
        return None
    kind = entry.attrs.get("kind")
    if kind == "estimation" and not mention.params.get("estimation"):
        return None  # "maximum likelihood classification": only optimizer.estimation's wording counts
    if kind not in ("adaptive", "metaheuristic", "estimation") and not _OPT_CUE.search(mention.sentence):
        return None  # "gradient descent" in a sentence with no training vocabulary
    reject_right = entry.attrs.get("reject_right")
    if reject_right and re.match(reject_right, mention.right, _I):
        return None  # "a back-propagation neural network" names a model
    if kind == "metaheuristic" and not _fits_a_model(mention):
        return None
    if (kind in ("metaheuristic", "estimation") or entry.attrs.get("needs_use")) and not _used_here(mention):
        return None  # "RNNs use backpropagation", "GA and PSO are often used to ..."
    if re.match(r"^\s*:\s+(?:a|an)\s", mention.right):
        return None  # "Adam: a method for stochastic optimization" -- a title
    if _NOT_CHOSEN_LEFT.search(mention.left[-60:]):
        return None  # "... instead of back-propagation": the method set aside
    name = entry.attrs.get("same_as") or entry.name
    sentence = mention.sentence
    return [{"name": name, "learning_rate": learning_rate_in(sentence), "momentum": momentum_in(sentence)}]


@normalizer("optimizer_settings_after")
def optimizer_settings_after(mention: Mention) -> Values:
    """"Its momentum was 0.9 and the learning rate 0.01" right after a sentence that names the
    optimiser ("Weights were updated by stochastic gradient descent.") -> that optimiser with
    the rates of this sentence; nothing when the sentence before names none or several."""
    if _is_reference(mention) or not mention.previous:
        return None
    catalogue = get_catalogue("optimizers")
    names = {(e.attrs.get("same_as") or e.name) for _, _, e in catalogue.find_all(mention.previous)
             if e.attrs.get("kind") not in ("estimation", "metaheuristic")}
    if len(names) != 1:
        return None
    lr, momentum = learning_rate_in(mention.sentence), momentum_in(mention.sentence)
    if lr is None and momentum is None:
        return None
    return [{"name": names.pop(), "learning_rate": lr, "momentum": momentum}]


# ============================================================================ stopping criteria
# number words, compounds first ("twenty-five" is one number, not "five")
_NUM_WORDS = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s\-](?:one|two|three|four|five|six|seven|eight|nine)|"
              + "|".join(sorted(_WORDS, key=len, reverse=True)))
_PATIENCE = re.compile(
    r"\bpatience(?:\s*\([^()]{0,80}\))?(?:\s+(?:parameter|value|of|was|set|to|=|equal|is|at)){0,4}\s*[:=|]?\s*(?P<p>\d{1,3}|" + _NUM_WORDS + r")\b|"
    r"\b(?P<p2>\d{1,3}|" + _NUM_WORDS + r")\s+(?:consecutive\s+|successive\s+|subsequent\s+|training\s+)?"
    r"(?:epochs?|iterations|evaluations|rounds|checks)\s+(?:\w+\s+){0,2}?(?:without|with\s+no|of\s+no|with\s+no\s+further|did\s+not|"
    r"(?:brought|gave|showed|yielded|produced)\s+no|where\s+(?:the\s+)?\w+\s+(?:loss|accuracy|error)\s+did\s+not|"
    r"(?:in|during)\s+which\s+(?:[\w\-]+\s+){0,5}?(?:did|had)\s+not)", _I)
_MAX_EPOCHS = re.compile(
    r"\b(?:max(?:imum)?\s+(?:number\s+of\s+)?epochs?|epochs?)(?:\s+(?:was|were|of|set|to|=|is|at))*\s*[:=]?\s*(?P<e>\d{1,5})\b|"
    r"\b(?:for|to|of|after|up\s+to|maximum\s+of|max\s+of|over|within|reached)\s+(?:a\s+|at\s+most\s+|up\s+to\s+)?(?:maximum\s+of\s+|total\s+of\s+|max\.?\s+)?(?P<e2>\d{1,5}|" + _NUM_WORDS + r")\s+(?:training\s+)?epochs\b", _I)
_MONITORED = (
    ("validation loss", r"\b(?:validation|val|valid)[\s_\-]*loss\b|\bloss\s+(?:on|of)\s+(?:the\s+)?validation|"
                        r"\bloss(?:\s+value)?\s+(?:of\s+the\s+\w+\s+)?on\s+the\s+validation"),
    ("validation accuracy", r"\b(?:validation|val|valid)[\s_\-]*(?:accuracy|acc)\b|\baccuracy\s+(?:on|of)\s+(?:the\s+)?validation"),
    ("validation error", r"\bvalidation\s+(?:error|RMSE|MSE|MAE)\b"),
    ("validation mAP", r"\b(?:validation|val)\s+mAP|\bmAP\b[^.]{0,30}\bvalidation"),
    ("validation F1", r"\bvalidation\s+F1|\bF1[\s\-]score\b[^.]{0,30}\bvalidation"),
    ("validation performance", r"\bvalidation\s+(?:set\s+)?(?:performance|score|metric)"),
    ("training loss", r"\btraining\s+loss\b|\bloss\s+function\b|\bthe\s+loss\b"),
)


def monitored_in(text: str) -> Optional[str]:
    for name, pattern in _MONITORED:
        if re.search(pattern, text, _I):
            return name
    return None


_NO_IMPROVEMENT = re.compile(r"\b(?:not|no|without|stopped|ceased?|failed\s+to|fails?\s+to|failing\s+to)\s+(?:\w+\s+){0,2}?(?:improv|decreas|increas|reduc|chang|"
                             r"rise|fall|drop|declin|grow|lower|get\s+better|getting\s+(?:any\s+)?better|gone\s+(?:up|down)|go\s+(?:up|down)|risen|fallen)\w*|"
                             r"\bplateau|\b(?:flat|stalled|unchanged)\s+for\b", _I)
_FOR_N_EPOCHS = re.compile(r"\b(?:for|after|within|over|in|during|across|throughout|gone|went)\s+(?P<p>\d{1,3}|" + _NUM_WORDS + r")\s+"
                           r"(?:consecutive\s+|successive\s+|subsequent\s+)?(?:epochs?|iterations|evaluations|rounds|passes|sweeps|checks)\b", _I)


def patience_in(text: str) -> Optional[int]:
    """The patience of an early-stopping rule: "patience of 10", "10 epochs without improvement",
    "did not improve for 5 consecutive epochs"."""
    m = _PATIENCE.search(text)
    if m:
        return to_int(m.group("p") or m.group("p2"))
    if _NO_IMPROVEMENT.search(text):
        m = _FOR_N_EPOCHS.search(text)
        if m:
            return to_int(m.group("p"))
    return None


def epochs_in(text: str) -> Optional[int]:
    for m in _MAX_EPOCHS.finditer(text):
        raw = m.group("e") or m.group("e2")
        after = text[m.end():m.end() + 40]
        if _EPOCH_PATIENCE_RIGHT.match(after) or re.match(r"^\W*(?:consecutive|successive)", after, _I):
            continue
        n = to_int(raw)
        if n and n != patience_in(text):
            return n
    return None


_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|while|whereas|but)\s+|,\s+(?=training\s+(?:was\s+)?(?:stopped|ended|halted|terminated))", _I)
_LR_SCHEDULE = re.compile(r"\b(?:learning[\s\-]rate|LR)\b", _I)


def _stop_clause(sentence: str, pos: int) -> str:
    """The clause of ``sentence`` around ``pos`` when another clause sets the learning-rate
    schedule ("the learning rate was halved when IoU stalled for five epochs, and training
    ended when it had not risen for fifteen"): its epochs are not the stop's patience."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence)] + [len(sentence)]
    if len(cuts) < 3:
        return sentence
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:])]
    own = next(((a, b) for a, b in pieces if a <= pos < b), None)
    if own is None or _LR_SCHEDULE.search(sentence[own[0]:own[1]]):
        return sentence
    if not any(_LR_SCHEDULE.search(sentence[a:b]) for a, b in pieces if (a, b) != own):
        return sentence
    return sentence[own[0]:own[1]]


@normalizer("stopping")
def stopping(mention: Mention) -> Values:
    """A stopping rule -> ``{criterion, patience, epochs, monitored}``.

    ``params.criterion``: early stopping | loss plateau | convergence | fixed epochs |
    maximum iterations | threshold; for fixed epochs and maximum iterations the count comes
    from the rule's ``epochs*`` groups (iterations and generations count too).
    ``params.own`` (true): the rule runs with context: false and this function checks the
    sentence is this work's own statement. ``params.group_criteria`` maps a regex group to
    the criterion its alternative states.
    """
    if _is_reference(mention):
        return None
    if mention.params.get("own") and not _own_statement(mention):
        return None
    criterion = mention.params.get("criterion", "early stopping")
    for group, named in (mention.params.get("group_criteria") or {}).items():
        if mention.groups.get(group):
            criterion = named  # one rule, several alternatives: the group that matched names the criterion
    text = _stop_clause(mention.sentence, mention.start)
    monitored = monitored_in(text)
    if criterion == "loss plateau" and (_HELD_OUT.search(text) or (monitored is None and _HELD_OUT.search(mention.sentence))):
        criterion = "early stopping"  # "stopped when the validation loss had not improved for 10 epochs"
    epochs = epochs_in(text)
    if criterion in ("fixed epochs", "maximum iterations"):
        raw = next((mention.groups[k] for k in sorted(mention.groups) if k.startswith("epochs") and mention.groups[k]), None)
        epochs = to_int(raw) if raw else epochs
        if not epochs:
            return None
    return [{"criterion": criterion, "patience": patience_in(text), "epochs": epochs,
             "monitored": monitored}]


# data held out from fitting: a stop on a score of these is early stopping
_HELD_OUT = re.compile(r"\b(?:validation|val|held-?out|hold-?out|development|dev|out-of-bag|OOB|set[\s\-]aside|checking|kept[\s\-]back)\b", re.I)
_PROGRESS_LEFT = re.compile(r"\b(?:after|within|by|at|until|till|before|than|first|last|every|each|only|around|"
                            r"about|approximately|nearly|almost|per)\s+(?:the\s+)?(?:\w+\s+)?$", _I)
_COUNT_LIST = re.compile(r"\d+\s*,\s*\d+\s*,?\s*(?:and|or)?\s*$|\b(?:after|at|before|by|until|to)\s+\d+\s+(?:and|or)\s*$|\bbetween\s+\d+\s+and\s*$|\d\s*(?:-|–|to)\s*$|\bepochs?\s+(?:of\s+)?\d+\s*(?:,|and|or)\s*$", _I)
_COUNT_LIST_RIGHT = re.compile(r"^[^,;]*?\d+\s*(?:epochs?\s*)?(?:,\s*\d+|\s+(?:and|or)\s+\d+)", _I)
_SCHEDULE_LEFT = re.compile(r"\blearning[\s\-]rate\b|\bwarm[\s\-]?up\b|\bdecay|\bannealing\b|\bcosine\b", _I)


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


@normalizer("stopping_from_setting")
def stopping_from_setting(mention: Mention) -> Values:
    """An epoch count written as a training setting -> ``{criterion: fixed epochs, epochs}``.

    The rule shares its regex with ``hyperparameters.epochs`` and this function starts from
    what :func:`hyperparameter` reads (so a patience "after 10 epochs without improvement"
    or a schedule "halved every 10 epochs" stays out). It then drops counts that tell how
    far training had got rather than how long it ran ("accuracy reached 0.9 after 20
    epochs", "within 15 epochs") and the length of a learning-rate phase ("a warm-up over
    the first five epochs", "the learning rate was kept constant for 30 epochs").
    """
    found = hyperparameter(mention)
    if not found:
        return None
    epochs = to_int(found[0]["value"])
    if not epochs:
        return None
    if _PROGRESS_LEFT.search(mention.left[-30:]):
        return None
    plain = _THOUSANDS.sub("", mention.text + mention.right[:20])  # "20,000 iterations" is one count
    if _COUNT_LIST.search(_THOUSANDS.sub("", mention.left[-25:])) or _COUNT_LIST_RIGHT.match(plain):
        return None  # "epochs of 300, 400 and 500": candidates compared, not the length of training
    clause = re.split(r"[;,]|\band\s+(?:then|was|were)\b", mention.left)[-1]
    if _SCHEDULE_LEFT.search(re.split(r"\d", clause[-45:])[-1]):  # (after the last number: "Learning rate 1e-4 Batch size 8 Epochs 80" is a table)
        return None  # "the learning rate was kept constant for 30 epochs"; not "a learning rate of 1e-5 and a batch of 8 for 400 epochs"
    text = mention.sentence
    return [{"criterion": "fixed epochs", "patience": patience_in(text), "epochs": epochs,
             "monitored": monitored_in(text)}]


# ============================================================================ regularization
_RATE_AFTER = re.compile(
    r"^\s*(?:\((?:rate|p)\s*=\s*(?P<v0>[\d.]+\s?%?)\)|(?:\s*(?:layers?|rates?|ratios?|probability|probabilities|of|was|were|is|"
    r"set|to|=|:|value|with|a|an|the|equal|at|coefficient|factor|strength|parameter|lambda|λ|epsilon|ε|alpha|α|regulari[sz]ation|"
    r"penalty|term|applied|used|rate\s+of|respectively|\(|,)\s*){0,6}(?P<v>" + NUM + r"\s?%?))", _I)
_RATE_BEFORE = re.compile(r"(?P<v>0?\.\d+|\d{1,2}\s?%)\s*(?:\w+\s+)?$", _I)


_TECHNIQUES = {"dropout", "L1", "L2", "weight decay", "batch normalization", "data augmentation", "label smoothing",
               "early stopping", "stochastic depth", "max-norm", "regularization", "gradient clipping"}
_OTHER_TECHNIQUES = (("label smoothing", "label smoothing"), ("smoothed", "label smoothing"), ("smoothing", "label smoothing"), ("stochastic depth", "stochastic depth"),
                     ("drop path", "stochastic depth"), ("droppath", "stochastic depth"), ("shakedrop", "stochastic depth"),
                     ("max norm", "max-norm"), ("gradient clipping", "gradient clipping"))


@normalizer("regularization")
def regularization(mention: Mention) -> Values:
    """A regularisation technique -> ``{technique, value}``.

    ``params.technique`` names it (dropout, L2, L1, weight decay, batch normalization, data
    augmentation, label smoothing, early stopping, stochastic depth, max-norm,
    regularization); the value (rate, coefficient) is read right after the match, or just
    before it for dropout ("0.5 dropout"). ``params.value`` false: no value is read.
    ``params.labels``: ``[regex, technique]`` pairs tried on the sentence, the first that
    matches names the technique ("to avoid overfitting, the trees were pruned" -> tree
    complexity limits); a ``null`` technique drops the mention (a remedy that is not
    regularisation, such as removing correlated predictors).
    """
    if _is_reference(mention):
        return None
    if mention.params.get("own") and not _own_statement(mention):
        return None
    technique = mention.params.get("technique") or " ".join(mention.text.split()).lower()
    for pattern, name in mention.params.get("labels") or []:
        if re.search(pattern, mention.sentence, _I):
            if name is None:
                return None
            technique = name
            break
    if technique == "weight penalty":
        xgb = mention.groups.get("xgb")  # XGBoost's reg_lambda (L2) and reg_alpha (L1)
        kind = (mention.groups.get("kind") or mention.groups.get("kind2") or
                ({"lambda": "L2", "alpha": "L1"}.get(xgb.lower()) if xgb else "") or "").upper()
        low = mention.text.lower()
        technique = kind or ("weight decay" if "decay" in low else "L1" if "lasso" in low else
                             "L2" if ("ridge" in low or "kernel_regularizer" in low or "weights" in low) else "elastic net")
    elif technique not in _TECHNIQUES:
        low = re.sub(r"[\s\-]+", " ", mention.text.lower())
        technique = next((name for key, name in _OTHER_TECHNIQUES if key in low), technique)
    value = None
    if mention.params.get("value", True):
        m = _RATE_AFTER.match(mention.right[:80])
        if m:
            value = tidy_number(m.group("v0") or m.group("v"))
        elif technique == "dropout":
            b = _RATE_BEFORE.search(mention.left[-20:])
            if b:
                value = tidy_number(b.group("v"))
        if value is not None and _is_zero(value):
            return None  # "a weight decay of 0" regularises nothing
        if value is not None and technique == "dropout":
            try:
                ok = value.endswith("%") or 0 < float(value) < 1
            except ValueError:
                ok = False
            value = value if ok else None
    return [{"technique": technique, "value": value}]


def _is_zero(value: str) -> bool:
    try:
        return float(value.rstrip("%")) == 0.0
    except ValueError:
        return False


# ============================================================================ monitoring
_MONITOR_TOOLS = {"tensorboard": "TensorBoard", "weightsbiases": "Weights & Biases", "weightsandbiases": "Weights & Biases",
                  "wandb": "Weights & Biases", "wb": "Weights & Biases", "mlflow": "MLflow", "neptuneai": "Neptune",
                  "cometml": "Comet", "clearml": "ClearML", "visdom": "Visdom", "csvlogger": "training log",
                  "modelcheckpoint": "checkpoint selection", "reducelronplateau": "learning-rate schedule on plateau",
                  "reducelearningrateonplateau": "learning-rate schedule on plateau",
                  "reducethelearningrateonplateau": "learning-rate schedule on plateau",
                  "earlystoppingcallback": "early stopping"}


@normalizer("monitoring")
def monitoring(mention: Mention) -> Values:
    """A way of watching training -> ``{method, metric}``; ``params.method`` names it and the
    metric comes from the sentence (validation loss, validation accuracy, mAP ...)."""
    if _is_reference(mention):
        return None
    if mention.params.get("own") and not _own_statement(mention):
        return None
    method = mention.params.get("method") or " ".join(mention.text.split())
    if mention.params.get("tool") or "plateau" in mention.text.lower():
        key = re.sub(r"[^a-z0-9]", "", (mention.groups.get("tool") or mention.text).lower())
        method = _MONITOR_TOOLS.get(key, method)
    metric = monitored_in(mention.sentence)
    if metric is None:
        m = re.search(r"\b(mAP(?:@?[\d.:]+)?|accuracy|F1[\s\-]score|IoU|loss|RMSE|AUC)\b", mention.sentence, _I)
        metric = m.group(1) if m else None
    return [{"method": method, "metric": metric}]


__all__ = ["architecture", "hyperparameter", "hyperparameter_columns", "hp_tuning", "optimizer", "stopping", "regularization",
           "monitoring", "tidy_number", "learning_rate_in", "momentum_in", "patience_in", "epochs_in",
           "monitored_in"]
