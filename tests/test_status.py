from extractor.findings import Evidence, Finding
from extractor.status import MAX_EVIDENCE, merge_values, resolve, subsumes


def ev(pos, text="s", rule="hardware.x"):
    return Evidence(text=text, rule=rule, section="Methods", page=1, start=pos, end=pos + 1)


def test_subsumes_needs_same_keys_and_more_information():
    full = {"model": "Tesla V100", "count": 4}
    assert subsumes(full, {"model": "Tesla V100", "count": None})
    assert not subsumes({"model": "Tesla V100", "count": None}, full)
    assert not subsumes(full, {"model": "Tesla K80", "count": None})
    assert not subsumes(full, dict(full))  # equal values: neither says more


def test_merge_keeps_first_seen_order_and_drops_subsumed():
    values = [
        {"name": "PyTorch", "version": None},
        {"name": "Keras", "version": None},
        {"name": "PyTorch", "version": "1.7.1"},
        {"name": "Keras", "version": None},
    ]
    assert merge_values(values) == [{"name": "Keras", "version": None}, {"name": "PyTorch", "version": "1.7.1"}]


def test_negated_and_attributed_findings_do_not_count():
    findings = [
        Finding("hardware", [{"model": "A"}], ev(10), context="negated"),
        Finding("hardware", [{"model": "B"}], ev(20), context="attributed"),
    ]
    result = resolve(["hardware", "framework"], findings)
    assert result["hardware"].status == "unstated"
    assert result["hardware"].values == [] and result["hardware"].evidence == []
    assert result["framework"].status == "unstated"


def test_found_keeps_evidence_in_document_order_and_caps_it():
    findings = [Finding("hardware", [{"model": f"M{i}"}], ev(100 - i)) for i in range(MAX_EVIDENCE + 3)]
    result = resolve(["hardware"], findings)["hardware"]
    assert result.status == "found"
    assert len(result.evidence) == MAX_EVIDENCE
    starts = [e.start for e in result.evidence]
    assert starts == sorted(starts)
    assert len(result.values) == MAX_EVIDENCE + 3


def test_sentences_that_give_values_are_preferred_as_evidence():
    findings = [Finding("hardware", [], ev(i)) for i in range(MAX_EVIDENCE)]
    findings.append(Finding("hardware", [{"model": "Titan RTX"}], ev(999)))
    result = resolve(["hardware"], findings)["hardware"]
    assert 999 in [e.start for e in result.evidence]


def test_unknown_is_subsumed_like_none():
    known = {"name": "Houston 2013", "role": "training"}
    unknown = {"name": "Houston 2013", "role": "unknown"}
    assert subsumes(known, unknown) and not subsumes(unknown, known)
    assert merge_values([unknown, known, {"name": "Trento", "role": "unknown"}]) == [
        known, {"name": "Trento", "role": "unknown"}]


def test_a_shorter_quote_of_the_same_duration_is_subsumed():
    long = {"phase": "inference", "duration_s": None, "rate": "0.2 s/frame", "text": "took 0.2 s per frame"}
    short = {"phase": "inference", "duration_s": None, "rate": "0.2 s/frame", "text": "0.2 s per frame"}
    other = {"phase": "inference", "duration_s": None, "rate": "0.3 s/frame", "text": "0.3 s per frame"}
    assert merge_values([short, long, other]) == [long, other]
    # other keys still decide: a quote inside another quote with a different rate stays
    assert subsumes(long, dict(short, rate="0.5 s/frame")) is False
    # names are not quotes: "Titan X" is not subsumed by "Titan Xp"
    assert subsumes({"model": "Titan Xp"}, {"model": "Titan X"}) is False


def test_two_quotes_running_into_each_other_are_one_statement():
    first = {"phase": "training", "duration_s": 9000.0, "rate": None, "text": "needed about two and a half hours"}
    second = dict(first, text="two and a half hours of training")
    assert merge_values([first, second]) == [first]
    # the same duration quoted twice from different statements stays twice
    apart = dict(first, text="took 150 min")
    assert merge_values([first, apart]) == [first, apart]
    # a different phase is a different value, however the quotes overlap
    inference = dict(second, phase="inference")
    assert merge_values([first, inference]) == [first, inference]
    # values without a quote key are never merged this way
    assert merge_values([{"name": "ResNet"}, {"name": "ResNet-50"}]) == [{"name": "ResNet"}, {"name": "ResNet-50"}]


def test_a_family_name_goes_beside_one_of_its_variants_in_the_architecture_field():
    from extractor.status import is_variant
    for variant, family in [("ResNet-50", "ResNet"), ("YOLOv8n", "YOLO"), ("DeepLabV3+", "DeepLab"),
                            ("EfficientNet-B0", "EfficientNet"), ("MobileNet v2", "MobileNet"), ("ViT-B/16", "ViT"),
                            ("ConvNeXt-Tiny", "ConvNeXt")]:
        assert is_variant(variant, family), (variant, family)
    for other, family in [("Inception-ResNet-v2", "Inception"), ("ResNeXt-50", "ResNet"), ("VGGish", "VGG"),
                          ("YOLOv5s", "YOLOv5"), ("ResNet", "ResNet"), (None, "ResNet")]:
        assert not is_variant(other, family), (other, family)
    family = {"name": "ResNet", "family": "CNN"}
    variant = {"name": "ResNet-50", "family": "CNN"}
    detector = {"name": "YOLO", "family": "detector"}
    assert merge_values([family, variant, detector], variants=True) == [variant, detector]
    assert merge_values([family, variant], variants=False) == [family, variant]
    f = [Finding("architecture", [family], ev(1)), Finding("architecture", [variant], ev(2))]
    assert resolve(["architecture"], f)["architecture"].values == [variant]
    # other fields keep both: "ImageNet" and "ImageNet-21k" are two datasets
    d = [Finding("datasets", [{"name": "ImageNet"}], ev(1)), Finding("datasets", [{"name": "ImageNet-21k"}], ev(2))]
    assert len(resolve(["datasets"], d)["datasets"].values) == 2
