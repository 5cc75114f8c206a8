"""code_availability and data_availability: status, URL repair, host, code vs data."""
from __future__ import annotations

import pytest

from extractor.matching import match_sentence
from extractor.normalize.availability import host_of_url, kinds_of, repair_url, status_of
from extractor.ruleset import load_rules


def values(field, sentence):
    out = []
    for m in match_sentence(sentence, load_rules().for_field(field)):
        for v in m.values:
            if v not in out:
                out.append(v)
    return out


@pytest.mark.parametrize("url,right,expected", [
    ("https://github.", " com/owlab/nest-cam and", "https://github.com/owlab/nest-cam"),
    ("https://doi.org/10.5281/zenodo.", " 4417231).", "https://doi.org/10.5281/zenodo.4417231"),
    ("https://github.com/owlab/", " nest-cam.", "https://github.com/owlab/nest-cam"),
    ("https://github.com/owlab/nest-cam.", " The data", "https://github.com/owlab/nest-cam"),
    ("https://osf.io/x7k2p).", "", "https://osf.io/x7k2p"),
    ("https://iiasa.", " github.io/tool/", "https://iiasa.github.io/tool/"),
])
def test_repair_url(url, right, expected):
    assert repair_url(url, right)[0] == expected


@pytest.mark.parametrize("url,host", [
    ("https://github.com/a/b", "GitHub"),
    ("https://gitlab.example-university.de/a/b", "GitLab"),
    ("https://doi.org/10.5061/dryad.8w9ghx3k1", "Dryad"),
    ("doi:10.1594/PANGAEA.900123", "PANGAEA"),
    ("https://doi.org/10.15468/dl.ab12cd", "GBIF"),
    ("https://zenodo.org/records/10477901", "Zenodo"),
    ("https://doi.org/10.6084/m9.figshare.2178", "Figshare"),
    ("https://data.mendeley.com/datasets/abc/2", "Mendeley Data"),
    ("https://www.example.org/page", None),
])
def test_host_of_url(url, host):
    assert host_of_url(url) == host


@pytest.mark.parametrize("sentence,status", [
    ("Our survey data can be obtained from the first author upon reasonable request.",
     "on request"),
    ("Data will be made available on request.", "on request"),
    ("The code will be released on GitHub after publication.", "will be available"),
    ("The images are not publicly available because they show private land.", "not available"),
    ("All R scripts are provided in the Supplementary Material.", "supplementary"),
    ("You can freely download the recordings at https://doi.org/10.5281/zenodo.1234567.", "available"),
])
def test_status_of(sentence, status):
    assert status_of(sentence) == status


def test_kinds_from_words_and_host():
    assert kinds_of("All scripts and data are available at https://github.com/a/b.") == (True, True)
    assert kinds_of("The recordings are deposited on GitHub.") == (False, True)
    assert kinds_of("See https://github.com/a/b.", None) == (False, True)  # no words, no host entry: general


def test_code_and_data_from_one_sentence():
    s = "All scripts and annotated images needed to reproduce our results are available at https://github.com/owlab/nest-cam."
    v = {"status": "available", "url": "https://github.com/owlab/nest-cam", "host": "GitHub"}
    assert v in values("code_availability", s)
    assert v in values("data_availability", s)


def test_data_host_is_not_code():
    s = "The camera-trap images are archived in Dryad (https://doi.org/10.5061/dryad.8w9ghx3k1)."
    assert values("code_availability", s) == []
    assert values("data_availability", s) == [
        {"status": "available", "url": "https://doi.org/10.5061/dryad.8w9ghx3k1", "host": "Dryad"}]


def test_will_be_available_with_url():
    s = "The trained weights will be made available at https://huggingface.co/owlab/nestnet upon publication."
    assert values("code_availability", s) == [
        {"status": "will be available", "url": "https://huggingface.co/owlab/nestnet", "host": "Hugging Face"}]


@pytest.mark.parametrize("sentence", [
    "We used the MegaDetector model (https://github.com/microsoft/CameraTraps) to crop the animals.",
    "Bounding boxes were drawn with LabelImg (https://github.com/tzutalin/labelImg).",
    "Lopez et al. (2020) shared their code at https://github.com/lopez/fishnet.",
    "Jocher, G., 2020. YOLOv5 by Ultralytics. https://github.com/ultralytics/yolov5.",
    "Future work could make the code available on GitHub.",
])
def test_tools_and_others_are_not_own_code(sentence):
    assert values("code_availability", sentence) == []


@pytest.mark.parametrize("sentence", [
    "Every raster layer is available at a 100 m spatial resolution.",
    "The reference data available for training were limited.",
    "The online version of this article has supplementary data at https://doi.org/10.1016/j.ecolmodel.2024.110001.",
    "Over 900 recordings of the species were uploaded to Xeno-canto by volunteers.",
    "Soil moisture data were not available for two of the plots.",
    "A package gets its DOI from the depositor, after which it is kept in ESS-DIVE.",
    "We ran the Arbimon template matching on our recordings, with help from the available volunteers.",
])
def test_not_data_availability(sentence):
    assert values("data_availability", sentence) == []


@pytest.mark.parametrize("sentence,host", [
    ("Our labelled camera-trap sequences have been released through LILA BC.", "LILA BC"),
    ("All annotated flight videos were uploaded to FathomNet.", "FathomNet"),
    ("The labelled weed images are available on Roboflow Universe.", "Roboflow Universe"),
    ("The acoustic recordings made for this study are stored in Arbimon.", "Arbimon"),
])
def test_data_hosts_of_ecology(sentence, host):
    assert {"status": "available", "url": None, "host": host} in values("data_availability", sentence)


@pytest.mark.parametrize("sentence,host", [
    ("All analysis scripts are public at gitlab.com/heath-lab/moor-ndvi.", "GitLab"),
    ("The fitted weights are openly available on huggingface.co/kelp-lab/canopy-unet.", "Hugging Face"),
    ("Our implementation3 is public at github.com/gannet-lab/divecount under an Apache licence.", "GitHub"),
    ("The source code\u00b2 can be found at bitbucket.org/mothlab/lighttrap-cnn.", "Bitbucket"),
    ("The code is openly available at htt ps://gitlab.com/reef-lab/polyp-count.", "GitLab"),  # a scheme broken by the PDF
])
def test_bare_urls_and_glued_footnotes(sentence, host):
    """A link without https:// or www. is a link; a footnote digit glued to 'implementation3' is a mark."""
    found = values("code_availability", sentence)
    assert found and found[0]["status"] == "available" and found[0]["host"] == host
    assert found[0]["url"].split("/")[0].endswith((".com", ".org", ".co"))


@pytest.mark.parametrize("sentence", [
    "The detections were checked with BirdNET, which is public at github.com/kahst/BirdNET.",
    "Write to the first author (m.keller@github.com/issues) with questions about the survey.",
    "Existing camera-trap classifiers (e.g. github.com/microsoft/CameraTraps) were used to crop the animals.",
    "Okafor, C., 2021. Frog call library. Zenodo. doi.org/10.5281/zenodo.4412345.",
    "Our code is public domain software and runs on any laptop.",
])
def test_bare_urls_of_others_are_not_own_code(sentence):
    assert values("code_availability", sentence) == []


def test_footnote_mark_keeps_offsets():
    from extractor.normalize.availability import _unglue_footnotes
    s = "Our data1 and code\u00b3 are at github.com/a/code1 (see scripts2)."
    out = _unglue_footnotes(s)
    assert len(out) == len(s)
    assert out == "Our data  and code  are at github.com/a/code1 (see scripts )."


def test_future_release_after_embargo_keeps_host():
    s = ("All recordings are embargoed until June 2026 to protect the breeding sites, after which they will be "
         "released on Zenodo (zenodo.org/record/9912345).")
    assert values("data_availability", s) == [
        {"status": "will be available", "url": "zenodo.org/record/9912345", "host": "Zenodo"}]


def test_scripts_on_a_forge_with_a_link_are_the_papers_code():
    sentence = "The training and counting scripts are on GitHub: https://github.com/eel-lab/weir-counts."
    assert values("code_availability", sentence) == [
        {"status": "available", "url": "https://github.com/eel-lab/weir-counts", "host": "GitHub"}]


@pytest.mark.parametrize("sentence", [
    "The original YOLOv8 code is available at https://github.com/ultralytics/ultralytics.",
    "The Detectron2 implementation is publicly available on GitHub (https://github.com/facebookresearch/detectron2).",
])
def test_a_tool_makers_repository_is_not_the_papers_code(sentence):
    assert values("code_availability", sentence) == []


def test_own_repository_next_to_a_tool_makers_one_is_kept():
    sentence = ("Our code is on GitHub (https://github.com/eel-lab/weir-counts) and builds on "
                "https://github.com/ultralytics/ultralytics.")
    assert {"status": "available", "url": "https://github.com/eel-lab/weir-counts", "host": "GitHub"} in \
        values("code_availability", sentence)
    assert all("ultralytics" not in (v.get("url") or "") for v in values("code_availability", sentence))


@pytest.mark.parametrize("sentence,expected", [
    ("Sequencing reads were submitted to the NCBI Sequence Read Archive under BioProject PRJNA900111.",
     {"status": "available", "url": None, "host": "NCBI"}),
    ("The spectra can be shared once the corresponding author has received a written request.",
     {"status": "on request", "url": None, "host": None}),
])
def test_data_deposits_and_requests_in_other_words(sentence, expected):
    assert expected in values("data_availability", sentence)


def test_two_statements_in_one_sentence_keep_their_own_kind_and_status():
    import extractor
    both = ("# Data availability\n\nOur photographs are openly available at https://zenodo.org/records/5550001 "
            "and the training code can be shared as per request.")
    report = extractor.extract_text(both)
    assert report.fields["code_availability"].values == [{"status": "on request", "url": None, "host": None}]
    assert report.fields["data_availability"].values == [
        {"status": "available", "url": "https://zenodo.org/records/5550001", "host": "Zenodo"}]
    # a subject naming both things is one statement about both
    joint = extractor.extract_text("# Data availability\n\nThe data and the scripts written for this study are "
                                   "available at https://github.com/owl-lab/roost-counts.")
    assert joint.fields["code_availability"].values[0]["url"] == "https://github.com/owl-lab/roost-counts"
    assert joint.fields["data_availability"].values[0]["url"] == "https://github.com/owl-lab/roost-counts"


# A pronoun subject stands for what the sentence before named: the two sentences below are
# read together, while each alone says nothing about code or data.
@pytest.mark.parametrize("text, field, status", [
    ("The fitting and plotting scripts are written in R. They can be downloaded from "
     "https://github.com/heathland-lab/moth-counts, with a short example.", "code_availability", "available"),
    ("Our detection pipeline relies on internal tools of the water authority. For this reason it cannot be "
     "released, but every step is described in the appendix.", "code_availability", "not available"),
    ("The drone photographs show the nesting sites of a protected raptor. They cannot be shared because "
     "doing so could lead egg collectors to the nests.", "data_availability", "not available"),
])
def test_pronoun_subject_read_with_the_sentence_before(text, field, status):
    import extractor

    report = extractor.extract_text("# Availability\n\n" + text)
    result = report.fields[field]
    assert result.status == "found" and result.values[0]["status"] == status
    second = text.split(". ", 1)[1]
    alone = extractor.extract_text("# Availability\n\n" + second).fields[field]
    assert alone.status == "unstated"  # the pronoun sentence alone does not say what it is about


def test_pronoun_subject_needs_an_antecedent_of_the_field():
    import extractor

    # the sentence before names neither code nor data: "It" may be anything
    text = "The survey began in 2019. It cannot be released before the end of the project."
    report = extractor.extract_text("# Availability\n\n" + text)
    assert report.fields["code_availability"].status == "unstated"
