"""Normalisers for ``dataset_size``: how many samples, of what, in which split.

Value shape: ``{"count": int, "unit": str, "split": "total"|"train"|"validation"|"test"}``.

``unit`` is one of a small controlled vocabulary (:data:`UNITS`): "images", "frames",
"patches", "tiles", "recordings", "clips", "spectrograms", "videos", "sequences",
"samples", "instances", "annotations", "bounding boxes", "specimens", "point clouds",
"regions of interest", "files", "calls", "segments", "records", "scans",
"observations"; and, for audio and video data measured by their length (:func:`dataset_duration`),
"hours of audio", "minutes of audio", "hours of video", "minutes of video".

Three normalisers share the helpers here:

* ``dataset_count`` -- a count followed by a sample noun ("12,345 camera-trap images");
  the split comes from the words around it (:func:`split_near`). A count that ends a
  list ("6,107, 763 and 764 images") gives one value per listed count when the sentence
  names as many splits ("... for training, validation and testing").
* ``dataset_split_count`` -- a bare count tied to a split ("of which 2,000 were used for
  training", "a validation set of 200"); the unit is the nearest sample noun in the
  sentence.
* ``dataset_hyphen_count`` -- "a 2,400-image dataset".
* ``dataset_duration`` -- the length of an audio or video data set ("734 hours of audio",
  "90 minutes of video").
* ``dataset_split_table`` -- a table of split counts, read row by row ("Train 6107
  Validation 763 Test 764") or column by column ("Train Validation Test Total Number of
  images 6107 763 764 7634", as text extracted from a PDF often prints a table).

Percentage splits ("80/20", "70% for training") are not dataset sizes (that is the
``data_split`` field) and never produce a value here.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from . import Mention, Values, normalizer
from .quantities import parse_count

SPLITS = ("total", "train", "validation", "test")
MIN_TRAINING_COUNT = 10  # a total or training set smaller than this is not a data set size
MAX_COUNT = 10_000_000_000

# head noun (lower case, spaces collapsed) -> unit
_HEADS: Dict[str, str] = {
    "images": "images", "photos": "images", "photographs": "images", "pictures": "images", "radiographs": "images",
    "pixels": "pixels", "polygons": "polygons",
    "frames": "frames", "patches": "patches", "chips": "patches", "crops": "patches",
    "image blocks": "patches", "windows": "patches", "tiles": "tiles", "recordings": "recordings",
    "clips": "clips", "spectrograms": "spectrograms", "sonograms": "spectrograms",
    "videos": "videos", "sequences": "sequences", "samples": "samples",
    "examples": "samples", "data points": "samples", "instances": "instances",
    "annotations": "annotations", "bounding boxes": "bounding boxes",
    "boxes": "bounding boxes", "specimens": "specimens", "point clouds": "point clouds",
    "rois": "regions of interest", "regions of interest": "regions of interest",
    "files": "files", "calls": "calls", "vocalizations": "calls", "vocalisations": "calls",
    "segments": "segments", "snippets": "segments", "records": "records",
    "scans": "scans", "observations": "observations", "objects": "annotations",
    "points": "points", "sheets": "specimens",
}
# the length of an audio or video data set: "734 hours of audio", "90 minutes of video"
DURATION_UNITS = ("hours of audio", "minutes of audio", "hours of video", "minutes of video")
UNITS = tuple(sorted(set(_HEADS.values()) | set(DURATION_UNITS)))
# heads that only count as samples with a qualifying word before them
_NEEDS_QUALIFIER = {
    "crops": re.compile(r"\b(?:image|random|center|centre|cropped|square|object|animal|bird|face|tight|resized|patch|spectrogram|"
                        r"sonogram|mel|audio|thumbnail|"
                        r"insect|moth|fish|plankton|specimen|detection|detected|labell?ed|annotated|expert|train|val|test|"
                        r"\d{2,}\s+(?:species|taxa|classes)|\d+\s*[x\u00d7]\s*\d+)\w*\b", re.I),
    "objects": re.compile(r"\b(?:annotated|labell?ed|tagged|marked|manually|training|validation|test)\b", re.I),
    # "24,310 pixels were sampled", "1,846 reference polygons": labelled units of a map's data
    "pixels": re.compile(r"\b(?:reference|training|labell?ed|annotated|sampled|ground[\s\-]?truth|validation|test|"
                         r"digiti[sz]ed|manually|selected|drawn)\b", re.I),
    "polygons": re.compile(r"\b(?:reference|training|labell?ed|annotated|ground[\s\-]?truth|validation|test|digiti[sz]ed|"
                           r"manually|drawn|delineated)\b", re.I),
    "boxes": re.compile(r"\b(?:bounding|annotated|labell?ed|ground[- ]truth)\b", re.I),
    "files": re.compile(r"\b(?:audio|sound|acoustic|wav|flac|mp3|image|jpe?g|png|tiff?|video|raster|recording)\b", re.I),
    "calls": re.compile(r"\b(?:bird|bat|frog|whale|call|vocal|annotated|labell?ed|echolocation|alarm|song|species|anuran|insect)\w*\b", re.I),
    "records": re.compile(r"\b(?:occurrence|presence|observation|audio|sound|acoustic|labell?ed|annotated|training|species|GBIF|sighting)\w*\b", re.I),
    "scans": re.compile(r"\b(?:lidar|ct|mri|tls|laser|3d|micro-?ct|leaf|herbarium|specimen)\w*\b", re.I),
    "segments": re.compile(r"\b(?:audio|sound|acoustic|recording|video|labell?ed|annotated|training|test|validation|second|s)\b|\d", re.I),
    # "6,412 reference points", "612 presence points": the samples of a map or a distribution model
    "points": re.compile(r"\b(?:reference|presence|occurrence|background|absence|pseudo-?absence|training|validation|test|"
                         r"sample|sampling|ground[\s\-]?truth|labell?ed|annotated|GPS|field|survey|random|calibration|"
                         r"checked|verified|control)\b", re.I),
    # "10,287 digitised sheets": herbarium specimens as mounted and imaged
    "sheets": re.compile(r"\b(?:herbarium|digiti[sz]ed|scanned|imaged|specimen|mounted|voucher)\b", re.I),
    "sequences": re.compile(r"\b(?:e?dna|rna|protein|amino|barcode|image|camera|video|trap|flight|drone|uav|thermal|infrared|training|test|validation|labell?ed|annotated|capture|gene|coi|its|16s|18s|its2)\w*\b", re.I),
}
# generic heads refined by a medium word before them ("image samples" -> images)
_GENERIC = {"samples", "instances", "files", "data points", "examples"}
_MEDIUM = (
    (re.compile(r"\bspectrograms?\b|\bsonograms?\b", re.I), "spectrograms"),
    (re.compile(r"\b(?:images?|photos?|photographs?|pictures?|jpe?g|png|tiff?)\b", re.I), "images"),
    (re.compile(r"\bvideos?\b", re.I), "videos"),
    (re.compile(r"\b(?:audio|sound|acoustic|wav|recordings?)\b", re.I), "recordings"),
)

# --- split words -------------------------------------------------------------------------
_TRAIN = r"train|training|trained|fine-?\s?tun(?:e|ed|ing)|fitting"
_VAL = r"validation|validating|validate|validated|val|development|dev"
_TEST = r"test|testing|tested|evaluation|evaluating|evaluate|evaluated|held-?out|hold-?out|holdout|inference|unseen"
_SPLIT_WORD = re.compile(rf"\b(?:(?P<train>{_TRAIN})|(?P<validation>{_VAL})|(?P<test>{_TEST}))\b", re.I)
_SET_NOUN = r"(?:sets?|subsets?|data\s*sets?|data|splits?|partitions?|samples?|groups?|folds?|portions?|parts?|images?|pool|collection|material)"
_LINK_VERB = (
    r"(?:of|with|from|:|=|contain(?:s|ed|ing)?|compris(?:es|ed|ing)|consist(?:s|ed|ing)\s+of|"
    r"includ(?:es|ed|ing)|had|has|have|was|were|is|are|totall?(?:ed|ing)|numbered|made\s+up\s+of|"
    r"composed\s+(?:of|by)|formed\s+by|constituted\s+by|amounted\s+to|counted|held|holds|hold|used|uses|employed|drew\s+on|relied\s+on|"
    # (not a plural noun: "the data from the two training sites comprises 1,840 tiles" is the whole set)
    r"(?!(?:whereas|was|has|as|its|this|thus|plus|always|besides|perhaps|respectively|has|sites|plots|areas|regions|"
    r"locations|stations|cameras|years|seasons|individuals|animals|species|reserves|colonies|rivers|lakes|fields|"
    r"traps|recorders|transects)\b)[a-z]{3,}(?:ed|s))"
)
_APPROX = r"(?:same|entire|whole|full|complete|approximately|approx\.?|about|around|roughly|nearly|almost|over|more\s+than|>|~|\u2248|\u223c|a\s+total\s+of|in\s+total|total(?:\s+of)?|only|just|some|another|further|an?\s+additional|the\s+remaining|remaining|all|randomly\s+selected|the|a|an|(?:a\s+)?(?:random\s+)?(?:sub)?set\s+of)"
# a share given before a split's count in one bracket: "training (80%, 2,571 images)"
_PERCENT_FIRST = r"(?:\d{1,2}(?:\.\d+)?\s*%\s*[,;]\s*)?"
_OPEN_BRACKET_COUNT = re.compile(r"\(\s*" + _PERCENT_FIRST + r"(?:n\s*=\s*)?$")
# "... the training set of", "validation data (", "test set contained approximately"
_LEFT_SET = re.compile(
    rf"\b(?:(?P<train>{_TRAIN})|(?P<validation>{_VAL})|(?P<test>{_TEST}))\s*(?P<noun>{_SET_NOUN})?\s*"
    rf"(?:\([^()]{{0,40}}\)\s*)?"
    # an aside between commas: "the test partition, held back until the very end, consisted of 1,187 clips"
    # (an aside that names a split itself is another clause: "this training data, we also built a test set ..., composed of")
    rf"(?:(?<=[a-z])\s*,\s*(?!(?:which|that|and|or|but)\b)(?![^,;()\d]*\b(?:{_TRAIN}|{_VAL}|{_TEST})\b)[^,;()\d]{{3,80}},\s*(?=(?:{_LINK_VERB})))?"
    rf"(?:(?:thus|then|therefore|hence|now|finally|also|together)\s+)?"  # "the training set thus holds 742 tiles"
    rf"(?:,\s*(?:(?:which|that)\s+)?(?P<clink>(?:{_LINK_VERB}\s*){{1,3}})|(?:(?:which|that)\s+)?(?P<link>(?:{_LINK_VERB}\s*){{1,3}})?)"
    rf"\(?\s*{_PERCENT_FIRST}(?:n\s*=\s*)?(?:{_APPROX}\s+)*$",  # "training (80%, 2,571 images)"
    re.I,
)
# "we trained the model on", "models were tested using", "fine-tuned with"
_LEFT_VERB = re.compile(
    rf"\b(?:(?P<train>trained|train|training|fine-?\s?tun(?:ed|ing|e)|learn(?:ed|t)(?=\s+from)|fitted|fit(?=\s+(?:on|to)\b))|"
    rf"(?P<validation>validated|validate|validating)|"
    rf"(?P<test>tested|test|testing|evaluated|evaluate|evaluating|scored(?=\s+(?:on|against)\b)))"
    rf"(?:\s+[\w-]+){{0,4}}?\s+(?:on|with|using|upon|against|from|to)\s+(?:{_APPROX}\s+)*$",
    re.I,
)
_LEFT_VERB_FAR = re.compile(
    rf"\b(?:we|I)\s+(?:first\s+|then\s+)?(?:trained|fine-?\s?tuned)\b(?P<between>[^;.]{{0,200}}?)[,\s]\s*(?:using|with|on)\s+"
    rf"(?:{_APPROX}\s+)*$",
    re.I,
)
_BE = r"(?:(?:were|was|are|is|have\s+been|had\s+been|has\s+been|will\s+be|being)\s+)?"
_USE_VERB = (
    r"(?:(?:randomly\s+|then\s+|further\s+|also\s+|subsequently\s+|finally\s+|manually\s+)*"
    r"(?:used|selected|kept|reserved|retained|set\s+aside|allocated|assigned|held\s+out|taken|"
    r"chosen|employed|utili[sz]ed|included|extracted|sampled|put|placed|split|divided|"
    r"partitioned|separated|allotted|dedicated|considered|left|withheld|designated|annotated|"
    r"labell?ed|gathered|collected|went|go|goes|sent|served|serve|serves)\s+(?:(?:from|out\s+of)\s+[^,;]{0,60}?\s+)?)?"
)
# "... were used for training", "as the test set", "to validate the model", "for model training"
# "... form the training subset" (also after a closing bracket: "45 stations (26,884 pictures) form ...")
_RIGHT_USE = re.compile(
    rf"^\s*\)?\s*(?:\([^()]{{0,60}}\)\s*)?,?\s*"
    # "50 000 observations from 2021 served as the test set": where the samples came from
    rf"(?:(?:from|of|in|at|during)\s+(?:the\s+)?(?!which\b|whom\b)(?:\d{{4}}|[\w\-]+)\s+(?:(?!\d)[\w\-]+\s+)?(?=(?:were|was|are|is|served|went|formed|made)\b))?"
    rf"{_BE}(?:{_USE_VERB}"
    rf"(?:for|as|in|to|into|during)\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:model(?:'s)?\s+|network\s+|cnn\s+|classifier\s+)?"
    rf"(?:(?:independent|final|separate|external|temporal|spatial|temporally\s+independent|spatially\s+independent)\s+)?"
    rf"|(?:form|forms|formed|make\s+up|makes\s+up|made\s+up|constitute[sd]?)\s+(?:the\s+|a\s+|an\s+)?"
    rf"(?:independent\s+|final\s+|separate\s+)?)"
    rf"(?:(?P<train>{_TRAIN})|(?P<validation>{_VAL})|(?P<test>{_TEST}))\b"
    rf"(?P<more>\s*(?:,|/|&|\band\b|\bor\b)\s*(?:the\s+)?(?:{_TRAIN}|{_VAL}|{_TEST})\b)?",
    re.I,
)

# --- vetoes -------------------------------------------------------------------------------
_PER_THING = (
    r"(?:class(?:es)?|species|categor(?:y|ies)|individuals?|sites?|cameras?|camera\s+traps?|"
    r"locations?|plots?|stations?|animals?|tax(?:on|a)|genus|genera|famil(?:y|ies)|labels?|"
    r"images?|videos?|recordings?|files?|days?|nights?|hours?|minutes?|seconds?|months?|"
    r"years?|batch(?:es)?|mini-?batch(?:es)?|epochs?|iterations?|folds?|groups?|persons?|"
    r"participants?|trees?|users?|events?|sequences?|clips?|sessions?|surveys?|transects?|"
    r"sensors?|devices?|gpus?|patches|tiles?|crops?|fields?|regions?|areas?|points?|"
    r"visits?|deployments?|recorders?|nests?|colon(?:y|ies)|specimens?|leaf|leaves|plants?|"
    r"query|queries|task|tasks|way|episode|episodes|subject|subjects|object|objects|type|types|"
    r"hauls?|trips?|dives?|flights?|cruises?|ponds?|lakes?|rivers?|reaches|reach|vessels?|boats?|"
    r"traps?|quadrats?|receivers?)"
)
_PER_RIGHT = re.compile(
    # (words between, but no other count: "56 min of video recorded at 25 frames per second"
    # is a frame rate, not a length per second)
    rf"^\s*(?:\([^()]{{0,40}}\)\s*)?(?:(?!\d)[\w-]+\s+){{0,6}}?(?:per|for\s+each|from\s+each|of\s+each|"
    rf"in\s+each|at\s+each|each|every|for\s+every)\s+(?:[\w-]+\s+){{0,3}}{_PER_THING}\b"
    # "1,200 images a night", "40 recordings a site": "a" right after the noun ("3,588 clips
    # ... were kept as an independent test site" is no rate)
    rf"|^\s*(?:\([^()]{{0,40}}\)\s*)?(?:(?!\d)[\w-]+\s+)?(?:a|an)\s+(?:[\w-]+\s+)?{_PER_THING}\b"
    rf"|^\s*/\s*{_PER_THING}\b|^\s*(?:per|each|apiece)\b"
    rf"|^\s*(?:\([^()]{{0,40}}\)\s*)?(?:[\w-]+\s+){{0,3}}?per\s+(?!cent\b)[\w-]+",
    re.I,
)
_PER_LEFT = re.compile(
    # ("70% of the polygons of each class went to the training set (17,017 pixels)": a set
    # named after "each class" owns the count)
    rf"\b(?:per|each|every|for\s+each|for\s+every)\s+(?:of\s+(?:the\s+|our\s+|these\s+)?(?:\d+\s+)?)?(?:[\w-]+\s+){{0,3}}{_PER_THING}\b"
    rf"(?:(?!\b(?:training|validation|test|testing|calibration|evaluation)\s+(?:sets?|subsets?|splits?|partitions?)\b"
    rf"|,\s*(?:with|of\s+which|whereas|while)\b)[^.;])*$"
    rf"|\b(?:on\s+average|an\s+average\s+of|average\s+of|averaging|a\s+mean\s+of|mean\s+of|median\s+of|"
    rf"up\s+to|at\s+most|at\s+least|a\s+minimum\s+of|fewer\s+than|less\s+than|maximum\s+of|minimum\s+of|max(?:imum)?\.?|min(?:imum)?\.?|ranging\s+from|"
    rf"range\s+of)\s*(?:[\w-]+\s+){{0,2}}$",
    re.I,
)
# "58,200 frames at one frame per second": the rate the samples were taken at, not a count per thing
_SAMPLING_RATE = re.compile(r"^\s*(?:extracted\s+|sampled\s+|taken\s+|grabbed\s+)?at\s+(?:a\s+rate\s+of\s+)?(?:one|two|five|ten|\d+(?:\.\d+)?)\s*"
                            r"(?:frames?|images?|fps|Hz)\b(?:\s+per\s+(?:second|minute|s)\b)?(?![^,;]*\bper\s+(?:site|class|species|camera|video|clip))", re.I)
_FRAME_RATE = re.compile(r"\b(?:one|two|five|ten|\d+(?:\.\d+)?)\s*(?:frames?|images?)\s+(?:per|a|each)\s+(?:second|minute|s)\b|\b\d+\s*fps\b", re.I)
_EACH_OF_LEFT = re.compile(rf"^\W*(?:each|every|any)\s+of\s+(?:the\s+|our\s+|these\s+|its\s+)?(?:\d+\s+|\w+\s+)?"
                           rf"(?:[\w-]+\s+){{0,2}}?{_PER_THING}\b[^.;,]*$", re.I)
# signal-processing lengths: "a window of 512 samples", "hop length = 256 samples"
_SIGNAL_LEFT = re.compile(
    r"\b(?:window|overlap|overlapping|hop|fft|stride|kernel|step|shift|lag|delay|length|offset|padding|"
    r"context|receptive\s+field)(?:\s+(?:size|length|width)|\s+(?:has|had|with|of)\s+(?:a\s+)?(?:size|length|width))?"
    r"\s*(?:of|=|:|was|is|were|by)?\s*(?:about\s+)?$|"
    # "each 1 s window (16,000 samples)": the length of one piece in signal samples
    r"\b\d+(?:\.\d+)?\s*-?\s*(?:s|ms|sec|secs|seconds?|min)\s+(?:[\w\-]+\s+)?(?:windows?|clips?|segments?|frames?|chunks?|"
    r"excerpts?|snippets?)\s*\(\s*$",
    re.I,
)
# descriptions of an external archive as it stands: "the archive currently hosts 2 million recordings"
_RESOURCE_STATE = re.compile(r"\b(?:currently|to\s+date|as\s+of|at\s+present|presently|in\s+the\s+year)\b", re.I)
# one item made of several: "each image was divided into 16 patches"
_COMPOSITION = re.compile(
    r"\b(?:each|every|an?|one|single|per)\s+(?:[\w-]+\s+)?(?:image|photo|photograph|recording|video|clip|"
    r"file|scene|tile|frame|spectrogram|orthomosaic|mosaic|sample|sequence|trigger|event)\s+"
    r"(?:was|is|were|are|has|had|contain\w*|yield\w*|produc\w*|generat\w*|divided|split|cut|gave|"
    r"results?|consist\w*|compris\w*)\b",
    re.I,
)
# an external archive described: "the GBIF database contains over 2300 videos", "hosting 700,000 recordings"
_ARCHIVE = re.compile(
    r"\b(?:database|archive|repository|platform|portal|website|web\s?site|library|initiative)s?\b[^;]{0,40}?"
    r"\b(?:contains|hosts|holds|has|includes|offers|provides|stores|comprises|houses|lists)\b"
    r"|\bhost(?:s|ing)\b|\bhome\s+to\b|\bhous(?:es|ed|ing)\b"
    r"|\b(?:its|their)\s+(?:\w+\s+)?collections?\b",
    re.I,
)
# experiments on the amount of data: "when 50 samples were used", "until the training set reached 200 images"
_AMOUNT_EXPERIMENT = re.compile(
    # ("recorded just under 212 thousand images" is an approximate total, not a bound)
    r"\b(?:when|whenever|until|once|reached|reaches|reach|exceed\w*|below|(?<!just\s)(?<!slightly\s)under)\s+(?:only\s+|just\s+|the\s+)?$", re.I
)
# what a device or medium can take, not what was collected: "each SD card can hold about 10,000 images"
_CAPACITY_LEFT = re.compile(
    r"\b(?:(?:can|could|may|might|will|would)\s+(?:\w+\s+)?(?:hold|store|fit|accommodate|take|keep|save)|"
    r"capacity\s+(?:of|for)|room\s+for|enough\s+(?:space|storage|memory)\s+for)\s+"
    r"(?:up\s+to\s+|about\s+|around\s+|approximately\s+|roughly\s+|over\s+|more\s+than\s+|nearly\s+|some\s+)?$", re.I)
_BATCH_LEFT = re.compile(r"\b(?:mini-?)?batch(?:es|[\s_-]?size)?\b[^.;]{0,40}$", re.I)
_DIMENSION = re.compile(r"[\u00d7x\*]\s*$", re.I)
_DIMENSION_RIGHT = re.compile(r"^\s*[\u00d7\*]\s*\d|^\s*x\s*\d", re.I)
_FIGURE_LEFT = re.compile(
    # (not "after these steps 3,012 samples remained": a determiner makes "steps" the end of a phrase)
    r"\b(?:fig(?:ure)?s?|tables?|sections?|sect|eqs?|equations?|appendix|supplementa\w*|chapter|step|"
    r"(?<!these\s)(?<!those\s)(?<!the\s)(?<!all\s)(?<!both\s)(?<!such\s)(?<!two\s)(?<!three\s)steps|row|column|panel)\.?\s*$",
    re.I,
)
_SHOWING = re.compile(
    r"\b(?:show(?:s|n|ing)?|illustrat\w*|depict\w*|display\w*|visuali[sz]\w*|examples?|exemplar\w*|"
    r"sample\s+of|instance\s+of|such\s+as|e\.\s?g\.|for\s+instance|"
    # "the 48 photographs in Figure 2 are reproduced with permission": what a figure shows
    r"in\s+(?:Fig(?:ure)?s?\.?|Plate|Panel)(?=\s*S?\d|\s*$)|reproduced|reprinted|with\s+(?:the\s+)?(?:kind\s+)?permission)\b",
    re.I,
)
# a subset drawn for a figure or an embedding plot, not the data the model saw
_FOR_DISPLAY = re.compile(
    r"\b(?:for|to\s+(?:draw|make|build|plot|generate|create))\s+(?:the\s+|a\s+|an\s+|each\s+)?(?:\w+\s+)?"
    r"(?:UMAP|t-?SNE|PCA\s+(?:plot|projection|visuali[sz]ation)|embedding\s+(?:plot|visuali[sz]ation)|visuali[sz]ation|"
    r"plot(?:ting)?|figure|illustration|display)s?\b",
    re.I,
)
_YEAR_LEFT = re.compile(
    r"\b(?:in|since|during|from|until|till|to|before|after|between|and|of|the|year|years|by|"
    r"summer|winter|spring|autumn|fall|season|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"\s*[,(]?\s*$",
    re.I,
)
# pre-training corpora: their sizes are not this paper's data ("ImageNet, with 1.2 million images")
_PRETRAIN_CORPUS = re.compile(
    r"\b(?:image-?net(?:-?\d+\s?k)?|ms[- ]?coco|coco|audioset|jft(?:-\d+m)?|open\s?images|places-?365|"
    r"laion(?:-\d+[bm])?|kinetics(?:-\d+)?|pascal\s?voc)\b",
    re.I,
)
# words that hand over from the pre-training corpus to this paper's data
_HANDOVER = re.compile(
    r"\b(?:fine-?tun\w*|re-?train\w*|then|subsequently|afterwards|transferr?\w*|adapted|our|own|we)\b", re.I
)
_PRETRAIN_LEFT = re.compile(r"\bpre-?trained\b(?:\s+[\w-]+){0,4}\s+(?:on|with|using)\s+(?:[\w~]+\s+){0,2}$", re.I)
# a noun phrase composed of counted things: "clips of 16 frames", "bursts of 5 images"
_COMPOSED_OF = re.compile(
    r"\b(?:bursts?|stacks?|windows?|chunks?|batch(?:es)?|sequences?|clips?|videos?|segments?|"
    r"series|tiles?|patches|groups?|sets?\s+of\s+consecutive|mosaics?|sessions?|events?|"
    r"capture\s+events?|triggers?)\s+(?:of|with|containing|comprising|consisting\s+of)\s+(?:up\s+to\s+|about\s+)?$",
    re.I,
)
_SIGNAL_RIGHT = re.compile(r"^\s*(?:of|in|per)\s+(?:the|each|every|a|one)\s+(?:FFT|STFT|window|frame|hop|kernel|filter)\b", re.I)
_PERCENT_RIGHT = re.compile(r"^\s*(?:%|percent\b|per\s*cent\b|pct\b|‰)", re.I)
_MOD_STOP = {
    "the", "a", "an", "of", "per", "from", "in", "on", "at", "by", "with", "for", "to", "than",
    "was", "were", "is", "are", "be", "been", "have", "has", "had", "which", "that", "these",
    "those", "this", "their", "our", "its", "his", "her", "each", "every", "we", "they", "it",
    "more", "less", "fewer", "percent", "pixel", "pixels", "px", "times", "fps", "m", "cm",
    "mm", "km", "nm", "um", "µm", "bit", "bits", "band", "bands", "channel", "channels",
    "megapixel", "megapixels", "mp", "dpi", "s", "sec", "secs", "ms", "min", "mins", "h", "hr",
    "hrs", "hz", "khz", "db", "second", "seconds", "minute", "minutes", "hour", "hours", "day",
    "days", "week", "weeks", "month", "months", "year", "years", "or", "but", "not", "no",
    "only", "some", "such", "as", "layer", "layers", "fold", "k-fold", "gb", "mb", "tb", "kb",
    "x", "by", "into", "per-class", "resolution", "meter", "meters", "metre", "metres", "ha",
    "hectares", "km2", "m2", "degrees", "dimension", "dimensional", "d", "epochs", "epoch",
}
# plural-looking modifiers that are fine before a sample noun
_MOD_PLURAL_OK = {
    "uavs", "rgb", "ct", "gis", "cross-species", "multi-species", "mass", "grass", "various",
    "bioacoustics", "previous", "numerous", "autonomous", "ms", "aerial", "lidar", "wildlife",
    "landsat", "sentinel", "planetscope", "this", "plus", "focus", "bus", "citizens",
}
_CLAUSE_CUT = re.compile(r"[;.!?](?:\s|$)|\d")
_COUNT_RE = (
    r"(?<![\w.,/\-])(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:\.\d+)?)"
    r"(?:\s?(?:thousand|million|billion)\b|\s?(?-i:[kKM])(?![\w\-]))?"
)
_HEAD_ALT = (
    r"images|photos|photographs|pictures|frames|patches|tiles|chips|crops|windows|image\s+blocks|"
    r"recordings|clips|spectrograms|sonograms|videos|sequences|samples|instances|annotations|"
    r"bounding\s+boxes|boxes|specimens|point\s+clouds|rois|regions\s+of\s+interest|files|calls|"
    r"vocali[sz]ations|segments|snippets|records|scans|examples|observations|data\s+points|points|sheets|objects|pixels|polygons|radiographs"
)
_LIST_BEFORE = re.compile(
    rf"((?:{_COUNT_RE}\s*(?:\([^()]{{0,20}}\)\s*)?,\s*)*{_COUNT_RE}\s*(?:\([^()]{{0,20}}\)\s*)?,?\s*(?:and|&|or)\s*)$",
    re.I,
)
_LIST_AFTER = re.compile(
    rf"^\s*(?:,\s*(?:and\s+|&\s+)?{_COUNT_RE}\s*)*,?\s*(?:and|&)\s*{_COUNT_RE}\s+(?:[A-Za-z][\w-]*\s+){{0,4}}?"
    rf"(?:{_HEAD_ALT})(?![\w\-])|^\s*,\s*{_COUNT_RE}\s*(?:,|and|&)",
    re.I,
)
_NUMBER_LIST_AFTER = re.compile(
    rf"^(?:\s*,\s*{_COUNT_RE})*\s*,?\s*(?:and|&)\s*{_COUNT_RE}(?!\s*(?:%|percent))", re.I
)
_UNIT_ANYWHERE = re.compile(
    rf"(?<![\w\-])(?P<mods>(?:[A-Za-z][\w\-]*\s+){{0,2}}?)(?P<head>{_HEAD_ALT})(?![\w\-])", re.I
)
_NOUN_NEXT = re.compile(rf"^\s*(?:[A-Za-z][\w\-]*\s+){{0,4}}?(?:{_HEAD_ALT})(?![\w\-])", re.I)


def _drawn_points(key: str, mods: str) -> bool:
    """Background or pseudo-absence points: drawn by a distribution model, not observed samples."""
    return key == "points" and bool(re.search(r"background|absence", mods, re.I))


def canonical_unit(head: str, mods: str = "") -> Optional[str]:
    """The unit for a sample noun and the words before it, or None if they do not name samples.

    >>> canonical_unit("samples", "audio"), canonical_unit("photographs")
    ('recordings', 'images')
    """
    key = " ".join(head.lower().split())
    unit = _HEADS.get(key)
    if unit is None:
        return None
    qualifier = _NEEDS_QUALIFIER.get(key)
    if qualifier is not None and not qualifier.search(mods):
        return None
    if _drawn_points(key, mods):
        return None
    if key in _GENERIC or key == "segments":
        for pattern, medium in _MEDIUM:
            if pattern.search(mods):
                if key == "segments" and medium != "images":
                    return "segments" if medium != "spectrograms" else "spectrograms"
                return medium
    if key == "clips" and re.search(r"\bvideos?\b", mods, re.I):
        return "videos"
    if key == "frames" and re.search(r"\b(?:images?)\b", mods, re.I):
        return "frames"
    return unit


def _split_of(match: "re.Match[str]") -> Optional[str]:
    for name in ("train", "validation", "test"):
        if match.group(name):
            return name
    return None


def _left_clause(left: str, limit: int = 90) -> str:
    """The end of ``left``, cut after the last sentence stop or digit."""
    text = left[-limit:]
    cut = 0
    for m in _CLAUSE_CUT.finditer(text):
        cut = m.end()
    return text[cut:]


def _right_clause(right: str, limit: int = 90) -> str:
    """The start of ``right``, cut before the next sentence stop or digit."""
    text = right[:limit]
    m = _CLAUSE_CUT.search(text)
    return text[: m.start()] if m else text


def split_words_in(text: str) -> List[str]:
    """Splits named in ``text`` in order, with repeats of the same split merged."""
    out: List[str] = []
    for m in _SPLIT_WORD.finditer(text):
        split = _split_of(m)
        if split and (not out or out[-1] != split):
            out.append(split)
    return out


# a split's bare label at the start of a cell, clause or bracket, right before its count
_LABEL_LEFT = re.compile(
    r"(?:^|[|;:,(]|\band\b)\s*(?:the\s+)?(?:(?P<train>train|training)|(?P<validation>val|validation|dev|development)|"
    r"(?P<test>test|testing|held-?out|hold-?out))(?:\s+(?:set|subset|split|partition))?\s*[:=,]?\s*$", re.I)


def _left_set_split(m: "re.Match[str]", left: str) -> Optional[str]:
    before = left[: len(left) - len(left[-120:]) + m.start()]
    if re.search(rf"\b(?:{_TRAIN}|{_VAL}|{_TEST})\s*(?:,|/|&|\band\b|\bor\b)\s*(?:the\s+)?$", before[-40:], re.I):
        return None  # "the training and test sets contain 9,000 images"
    return _split_of(m)


def split_near(sentence: str, start: int, end: int, mods: str = "") -> Optional[str]:
    """The split a count at ``sentence[start:end]`` belongs to, from the words around it.

    ``mods`` are words between the count and its noun ("training" in "2,000 training
    images"). Returns "train", "validation", "test" or "total" (nothing says otherwise),
    or None when the count is said to cover several splits together ("12,000 training
    and validation images") -- neither a total nor one split.

    >>> s = "Of these, 2,000 images were used for training."
    >>> split_near(s, s.index("2,000"), s.index(" were"))
    'train'
    >>> s = "The validation set, drawn from the last season, held 640 images."
    >>> split_near(s, s.index("640"), s.index(" images"))
    'validation'
    >>> s = "Beside this training data, we also built a test set for evaluation, composed of 900 photos."
    >>> split_near(s, s.index("900"), s.index(" photos"))
    'test'
    """
    left = sentence[:start]
    right = sentence[end:]
    # 1. words inside the noun phrase: "2,000 training images"
    named = split_words_in(mods)
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        return None
    # 2. a split's label right before, as a table row or a terse note writes it:
    # "train 6,480 clips | val 810 clips", "test: 812 clips", "(validation 400 images)"
    m = _LABEL_LEFT.search(left[-40:])
    if m:
        return _split_of(m)
    # 3. a split set right before: "the validation set (13%), consisting of"
    m = _LEFT_SET.search(left[-120:])
    if m and m.group("noun"):
        return _left_set_split(m, left)
    if m and _OPEN_BRACKET_COUNT.search(left):
        r = _RIGHT_USE.match(right)
        if r and not r.group("more"):
            return _split_of(r)  # "two flights from sites not used for training (954 tiles) for testing"
        return _left_set_split(m, left)  # "divided into training (80%, 2,571 images) and test (...)"
    # 4. a use right after: "... were used for training", "as the test set"
    r = _RIGHT_USE.match(right)
    if r:
        if r.group("more") or _BRACKETED_SPLIT_LIST.match(right[r.end():]):
            # "used for training and testing", "split into training (3,650), validation (782)
            # and test (782) subsets": the count covers all of them
            return "total"
        return _split_of(r)
    # 5. a split word and a verb right before: "training comprised", "tested on"
    if m and (m.group("link") or m.group("clink")):
        return _left_set_split(m, left)
    m = _LEFT_VERB.search(left[-120:])
    if m:
        if len(split_words_in(m.group(0))) > 1:
            return "total"  # "trained and tested on 8,800 images"
        return _split_of(m)
    m = _LEFT_VERB_FAR.search(left[-260:])
    if m and not split_words_in(m.group("between")):
        # "We trained an embedding network with a margin loss on a B3 backbone, using 8,630
        # photographs": the training verb further back, no other split word in between
        return "train"
    # 6. looser: a split word in the same clause, in a use phrase
    rclause = _right_clause(right)
    m = re.search(
        rf"\b(?:for|as|to|in|into)\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:model\s+|network\s+)?"
        rf"(?:(?:independent|separate|final|external|spatially\s+independent)\s+)?"
        rf"(?:(?P<train>{_TRAIN})|(?P<validation>{_VAL})|(?P<test>{_TEST}))\b",
        rclause, re.I,
    )
    if m and not re.search(r"\b(?:which|that|where|whereas|while|but)\b", rclause[: m.start()], re.I):
        after = rclause[m.end():]
        if re.match(rf"\s*(?:,|/|&|\band\b|\bor\b)\s*(?:the\s+)?(?:{_TRAIN}|{_VAL}|{_TEST})\b", after, re.I) \
                or _BRACKETED_SPLIT_LIST.match(right[m.end():]):
            return "total"  # "used for training and testing": all the data
        return _split_of(m)
    return "total"


# after a split word: its own bracketed count, then another split ("(3,650), validation")
_BRACKETED_SPLIT_LIST = re.compile(
    rf"\s*(?:\w+\s+)?\(\s*(?:n\s*=\s*)?\d[\d,]*\s*(?:[a-z]+\s*)?\)\s*,?\s*(?:and\s+)?(?:the\s+)?(?:{_TRAIN}|{_VAL}|{_TEST})\b", re.I)


def _veto(sentence: str, start: int, end: int, count: int, mods: str,
          noun_end: Optional[int] = None) -> bool:
    """True when the count is not a data set size (per class, batch, dimension, year ...).

    ``start:end`` is the count; ``noun_end`` the end of its noun, when it has one.
    """
    left = sentence[:start]
    right = sentence[end:]
    after_noun = sentence[noun_end:] if noun_end is not None else right
    lclause = _left_clause(left)
    if _DIMENSION.search(left[-4:]) or _DIMENSION_RIGHT.match(right):
        return True
    if _FIGURE_LEFT.search(left[-14:]):
        return True
    if (_PER_RIGHT.match(right) or _PER_RIGHT.match(after_noun) or _PER_LEFT.search(_FRAME_RATE.sub(" ", lclause))) \
            and not _SAMPLING_RATE.match(after_noun):
        return True
    if _EACH_OF_LEFT.match(left):
        return True  # "each of the 12 sites contributed about 300 images": a count per site
    if _BATCH_LEFT.search(lclause[-50:]):
        return True
    if _SIGNAL_LEFT.search(left[-40:]) or _COMPOSITION.search(lclause):
        return True
    if _SIGNAL_RIGHT.match(after_noun):
        return True  # "half of the 512 samples of the FFT": points of one transform
    if _RESOURCE_STATE.search(sentence):
        return True
    archive = _ARCHIVE.search(lclause)
    # ("our labelled library holds 2,317 sheets": the paper's own collection, owned just before the noun)
    if archive and not re.search(r"\b(?:we|our|us)\b", lclause[max(0, archive.start() - 25):archive.end()], re.I):
        return True
    if _AMOUNT_EXPERIMENT.search(left[-25:]) or _CAPACITY_LEFT.search(left[-60:]):
        return True
    if re.search(r"(?:<|\u2264|\u2a7d)\s*$", left[-3:]):
        return True  # "<500 training examples": a bound, not a size
    if re.search(r"\b(?![nN]\b)[A-Za-z][A-Za-z0-9_]{0,2}\s*=\s*$", left[-8:]):
        return True  # "T = 19 frames": a symbol's value
    if len(re.findall(r"[A-Za-z]{2,}", sentence)) <= 3 and not _TERSE_SPLIT_NOTE.search(sentence):
        return True  # a table cell or heading ("200 Frames"), not a statement
    if _COMPOSED_OF.search(left[-40:]):
        return True
    if _AUGMENTED_TO.search(left[-200:]) or (_GROWN_TO.search(left[-60:]) and _AUGMENTING.search(sentence)):
        return True  # "... augmented ...; together with the originals this produced 10,752 crops",
        # "the training set was increased to 6,360 photos by flipping and cropping"
    if re.search(r"\bevery\s*$|\bonly\s+one\s+in\s*$", left[-12:], re.I):
        return True
    if re.search(r"\d\s*(?:-|\u2013|\u2014|to)\s*$|\b(?:from|between)\s+[\d.,]+\s*(?:and|to)\s*$", left[-30:], re.I):
        return True  # a range: "from 45 to 2,300 images", "120-400 images"
    if 1950 <= count <= 2035 and re.fullmatch(r"\d{4}", sentence[start:end]) and (
            _YEAR_LEFT.search(left[-16:])
            or re.search(r"(?<![\d,.])(?:19[5-9]\d|20[0-3]\d)(?![\d,])", left + " " + right)):
        return True  # "trained on all 2022 samples, applied to the 2023 mosaic": years, not a count
    if count < 100 and _SHOWING.search(lclause + " " + _right_clause(right, 40)):
        return True
    if _FOR_DISPLAY.search(lclause) or _FOR_DISPLAY.search(_right_clause(right, 80)):
        return True  # "for the UMAP plot we drew 5000 samples": a subset for a figure
    if _PRETRAIN_LEFT.search(left[-80:]):
        return True
    near_left = left[-200:].split(";")[-1]
    corpus = None
    for corpus in _PRETRAIN_CORPUS.finditer(near_left):
        pass
    if corpus is not None and not _HANDOVER.search(near_left[corpus.end():]):
        return True
    if _PRETRAIN_CORPUS.search(right[:40].split(";")[0]) or re.match(
            r"^\s*(?:[\w-]+\s+){0,3}?(?:from|on|of)\s+the\s+(?:web|internet)\b", after_noun, re.I):
        return True
    return False


# a count that augmentation or oversampling made: the data set is the count before it
_AUGMENTED_TO = re.compile(
    r"\b(?:augment\w*|oversampl\w*|synthetic(?:ally)?)\b[^.]{0,160}?\b(?:produc\w*|yield\w*|gave|giving|result\w*\s+in|"
    r"increas\w*|expand\w*|enlarg\w*|grew|grow\w*|boost\w*|multipl\w*|bring\w*|brought|rais\w*)\b[^.]{0,60}$|"
    r"\bafter\s+(?:the\s+)?(?:data\s+)?(?:augmentation|oversampling)\b[^.]{0,80}$", re.I)
# "the training set was increased to N ... by flipping": a count grown by augmentation
_GROWN_TO = re.compile(r"\b(?:increas|expand|enlarg|boost|multipl|grew|grow)\w*\s+(?:\w+\s+){0,3}?to\s*$", re.I)
_AUGMENTING = re.compile(r"\baugment|\bflip|\brotat|\bcropping\b|\bsynthetic|\boversampl", re.I)
# a terse note that names its splits: "Recordings: 1 904 (train 1 523; test 381)"
_TERSE_SPLIT_NOTE = re.compile(rf"\b(?:{_TRAIN}|{_VAL}|{_TEST})\b\s*[:=]?\s*\d[^;|]*?[;|/,]\s*(?:{_TRAIN}|{_VAL}|{_TEST})\b\s*[:=]?\s*\d", re.I)
_PAREN_COUNT = re.compile(rf"\(\s*(?:n\s*=\s*)?{_COUNT_RE}", re.I)
_LABEL_PAREN_LEFT = re.compile(r"([A-Za-z][\w\-]*)\s*\(\s*(?:n\s*=\s*)?$")
_TOTAL_CUE = re.compile(
    r"\b(?:compris\w*|consist\w*(?:\s+of)?|contain\w*|includ\w*|total(?:\s+of)?|overall|all|altogether|"
    r"collected|gathered|acquired|annotated|labell?ed|obtained|assembled|of|left|leaving|remain\w*|retain\w*)\s*(?:[\w-]+\s+){0,2}$",
    re.I,
)


def _is_breakdown(sentence: str, start: int, end: int, head: str, split: Optional[str]) -> bool:
    """True for one item of a per-class breakdown ("Deer (966 images), Bear (1,530 images)")."""
    if split not in (None, "total"):
        return False
    left = sentence[:start]
    label = _LABEL_PAREN_LEFT.search(left[-40:])
    if label and not _SPLIT_WORD.search(label.group(1)) and len(_PAREN_COUNT.findall(sentence)) >= 2:
        return True
    same = re.compile(rf"{_COUNT_RE}\s+(?:[A-Za-z][\w\-]*\s+){{0,3}}?{re.escape(head)}(?![\w\-])", re.I)
    if len(same.findall(sentence)) >= 3 and not _TOTAL_CUE.search(_left_clause(left, 60)):
        return True
    return False


def _bad_mods(mods: str) -> bool:
    for word in mods.split():
        low = word.lower().strip("'")
        if low in _MOD_STOP:
            return True
        if (low.endswith("s") and not low.endswith(("ss", "us", "is", "ous")) and low not in _MOD_PLURAL_OK
                and len(low) > 3 and not re.search(r"\d", low)):
            return True
    return False


def _value(count: int, unit: str, split: str) -> Dict[str, object]:
    return {"count": count, "unit": unit, "split": split}


def _too_small(count: int, split: str) -> bool:
    if count <= 0 or count > MAX_COUNT:
        return True
    return split in ("total", "train") and count < MIN_TRAINING_COUNT


def _list_before(sentence: str, start: int) -> List[Tuple[int, int]]:
    """Spans of the counts of a list that ends right before ``start`` ("6,107, 763 and ")."""
    left = sentence[:start]
    m = _LIST_BEFORE.search(left[-160:])
    if not m:
        return []
    offset = len(left) - len(left[-160:]) + m.start(1)
    spans = []
    for c in re.finditer(_COUNT_RE, m.group(1), re.I):
        spans.append((offset + c.start(), offset + c.end()))
    if all(re.fullmatch(r"(?:19|20)\d\d", sentence[a:b]) for a, b in spans):
        return []  # "between 2015 and 2020, and 50 000 observations": years, not a list of counts
    return spans


_BRACKETED_SPLIT_COUNT = re.compile(rf"\b(?:{_TRAIN}|{_VAL}|{_TEST})\s*\(\s*\d{{1,3}}(?:(?:,|\u00a0|\u202f| )\d{{3}})*\s*\)", re.I)
_SHARE_SPLIT = re.compile(r"\d{1,3}(?:\.\d+)?\s*%\s*(?:\(\s*)?(?:(?:for|to|as)\s+)?(?:the\s+)?([A-Za-z]+)")
# or each split with its share after it: "training (70%), validation (15%) and test (15%) sets,
# which gave 1,540, 330 and 330 patches"
_SPLIT_SHARE = re.compile(r"([A-Za-z]+)\s*\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\)")


def _assign_list(sentence: str, counts: List[int], unit: str, first: int, last_end: int,
                 split_text_hint: Optional[str] = None) -> Values:
    """Values for a list of counts, with splits given in the same order in the sentence."""
    # the split names: before the list ("the training, validation and test sets contained")
    # or after it ("... for training, validation and testing (respectively)")
    after = sentence[last_end:]
    before = sentence[:first]
    candidates = []
    if split_text_hint is not None:
        candidates.append(split_words_in(split_text_hint))
    candidates.append(split_words_in(_right_clause_words(after)))
    candidates.append(split_words_in(_left_clause(before, 100)))
    # shares named before the list: "70% (training), 15% (validation) and 15% (testing),
    # giving 40,810, 8,745 and 8,745 clips"
    shares = _SHARE_SPLIT.findall(before[-220:]) or _SPLIT_SHARE.findall(before[-220:])
    if shares:
        candidates.append(split_words_in(" ".join(shares)))
    for names in candidates:
        if len(names) == len(counts):
            out = []
            for count, split in zip(counts, names):
                if _too_small(count, split):
                    return []
                out.append(_value(count, unit, split))
            return out
    return []  # a list of counts we cannot tie to splits (sites, years, classes ...)


def _right_clause_words(after: str) -> str:
    """Text after a list up to the sentence end or a new count."""
    m = re.search(r"[;](?:\s|$)|(?<![\w.,])\d", after)
    return after[: m.start()] if m else after


def _unit_of(head: str, mods: str, right: str) -> Optional[str]:
    """:func:`canonical_unit`, letting a noun that needs a qualifier find it right after
    itself: "4,880 calls of nine bat species", "11,200 calls were annotated"."""
    unit = canonical_unit(head, mods)
    key = " ".join(head.lower().split())
    if _drawn_points(key, mods):
        return None  # (before the qualifier is looked for after the noun: "background points from the training data")
    if unit is None and key in _NEEDS_QUALIFIER:
        after = re.match(r"\s*(?:(?:of|from|by)\s+(?:\w+\s+){0,3}\w+|(?:were|was)\s+(?:manually\s+|randomly\s+|then\s+)?"
                         r"(?:annotated|labell?ed|drawn|digiti[sz]ed|delineated|sampled|selected)|"
                         # "1,344 crops for training, 288 for validation": a split's share
                         r"(?:(?:were|was)\s+(?:used\s+|kept\s+|set\s+aside\s+)?)?(?:for|to)\s+(?:the\s+)?(?:training|validation|testing|test)|"
                         # "12,480 crops (train 9,984 / val 1,248 / test 1,248)": split counts in brackets
                         r"\(\s*(?:train(?:ing)?|val(?:idation)?|test(?:ing)?)\s*[:=]?\s*\d)\b", right)
        unit = canonical_unit(head, after.group(0)) if after else None
    return unit


# a count in brackets right after a named split set: "went to the training set (17,017 pixels)"
# ... or after "a training part of": "a training part of 3,312 objects and a test part of 1,419"
_SET_BRACKET_LEFT = re.compile(rf"\b(?:{_TRAIN}|{_VAL}|{_TEST})\s+(?:(?:sets?|subsets?|splits?|partitions?|data|material)\s*\((?:\s*n\s*=\s*)?|"
                               rf"(?:parts?|portions?|sets?|subsets?|samples?|fractions?)\s+of)\s*$", re.I)


def _row_end_before_label(sentence: str, cstart: int, right: str) -> bool:
    """The count is a table row's last cell and its "noun" the next row's label, when the
    reader joins the rows: "... 26 6 6 38 Empty images 2,160 460 ..." (numbers before it,
    numbers right after the noun)."""
    return bool(re.search(r"\d[\d,]*\s+\d[\d,]*\s+$", sentence[max(0, cstart - 40):cstart]) and re.match(r"^\s+\d", right))


@normalizer("dataset_count")
def dataset_count(mention: Mention) -> Values:
    """``count`` + optional modifiers + sample noun ("1.2 million photographs")."""
    groups = mention.groups
    raw = groups.get("count", "")
    count = parse_count(raw)
    if count is None:
        return None
    mods = " ".join(groups.get("mods", "").split())
    head = groups.get("unit", "")
    if _bad_mods(mods):
        return None
    sentence = mention.sentence
    cstart = mention.start + mention.text.find(raw) if raw else mention.start
    unit = _unit_of(head, mods, mention.right)
    if unit is None and _SET_BRACKET_LEFT.search(sentence[:cstart]):
        unit = _unit_of(head, "training " + mods, mention.right)  # "the training set (17,017 pixels)"
    if unit is None and mention.params.get("back_reference"):
        # "40 thousand crops of single fish ..., and 31,200 of those crops": the noun was
        # qualified where it was first named
        unit = _unit_of(head, sentence[:cstart], mention.right)
    if unit is None:
        return None
    cend = cstart + len(raw)
    if _veto(sentence, cstart, cend, count, mods, mention.end):
        return None
    if _row_end_before_label(sentence, cstart, mention.right):
        return None
    exact = re.match(rf"\s*(?:\(\s*(?:n\s*=\s*)?({_COUNT_RE})\s*\)|(?:--|\u2014|\u2013)\s*(?:exactly\s+|precisely\s+)?(\d[\d,\u00a0\u202f ]*\d)\b"
                     rf"(?!\s+(?:for|to|in|into|as|were|was|went|of)\b))", mention.right)
    if exact and exact.group(2) and not re.search(r"[a-zA-Z]|000$", raw.strip()):
        exact = None  # "4,000 images -- 3,912 ...": only a round count is made exact by a dash
    exact_count = parse_count(exact.group(1) or exact.group(2)) if exact else None
    if exact_count and abs(exact_count - count) <= 0.05 * count:
        count = exact_count  # "just under 212 thousand images (211 938)": the exact count
    if unit == "specimens" and _HOLDINGS.search(sentence) and not _USED_FOR_MODEL.search(sentence):
        return None  # "the museum holds over 80 million specimens": a collection, not this data set
    listed = _list_before(sentence, cstart)
    if listed:
        counts = [parse_count(sentence[a:b]) for a, b in listed]
        if any(c is None for c in counts):
            return []
        if any(_veto(sentence, a, b, c, "") for (a, b), c in zip(listed, counts) if c is not None):
            return None
        # "6,107, 763 and 764 images were used for training, validation and testing"
        return _assign_list(sentence, counts + [count], unit, listed[0][0], mention.end)
    # (a rule that read the split's label itself: "Train: 58 (Recording days), 7,880 (Frames)")
    split = ("total" if re.fullmatch(r"total|all|overall", groups["split"], re.I) else groups_split(groups)) \
        if groups.get("split") else split_near(sentence, cstart, mention.end, mods)
    if _is_breakdown(sentence, cstart, cend, head, split):
        return None
    if split is None:
        return []
    if _too_small(count, split):
        return None
    return [_value(count, unit, split)]


# the holdings of museums and herbaria, counted in specimens
_HOLDINGS = re.compile(r"\b(?:natural\s+history\s+collections?|collections?\s+(?:in|across)\s+the|"
                       r"in\s+(?:its|their)\s+collections?|holds|holding|hous(?:es|ed|ing)|in\s+the\s+world)\b", re.I)
_USED_FOR_MODEL = re.compile(r"\b(?:train\w*|test\w*|validat\w*|model\w*|network|classifier|detector|annotated|labell?ed|"
                             r"dataset|data\s+set)\b", re.I)


# nouns that, after "the dataset contains N", count something other than samples
_NOT_SAMPLES = re.compile(
    r"^(?:species|subspecies|genera|families|orders|taxa|classes|categories|labels|types|variables|predictors|"
    r"covariates|features|bands|channels|columns|rows|fields|attributes|layers|parameters|weights|pixels|years|"
    r"months|weeks|days|hours|minutes|seconds|countries|regions|provinces|states|districts|cameras|recorders|"
    r"sensors|devices|stations|authors|people|users|volunteers|observers|annotators|experts|models|networks|"
    r"methods|studies|papers|articles|references|tables|figures|times|levels|steps|epochs|iterations|folds|"
    r"runs|replicates|scenarios|groups|clusters|dimensions|characters|words|tokens|gb|mb|tb|kb|bytes|ids|identifiers|"
    r"names|codes|keys|links|urls|entries|terms|citations)$", re.I)
_MIN_FREE_COUNT = 20  # a free noun needs a count that looks like a data set, not a list of items


@normalizer("dataset_free_count")
def dataset_free_count(mention: Mention) -> Values:
    """A count of any plural noun where the sentence makes it the data set: "the final
    table contains 14,620 lake-days", "the 412 scans were assigned at random to ...".

    The unit is the controlled one when the noun is a known sample noun, else "samples".
    Nouns that count other things (species, classes, variables, years, cameras ...) and
    counts below 20 are not taken; the split comes from the words around the count.
    """
    groups = mention.groups
    raw = groups.get("count") or groups.get("count2") or ""
    count = parse_count(raw)
    head = (groups.get("unit") or groups.get("unit2") or "").strip()
    if not head and mention.params.get("bare"):
        head = "samples"  # "the final sample (n = 1,236)": the data set names itself
    if count is None or count < _MIN_FREE_COUNT or not head or _NOT_SAMPLES.match(head):
        return None
    mods = " ".join((groups.get("mods") or groups.get("mods2") or "").split())
    if _bad_mods(mods):
        return None
    after_head = mention.text[mention.text.rfind(head) + len(head):] + mention.right
    if mods and f"{mods.split()[-1]} {head}".lower() in _HEADS:
        # "318 point clouds": a sample noun of two words, the first one read as a modifier
        head, mods = f"{mods.split()[-1]} {head}", " ".join(mods.split()[:-1])
    if mention.params.get("noun_first") and groups.get("unit") and re.search(r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve))"
                                                     r"\s+(?:[a-z\-]+\s+){0,2}$", mention.left, re.I):
        return None  # "images of the two southern reserves (1,480)": the bracket counts the images
    known = _unit_of(head, mods, after_head)
    if known is not None and not mention.params.get("noun_first"):
        return None  # a sample noun: dataset_size.count_noun reads it, with its split and all its checks
    if known is None and head.lower() in _NEEDS_QUALIFIER:
        # "the validation subset held 3,117 sequences": the set that holds them qualifies the noun
        known = canonical_unit(head, mention.left[-60:] + " " + mention.text[: mention.text.find(raw)])
    unit = known or "samples"
    sentence = mention.sentence
    if re.search(r"\bliterature\b|\b(?:articles|papers|publications|studies)\b", sentence, re.I):
        return None  # records found by a literature search are the sources of a review, not samples
    cstart = mention.start + mention.text.find(raw)
    cend = cstart + len(raw)
    if _veto(sentence, cstart, cend, count, mods, mention.end):
        return None
    if _row_end_before_label(sentence, cstart, mention.right):
        return None
    split = split_near(sentence, cstart, mention.end, mods) if mention.params.get("split") != "total" else "total"
    if groups.get("use"):  # the rule read the use itself: "... were available for training"
        named = split_words_in(groups["use"])
        split = named[0] if named else "train"  # (calibration)
    if split is None or _too_small(count, split):
        return None
    return [_value(count, unit, split)]


def _nearest_unit(sentence: str, start: int, end: int) -> Optional[str]:
    """The unit of the sample noun nearest to a bare count (left side preferred)."""
    best: Optional[Tuple[int, str]] = None
    for m in _UNIT_ANYWHERE.finditer(sentence):
        unit = canonical_unit(m.group("head"), m.group("mods"))
        if unit is None and re.search(r"\d\s*$", sentence[:m.start()]):
            # "the training set (12,993 sequences)": a counted noun takes its qualifier
            # from the words before the count
            unit = canonical_unit(m.group("head"), sentence[max(0, m.start() - 40):m.start()])
        if unit is None:
            continue
        if m.end() <= start:
            distance = start - m.end()
        elif m.start() >= end:
            distance = (m.start() - end) * 2  # prefer a noun before the count
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, unit)
    return best[1] if best else None


# the head of a split list whose noun is not a known sample noun: "1,720 quadrats (70%) went to"
_FREE_SPLIT_HEAD = re.compile(r"\d[\d,]*\s+(?P<mods>(?:[a-z][\w\-]*\s+){0,2}?)(?P<noun>[a-z][a-z\-]*[a-z]s)\s*\(\s*\d{1,2}(?:[.,]\d+)?\s*%\s*\)\s+"
                              r"(?:\w+\s+){0,3}?(?:to|for|in)\s+(?:the\s+)?(?:training|validation|testing|test)\b")


@normalizer("dataset_split_count")
def dataset_split_count(mention: Mention) -> Values:
    """A count without a noun, tied to a split ("2,000 for training", "a test set of 500")."""
    groups = mention.groups
    raw = groups.get("count") or groups.get("count2") or ""
    count = parse_count(raw)
    if count is None:
        return None
    sentence = mention.sentence
    cstart = mention.start + mention.text.rfind(raw) if raw else mention.start
    cend = cstart + len(raw)
    right = sentence[cend:]
    if re.match(r"^\s*(?:for|to|as|in)\s+(?:the\s+)?[a-z]+\s*\(\s*\d[\d,]*\s+[a-z]", right):
        return None  # "6 for validation (1,560 patches)": the bracket counts the samples, 6 counts fires
    bracket = re.match(r"^\s*\(\s*(?:n\s*=\s*)?(\d[\d,.]*)\s*(%)?", right)
    if bracket and not bracket.group(2) and (parse_count(bracket.group(1)) or 0) >= count:
        # "six (886 patches) to validation": the bracket holds the count of samples (but
        # in "912 (5) for validation" the bracket counts the 5 deployments they came from)
        return None
    if 1900 <= count <= 2100 and raw.isdigit() and re.match(r"^\s*\)", right) \
            and re.search(r"\(\s*$", sentence[:cstart]):
        return None  # "the test set (2019)": a year in brackets
    if _PERCENT_RIGHT.match(right) or re.match(r"^\s*(?::\s*\d|/\s*\d|\.\d)", right):
        return None  # "70%", "80:20", "70/30"
    if _NOUN_NEXT.match(right):
        return None  # a count with its noun: the dataset_count rule reads it
    if _LIST_AFTER.match(right):
        return None  # first of a list ending in a noun: read with the list
    after_list = _NUMBER_LIST_AFTER.match(right)
    if _PLURAL_NEXT.match(right):
        return None  # "21 different individuals": a count of something else
    if re.match(r"^\s*(?:epochs?|iterations?|steps?|classes|species|categories|folds?|runs?|times|"
                r"layers?|neurons?|units|features|bands|channels|trees|minutes|hours|days|seconds|"
                r"months|years|h|min|s|ms)\b", right, re.I):
        return None
    # "1,720 quadrats (70%) went to training, 370 (15%) to validation": the list's own noun
    head = _FREE_SPLIT_HEAD.search(sentence[:cstart])
    unit = (canonical_unit(head.group("noun"), head.group("mods")) or "samples") if head \
        else _nearest_unit(sentence, cstart, cend)
    if unit is None and len(_BRACKETED_SPLIT_COUNT.findall(sentence)) >= 2:
        unit = "samples"  # "dealt them out to training (6,748), validation (1,446) and test (1,446) subsets"
    if unit is None:
        subject = _DIVIDED_SUBJECT.search(sentence[:cstart])
        if subject and not _NOT_SAMPLES.match(subject.group("noun")):
            unit = "samples"  # "The 3,300 annotated sheets were divided into 2,640 for training and 660 ..."
    if unit is None:
        return None
    if _veto(sentence, cstart, cend, count, ""):
        return None
    if mention.params.get("each"):
        # "3,900 went into each of the validation and test partitions": the count of every split named
        names = [w for key in ("split", "split2") for w in split_words_in(groups.get(key) or "")]
        if len(names) < 2 or any(_too_small(count, sp) for sp in names):
            return None
        return [_value(count, unit, sp) for sp in names]
    split = groups_split(groups) or mention.params.get("split")
    if after_list:
        # "the test and training samples numbered 3,100 and 12,400(, respectively)"
        counts = [count] + [parse_count(c.group(0)) for c in re.finditer(_COUNT_RE, after_list.group(0), re.I)]
        if any(c is None for c in counts):
            return []
        names = split_words_in(_left_clause(sentence[:cstart], 100))
        if len(names) != len(counts):
            return []
        out = []
        for n, sp in zip(counts, names):
            if _too_small(n, sp):
                return []
            out.append(_value(n, unit, sp))
        return out
    # a count that ends a list: "6,107, 763 and 764 were used for training, validation and test"
    listed = _list_before(sentence, cstart)
    if listed and "after" in mention.params.get("form", ""):
        counts = [parse_count(sentence[a:b]) for a, b in listed]
        if any(c is None for c in counts):
            return []
        return _assign_list(sentence, counts + [count], unit, listed[0][0], cend,
                            sentence[cend:])
    if split is None:
        return []
    if _too_small(count, split):
        return None
    return [_value(count, unit, split)]


# a counted plural noun that the sentence divides: its parts are counted without the noun
_DIVIDED_SUBJECT = re.compile(
    # "The 3,300 annotated sheets were divided", or a sentence that opens with them: "Sheets were divided"
    r"(?:(?<![\w.,])\d{1,3}(?:,\d{3})*\s+(?:[a-z][\w\-]*\s+){0,2}?|^\W*(?:(?:the|all|our)\s+)?(?:[A-Za-z][\w\-]*\s+){0,2}?)"
    r"(?P<noun>[A-Za-z][a-z\-]*[a-z]s)(?:\s+(?:of|from|in)\s+(?:the\s+)?[\w\-]+){0,2}\s+(?:were|was)\s+"
    r"(?:\w+ly\s+)?(?:divided|split|partitioned|separated|assigned|allocated)\b", re.I)


_PLURAL_NEXT = re.compile(
    r"^\s*(?:[A-Za-z][\w-]*\s+)?(?!(?:was|has|is|as|its|this|thus|plus|whereas|respectively)\b)"
    r"[A-Za-z][\w-]*[a-rt-z]s\b",
    re.I,
)


def groups_split(groups) -> Optional[str]:
    """The split named by a rule's ``split`` group ("training" -> "train")."""
    words = split_words_in(groups.get("split") or groups.get("split2") or "")
    return words[0] if len(words) == 1 else None


@normalizer("dataset_hyphen_count")
def dataset_hyphen_count(mention: Mention) -> Values:
    """"a 2,400-image dataset", "a 12k-recording corpus"."""
    groups = mention.groups
    count = parse_count(groups.get("count", ""))
    if count is None:
        return None
    head = groups.get("unit", "").lower()
    plural = {"image": "images", "photo": "photos", "photograph": "photographs",
              "recording": "recordings", "clip": "clips", "spectrogram": "spectrograms",
              "video": "videos", "sample": "samples", "sequence": "sequences",
              "patch": "patches", "tile": "tiles", "frame": "frames", "specimen": "specimens",
              "file": "files"}.get(head, head)
    unit = canonical_unit(plural, groups.get("mods", "") + " " + head)
    if unit is None:
        return None
    sentence = mention.sentence
    raw = groups.get("count", "")
    cstart = mention.start + mention.text.find(raw)
    if _veto(sentence, cstart, cstart + len(raw), count, "", mention.end):
        return None
    split = split_near(sentence, cstart, mention.end, groups.get("mods", ""))
    if split is None:
        return []
    if _too_small(count, split):
        return None
    return [_value(count, unit, split)]


_VIDEO_WORD = re.compile(r"\b(?:videos?|footage|film(?:ed|s)?|camera|video[\s-]?recordings?|clips?\s+of\s+video|frames?)\b", re.I)
_AUDIO_WORD = re.compile(r"\b(?:audio|sound(?:scape)?s?|acoustic|recordings?|recorded|songs?|calls?|vocali[sz]ations?|hydrophones?|"
                         r"recorders?|soundscape|bioacoustic|ultrasonic|echolocation)\b", re.I)


@normalizer("dataset_split_list")
def dataset_split_list(mention: Mention) -> Values:
    """Counts that each name their split before one shared noun: "47,130 training, 5,891
    validation and 5,892 test crops" -> three values."""
    g = mention.groups
    # (the split words before the noun qualify it: "training ... test crops" are samples)
    unit = canonical_unit(g.get("unit", ""), " ".join([g.get("s3") or "", g.get("mods") or ""]))
    if unit is None:
        return None
    out = []
    for k in ("1", "2", "3"):
        raw, word = g.get("c" + k), g.get("s" + k)
        if not raw or not word:
            continue
        count = parse_count(raw)
        split = (split_words_in(word) or [None])[0]
        if count is None or split is None or _too_small(count, split):
            return None
        out.append(_value(count, unit, split))
    if len({v["split"] for v in out}) != len(out):
        return None  # "300 training and 200 training images" is no split
    return out


@normalizer("dataset_duration")
def dataset_duration(mention: Mention) -> Values:
    """The length of an audio or video data set -> ``{count, unit: "hours of audio" | ...}``.

    "734 hours of audio" -> 734 hours of audio; "about 1,200 h of recordings" -> 1200 hours of
    audio; "90 minutes of video" -> 90 minutes of video; "2.5 h of footage" -> 150 minutes of
    video (counts are whole numbers, so a fractional hour is given in minutes). Video words
    (video, footage, film) win over audio words. Lengths per item ("10 min of audio per hour",
    "clips of 5 minutes") are vetoed as for counts.
    """
    groups = {k[:-1] if k.endswith("2") else k: v for k, v in mention.groups.items() if v}
    raw = groups.get("count", "")
    if re.fullmatch(r"\d+\.\d{1,2}", raw.strip()):
        value: Optional[float] = float(raw)  # "2.5 h" (parse_count reads "12.345" as thousands)
    else:
        count_value = parse_count(raw)
        value = float(count_value) if count_value is not None else None
    if value is None or value <= 0:
        return None
    medium_text = groups.get("medium", "") + " " + groups.get("mods", "")
    if not medium_text.strip() and mention.params.get("medium_from_sentence"):
        medium_text = mention.sentence  # "330 h were used for training": the sentence says of what
    if _VIDEO_WORD.search(medium_text):
        medium = "video"
    elif _AUDIO_WORD.search(medium_text):
        medium = "audio"
    else:
        return None
    hours = groups.get("tunit", "").lower().startswith("h")
    if hours and value.is_integer():
        count, unit = int(value), f"hours of {medium}"  # the paper's unit is kept: "120 h" stays hours
    elif hours and (value * 60).is_integer():
        count, unit = int(value * 60), f"minutes of {medium}"
    elif not hours and value.is_integer():
        count, unit = int(value), f"minutes of {medium}"
    else:
        return None
    sentence = mention.sentence
    cstart = mention.start + mention.text.find(raw) if raw else mention.start
    cend = cstart + len(raw)
    if _veto(sentence, cstart, cend, count, "", mention.end):
        return None
    if _DURATION_RATE.match(sentence[mention.end:]):
        return None  # "1 min of audio every 15 min", "2 h of video a day"
    if re.search(r"\b(?:process\w*|analy[sz]\w*|classif\w*|handl\w*|run\w*\s+(?:on|over|through))\s+(?:about\s+|up\s+to\s+)?$",
                 sentence[:cstart], re.I) or re.match(r"^\s*in\s+(?:about\s+|less\s+than\s+|under\s+)?[\d.,]+\s*(?:ms|s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?)\b",
                                                   sentence[mention.end:], re.I):
        return None  # "it can process 1 hour of recordings in 15.66 seconds": a speed, not the data
    if re.search(r"\b(?:sub-?sets?|portions?|subsamples?)\s+of\s+(?:\S+\s+){0,6}$", sentence[:cstart], re.I):
        return None  # "random subsets of 2, 4 or 8 h of audio": lengths compared, not the data set
    if _list_before(sentence, cstart):
        return []  # a list of lengths not tied to splits
    if groups.get("split"):
        split = groups_split(groups)
        if split is None or _list_before(sentence, cstart):
            return []
    else:
        split = split_near(sentence, cstart, mention.end, groups.get("mods", ""))
    if split is None:
        return []
    if unit.startswith("minutes") and count < MIN_TRAINING_COUNT and split in ("total", "train"):
        return None  # a few minutes are a sample's length, not a data set's
    return [_value(count, unit, split)]


_DURATION_RATE = re.compile(
    # (not past another count: "56 min of video recorded at 25 frames per second")
    r"^[^.;\d]{0,40}?\b(?:per|every|each|an?)\s+(?:\d+(?:\.\d+)?\s*)?(?:s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|"
    r"hours?|days?|nights?|weeks?|months?|years?)\b", re.I)


_TABLE_LABEL = re.compile(r"\b(?:(?P<train>train(?:ing)?)|(?P<validation>validation|valid|val|dev(?:elopment)?)"
                          r"|(?P<test>test(?:ing)?)|(?P<total>total))\b", re.I)
_TABLE_CELL = re.compile(r"^\d[\d,]*$")


@normalizer("dataset_split_table")
def dataset_split_table(mention: Mention) -> Values:
    """A table of split counts -> one value per split.

    ``params.form``: ``rows`` ("Train 6,107 Validation 763 Test 764 Total 7,634": each
    label followed by its count) or ``columns`` (the labels, a header, then the counts in
    the same order). A "Total" row must equal the sum of the others, otherwise the numbers
    are not these splits' counts; without one, the table needs a sample noun ("Number of
    images") to say what it counts.
    """
    groups = mention.groups
    if mention.params.get("form") == "columns":
        splits = [m.lastgroup for m in _TABLE_LABEL.finditer(groups.get("labels", ""))]
        cells = groups.get("nums", "").split()[: len(splits)]
        header = groups.get("head", "")
    else:
        rows = re.findall(r"([A-Za-z]+)(?:\s+(?:set|subset|data|split))?\s*[:|]?\s*(\d[\d,]*)",
                          groups.get("rows", ""), re.I)
        splits = []
        for word, _ in rows:
            label = _TABLE_LABEL.fullmatch(word)
            splits.append(label.lastgroup if label else None)
        cells = [cell for _, cell in rows]
        header = ""
    if len(splits) < 2 or len(cells) != len(splits) or None in splits or len(set(splits)) != len(splits):
        return None
    if not all(_TABLE_CELL.match(c) for c in cells):
        return None  # percentages or decimals: not counts
    counts = [parse_count(c) for c in cells]
    if any(c is None or c <= 0 for c in counts):
        return None
    if all(1900 <= c <= 2100 and "," not in raw for c, raw in zip(counts, cells)):
        return None  # "Train 2018 Test 2019": years of a temporal split
    by_split = dict(zip(splits, counts))
    unit = None
    after = re.match(r"\s*\(([^()]{1,30})\)", mention.right)  # "Train 12,400 | Test 1,550 (tiles)"
    for text in (header, mention.sentence[: mention.start], after.group(1) if after else ""):  # the column header, the caption
        for m in _UNIT_ANYWHERE.finditer(text):
            unit = canonical_unit(m.group("head"), m.group("mods"))
            if unit:
                break
        if unit:
            break
    if "total" in by_split:
        parts = [c for s, c in by_split.items() if s != "total"]
        if len(parts) < 2 or sum(parts) != by_split["total"]:
            return None
    elif unit is None:
        return None
    if any(_too_small(c, s) for s, c in by_split.items()):
        return None
    return [_value(by_split[s], unit or "samples", s) for s in SPLITS if s in by_split]


__all__ = ["split_near", "canonical_unit", "split_words_in", "UNITS", "DURATION_UNITS", "SPLITS"]
