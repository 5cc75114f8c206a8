"""The shipped NER model, NER findings in reports (rules win), ``rules suggest``."""
from pathlib import Path


import extractor
from extractor import cli
from extractor import ner as ner_mod
from extractor.ner import has_cue, load_model, merge_spans, pair_versions, tag_texts



# ------------------------------------------------------------------ the shipped model
def test_model_ships_in_the_package_and_finds_an_unseen_gpu():
    assert Path(extractor.__file__).parent.joinpath("models", "ner", "config.cfg").is_file()
    assert load_model() is not None
    sentence = "All networks were trained on four NVIDIA Vortexa X900 GPUs with 96 GB of memory each."
    spans = tag_texts([sentence])[0]
    hardware = [sentence[a:b] for a, b, label in spans if label == "HARDWARE"]
    assert any("Vortexa X900" in h for h in hardware), spans


def test_cue_gate():
    assert has_cue("The detector was trained on the Marlow-7 dataset.")
    assert not has_cue("the birds were counted twice a day along the transect.")
    assert not has_cue("Sampling took place in spring.")
    # a sentence whose only name the rules matched already is not tagged again
    assert has_cue("We used PyTorch for training.")
    assert not has_cue("We used PyTorch for training.", blocked=[(8, 15)])
    # a lower-case package with a version is a candidate
    assert has_cue("windows were cut with sonotaxa 0.8.3 before training.")


def test_rules_win_over_overlapping_ner_spans():
    rule = [(10, 20, "HARDWARE")]
    ner = [(5, 15, "MODEL"), (30, 40, "DATASET")]
    assert merge_spans(rule, ner) == [(10, 20, "HARDWARE"), (30, 40, "DATASET")]


def test_version_pairs_with_the_software_before_it():
    text = "implemented in Quillion 2.3 and Brontes v0.9."
    spans = [(15, 23, "SOFTWARE"), (24, 27, "VERSION"), (32, 39, "SOFTWARE"), (40, 44, "VERSION")]
    assert pair_versions(spans, text) == {(15, 23): (24, 27), (32, 39): (40, 44)}


# ------------------------------------------------------------------ NER findings in reports
TEXT = ("Methods\n\nWe trained the detector on two NVIDIA Tesla V100 GPUs and on a Quorvex Z12 accelerator "
        "card with 48 GB of memory.")


def _fake_tagger(monkeypatch, label_of):
    """A stand-in NER: tags every listed surface string (so the test does not depend on training)."""
    def fake(texts, gate=True):
        out = []
        for t in texts:
            spans = []
            for surface, label in label_of.items():
                i = t.find(surface)
                if i >= 0:
                    spans.append((i, i + len(surface), label))
            out.append(spans)
        return out
    monkeypatch.setattr(ner_mod, "tag_texts", fake)


def test_ner_finding_in_report_and_rule_wins(monkeypatch):
    _fake_tagger(monkeypatch, {"NVIDIA Tesla V100": "HARDWARE", "Quorvex Z12": "HARDWARE"})
    report = extractor.extract_text(TEXT, ner=True)
    hw = report.fields["hardware"]
    assert hw.status == "found"
    # the rule's value for the V100 stays; the NER adds the unseen device, model as written
    assert {"type": "GPU", "vendor": "NVIDIA", "model": "Tesla V100", "count": 2, "memory_gb": 32} in hw.values \
        or any(v["model"] == "Tesla V100" and v["count"] == 2 for v in hw.values)
    assert not any(v["model"] and "NVIDIA Tesla V100" in v["model"] for v in hw.values)
    ner_values = [v for v in hw.values if v["model"] == "Quorvex Z12"]
    assert ner_values and ner_values[0]["memory_gb"] == 48
    ner_findings = [f for f in report.findings if f.evidence.rule == "ner"]
    assert [f.mention for f in ner_findings] == ["Quorvex Z12"]
    # the sentence is shown once, under the rule that found the V100
    assert [e.rule for e in hw.evidence] == ["hardware.gpu_model"]
    data = report.to_dict()
    assert data["fields"]["hardware"]["evidence"][0]["rule"] == "hardware.gpu_model"


def test_ner_evidence_is_marked_ner_in_the_report(monkeypatch):
    _fake_tagger(monkeypatch, {"MothFormer": "MODEL", "Quillion": "SOFTWARE", "3.1": "VERSION"})
    report = extractor.extract_text("Methods\n\nOur MothFormer network was implemented in Quillion 3.1 and trained "
                                    "for 40 epochs.", ner=True)
    arch = report.to_dict()["fields"]["architecture"]
    assert arch["status"] == "found" and {"name": "MothFormer", "family": None} in arch["values"]
    assert [e["rule"] for e in arch["evidence"]] == ["ner"]
    fw = report.to_dict()["fields"]["framework"]
    assert {"name": "Quillion", "version": "3.1"} in fw["values"]


def test_negated_ner_finding_does_not_make_a_field_found(monkeypatch):
    _fake_tagger(monkeypatch, {"Quorvex Z12": "HARDWARE"})
    report = extractor.extract_text("Methods\n\nWe did not use the Quorvex Z12 accelerator card for training.", ner=True)
    assert report.fields["hardware"].status == "unstated"


# ------------------------------------------------------------------ rules suggest
def test_rules_suggest_lists_unknown_names_by_count(monkeypatch, tmp_path, capsys):
    _fake_tagger(monkeypatch, {"Quorvex Z12": "HARDWARE", "MothFormer": "MODEL", "PyTorch": "SOFTWARE"})
    out = tmp_path / "reports"
    out.mkdir()
    texts = {
        "a.yaml": "Methods\n\nWe trained MothFormer on a Quorvex Z12 card with PyTorch.",
        "b.yaml": "Methods\n\nA Quorvex Z12 accelerator card ran all experiments.",
        "c.json": "Methods\n\nThe Quorvex Z12 card was fast enough for the detector.",
    }
    for name, text in texts.items():
        report = extractor.extract_text(text, source=name, ner=True)
        (out / name).write_text(report.to_json() if name.endswith(".json") else report.to_yaml(), encoding="utf-8")
    (out / "broken.yaml").write_text("fields: [", encoding="utf-8")
    code = cli.main(["rules", "suggest", "--from-reports", str(out), "--examples", "1"])
    captured = capsys.readouterr()
    lines = [line for line in captured.out.splitlines() if not line.startswith(" " * 8)]
    assert lines[0].split()[:3] == ["3", "hardware", "Quorvex"]
    assert "(3 reports)" in lines[0]
    assert any(line.split()[:3] == ["1", "architecture", "MothFormer"] for line in lines)
    assert not any("PyTorch" in line for line in lines)  # the rules know it
    assert "broken.yaml" in captured.err and code == 1
    # one example sentence per name with --examples 1
    assert sum(1 for line in captured.out.splitlines() if line.startswith(" " * 8)) == len(lines)


def test_rules_suggest_on_missing_folder(tmp_path, capsys):
    assert cli.main(["rules", "suggest", "--from-reports", str(tmp_path / "nope")]) == 1
    assert "not a folder" in capsys.readouterr().err


def test_ner_does_not_readd_a_name_the_rules_rejected_or_list(monkeypatch):
    # "Titan" is listed (a GPU) and the rules reject it here (the moon): the NER must not add it
    _fake_tagger(monkeypatch, {"Titan": "HARDWARE", "XGBoost": "SOFTWARE"})
    report = extractor.extract_text("Methods\n\nThe images of Titan were processed on the workstation, and an "
                                    "XGBoost classifier was trained on the image features.", ner=True)
    assert not [f for f in report.findings if f.evidence.rule == "ner"]


def test_lower_case_package_needs_a_version_or_a_package_word(monkeypatch):
    _fake_tagger(monkeypatch, {"sonotaxa": "SOFTWARE", "0.8.3": "VERSION", "windows": "SOFTWARE"})
    report = extractor.extract_text("Methods\n\nSpectrogram windows were prepared with sonotaxa 0.8.3 before "
                                    "training the classifier.", ner=True)
    values = report.fields["framework"].values
    assert {"name": "sonotaxa", "version": "0.8.3"} in values
    assert not any(v["name"] == "windows" for v in values)


def test_span_and_sentence_filters_for_real_papers():
    from extractor.ner import prose_like
    from extractor.normalize import Mention
    from extractor.normalize.ner import name_like, has_field_cue, spelled_out

    assert name_like("Zephyr Z9") and name_like("HaloNet-S")
    for bad in ("Road 3188 42622", "9 Commercial", "https://example.org", "load_dataset", "LLMs", "ML", "s1", "“Multidays"):
        assert not name_like(bad), bad

    def mention(field, sentence, name):
        i = sentence.index(name)
        return Mention(field, "ner", name, sentence, i, i + len(name))

    assert not has_field_cue(mention("architecture", "We stack the Red, Green and Blue bands.", "Blue"))
    assert has_field_cue(mention("framework", "The model was implemented in Quillion.", "Quillion"))
    assert has_field_cue(mention("architecture", "Our Halberd network beats the baseline.", "Halberd"))
    assert spelled_out(mention("hardware", "We used GUODA (Global Unified Open Data Access) infrastructure.",
                               "Global Unified Open Data Access"))
    assert not spelled_out(mention("architecture", "We trained the HaloNet-S model.", "HaloNet-S"))
    assert prose_like("We trained the HaloNet-S model on two cards.")
    assert not prose_like("1 Healthy grass 1458 8341 14.88% 2 Stressed grass 4316 28186 13.28% 3 Synthetic grass")
    assert not prose_like('multi_lexsum = load_dataset("multi_lexsum")')


def test_ner_names_need_evidence_of_their_kind():
    """Author names, places and citations that the model tags are not findings."""
    from extractor.normalize import Mention
    from extractor.normalize.ner import has_field_cue

    def mention(field, sentence, name):
        i = sentence.index(name)
        return Mention(field, "ner", name, sentence, i, i + len(name))

    assert not has_field_cue(mention("architecture", "Juan M. Daza: Writing, Validation.", "Juan M"))
    assert not has_field_cue(mention("architecture", "Labelled data are scarce (Kamilaris and Prenafeta-Boldu, 2018).",
                                     "Prenafeta-Boldu"))
    assert not has_field_cue(mention("framework", "Felid data came from three regions in Southeast Asia.",
                                     "Southeast Asia"))
    assert not has_field_cue(mention("hardware", "The work was supported by the Robertson Foundation.",
                                     "Robertson Foundation"))
    assert has_field_cue(mention("hardware", "Training ran on two RTX 6090 cards.", "RTX 6090"))
    assert has_field_cue(mention("architecture", "We propose MothNet for moth traps.", "MothNet"))
    assert has_field_cue(mention("datasets", "The detector was trained on BIRDeep-Sahel.", "BIRDeep-Sahel"))



def test_ner_is_off_unless_asked():
    text = "Methods\n\nOur MothFormer network was trained on two Quorvex Z12 accelerator cards."
    plain = extractor.extract_text(text)
    assert not any(e.rule == "ner" for r in plain.fields.values() for e in r.evidence)
    with_ner = extractor.extract_text(text, ner=True)
    assert any(e.rule == "ner" for r in with_ner.fields.values() for e in r.evidence)


def test_cli_ner_option_reaches_batch_workers(tmp_path):
    """--ner travels to the worker processes of a batch (and is off without it)."""
    from extractor.cli import main

    src = tmp_path / "in"
    src.mkdir()
    text = "Methods\n\nOur MothFormer network was trained on two Quorvex Z12 accelerator cards.\n"
    (src / "a.txt").write_text(text, encoding="utf-8")
    (src / "b.txt").write_text(text, encoding="utf-8")
    assert main(["extract", str(src), "--out", str(tmp_path / "plain"), "--no-progress"]) == 0
    assert main(["extract", str(src), "--out", str(tmp_path / "ner"), "--no-progress", "--ner", "--jobs", "2"]) == 0
    assert "rule: ner" not in (tmp_path / "plain" / "a.yaml").read_text(encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        assert "rule: ner" in (tmp_path / "ner" / name).read_text(encoding="utf-8")
