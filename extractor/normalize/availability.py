"""Code and data availability: where the paper's own code and data can be found.

Both fields share one value shape::

    {status: available | on request | will be available | not available | supplementary,
     url: str | None, host: str | None}

``host`` is the canonical name of ``rules/catalogues/repositories.yml`` (GitHub, Zenodo,
Dryad ...) read from the URL's domain, a DOI prefix or a host named in the sentence.

One normaliser, ``availability``, serves every rule of both fields. The rule's
``params.kind`` says which field it feeds (code or data), ``params.cue`` what it matched
(url, statement or host). The normaliser then:

* decides whether the sentence is about code, data or both, from its words (code, script,
  software, implementation, weights ... vs data, dataset, images, recordings,
  annotations ...) and, when the words say neither, from the host (GitHub -> code,
  Dryad -> data);
* reads the status from the sentence ("upon reasonable request", "will be made
  available", "not publicly available", "supplementary material");
* rejects bibliography lines, other people's repositories ("X et al. released their
  code at ...") and tools the paper merely used ("we used YOLOv5
  (https://github.com/ultralytics/yolov5)"), hypothetical statements and future work.

The rules run with ``context: false`` because "will be made available" and "not
publicly available" are findings, not hypothetical or negated mentions; this module
does the own-work checks itself.

PDF text breaks URLs ("https://github. com/user/repo", "zenodo. 8074949"): :func:`repair_url`
joins the pieces back conservatively.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
import re
from typing import Any, Dict, List, Optional, Tuple

from ..catalogues import Entry, get_catalogue
from . import Mention, Values, normalizer
from .cues import looks_like_reference, own_work_with

CATALOGUE = "repositories"
STATUSES = ("available", "on request", "will be available", "not available", "supplementary")

# ----------------------------------------------------------------------------- URLs
_TLD = r"(?:com|org|net|io|edu|gov|de|uk|fr|nl|ch|cn|ca|au|eu|info|science|ai|dev|app|me|co|ac|br|es|it|jp|nz|se|no|fi|dk|be|at|pt|in|kr|tw|ms)"
# a URL, a www address, a bare domain with a path, or a DOI
URL_START = re.compile(
    r"(?:https?\s?:\s?//\s?|\bwww\.)[^\s<>\"'\u201c\u201d]+"
    r"|(?<![\w.@\-])(?:[a-z0-9\-]+\.)+" + _TLD + r"/[^\s<>\"'\u201c\u201d]*"
    r"|\b(?:doi:\s?)?10\.\d{4,9}/[^\s<>\"'\u201c\u201d]+",
    re.IGNORECASE)
_TRAILING = ".,;:)]}>\u2019\u201d'\""
_STOP_NEXT = frozenset("and or the for with in on at to of from by as is are was were which that this".split())
# a piece after a break that continues a domain ("github. com/user")
_DOMAIN_CONT = re.compile(r"^" + _TLD + r"(?:[/:]|$)", re.IGNORECASE)


def _balance(url: str) -> str:
    """Drops trailing punctuation, keeping a closing bracket the URL opened."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def repair_url(url: str, right: str = "") -> Tuple[str, int]:
    """The URL ``url`` (as matched) joined with the pieces of ``right`` a PDF broke off,
    and how many characters of ``right`` were used.

    >>> repair_url("https://github.", " com/user/repo and more")[0]
    'https://github.com/user/repo'
    >>> repair_url("https://doi.org/10.5281/zenodo.", " 8074949.")[0]
    'https://doi.org/10.5281/zenodo.8074949'
    >>> repair_url("https://github.com/weecology/", " DeepForest).")[0]
    'https://github.com/weecology/DeepForest'
    >>> repair_url("https://github.com/user/repo.", " The code ...")[0]
    'https://github.com/user/repo'
    """
    url = re.sub(r"^(https?)\s?:\s?//\s?", r"\1://", url.strip(), flags=re.IGNORECASE)
    used = 0
    for _ in range(3):
        m = re.match(r"^(\s{1,3})([^\s<>\"'\u201c\u201d]+)", right[used:])
        if not m:
            break
        piece = m.group(2)
        bare = _balance(piece)
        if not bare or bare.lower() in _STOP_NEXT:
            break
        join = False
        if url.endswith(".") and (_DOMAIN_CONT.match(bare) or re.match(r"^\d+$", bare)
                                  or re.match(r"^[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\." + _TLD + r"(?:[/:]|$)", bare)):
            join = True  # "github. com/x", "zenodo. 8074949"
        elif url.endswith(("/", "-", "_", "=", "?", "&", "#")) and re.match(r"^[A-Za-z0-9_.\-~/#?=&%]+$", bare) \
                and (url.count("/") >= 3 or not url.startswith("http")):
            join = True  # "github.com/weecology/ DeepForest", "github.com/user/my- repo"
        elif re.search(r"/[A-Za-z0-9_\-]*[a-z]$", url) and re.match(r"^[a-z0-9_\-]*/[A-Za-z0-9_.\-~/#?=&%]*$", bare):
            join = True  # "github.com/weeco logy/DeepForest": a break inside a path segment
        if not join:
            break
        url = url + bare
        used += len(m.group(0))
        if bare != piece:
            break
    return _balance(url), used


def _domain(url: str) -> Optional[str]:
    m = re.match(r"^(?:https?://)?(?:www\d?\.)?([A-Za-z0-9.\-]+\.[A-Za-z]{2,})(?:[/:?#]|$)", url, re.IGNORECASE)
    return m.group(1).lower() if m else None


def _doi(url: str) -> Optional[str]:
    m = re.search(r"(10\.\d{4,9})/", url)
    return m.group(1) if m else None


def host_of_url(url: str) -> Optional[str]:
    """The repositories-catalogue name of the host behind ``url``, or None.

    >>> host_of_url("https://github.com/user/repo"), host_of_url("doi:10.5061/dryad.abc12")
    ('GitHub', 'Dryad')
    """
    entry = _entry_of_url(url)
    return entry.name if entry else None


def _entry_of_url(url: str) -> Optional[Entry]:
    catalogue = get_catalogue(CATALOGUE)
    domain = _domain(url) if not re.match(r"^(?:doi:\s?)?10\.", url, re.IGNORECASE) else None
    prefix = _doi(url)
    if domain and domain not in ("doi.org", "dx.doi.org"):
        for entry in catalogue.entries:
            for d in entry.attrs.get("domains") or []:
                if domain == d or domain.endswith("." + d):
                    return entry
        for entry in catalogue.entries:
            hr = entry.attrs.get("host_regex")
            if hr and re.search(hr, domain):
                return entry
    if prefix:
        for entry in catalogue.entries:
            if prefix in (entry.attrs.get("doi_prefixes") or []):
                return entry
        lowered = url.lower()
        for entry in catalogue.entries:
            if re.search(r"/" + re.escape(entry.name.lower()) + r"[.\-/]", lowered):
                return entry  # "10.xxxx/zenodo.123" on another prefix
    return None


# ----------------------------------------------------------------------------- sentence cues
_CODE_WORDS = re.compile(
    # (not a code that marks or names things: "the colour code of each ring", "species codes")
    r"(?<!colour\s)(?<!color\s)(?<!\bring\s)(?<!species\s)(?<!postal\s)(?<!\bbar\s)(?<!\bQR\s)(?<!\bzip\s)"
    r"(?<!country\s)(?<!station\s)(?<!genetic\s)(?<!ethics\s)(?<!colour-)(?<!color-)"
    r"\b(?:codes?|source[\s\-]code|scripts?|software|implementations?|package|toolbox|"
    r"notebooks?|(?:model|network|trained)\s+weights|weights|checkpoints?|trained\s+models?|models?\s+files?|"
    r"(?:training\s+)?configurations?|config(?:uration)?\s+files?|"
    r"R\s+package|Python\s+package|jupyter|(?:training|analysis|processing|modell?ing|inference|detection|classification)\s+pipelines?|"
    r"(?<=\bour\s)pipelines?|"
    r"(?:computer\s+)?programs?(?=\s+(?:we|I|that\s+we)\s+(?:wrote|developed|built|used)\b))\b", re.IGNORECASE)
# files named by what they hold: "the sonar files", "raw data files"
_DATA_FILES = r"(?:sonar|audio|sound|video|image|raw|data|acoustic|raster|echogram|camera[\s\-]trap|survey|lidar)\s+files"
_DATA_WORDS = re.compile(
    r"\b(?:data(?:\s?sets?|\s?base)?|datasets?|images?|imagery|photo(?:graph)?s|pictures|footage|recordings?|audio|sound\s+files|"
    + _DATA_FILES + r"|masks|ground[\s\-]truth|"
    r"annotations?|labels|observations|sightings|records|occurrences?|measurements|samples|videos?|clips|coordinates|scans|"
    r"spectrograms?|rasters?|maps|shapefiles?|layers|tracks|tracking|detections|surveys?|inventory|"
    r"(?<![\w\-])map(?=\s*:)|"
    r"point\s+clouds?|lidar|time[\s\-]series|camera[\s\-]trap\s+\w+|metadata|raw|orthomosaics?|mosaics|"
    r"(?:sound|call|song|audio|image|photo|reference|spectral|acoustic)\s+(?:librar(?:y|ies)|collections?|archives?)|"
    r"corpus|corpora|calls|vocali[sz]ations|songs|telemetry|GPS\s+(?:fixes|locations|positions)|trajector(?:y|ies)|"
    r"specimens|sequences|spectra|laboratory\s+values|polygons|reads|frames|tiles|patches|crops|chips|"
    r"(?:diver|field|survey|station|plot|shoot|trap|nest)[\s\-]+(?:counts|data|features|tables)|"
    r"(?:nest|roost|den|burrow|colony|breeding|sampling|capture|trap|site|plot|station)[\s\-]+(?:locations|sites|positions|coordinates)|"
    r"(?:station|plot|site|sample|pixel)[\s\-]+level\s+(?:features|values|tables|data)|spreadsheets?|"
    r"(?:annotated|labelled|labeled|training|test)\s+(?:set|subset|material)|"
    r"(?:measured|call|acoustic|morphometric|spectral|environmental)\s+(?:parameters|features|variables|values))\b", re.IGNORECASE)
# supplementary material named as data ("provided as Supplementary Data S1", "Dataset S2")
_SUPPLEMENTARY_DATA = re.compile(r"\b(?:Supplementa(?:ry|l)\s+(?:Data(?:\s?sets?)?|Datasets?)|Data(?:set)?\s+S\d)\b", re.IGNORECASE)

_ON_REQUEST = re.compile(
    # (also the calques "under reasonable solicitation", "on petition")
    r"\b(?:up)?(?:on|under)\s+(?:a\s+)?(?:reasonable|justified|formal|written|personal|specific|legitimate)?\s*(?:request|solicitation|petition)\b|"
    # "can be provided by the corresponding author"
    r"\b(?:provided|supplied|sent|shared|given)\s+by\s+the\s+(?:corresponding|first|lead|senior|last)\s+authors?\b|"
    r"\b(?:by|as\s+per)\s+request\b|\bon\s+demand\b|\banyone\s+who\s+(?:asks|wants\s+them|wants\s+it)\b|\brequests?\s+(?:should\s+be\s+|may\s+be\s+|can\s+be\s+)?"
    r"(?:sent|made|addressed|directed)\s+to\b|\bcontact(?:ing)?\s+the\s+(?:corresponding\s+|first\s+|lead\s+)?"
    r"authors?\b|\bfrom\s+the\s+(?:corresponding\s+|first\s+|lead\s+|senior\s+)?authors?\b|\bupon\s+application\b|"
    r"\bby\s+(?:contacting|writing\s+to|e-?mailing|asking)\b|\bask\s+the\s+(?:corresponding|first|lead|senior|last)\s+authors?\b|\brequest(?:ed)?\s+from\s+the\b|\b(?:can|may)\s+be\s+requested\s+(?:from|through|via|by|at)\b|"
    r"\b(?:received|receipt\s+of|after|following)\s+a\s+(?:\w+\s+)?request\b|"
    r"\brequests?\s+(?:for\s+(?:the\s+|these\s+|them\b)?(?:\w+\s+){0,2}?)?(?:should|may|can|must)\s+go\s+to\b|"
    # "requests for the analysis scripts should be addressed to M.K."; data "under a data-sharing agreement"
    r"\brequests?\s+for\s+(?:the\s+|these\s+|our\s+)?(?:[\w\-]+\s+){0,3}?(?:should|may|can|must)\s+be\s+(?:sent|made|addressed|directed)\s+to\b|"
    r"\bunder\s+(?:an?\s+|the\s+)?(?:formal\s+|signed\s+|written\s+)?data[\s\-]+(?:sharing|use|access|transfer)\s+agreements?\b|"
    # "we are glad to send our scripts to anybody who drops us a line"
    r"\b(?:glad|happy|pleased|willing)\s+to\s+(?:send|share|pass\s+on|provide|give)\b[^.;]{0,60}?\b(?:anybody|anyone|any\s+reader|whoever|those)\s+"
    r"(?:who\s+)?(?:asks?|drops?\s+us\s+a\s+line|writes?|gets?\s+in\s+touch|contacts?|wants?|interested)\b", re.IGNORECASE)
_NOT_AVAILABLE = re.compile(
    r"\bnot\s+(?:be\s+)?(?:publicly|openly|freely|yet\s+)?\s*(?:available|accessible|shared|released|public)\b|"
    r"\b(?:cannot|can\s?not|will\s+not|could\s+not)\s+be\s+(?:shared|made\s+(?:publicly\s+)?(?:available|public)|released|published|disclosed|(?:re-?)?distributed)\b|"
    r"\b(?:are|is)\s+(?:confidential|proprietary|restricted|not\s+public)\b|\bunavailable\b|"
    r"\b(?:are|is|were|was|been|being)\s+(?:deliberately\s+)?withheld\b|"
    r"\bno\s+(?:data|code)\s+(?:was|were|is|are)\s+(?:used|shared|generated)\b|"
    r"\brestrictions\s+apply\b|\bsubject\s+to\s+(?:third[\s\-]party\s+)?restrictions\b|"
    # "used under a licence that forbids passing them on", "may not be redistributed"
    r"\b(?:forbids?|forbidding|prohibits?|prohibiting|(?:does|do)\s+not\s+(?:allow|permit))\s+(?:their\s+|its\s+|any\s+)?"
    r"(?:redistribution|re-?distribut\w+|sharing|onward\s+sharing|passing\s+(?:them|it|the\s+\w+)\s+on|publication)\b|"
    r"\b(?:may|must)\s+not\s+be\s+(?:redistributed|re-?distributed|shared|passed\s+on|published)\b|"
    # "we cannot pass on the programs we wrote", "we are not allowed to make the nest photos public"
    r"\b(?:cannot|can\s?not|could\s+not|may\s+not)\s+(?:pass\s+on|hand\s+(?:on|over|out)|give\s+out|share|release|publish)\b|"
    r"\bnot\s+(?:allowed|permitted)\s+to\s+(?:make\s+(?:[\w\-]+\s+){0,6}?(?:public|available|openly\s+available)|share|publish|release)\b", re.IGNORECASE)
_WILL = re.compile(
    r"\bwill\s+be\s+(?:made\s+)?(?:publicly\s+|freely\s+|openly\s+|fully\s+)?"
    r"(?:available|accessible|released|shared|published|deposited|uploaded|archived|provided|open[\s\-]sourced)\b|"
    r"\b(?:up)?on\s+(?:acceptance|publication)\b|\bafter\s+(?:acceptance|publication)\b|\bto\s+be\s+released\b|"
    r"\bwill\s+(?:release|share|publish|deposit|upload|make)\b", re.IGNORECASE)
_SUPPLEMENTARY = re.compile(
    r"\bsupplementa(?:ry|l)\b|\bsupporting\s+information\b|\bappendix\b|\bappendices\b|"
    r"\badditional\s+files?\b|\bonline\s+resources?\b|\b(?:Table|Fig(?:ure)?|Data|File)\s+S\d+\b|"
    r"\b(?:electronic\s+)?supplement\b", re.IGNORECASE)
# "... are at <link>"
_IS_AT = (r"(?:is|are)\s+(?:also\s+|now\s+|freely\s+|publicly\s+|openly\s+)?"
          # (also in an appendix: "All R scripts are in Appendix C and at https://...")
          r"(?:in\s+(?:the\s+)?(?:appendix|supplement\w*|supporting\s+information|additional\s+files?)\s*[A-Z0-9.]{0,4}\s+"
          r"(?:and|as\s+well\s+as)\s+(?:also\s+|online\s+)?)?"
          r"(?:(?:maintained|kept|mirrored|versioned|available|accessible)\s+)?(?:at|on|in|under)\s*:?\s*")
_LINK_START = r"https?\s?:|www\.|doi\.org|10\.\d{4,9}/"
# code forges and archives named as where something is: "the scripts are on GitHub"
_FORGE_OR_ARCHIVE = (r"(?:GitHub|GitLab|Bitbucket|Zenodo|Figshare|Dryad|OSF|Hugging\s?Face|Kaggle|Code\s+Ocean|"
                     r"Software\s+Heritage|PANGAEA|HydroShare|Mendeley\s+Data|(?:Harvard\s+)?Dataverse|Movebank|"
                     r"(?:the\s+)?Environmental\s+Data\s+Initiative|EDI|ESS-DIVE|EIDC|KNB)")
# "Zenodo holds the tiles and labels (<DOI>)": the archive as the subject of the statement
# ("Dryad deposit 10.5061/dryad.x7k2 holds the annotated clips": the deposit and its DOI first)
_HOST_SUBJECT = re.compile(r"^\W*" + _FORGE_OR_ARCHIVE + r"(?:\s+(?:deposit|repository|archive|record|project|entry|collection))?"
                           r"(?:\s+(?:https?://\S+|doi:\s?\S+|10\.\d{4,9}/\S+))?"
                           r"\s+(?:now\s+|also\s+)?(?:holds|hosts|stores|keeps|archives|contains)\s+"
                           r"(?:the|our|all|both|every)\b", re.IGNORECASE)
_AVAILABLE = re.compile(
    r"\b(?:available|accessible|deposited|archived|uploaded|released|shared|hosted|stored|published|"
    r"free\s+to\s+(?:download|use|re-?use)|can\s+have\s+(?:it|them)\s+from|(?<=\bare\s)at(?=\s+(?:https?://|www\.))|(?<=\bis\s)at(?=\s+(?:https?://|www\.))|"
    # "everything needed to retrain the detector ... lives at <URL>": a home given as a link
    r"(?:live|lives|reside|resides)\s+(?:at|on|in)(?=\s+(?:URL\b|https?://|www\.))|"
    r"downloadable|distributed|open[\s\-]source[d]?|"
    r"can\s+be\s+(?:found|accessed|downloaded|obtained|retrieved|viewed|reproduced)|found\s+(?:at|in|on)|"
    # "can be browsed and bulk-downloaded at", "reads were submitted to the SRA", "we release the dataset"
    r"can\s+be\s+(?:\w+\s+(?:and|or)\s+)?(?:bulk[\s\-]?)?(?:downloaded|accessed|browsed|retrieved)|submitted\s+to|"
    r"(?<![\w\-])(?:we|I)\s+(?:also\s+|hereby\s+|now\s+|publicly\s+|openly\s+)?(?:release|share|publish|deposit|archive|upload)\b|"
    r"repository|repositories|availability|freely|publicly|openly|installed\s+from|install|"
    r"(?:is|are|was|were|been|be|made)\s+(?:now\s+|fully\s+)?public(?=\s+(?:at|on|in|via|through|under|from)\b)|"
    # "we have made the data public in Figshare"; "disponible", a calque of available
    r"made\s+(?:the\s+|our\s+|all\s+|these\s+)?(?:[\w\-]+\s+){0,2}?public(?=\s+(?:at|on|in|via|through)\b)|disponible|"
    # "the scripts are on GitHub: <URL>": a code forge or archive named as where they are
    r"(?:is|are)\s+(?:also\s+|now\s+)?(?:on|at|in)\s+(?=" + _FORGE_OR_ARCHIVE + r"\b)|"
    # "Code and trained weights are at <URL>": the link itself says where (URLs may be masked as "URL")
    + _IS_AT + r"(?=URL\b|" + _LINK_START + r"))\b", re.IGNORECASE)
# "The scripts are at <URL>": the link given as where the subject is
_AT_LINK = re.compile(r"\b" + _IS_AT + r"(?:(?:our|the\s+(?:project|lab|group)(?:['\u2019]s)?)\s+(?:[\w\-]+\s+){0,2}?"
                      r"(?:page|repository|site|account|organi[sz]ation)\s*[(:,]?\s*)?(?:" + _LINK_START + r")", re.IGNORECASE)

# the sentence speaks of the paper's own code or data
_OWN = own_work_with(
    r"\b(?:the\s+authors|supporting|underlying|"
    r"(?:used|generated|analy[sz]ed|collected|produced|developed|created|presented|described)\s+"
    r"(?:in|for|during|by)\s+(?:this|the\s+(?:current|present))|(?:used|generated|analy[sz]ed|collected|produced|presented)\s+here(?:in)?|"
    r"to\s+reproduce|reproducib\w*|"
    r"(?:data|code|software)\s+availability)\b")
_STATEMENT_TAIL = (
    # one group, so that a pattern put before it binds to both alternatives;
    # the first: "... scripts are on GitHub: <URL>"
    r"(?:\b(?:is|are)\s+(?:also\s+|now\s+)?(?:on|at|in)\s+" + _FORGE_OR_ARCHIVE + r"\b|"
    # "the scripts live at https://github.com/...": a home given as a link
    r"\b(?:live|lives|reside|resides|sit|sits)\s+(?:at|on|in)\s+(?=https?://|www\.|" + _FORGE_OR_ARCHIVE + r")|"
    # a run-in note: "Audio files and labels: deposited in Figshare"
    r"\s*:\s*(?:publicly\s+|openly\s+|freely\s+)?(?:available|deposited|archived|uploaded|hosted|released)\s+(?=on|in|at|via|through)\b|"
    r"\b(?:is|are|has\s+been|have\s+been|was|were|will\s+be|can\s+be|may\s+be)\s+(?:\w+\s+){0,2}?"
    r"(?:available|disponible|accessible|deposited|archived|uploaded|released|hosted|downloadable|open[\s\-]sourced|shared|public|"
    r"open(?=\s+(?:on|at|in|via|through)\b))\b"
    r"(?=\s*(?:$|[.;:(]|(?:at(?!\s+(?:a|an|the)\s+(?:\w+\s+)?(?:resolution|scale|level|rate|time|cost|price|spatial|temporal|"
    r"global|regional|local|\d))|on|in|from|via|through|to|upon|under|here|as(?!\s+(?:soon|long|well|much|many|far))|with|for\s+download|by\s+(?:contacting|request)|"
    r"online|publicly|freely|openly|without|after|once|when|following)\b)))")
# a statement of availability whose subject is code or data ("All scripts are available at")
# what a sharing statement is about: code, data and the things data are made of
_SHARED_THINGS = (
    r"code|codes|scripts?|software|data|datasets?|dataset|images?|recordings?|annotations|models?|weights|"
    r"implementation|notebooks?|files?|materials?|videos?|annotations|outputs?|results|labels|photographs?|photos?|pictures|footage|"
    r"imagery|orthomosaics?|mosaics|spectrograms|clips?|tracks|observations|occurrences|measurements|records|checkpoints|metadata|"
    r"series|time\s+series|logs|readings|counts|"
    r"corpus|(?:sound|call|song|audio|image|photo|reference)\s+(?:library|collection|archive)")
_STATEMENT = re.compile(
    # the words between may hold a short bracket without a year ("The R scripts (R 4.3.1) used for ... are available")
    r"\b(?:" + _SHARED_THINGS + r"|(?:annotated|labell?ed|raw|processed|cleaned|curated)\s+[a-z]+s)\b"
    r"(?:[^.;:()]|\((?![^()]*\b(?:19|20)\d{2}\b)[^()]{0,30}\)|(?<=\d)\.(?=\d)){0,100}?"
    + _STATEMENT_TAIL, re.IGNORECASE)
# "All Python code ... can be obtained from <URL>", "The source code can be found at <URL>": code
# offered for download (for data the same words usually name a third-party source the paper
# downloaded from, or a figure: "the detection maps can be found in Fig. 4")
_CODE_OBTAINABLE = re.compile(
    r"\b(?:code|codes|scripts?|software|implementation|notebooks?)\b[^.;:()]{0,80}?\b(?:can|may)\s+be\s+"
    r"(?:freely\s+)?(?:obtained|downloaded|retrieved|accessed|found)\s+(?:from|at|via|through|on)\b", re.IGNORECASE)
# _STATEMENT with verbs that also describe storage or publication in general ("records are stored in
# many formats"): they count only when the host or link comes after the verb
_STATEMENT_WEAK = re.compile(
    r"\b(?:" + _SHARED_THINGS + r")\b"
    r"(?:(?!\b(?:has|have|had|before|after|when|once|which|that|it|they|where|while)\b)[^.;:()]){0,50}?"
    r"\b(?:is|are|has\s+been|have\s+been|was|were|will\s+be|can\s+be|may\s+be)\s+(?:\w+\s+){0,2}?"
    r"(?:stored|published|made\s+public)\b"
    r"(?=\s*(?:$|[.;:(]|(?:at(?!\s+(?:a|an|the)\s+(?:\w+\s+)?(?:resolution|scale|level|rate|time|cost|price|spatial|temporal|"
    r"global|regional|local|\d))|on|in|from|via|through|to|upon|under|here|as(?!\s+(?:soon|long|well|much|many|far))|with|for\s+download|by\s+(?:contacting|request)|"
    r"online|publicly|freely|openly|without|after|once|when|following)\b))", re.IGNORECASE)
_SUBJECT = (r"(?:data(?:\s?sets?)?|datasets?|raw\s+data|codes?|scripts?|source\s+code|software|recordings?|images?|annotations|"
            r"labels|weights|trained\s+models?|implementation|configurations?|config\s+files|notebooks?|photographs?|photos?|pictures?|footage|clips?|videos?|measurements|records|"
            r"(?:[\w\-]+\s+)?counts|tallies|tables|"
            r"(?:sequencing\s+|sequence\s+|eDNA\s+|DNA\s+|raw\s+)?reads|sequences|sequence\s+data|spectra|parameters|variables|features|values|"
            + _DATA_FILES + r"|"
            r"(?:reference\s+|ground[\s\-]truth\s+|annotation\s+|label\s+|segmentation\s+)?masks)")
# the statement's subject opens the sentence: "All data and code are ...", "The R scripts used ... are ..."
# "Code: https://gitlab.com/...": a run-in label that gives the link right after it
# ("Training and cleaning scripts: https://...": up to three words before each subject)
# (a footnote's mark may come first: "\u00b2 Implementation: gitlab.com/...")
# a place given by its link that holds the study's material: "The repository https://... holds the
# code together with the trained weights", "The project page (https://osf.io/...) offers the raw photographs"
_PLACE_HOLDS = re.compile(r"^\W*(?:the|our|this|its|a|an)\s+(?:[\w\-]+\s+){0,2}?(?:repository|repo|archive|deposit|page|record|"
                          r"website|web\s?site|site|project|collection|folder|bucket)\s*,?\s*\(?\s*(?:at\s+)?(?:" + _LINK_START
                          + r")\S+\s*\)?\s*,?\s+(?:now\s+|also\s+)?(?:holds|contains|hosts|includes|offers|provides|has|keeps|stores|gives)\b",
                          re.IGNORECASE)
_LABEL_URL = re.compile(r"^[\W\u00b9\u00b2\u00b3\u2070-\u2079\d]*(?:(?:[A-Za-z][\w\-]*\s+(?:(?:and|&)\s+)?){0,3}?(?:source\s+)?(?:code|data|software|scripts?|datasets?|(?:trained\s+)?weights|models?|repository|"
                        r"implementation|pipeline|package|toolbox|notebooks?|"
                        r"photographs?|photos|images|imagery|(?:ortho)?mosaics|tiles|recordings|labels|annotations|masks|boxes|videos|"
                        r"clips|spectrograms|rasters?|maps?|records|observations|measurements|detections|tracks|footage)"
                        r"(?:\s+(?:per|for|of|from)\s+(?:each\s+)?[\w\-]+)?(?:\s*(?:,|and|&)\s*)?){1,3}\s*:\s*(?:[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?\s*,\s*)?"
                        r"(?:https?\s?:|www\.|doi\.org|doi:|10\.\d{4,9}/|[a-z0-9\-]+\.(?:com|org|io|net|co)/)", re.IGNORECASE)
# "Rainfall grids of PRISM can be fetched from ...": a named third-party product, not the paper's data
_NAMED_SOURCE_SUBJECT = re.compile(r"^\W*(?:the\s+)?(?:\w+\s+){0,2}(?:of|from)\s+(?:the\s+)?[A-Z]")
# "The dataset can be downloaded from <host>": offered to readers, when the sentence opens with what is shared
_DOWNLOADABLE = re.compile(r"\b(?:can|may)\s+be\s+(?:\w+\s+(?:and|or)\s+)?(?:freely\s+|publicly\s+|openly\s+|bulk[\s\-]?)?(?:downloaded|obtained|accessed|retrieved|browsed)\s+"
                           r"(?:from|at|via|through|on)\b", re.IGNORECASE)
# (a numbered paragraph's number may come first: "6.1 The R code for both models is at ...")
_OWN_SUBJECT = re.compile(r"^\W*(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+)?(?:(?:all|the|our|both|these|this|any|full|complete|raw|processed|original|annotated|"
                          r"labell?ed|R|Python|MATLAB|analysis|source|model|training|example|sample|and|inference|"
                          r"prediction|evaluation|processing|preprocessing|[a-z]+ing)\s+){0,4}"
                          # (one modifier word: "all raw records", "our annotated clips", "the discharge records",
                          # "Discharge records ..." at the start)
                          r"(?:[A-Za-z][\w\-]*\s*,\s*|(?<=all\s)[a-z][\w\-]*\s+|(?<=our\s)[a-z][\w\-]*\s+|(?<=the\s)(?-i:[a-z][\w\-]*)\s+|"
                          r"(?<=^)(?!(?:many|some|several|most|few|other|such|various|numerous|no|new|public|open|existing|each|every|any|one)\b)[a-z][\w\-]*\s+)?"
                          + _SUBJECT + r"\b",
                          re.IGNORECASE)
_EACH_SUBJECT = re.compile(r"^\W*(?:every|each)\s+(?:[a-z][\w\-]*\s+)?" + _SUBJECT + r"\b", re.IGNORECASE)
# "Data are embargoed until 2026, after which they will be available on OSF": the subject opens the
# sentence and a pronoun takes it up in the clause that gives the availability
_PRONOUN_STATEMENT = re.compile(r"\b(?:they|it|these|both)\s+(?:\w+\s+)?" + _STATEMENT_TAIL, re.IGNORECASE)
# a footnote mark glued to a word of the statement ("Our implementation1 is public at ...")
_FOOTNOTE_GLUED = re.compile(
    r"(?<![\w/.\-#@=?&%])((?:source\s+)?(?:codes?|scripts?|software|implementations?|data|datasets?|notebooks?|"
    r"repository|repositories|package|materials?|available|availability))(\d{1,2}|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]{1,2})"
    r"(?=[\s,;:.)]|$)", re.IGNORECASE)


def _unglue_footnotes(sentence: str) -> str:
    """``sentence`` with footnote marks glued to its words blanked out, same length (offsets hold).

    >>> _unglue_footnotes("Our code2 is public.")
    'Our code  is public.'
    """
    return _FOOTNOTE_GLUED.sub(lambda m: m.group(1) + " " * len(m.group(2)), sentence)


# "Our R package ssdmtools (v0.3.1) is on CRAN", "this toolbox is maintained on GitHub"
_OWN_PACKAGE = re.compile(
    r"\b(?:our|this|the\s+present)\s+(?:(?:R|Python|MATLAB|Julia|open[\s\-]source|new|free)\s+)?"
    r"(?:package|library|toolbox|tool|software|app|application|pipeline|plugin|plug-in|module)\b"
    r"(?:[^.;]|\.(?=\d)){0,100}?\b(?:is|are|has\s+been|was)\s+(?:\w+\s+){0,2}?(?:on|at|in|available|maintained|hosted|released|"
    r"published|distributed|deposited|archived)\b", re.IGNORECASE)


def _own_statement(sentence: str) -> bool:
    """An own subject opens the sentence and a pronoun states its availability."""
    return bool(_OWN_SUBJECT.search(sentence) and _PRONOUN_STATEMENT.search(sentence))


_IN_SUPPLEMENT = re.compile(
    # (a subject that opens the sentence may run longer, with a bracket: "The R code we wrote for
    # fitting ... the ensemble (random forest, boosted trees and MaxEnt) is provided with ...")
    r"(?:^\W*(?:[\w\-]+\s+){0,3}?" + _SUBJECT + r"\b(?:\s+\(?[\w,\-]+\)?,?){0,20}?|\b" + _SUBJECT + r"\b(?:\s+[\w,\-]+){0,12}?)"
    r"\s+(?:is|are|was|were|have\s+been|has\s+been|can\s+be|may\s+be)\s+(?:\w+\s+)?"
    r"(?:provided|included|given|listed|deposited|found|available|supplied|appended|attached)\s+(?:\w+\s+){0,5}?"
    r"(?:in|as|with)\s+(?:the\s+|an?\s+)?(?:online\s+|electronic\s+)?(?:supplement|appendi|supporting\s+information|"
    r"additional\s+files?)|"
    # "Supplementary Data S1 contains the full table of labelled trees"
    r"^\W*Supplementa(?:ry|l)\s+(?:Data(?:set)?|Tables?|Files?|Material|Code|Software)\s+S?\d+\s+(?:contains|holds|gives|lists|provides|includes)\b|"
    # "The notebooks ... accompany this article as Supplementary Code 1"
    r"\b" + _SUBJECT + r"\b[^.;]{0,80}?\baccompan(?:y|ies|ied)\s+(?:this|the)\s+(?:article|paper|manuscript|study)\s+"
    r"(?:as|in)\s+(?:an?\s+|the\s+)?(?:online\s+)?supplement|"
    # "Supplementary Materials: ... can be downloaded at ...: Script S2: R scripts for model tuning"
    r"^\W*supplementary\s+materials?\s*:[^.]*?\b(?:scripts?|code|notebooks?|software|data(?:sets?)?|recordings|images)\b",
    re.IGNORECASE)
_DEPOSIT = re.compile(
    r"\b(?:deposited|archived|uploaded|submitted|stored|hosted|published|released|shared|available|accessible|"
    r"release|share|deposit|publish|upload|archive)\s+"
    r"(?:[\w,/\-]+\s+){0,10}?(?:on|in|at|via|through|to|from|using)\s+(?:the\s+|a\s+|an\s+|our\s+)?(?:public\s+|online\s+)?"
    r"(?:[\w.\-]+\s+){0,2}?(?:[A-Z]\w*|repositor\w*)", re.IGNORECASE)
# "requests should go to the agency's data office": where to ask, not a hypothesis
_REQUEST_ADDRESS = re.compile(r"\brequests?\s+(?:for\s+(?:the\s+|these\s+|our\s+)?\w+(?:\s+\w+){0,2}?\s+)?should\s+(?:be\s+(?:sent|made|addressed|directed)|go)\s+to\b",
                              re.IGNORECASE)
_AUTHOR_ASKED = re.compile(r"\b(?:corresponding|first|lead|senior|last)\s+authors?\b", re.IGNORECASE)
_LICENCE_LIMIT = re.compile(r"\blicen[cs]\w*|\bforbid\w*|\bprohibit\w*|\bredistribut\w*|\bagreements?\b|\brestrict\w*",
                            re.IGNORECASE)
_THANKS = re.compile(r"\b(?:thanks?|thanking|acknowledg\w*|grateful|gratitude)\b", re.IGNORECASE)
_RESTRICTED = re.compile(
    r"publicly|openly|freely|\bpublic\b|\bshar(?:ed|ing|e)\b|restrict|confidential|proprietar|third[\s\-]part|privacy|"
    r"sensitiv|licen[cs]|agreement|legal|ethic|permission|owned\s+by|redistribut|passed\s+on|passing\s+\w+\s+on|withheld|"
    r"pass\s+on|hand\s+(?:on|over|out)|give\s+out|belongs?\s+to|not\s+(?:allowed|permitted)|"
    r"(?:cannot|can\s?not|could\s+not|will\s+not|may\s+not)\s+be\s+(?:released|published|distributed|made\s+(?:available|public))",
    re.IGNORECASE)
# another party's code or data, or a tool the paper used
_OTHERS = re.compile(
    r"\bet\s+al\b|^\W*(?:they|their|his|her)\b|\b(?:uploaded|contributed|submitted|shared|recorded|collected)\s+(?:\S+\s+){0,3}?by\s+"
    r"(?!us\b|the\s+(?:first\s+|corresponding\s+)?authors?\b)|\b(?:previous|prior|earlier|other)\s+(?:studies|works?|authors)\b|"
    r"[,(]\s*whose\s+(?:source\s+)?(?:code|scripts?|software|weights|data)\b|"
    # "It can be obtained from their GitHub page": the makers' own page
    r"\b(?:from|on|at|via|through)\s+their\s+(?:own\s+|official\s+)?(?:GitHub|GitLab|Bitbucket|web\s*site|web\s+page|"
    r"page|repositor(?:y|ies)|home\s*page|project\s+page)\b",
    re.IGNORECASE)
_TOOL = re.compile(
    r"\b(?:(?:we|I|was|were|is|are|been|be)\s+(?:\w+\s+)?(?:used|utili[sz]ed|employed|adopted|applied)|using|use|uses|"
    r"utili[sz]ing|employing|adopting|implemented\s+(?:in|with|using|by)|based\s+on|adapted\s+from|following|followed|"
    r"(?:developed|provided|proposed|created|written|maintained|released|published)\s+by"
    r"(?!\s+(?:the\s+)?(?:(?:corresponding|first|lead|senior|last)\s+)?authors?\b|\s+us\b)|implementation\s+of|"
    r"with\s+the\s+help\s+of|from\s+the\s+\w+\s+(?:library|package|toolbox|framework)|"
    r"(?:library|package|toolbox|framework|API|plugin)\s+(?:\w+\s+)?\(|"
    r"install_github|pip\s+install|official|pre[\s\-]?trained|original\s+(?:[\w\-]+\s+)?(?:authors?|implementation|repository|code)|"
    r"open[\s\-]source\s+(?:library|package|tool|implementation))\b",
    re.IGNORECASE)
# "we" with a verb of taking somebody else's material
_OWN_TOOL = re.compile(
    r"\b(?:we|I)\s+(?:\w+\s+)?(?:used|use|utili[sz]ed|employed|adopted|applied|followed|downloaded|obtained|retrieved|"
    r"cloned|took|adapted|modified|installed|relied)\b|\bour\s+\w+\s+(?:is|was)\s+based\s+on\b|"
    r"\boriginal\s+(?:[\w\-]+\s+)?(?:authors?|implementation|repository|code)\b|\bofficial\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"(?-i:\b(?:could|would|might|should)\b)|\bfuture\s+(?:work|research|studies)\b|\bin\s+the\s+future\b|"
    r"\bif\s+(?:the\s+)?(?:data|code)\b|\bwe\s+(?:plan|intend|hope|aim)\s+to\b|\bencourag\w+\b|\brecommend\w*\b",
    re.IGNORECASE)
# "They cannot be shared because doing so could guide poachers to ...": a modal in the reason
# given for not sharing does not make the statement hypothetical
_REASON_CLAUSE = re.compile(r"\b(?:because|since)\b[^.;]*[.;]?\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^\W*(?:data|code|software|research\s+data)(?:\s+and\s+(?:code|data|software))?\s+"
                      r"(?:availability|accessibility)(?:\s+statement)?\b"
                      # ("Data availability at the weather station was poor": a subject, not a label)
                      r"(?!\s+(?:at|of|in|for|on|from|was|were|is|are|varied|differ\w*|depend\w*|remain\w*)\b)\W*", re.IGNORECASE)


def status_of(sentence: str) -> str:
    """The availability status a sentence states.

    >>> status_of("Our survey data can be obtained from the first author upon reasonable request.")
    'on request'
    >>> status_of("Code will be made available on GitHub upon publication.")
    'will be available'
    """
    if _ON_REQUEST.search(sentence):
        return "on request"
    if _NOT_AVAILABLE.search(sentence):
        return "not available"
    if _WILL.search(sentence):
        return "will be available"
    if _SUPPLEMENTARY.search(sentence) and not URL_START.search(sentence):
        return "supplementary"
    return "available"


def _strip_urls(sentence: str) -> str:
    return URL_START.sub(" URL ", sentence)


_SECTION_REF = re.compile(r"\b(?:code|data|software)(?:\s+and\s+(?:code|data|software))?\s+availability\s+(?:section|statement)",
                          re.IGNORECASE)


def kinds_of(sentence: str, host: Optional[Entry] = None) -> Tuple[bool, bool]:
    """(about code, about data) for a sentence, from its words, else from the host.

    >>> kinds_of("All scripts and data are available at https://github.com/x/y.")
    (True, True)
    >>> kinds_of("Raw recordings are available on GitHub.")
    (False, True)
    """
    text = _SECTION_REF.sub(" ", _strip_urls(_HEADING.sub(" ", sentence)))
    text = re.sub(r"\b(?:GitHub|GitLab|Bitbucket)\s+repositor(?:y|ies)\b", " ", text, flags=re.IGNORECASE)
    code = bool(_CODE_WORDS.search(text))
    data = bool(_DATA_WORDS.search(text)) or bool(_SUPPLEMENTARY_DATA.search(sentence))
    heading = _HEADING.match(sentence)
    if heading:
        word = heading.group(0).lower()
        code = code or "code" in word or "software" in word
        data = data or "data" in word
    if code or data:
        return code, data
    kind = (host.attrs.get("kind") if host else None) or "general"
    return kind in ("code",), kind in ("data", "general")


def _explicit_kinds(sentence: str) -> Tuple[bool, bool]:
    """(about code, about data) from the sentence's own words only."""
    text = _SECTION_REF.sub(" ", _strip_urls(sentence))
    text = re.sub(r"\b(?:GitHub|GitLab|Bitbucket)\s+repositor(?:y|ies)\b", " ", text, flags=re.IGNORECASE)
    heading = _HEADING.match(sentence)
    word = heading.group(0).lower() if heading else ""
    return (bool(_CODE_WORDS.search(text)) or "code" in word or "software" in word,
            bool(_DATA_WORDS.search(text)) or "data" in word or bool(_SUPPLEMENTARY_DATA.search(sentence)))


# where a sentence joins two statements: "...; the code ...", "... and the code can be ..."
_CLAUSE_JOIN = re.compile(r";\s+|,?\s+(?:and|while|whereas|but)\s+(?=(?:the|our|all|any)\s+)", re.IGNORECASE)


_CLAUSE_PREDICATE = re.compile(r"\b(?:available|accessible|shared|share|request|archived|deposited|public|provided|"
                               r"released|hosted|uploaded|obtain\w*|found|stored)\b", re.IGNORECASE)


_CODE_IS_AT = re.compile(r"^\W*(?:the\s+|our\s+|all\s+)?(?:[\w\-]+\s+){0,2}?(?:code|scripts?|software|notebooks?)\s+"
                         r"(?:is|are)\s+(?:(?:available|hosted|kept)\s+)?(?:at|on|in)\s*:?\s*(?:https?\s?:|www\.)", re.IGNORECASE)
_PIECE_JOIN = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+", re.IGNORECASE)


def _piece_with(sentence: str, pos: int) -> str:
    """The piece of ``sentence`` between the joins (", and", "; ") around ``pos``."""
    start, end = 0, len(sentence)
    for m in _PIECE_JOIN.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return sentence[start:end]


def _clause_with(sentence: str, pos: int) -> str:
    """The clause of ``sentence`` that holds position ``pos``: the sentence is cut where two
    statements of availability join ("the data are on Zenodo and the code is on request"),
    not inside a subject ("the data and the code used here are available")."""
    # (end of a piece, start of the next) at each join, and the sentence's end
    joins = [(m.start(), m.end()) for m in _CLAUSE_JOIN.finditer(sentence)] + [(len(sentence), len(sentence))]
    # a piece without its own availability word runs on into the next one
    merged = []
    begin = 0
    for end, nxt in joins:
        if _CLAUSE_PREDICATE.search(sentence[begin:end]) or nxt == len(sentence):
            merged.append((begin, end))
            begin = nxt
    if len(merged) < 2:
        return sentence
    for a, b in merged:
        if a <= pos < b or (pos >= b and (a, b) == merged[-1]):
            return sentence[a:b]
    return sentence


def _value(status: str, url: Optional[str], host: Optional[str]) -> Dict[str, Any]:
    return {"status": status, "url": url, "host": host}


def _urls(sentence: str) -> List[Tuple[int, int, str]]:
    """Every URL or DOI of the sentence, repaired: (start, end, url)."""
    out = []
    for m in URL_START.finditer(sentence):
        url, used = repair_url(m.group(0), sentence[m.end():])
        if len(url) < 8 or not re.search(r"[A-Za-z0-9]/|\.[A-Za-z]{2,}", url):
            continue
        out.append((m.start(), m.end() + used, url))
    return out


def _host_named(sentence: str) -> List[Tuple[int, int, Entry]]:
    return get_catalogue(CATALOGUE).find_all(sentence)


def _is_reference(sentence: str) -> bool:
    text = _strip_urls(sentence)
    if looks_like_reference(text):
        return True
    # "Rwanda. Zenodo. URL" / "Make Sense, Github. Available at: URL" -- a reference's tail
    return bool(re.search(r"\b(?:19|20)\d{2}[a-z]?\.\s", text) and re.search(r"\b[A-Z][a-z]+,\s", text)
                and not _OWN.search(text))


def _third_party(entry, url: str) -> bool:
    """The URL's path starts with an owner the host's catalogue entry lists as a tool maker."""
    pattern = entry.attrs.get("third_party_regex")
    if not pattern:
        return False
    path = re.sub(r"^(?:https?\s?:\s?//\s?)?(?:www\.)?[^/]+/", "", url.strip(), flags=re.IGNORECASE)
    return bool(re.match(pattern, path, re.IGNORECASE))


def _tool_use(sentence: str) -> bool:
    """The sentence gives the source of a tool or of somebody else's material."""
    if _OTHERS.search(sentence) and not re.search(
            r"\bour\s+(?:\w+\s+)?" + _SUBJECT + r"|\b(?:we|I)\s+(?:\w+\s+)?(?:provide|release|share|make|made|deposit|upload|"
            r"publish)\w*\b|\bthis\s+(?:study|paper|work|article)", sentence, re.IGNORECASE):
        return True
    if _OWN_TOOL.search(sentence):
        return True
    if _OWN.search(sentence):
        return False
    return bool(_TOOL.search(sentence))


@lru_cache(maxsize=1024)
def _sentence_facts(sentence: str):
    """(status, URLs, hosts) of a sentence that may state availability, or None.

    Cached: the code and the data rules, and each URL or host of a sentence, ask the
    same questions of it.
    """
    if _is_reference(sentence):
        return None
    if _HYPOTHETICAL.search(_REASON_CLAUSE.sub("", sentence)) and not (_WILL.search(sentence) or _REQUEST_ADDRESS.search(sentence)):
        return None
    if re.search(r"\b(?:data|code)\s+availability\s*$|\bsee\s*$", sentence.strip(), re.IGNORECASE):
        return None  # a heading on its own / "found in the Data Availability section"
    if re.match(r"^\W*supplementary\s+(?:data|material|information)\s+(?:to|for|associated\s+with)\s+this\s+article", sentence,
                re.IGNORECASE):
        return None  # the journal's boilerplate
    return status_of(sentence), tuple(_urls(sentence)), tuple(_host_named(sentence))


# a sentence whose subject is a pronoun standing for what the sentence before named:
# "The scripts are written in Python. They can be downloaded from ...", "Both are on Zenodo"
_ANAPHOR = re.compile(
    r"^\W*(?:(?:For\s+(?:this|that|these)\s+reasons?|Therefore|However|Consequently|As\s+a\s+result|Unfortunately|"
    r"At\s+present|Currently|Hence|Thus|(?:Because\s+of|Owing\s+to|Given|Due\s+to)\s+(?:its|their|these|this|such|those)\s+(?:\w+\s+){0,2}?"
    r"(?:size|volume|sensitivity|nature|length|bulk|concerns?|reasons?|restrictions?|issues?|risks?|constraints?))\s*,?\s+)?(?P<pronoun>[Ii]t|[Tt]hey|Both(?:\s+of\s+them)?|These|All\s+of\s+them|Each\s+of\s+them|Neither(?:\s+of\s+them)?)"
    r"(?=\s+(?:[a-z]+\s+){0,2}?(?:is|are|was|were|can|cannot|can\s?not|could|may|might|will|have|has|had)\b)")


def resolve_anaphor(mention: Mention) -> Mention:
    """The mention in a sentence whose pronoun subject is replaced by what the sentence
    before was about, when this sentence names neither code nor data and that one does.

    >>> m = Mention("code_availability", "r", "request", "It may be obtained on request.", 22, 29,
    ...             previous="Our pipeline is built on internal tools.")
    >>> resolve_anaphor(m).sentence
    'The code may be obtained on request.'
    >>> m = Mention("data_availability", "r", "request", "Because of its size, it is available on request.", 40, 47,
    ...             previous="Our acoustic archive holds 3 TB of recordings.")
    >>> resolve_anaphor(m).sentence
    'Because of its size, The data is available on request.'
    """
    pronoun = _ANAPHOR.match(mention.sentence)
    if pronoun is None or not mention.previous or mention.start < pronoun.end():
        return mention
    if any(_explicit_kinds(mention.sentence)):
        return mention
    code, data = _antecedent_kinds(mention.previous)
    if not (code or data):
        return mention
    subject = "The code and data" if code and data else "The code" if code else "The data"
    a, b = pronoun.span("pronoun")
    delta = len(subject) - (b - a)
    return replace(mention, sentence=mention.sentence[:a] + subject + mention.sentence[b:],
                   start=mention.start + delta, end=mention.end + delta)


def _antecedent_kinds(previous: str) -> Tuple[bool, bool]:
    """(code, data): what a pronoun opening the next sentence stands for, the first thing
    ``previous`` names and what is joined to it ("the code together with the weights").

    >>> _antecedent_kinds("Our pipeline is built on internal tools of the survey agency.")
    (True, False)
    >>> _antecedent_kinds("All annotated tiles and the scripts that made them are archived.")
    (True, True)
    """
    text = _SECTION_REF.sub(" ", _strip_urls(previous))
    found = sorted([(m.start(), m.end(), "code") for m in _CODE_WORDS.finditer(text)]
                   + [(m.start(), m.end(), "data") for m in _DATA_WORDS.finditer(text)])
    if not found:
        return False, False
    start, end, first = found[0]
    kinds = {first}
    for a, b, other in found[1:]:
        if re.fullmatch(r"\s+(?:and|or|plus|as\s+well\s+as|together\s+with|along\s+with|with)\s+(?:the\s+|their\s+|its\s+|our\s+|all\s+)?"
                        r"(?:[\w\-]+\s+){0,3}?", text[end:a], re.IGNORECASE):
            kinds.add(other)
            end = b
    return "code" in kinds, "data" in kinds


@normalizer("availability")
def availability(mention: Mention) -> Values:
    """A URL, DOI, availability statement or named host -> ``[{status, url, host}]``.

    ``params.kind``: code or data (the field the rule feeds); ``params.cue``: url,
    statement or host.
    """
    mention = resolve_anaphor(mention)
    kind = mention.params.get("kind", "data")
    cue = mention.params.get("cue", "url")
    sentence = _unglue_footnotes(mention.sentence)
    facts = _sentence_facts(sentence)
    if facts is None:
        return None
    status, urls, hosts = facts

    if cue == "url":
        # the matched URL (a URL rule fires once per URL)
        here = [u for u in urls if u[0] <= mention.start < u[1]]
        if not here:
            return None
        start, end, url = here[0]
        entry = _entry_of_url(url)
        if entry is not None and _third_party(entry, url):
            return None  # "github.com/ultralytics/yolov5": a tool's home, never the paper's own code
        if not (_AVAILABLE.search(_strip_urls(sentence)) or _HEADING.match(sentence) or _LABEL_URL.match(sentence)
                or _HOST_SUBJECT.match(sentence) or _PLACE_HOLDS.match(sentence) or (_OWN_SUBJECT.match(sentence) and _AT_LINK.search(sentence))
                or (_doi(url) and re.search(r"\b(?:downloaded|obtained|retrieved|accessed|extracted)\b", sentence, re.IGNORECASE))
                or (entry is not None and re.match(r"^\W*(?:code|data|scripts?|software|dataset)\s*[:(]", sentence, re.IGNORECASE))):
            return None  # a URL with no word of availability around it
        piece = _piece_with(sentence, start)
        if (_tool_use(sentence) and not (piece != sentence and _CODE_IS_AT.match(piece))) or _THANKS.search(sentence):
            # (a piece of its own that says where the code is: "Training code is at <URL>, and the
            # plugin can be installed from the QGIS plugin repository" names a tool's home only later)
            # a DOI of a deposited dataset the paper downloaded is still where its data are
            if not (kind == "data" and _doi(url) and entry is not None and entry.attrs.get("kind") in ("data", "general")
                    and not _OTHERS.search(sentence) and not _THANKS.search(sentence)):
                return None
        code, data = kinds_of(sentence, entry)
        own_clause = _clause_with(sentence, start)
        if own_clause != sentence:
            c2, d2 = _explicit_kinds(own_clause)
            if c2 or d2:
                code, data = c2, d2  # "Our dataset is at <URL> and the code can be shared on request"
                status = status_of(own_clause)
        if (kind == "code" and not code) or (kind == "data" and not data):
            return None
        if kind == "code" and entry is not None and entry.attrs.get("kind") == "data" \
                and not re.search(r"\b(?:code|scripts?|software)\b", sentence, re.IGNORECASE):
            return None
        weak = _STATEMENT_WEAK.search(sentence)
        if not (_OWN.search(sentence) or _STATEMENT.search(sentence) or _HEADING.match(sentence) or (weak and weak.end() <= start)
                or _LABEL_URL.match(sentence) or (_OWN_SUBJECT.match(sentence) and _DOWNLOADABLE.search(sentence)
                                                  and not _NAMED_SOURCE_SUBJECT.match(sentence))
                or (kind == "code" and _CODE_OBTAINABLE.search(sentence)) or _own_statement(sentence)
                or (_OWN_SUBJECT.match(sentence) and _AT_LINK.search(sentence)) or _HOST_SUBJECT.match(sentence)
                or _PLACE_HOLDS.match(sentence) or (_doi(url) and kind == "data" and entry is not None)):
            return None  # "Available at: https://..." alone is a citation's tail or a tool's homepage
        return [_value(status if status != "supplementary" else "available", url, entry.name if entry else None)]

    if cue == "host":
        start = mention.start
        entry = get_catalogue(CATALOGUE).lookup(mention.text)
        if entry is None or not get_catalogue(CATALOGUE).accepts(entry, sentence):
            return None
        if any(s <= start < e for s, e, _ in urls):
            return None  # part of a URL: the URL rule speaks
        entries = [(u, _entry_of_url(u)) for _, _, u in urls]
        if entries and all(e is not None and _third_party(e, u) for u, e in entries):
            return None  # the host named for a tool whose own link the sentence gives
        weak = _STATEMENT_WEAK.search(sentence)
        deposit = [d for d in _DEPOSIT.finditer(sentence) if d.start() < start and start - d.end() <= 60]
        if not (_STATEMENT.search(sentence) or _HEADING.match(sentence) or (weak and weak.end() <= start) or _own_statement(sentence)
                or _HOST_SUBJECT.match(sentence)
                # "Every recording used here ... can be downloaded from the Figshare project of this article"
                or ((_OWN_SUBJECT.match(sentence) or _EACH_SUBJECT.match(sentence))
                    and (downloadable := _DOWNLOADABLE.search(sentence)) is not None and downloadable.start() < start
                    and not _NAMED_SOURCE_SUBJECT.match(sentence))
                or (deposit and (_OWN.search(sentence) or _OWN_SUBJECT.search(sentence)))
                or (kind == "code" and _OWN_PACKAGE.search(sentence))):
            return None  # (a deposit verb counts when the host follows it: "uploaded ... to Arbimon")
        if _tool_use(sentence) or _THANKS.search(sentence):
            return None
        code, data = _explicit_kinds(sentence)
        host_clause = _clause_with(sentence, start)
        if host_clause != sentence and any(_explicit_kinds(host_clause)):
            code, data = _explicit_kinds(host_clause)  # "code at <URL> and the data on Zenodo": this clause's kind
        if not (code or data):
            # "All annotated vignettes are public in EcoTaxa": naming neither, the host's kind decides
            code, data = entry.attrs.get("kind") == "code", entry.attrs.get("kind") == "data"
        if (kind == "code" and not code) or (kind == "data" and not data):
            return None
        if kind == "code" and entry.attrs.get("kind") == "data":
            return None
        url = None
        if len(urls) == 1 and _clause_with(sentence, urls[0][0]) == _clause_with(sentence, start):
            return []  # the URL rule gives the full value
        return [_value(status if status != "supplementary" else "available", url, entry.name)]

    # cue == statement: "available upon request", "will be made available", "Data availability: ..."
    if _THANKS.search(sentence):
        return None
    if _tool_use(sentence) and not (status in ("not available", "on request") and _LICENCE_LIMIT.search(sentence)) \
            and not (status == "on request" and _AUTHOR_ASKED.search(sentence)
                     and not _OTHERS.search(sentence) and not _OWN_TOOL.search(sentence)):
        return None  # (data "used under a licence that forbids sharing them" still tell a reader where they stand)
    code, data = _explicit_kinds(sentence)
    clause = _clause_with(sentence, mention.start)
    if clause != sentence and any(_explicit_kinds(clause)):
        # "Our dataset is at <URL> and the code can be shared on request": this clause speaks
        code, data = _explicit_kinds(clause)
        status = status_of(clause)
        urls = tuple(u for u in urls if _clause_with(sentence, u[0]) == clause)
        hosts = tuple(h for h in hosts if _clause_with(sentence, h[0]) == clause)
    if (kind == "code" and not code) or (kind == "data" and not data):
        return None
    wanted = mention.params.get("statuses") or list(STATUSES)
    if status not in wanted:
        return None  # the sentence states another status: the rule for that one gives the value
    if status == "supplementary" and not (_HEADING.match(sentence) or _IN_SUPPLEMENT.search(sentence)):
        return None
    if status in ("available", "will be available") and not (
            _HEADING.match(sentence) or (_STATEMENT.search(sentence) and (_OWN.search(sentence) or _OWN_SUBJECT.search(sentence)))
            or _own_statement(sentence)
            or (_OWN_SUBJECT.match(sentence) and _DOWNLOADABLE.search(sentence) and not _NAMED_SOURCE_SUBJECT.match(sentence))):
        return None  # "the data available for training were limited", "data packages are made available via the portal"
    if status == "not available" and not _RESTRICTED.search(sentence):
        return None  # "climate data were not available for 2019" is not a sharing statement
    # (a tool's own link, "github.com/ultralytics/yolov5", and the host inside it give no value)
    tools = [(a, b) for a, b, u in urls if (e := _entry_of_url(u)) is not None and _third_party(e, u)]
    urls = tuple(u for u in urls if (u[0], u[1]) not in tools)
    hosts = tuple(h for h in hosts if not any(a <= h[0] < b for a, b in tools))
    if urls or any(e.attrs.get("kind") in (kind, "general") for _, _, e in hosts):
        return []  # the URL or host rules give the value with the link
    return [_value(status, None, None)]


__all__ = ["availability", "repair_url", "host_of_url", "status_of", "kinds_of", "STATUSES"]
