"""Tests of blocks -> sections -> passages."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.document import Block, Document
from extractor.passages import (
    FRONT_MATTER,
    canonical_section,
    document_text,
    looks_like_references,
    make_passages,
)
from extractor.reading.pdf import read_pdf
from extractor.reading.text import read_text

try:
    from tests import pdfgen
except ImportError:  # tests/ is not a package: pytest put it on sys.path itself
    import pdfgen


def _doc(*blocks: Block) -> Document:
    return Document(source="<test>", sha256="0" * 64, blocks=list(blocks))


def _sections(passages):
    return [(p.section, p.text) for p in passages]


# ---------------------------------------------------------------------------
# Heading names


@pytest.mark.parametrize(
    "heading, section",
    [
        ("Abstract", "Abstract"),
        ("1. Introduction", "Introduction"),
        ("2. MATERIALS AND METHODS", "Methods"),
        ("2 Materials & Methods", "Methods"),
        ("II. METHODOLOGY", "Methods"),
        ("Material and methods", "Methods"),
        ("3.  Experimental setup", "Methods"),
        ("Study area", "Methods"),
        ("4 Experiments", "Methods"),
        ("B. Related Work", "Related work"),
        ("5. Results and discussion", "Results"),
        ("IV. RESULTS", "Results"),
        ("6 Discussion", "Discussion"),
        ("Conclusions", "Conclusion"),
        ("7. Concluding remarks", "Conclusion"),
        ("Acknowledgments", "Acknowledgements"),
        ("ACKNOWLEDGEMENT", "Acknowledgements"),
        ("Funding", "Acknowledgements"),
        ("Data Availability Statement", "Data availability"),
        ("Data accessibility", "Data availability"),
        ("Availability of data and materials", "Data availability"),
        ("Code and data availability", "Data availability"),
        ("Code availability", "Code availability"),
        ("Software availability", "Code availability"),
        ("References", "References"),
        ("REFERENCES", "References"),
        ("Literature Cited", "References"),
        ("Bibliography", "References"),
        ("Works cited", "References"),
        ("References and Notes", "References"),
        ("Appendix", "Appendix"),
        ("Appendices", "Appendix"),
        ("Supplementary Information", "Appendix"),
        ("Supplementary material:", "Appendix"),
        ("Author contributions", "Declarations"),
        ("2.3 Model training", None),
        ("A.2 Data availability", None),
        ("Appendix B: Hyperparameters", "Appendix"),
        ("Bird sound detector", None),
        ("What we did", "Methods"),
        ("What we found", "Results"),
        ("Use in practice", "Discussion"),
        ("", None),
    ],
)
def test_canonical_section(heading, section):
    assert canonical_section(heading) == section


def test_prefix_names_only_for_layout_headings():
    assert canonical_section("Appendix A: Hyperparameter search", prefix_ok=True) == "Appendix"
    assert canonical_section("Conclusions and perspectives", prefix_ok=True) == "Conclusion"
    assert canonical_section("Results show that the detector generalises", prefix_ok=False) is None


# ---------------------------------------------------------------------------
# Sections over a document


def test_text_document_sections_and_headings():
    doc = read_text(
        "Counting songbirds with small networks\n\n"
        "Ana Example, Ben Sample\n\n"
        "Abstract\n\n"
        "We present a compact detector for bird calls.\n\n"
        "1. INTRODUCTION\n\n"
        "Passive acoustic monitoring produces long recordings.\n\n"
        "2. Materials and methods\n\n"
        "2.1 Model training\n\n"
        "All networks were trained on two NVIDIA GeForce GTX 1080 Ti GPUs using PyTorch 1.7.1.\n\n"
        "3 Results\n\n"
        "The detector reached an average precision of 0.87.\n\n"
        "Acknowledgements\n\n"
        "We thank the volunteers who labelled the clips.\n"
    )
    passages = make_passages(doc)
    assert [(p.section, p.heading) for p in passages] == [
        (FRONT_MATTER, None),
        (FRONT_MATTER, None),
        ("Abstract", "Abstract"),
        ("Introduction", "1. INTRODUCTION"),
        ("Methods", "2.1 Model training"),
        ("Results", "3 Results"),
        ("Acknowledgements", "Acknowledgements"),
    ]
    # Heading blocks set the section; they are not passages themselves.
    assert not any(p.text in ("Abstract", "2. Materials and methods", "2.1 Model training") for p in passages)
    assert passages[4].text.startswith("All networks were trained")
    assert [p.index for p in passages] == list(range(len(passages)))


def test_run_in_abstract_label():
    passages = make_passages(
        read_text(
            "A detector for bird calls\n\n"
            "Abstract. We present a compact detector for bird calls.\n\n"
            "It runs on field hardware.\n\n"
            "ABSTRACT We also release the code.\n\n"
            "Abstracts of talks were not used in this study."
        )
    )
    assert [p.section for p in passages] == [FRONT_MATTER, "Abstract", "Abstract", "Abstract", "Abstract"]
    assert passages[1].text == "Abstract. We present a compact detector for bird calls."


def test_run_in_label_needs_punctuation_or_capitals():
    passages = make_passages(read_text("Title line\n\nAbstract features such as edges were learned first."))
    assert [p.section for p in passages] == [FRONT_MATTER, FRONT_MATTER]


def test_unknown_numbered_headings_are_subsections():
    passages = make_passages(
        read_text(
            "2 Methods\n\n2.4 Data augmentation\n\nImages were flipped at random.\n\n"
            "3 Results\n\n3.2 Error analysis\n\nMost errors were distant calls."
        )
    )
    assert [(p.section, p.heading) for p in passages] == [
        ("Methods", "2.4 Data augmentation"),
        ("Results", "3.2 Error analysis"),
    ]


def test_custom_top_level_section_after_introduction_is_methods():
    passages = make_passages(
        read_text(
            "1 Introduction\n\nBirds call at dawn.\n\n"
            "3 A detector for dawn choruses\n\nWe stack three convolutional blocks.\n\n"
            "3.1 Training\n\nWe trained for 40 epochs."
        )
    )
    assert [p.section for p in passages] == ["Introduction", "Methods", "Methods"]
    assert passages[1].heading == "3 A detector for dawn choruses"


def test_a_methods_subheading_after_the_introduction_opens_the_methods():
    # no "Methods" heading: "Recordings and labels" and "Model" follow the introduction
    passages = make_passages(
        read_text(
            "# Introduction\n\nFrogs call at night.\n\n"
            "## Recordings and labels\n\nRecorders ran from dusk to dawn.\n\n"
            "## Model\n\nA small network was trained for 60 epochs.\n\n"
            "# Results\n\nRecall was 0.95."
        )
    )
    assert [p.section for p in passages] == ["Introduction", "Methods", "Methods", "Results"]
    # a subheading that is not a methods part keeps the introduction's section
    passages = make_passages(read_text("# Introduction\n\nFrogs call at night.\n\n## Why frogs matter\n\nThey eat insects."))
    assert [p.section for p in passages] == ["Introduction", "Introduction"]


def test_subsection_numbered_outside_the_background_section_is_methods():
    # passages given out of order: "4.2" cannot belong to "2 Related work"
    passages = make_passages(
        read_text(
            "2 Related work\n\nEarlier detectors relied on hand-made features.\n\n"
            "2.1 Acoustic indices\n\nIndices summarise a whole recording.\n\n"
            "4.2 Data augmentation\n\nThe spectrograms were shifted in time."
        )
    )
    assert [p.section for p in passages] == ["Related work", "Related work", "Methods"]


def test_summary_heading_depends_on_position():
    front = make_passages(read_text("Summary\n\nWe detect bird calls.\n\n1. Introduction\n\nBirds call."))
    assert front[0].section == "Abstract"
    back = make_passages(read_text("4 Discussion\n\nIt works.\n\nSummary\n\nWe detected bird calls."))
    assert back[1].section == "Conclusion"


def test_references_last_until_a_known_heading():
    passages = make_passages(
        read_text(
            "References\n\n"
            "Moreau, L., Tanaka, H.K., 2019. Acoustic surveys of forest birds. J. Invented Ornithol. 59 (3), 389-409.\n\n"
            "## Online resources\n\n"
            "Project page of the recorder network.\n\n"
            "Appendix A\n\n"
            "Table A1 lists all hyperparameters we tried.\n\n"
            "Data availability\n\n"
            "Recordings are archived at https://doi.org/10.5555/zenodo.424242."
        )
    )
    assert [p.section for p in passages] == ["References", "References", "Appendix", "Data availability"]
    assert passages[1].heading == "Online resources"


def test_letter_numbered_headings_after_references_are_appendices():
    blocks = [
        Block("References", page=9, bbox=(72, 80, 160, 92), font_size=12, is_heading=True),
        Block("Quist, R., Obi, C., 2021. Spectrogram features. Invented Bioacoustics 30 (1), 12-29.",
              page=9, bbox=(72, 100, 290, 130), font_size=9),
        Block("A Hyperparameter search", page=10, bbox=(72, 80, 260, 92), font_size=12, is_heading=True),
        Block("We searched learning rates between 0.0001 and 0.1.", page=10, bbox=(72, 100, 290, 130), font_size=10),
    ]
    passages = make_passages(_doc(*blocks))
    assert [p.section for p in passages] == ["References", "Appendix"]


def test_table_cell_named_like_a_section_is_not_a_heading():
    blocks = [
        Block("3 Results", page=4, bbox=(72, 80, 160, 92), font_size=12, bold=True, is_heading=True),
        Block("Accuracy of the three detectors on the test sites is listed below.", page=4,
              bbox=(72, 100, 290, 130), font_size=10),
        Block("Method", page=4, bbox=(80, 140, 120, 148), font_size=8),
        Block("The compact detector was the fastest of the three.", page=4, bbox=(72, 160, 290, 190), font_size=10),
    ]
    passages = make_passages(_doc(*blocks))
    assert [p.section for p in passages] == ["Results", "Results", "Results"]


# ---------------------------------------------------------------------------
# Reference lists without a heading

ELSEVIER_STYLE = (
    "Ardent, P., Holm, K.J., 2017. Night-time calls of migrating thrushes. Invented Ecol. Inform. 41, 22-31. "
    "Baxter, S., Nakamura, Y., Oduya, T., 2020. Counting frogs from sound alone. J. Invented Zool. 59 (3), "
    "389-409. https://doi.org/10.5555/jiz.2020.003"
)
APA_STYLE = (
    "Lindqvist, A. R., & Osei, K. (2018). Acoustic indices for wetland monitoring. Invented Wetlands, "
    "12(4), 101-118."
)
ACL_STYLE = (
    "Mira Castell and Tomas Reyes. 2021. Sparse attention for long recordings. In Proceedings of the "
    "Invented Conference on Audio, pages 44-53."
)
IEEE_STYLE = (
    "[12] K. Oduya and L. Moreau, \u201cEfficient call detection on embedded boards,\u201d Invented Trans. "
    "Signal Process., vol. 7, no. 2, pp. 110-121, 2022."
)
VANCOUVER_STYLE = (
    "Tanaka HK, Moreau L, Quist R, et al. (2019) Long-term acoustic monitoring of alpine birds. "
    "Invented Alpine Research 8: 12-30."
)
KERAS_ENTRY = "Chollet, F., 2015. Keras: deep learning for humans. Software, https://keras.io."

METHODS_WITH_CITATIONS = (
    "Following earlier work (Smith et al., 2019), we split recordings by site. Spectrograms were "
    "computed with 128 mel bands as in Smith et al. (2019) and Lee and Park (2020), and the network "
    "was trained with Adam for 50 epochs."
)
DATA_STATEMENT = (
    "The recordings and labels are archived at https://doi.org/10.5555/zenodo.4242 (Moreau et al., 2021); "
    "code is available on request."
)
RESULTS_WITH_NUMBERS = (
    "Between 2015 and 2019, recall rose from 0.71 to 0.93 (Table 3). In 2020, the detector ran on "
    "12 sites for 45 days; see pp. 4 of the appendix."
)
ACKNOWLEDGEMENT = "We thank J. Smith and K. Lee for field help during the 2019 and 2020 seasons."


@pytest.mark.parametrize("text", [ELSEVIER_STYLE, APA_STYLE, ACL_STYLE, IEEE_STYLE, VANCOUVER_STYLE, KERAS_ENTRY])
def test_reference_entries_are_recognised(text):
    assert looks_like_references(text)


@pytest.mark.parametrize("text", [METHODS_WITH_CITATIONS, DATA_STATEMENT, RESULTS_WITH_NUMBERS, ACKNOWLEDGEMENT, ""])
def test_prose_is_not_a_reference_list(text):
    assert not looks_like_references(text)


def test_headingless_bibliography_chunk_goes_to_references():
    passages = make_passages(
        read_text("2 Methods\n\n" + METHODS_WITH_CITATIONS + "\n\n" + ELSEVIER_STYLE + "\n\n" + KERAS_ENTRY)
    )
    assert [p.section for p in passages] == ["Methods", "References", "References"]
    assert passages[1].heading == "2 Methods"  # the heading is kept as printed


def test_a_whole_paper_in_one_block_is_not_taken_for_its_reference_list():
    # a reader that cannot cut a paper into paragraphs hands over one block; its reference
    # list at the end must not make the whole paper a bibliography (every field lost)
    body = ("We sampled ponds in three valleys and photographed the larvae in trays. We trained a "
            "small network on the labelled photographs and we tested it on a later season. ") * 20
    block = Block(text=body + ELSEVIER_STYLE)
    passages = make_passages(Document(source="x", sha256="0", blocks=[block]))
    assert [p.section for p in passages] != ["References"]
    # a reference list alone stays one
    only_refs = make_passages(Document(source="x", sha256="0", blocks=[Block(text=ELSEVIER_STYLE * 12)]))
    assert {p.section for p in only_refs} == {"References"}


# ---------------------------------------------------------------------------
# Offsets and continuations


def test_offsets_point_into_document_text():
    passages = make_passages(read_text("Title\n\nAbstract\n\nFirst paragraph.\n\nSecond paragraph here."))
    text = document_text(passages)
    assert text == "Title\n\nFirst paragraph.\n\nSecond paragraph here."
    for p in passages:
        assert text[p.start : p.end] == p.text
    assert passages[0].start == 0 and passages[-1].end == len(text)


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789.,-()", min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_WORD, min_size=1, max_size=12), min_size=0, max_size=10))
def test_offsets_hold_for_any_text(paragraphs):
    raw = "\n\n".join(" ".join(words) for words in paragraphs)
    passages = make_passages(read_text(raw))
    text = document_text(passages)
    for p in passages:
        assert text[p.start : p.end] == p.text
        assert p.text.strip() == p.text and p.text
    starts = [p.start for p in passages]
    assert starts == sorted(starts)


def _column_blocks():
    left = Block("All networks were trained on two NVIDIA GeForce GTX 1080 Ti GPUs for", page=3,
                 bbox=(54, 600, 294, 700), font_size=10)
    caption = Block("Figure 2: Training loss of the three detectors.", page=3, bbox=(318, 80, 558, 95), font_size=9)
    right = Block("twelve hours with a batch size of 32.", page=3, bbox=(318, 110, 558, 130), font_size=10)
    return left, caption, right


def test_paragraph_continued_in_next_column_is_merged():
    left, caption, right = _column_blocks()
    passages = make_passages(_doc(Block("2 Methods", page=3, bbox=(54, 560, 120, 572), is_heading=True),
                                  left, caption, right))
    assert [p.text for p in passages] == [
        "All networks were trained on two NVIDIA GeForce GTX 1080 Ti GPUs for twelve hours with a batch size of 32.",
        "Figure 2: Training loss of the three detectors.",
    ]
    assert passages[0].pages == [3]
    assert passages[0].bbox == left.bbox
    text = document_text(passages)
    assert all(text[p.start : p.end] == p.text for p in passages)


def test_paragraph_continued_on_next_page_is_merged():
    first = Block("The recordings were resampled to 22.05 kHz and cut into clips of", page=4,
                  bbox=(72, 650, 540, 720), font_size=10)
    second = Block("five seconds before the spectrograms were computed.", page=5, bbox=(72, 80, 540, 95), font_size=10)
    passages = make_passages(_doc(first, second))
    assert len(passages) == 1
    assert passages[0].pages == [4, 5]
    assert passages[0].text.endswith("cut into clips of five seconds before the spectrograms were computed.")


def test_hyphen_across_column_break_is_repaired():
    first = Block("the network archi-", page=2, bbox=(54, 700, 294, 720), font_size=10)
    second = Block("tecture has four blocks. The network architecture is small.", page=2,
                   bbox=(318, 80, 558, 100), font_size=10)
    passages = make_passages(_doc(first, second))
    assert [p.text for p in passages] == ["the network architecture has four blocks. The network architecture is small."]


@pytest.mark.parametrize(
    "first_text, second_text, second_page",
    [
        ("All networks were trained for forty epochs.", "twelve runs were averaged.", 3),  # closed sentence
        ("All networks were trained on two GPUs for", "Twelve runs were averaged.", 3),  # capital letter
        ("All networks were trained on two GPUs for", "twelve hours in total.", None),  # text input: no layout
    ],
)
def test_no_merge_without_clear_continuation(first_text, second_text, second_page):
    first = Block(first_text, page=3 if second_page else None, bbox=(54, 600, 294, 700) if second_page else None)
    second = Block(second_text, page=second_page, bbox=(318, 80, 558, 95) if second_page else None)
    assert len(make_passages(_doc(first, second))) == 2


def test_no_merge_within_one_column():
    first = Block("The detector uses three blocks and", page=3, bbox=(54, 100, 294, 120), font_size=10)
    second = Block("a linear classifier, as shown below.", page=3, bbox=(54, 140, 294, 160), font_size=10)
    assert len(make_passages(_doc(first, second))) == 2


# ---------------------------------------------------------------------------
# Generated PDFs end to end


def test_two_column_pdf_passages(tmp_path):
    doc = read_pdf(pdfgen.make_two_column(tmp_path / "two.pdf"))
    passages = make_passages(doc)
    by_section = {}
    for p in passages:
        by_section.setdefault(p.section, []).append(p.text)
    methods = " ".join(by_section["Methods"])
    # The paragraph broken between the columns is one passage again.
    assert "a Faster R-CNN detector trained on the same images for twenty epochs." in methods
    assert pdfgen.GPU_SENTENCE in methods
    assert any(t.startswith(pdfgen.KERAS_REFERENCE_START) for t in by_section["References"])
    assert by_section["Acknowledgements"] == ["We thank the park rangers for access to the camera sites."]
    assert by_section["Abstract"][0].startswith("Camera traps produce millions")
    assert not any(pdfgen.RUNNING_HEADER in p.text for p in passages)
    text = document_text(passages)
    assert all(text[p.start : p.end] == p.text for p in passages)


def test_one_column_pdf_passages(tmp_path):
    doc = read_pdf(pdfgen.make_one_column(tmp_path / "one.pdf"))
    passages = make_passages(doc)
    gpu = [p for p in passages if pdfgen.GPU_SENTENCE in p.text]
    assert len(gpu) == 1 and gpu[0].section == "Methods" and gpu[0].heading == "2. Methods"
    assert gpu[0].pages == [1]
    refs = [p for p in passages if p.section == "References"]
    assert len(refs) == 3 and refs[0].text.startswith(pdfgen.KERAS_REFERENCE_START)
    assert [p.section for p in passages if p.section not in ("References",)][:2] == [FRONT_MATTER, "Abstract"]
