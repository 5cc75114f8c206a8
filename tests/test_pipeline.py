"""End to end on text input: what counts as a finding and where its evidence comes from."""
import extractor


def statuses(report):
    return {name: res.status for name, res in report.fields.items()}


def test_report_lists_the_covered_fields_in_report_order():
    report = extractor.extract_text("Nothing about models here.")
    from extractor.fields import FIELD_NAMES, covered_fields

    assert list(report.fields) == list(covered_fields())
    assert list(report.fields) == [f for f in FIELD_NAMES if f in report.fields]
    assert {"dataset_size", "pretraining", "framework", "hardware"} <= set(report.fields)
    assert set(statuses(report).values()) == {"unstated"}


def test_methods_statement_is_found_with_values_and_evidence():
    text = ("2. Methods\n\n"
            "The classifier was trained for 40 epochs on four NVIDIA Tesla V100 GPUs with TensorFlow 2.4.")
    report = extractor.extract_text(text)
    hw = report.fields["hardware"]
    assert hw.status == "found"
    assert hw.values[0]["model"] == "Tesla V100" and hw.values[0]["count"] == 4
    assert hw.evidence[0].section == "Methods"
    assert hw.evidence[0].text.startswith("The classifier was trained")
    assert report.fields["framework"].values == [{"name": "TensorFlow", "version": "2.4"}]


def test_negated_hypothetical_and_attributed_mentions_are_not_findings():
    text = ("We did not use a GPU for any experiment.\n\n"
            "Future work could port the model to PyTorch.\n\n"
            "Silva et al. (2020) trained a similar network on a Tesla K80 GPU.")
    assert set(statuses(extractor.extract_text(text)).values()) == {"unstated"}


def test_introduction_sentences_without_own_work_are_background():
    intro = ("1. Introduction\n\n"
             "Detectors are often trained in PyTorch on large GPU clusters.\n\n")
    assert extractor.extract_text(intro).fields["framework"].status == "unstated"
    own = intro + "In this study we trained our detector in TensorFlow 2.6.\n"
    fw = extractor.extract_text(own).fields["framework"]
    assert fw.status == "found" and fw.values == [{"name": "TensorFlow", "version": "2.6"}]


def test_reference_list_is_never_evidence_but_acknowledgements_are():
    text = ("Acknowledgements\n\n"
            "We thank NVIDIA Corporation for the donation of the Titan Xp GPU used for this research.\n\n"
            "References\n\n"
            "Chollet, F., 2015. Keras. GitHub repository.\n\n"
            "Okafor, N., Lindqvist, H., 2019. TensorFlow: an introduction for field ecologists. "
            "In: Proc. EcoComp 3, pp. 41-52.")
    report = extractor.extract_text(text)
    assert report.fields["framework"].status == "unstated"
    hw = report.fields["hardware"]
    assert hw.status == "found" and hw.evidence[0].section == "Acknowledgements"
    assert hw.values[0]["model"] == "TITAN Xp"


def test_trained_from_scratch_is_found_as_not_pretrained():
    report = extractor.extract_text("The network was trained from scratch on our own images.")
    pt = report.fields["pretraining"]
    assert pt.status == "found" and pt.values == [{"pretrained": False, "source": None}]


def test_evidence_offsets_point_into_the_document_text():
    from extractor.passages import document_text, make_passages
    from extractor.reading.text import read_text

    text = "Intro text here.\n\nAll models used PyTorch 1.8 on one RTX 2080 Ti GPU."
    report = extractor.extract_text(text)
    full = document_text(make_passages(read_text(text)))
    ev = report.fields["hardware"].evidence[0]
    assert full[ev.start:ev.end] == ev.text


def test_abbreviations_of_a_terse_training_note_do_not_end_its_sentence():
    from extractor.components.sentences import sentence_spans

    text = "opt. SGD, mom. 0.9; lr 0.01, step /10 at ep. 30; ckpt sel. on val. F1. Training took 3 h."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "opt. SGD, mom. 0.9; lr 0.01, step /10 at ep. 30; ckpt sel. on val. F1.", "Training took 3 h."]
    values = extractor.extract_text("# Methods\n\n" + text).fields["optimizer"].values
    assert {"name": "SGD", "learning_rate": "0.01", "momentum": "0.9"} in values


def test_a_unit_after_a_number_ends_a_sentence_but_an_initial_does_not():
    from extractor.components.sentences import sentence_spans

    text = "Training took 14 h. It ran on one GPU. The code is by J. Doe. Fig. 2 shows the loss."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Training took 14 h.", "It ran on one GPU.", "The code is by J. Doe.", "Fig. 2 shows the loss."]
