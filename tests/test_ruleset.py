"""Rule files are validated at load time and errors name the file and the rule."""
import textwrap

import pytest

from extractor import catalogues
from extractor.catalogues import alias_key, alias_regex
from extractor.errors import RuleError
from extractor.ruleset import check_all, load_rule_file

GOOD_RULE = """
  - id: hardware.demo
    regex: 'GPU'
    examples: ["We trained on a GPU."]
"""


def write_rules(tmp_path, body, field="hardware", header=None):
    header = header or f"schema_version: 1\nfield: {field}\nrules:\n"
    path = tmp_path / f"{field}.yml"
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


def load(path):
    return load_rule_file(path, f"rules/{path.name}")


def test_a_good_file_loads(tmp_path):
    rules = load(write_rules(tmp_path, GOOD_RULE))
    assert [r.id for r in rules] == ["hardware.demo"]
    assert rules[0].pattern.search("two gpus")  # case-insensitive by default


@pytest.mark.parametrize("body,message", [
    ("  - id: hardware.x\n    regex: 'a('\n", "bad regex"),
    ("  - id: hardware.x\n    regx: 'a'\n", "unknown key(s) regx"),
    ("  - id: framework.x\n    regex: 'a'\n", "must be a string starting with 'hardware.'"),
    ("  - id: hardware.x\n    regex: 'a'\n    normalizer: nosuch\n", "unknown normalizer 'nosuch'"),
    ("  - id: hardware.x\n    regex: '{{nosuch}}'\n", "unknown placeholder"),
    ("  - id: hardware.x\n    regex: 'a'\n    literal: 'b'\n", "exactly one of"),
    ("  - id: hardware.x\n    catalogue: nosuch\n", "unknown catalogue 'nosuch'"),
    ("  - id: hardware.x\n    regex: 'a'\n  - id: hardware.x\n    regex: 'b'\n", "duplicate rule id"),
])
def test_broken_rules_name_file_and_rule(tmp_path, body, message):
    path = write_rules(tmp_path, body)
    with pytest.raises(RuleError) as err:
        load(path)
    assert message in str(err.value)
    assert str(err.value).startswith("rules/hardware.yml")
    if "duplicate" not in message:
        assert "[hardware.x]" in str(err.value) or "[framework.x]" in str(err.value)


def test_file_header_is_checked(tmp_path):
    path = write_rules(tmp_path, GOOD_RULE, header="schema_version: 2\nfield: hardware\nrules:\n")
    with pytest.raises(RuleError, match="schema_version"):
        load(path)
    path = write_rules(tmp_path, GOOD_RULE, header="schema_version: 1\nfield: gpus\nrules:\n")
    with pytest.raises(RuleError, match="unknown field 'gpus'"):
        load(path)


def test_invalid_yaml_is_a_rule_error(tmp_path):
    path = tmp_path / "hardware.yml"
    path.write_text("rules: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError, match="not valid YAML"):
        load(path)


def test_shipped_rule_files_are_valid():
    assert check_all() == []


def test_alias_matching_tolerates_separators():
    import re

    rx = re.compile(alias_regex("GTX 1080 Ti"), re.I)
    for text in ("GTX 1080 Ti", "GTX1080Ti", "gtx-1080-ti", "GTX 1080Ti"):
        assert rx.fullmatch(text), text
    assert not rx.fullmatch("GTX 1070 Ti")
    assert alias_key("GeForce GTX-1080 Ti") == "geforcegtx1080ti"


def test_catalogue_rejects_an_alias_naming_two_entries(tmp_path, monkeypatch):
    path = tmp_path / "demo.yml"
    path.write_text(textwrap.dedent("""
        schema_version: 1
        catalogue: demo
        entries:
          - {name: Tesla V100, aliases: [V100]}
          - {name: Tesla V100S, aliases: [V-100]}
    """), encoding="utf-8")
    monkeypatch.setattr(catalogues, "_catalogue_resource", lambda name: path)
    catalogues.get_catalogue.cache_clear()
    try:
        with pytest.raises(RuleError, match="alias 'V-100' also names 'Tesla V100'"):
            catalogues.get_catalogue("demo")
    finally:
        catalogues.get_catalogue.cache_clear()


def test_catalogue_rejects_an_entry_regex_that_does_not_compile(tmp_path, monkeypatch):
    path = tmp_path / "demo.yml"
    path.write_text(textwrap.dedent("""
        schema_version: 1
        catalogue: demo
        entries:
          - {name: ranger, attrs: {requires_regex: 'ranger\\s+(?:package'}}
    """), encoding="utf-8")
    monkeypatch.setattr(catalogues, "_catalogue_resource", lambda name: path)
    catalogues.get_catalogue.cache_clear()
    try:
        with pytest.raises(RuleError, match="bad requires_regex"):
            catalogues.get_catalogue("demo")
    finally:
        catalogues.get_catalogue.cache_clear()


@pytest.mark.parametrize("body, message", [
    ("context_regex: 'GPU'\nentries:\n  - {name: V100, needs_context: maybe}\n",
     "needs_context must be true, false or loose"),
    ("context_regex: 'GPU'\nentries:\n  - {name: V100, needs_context: loose}\n",
     "requires a catalogue loose_context_regex"),
])
def test_catalogue_rejects_a_bad_context_need(tmp_path, monkeypatch, body, message):
    path = tmp_path / "demo.yml"
    path.write_text("schema_version: 1\ncatalogue: demo\n" + body, encoding="utf-8")
    monkeypatch.setattr(catalogues, "_catalogue_resource", lambda name: path)
    catalogues.get_catalogue.cache_clear()
    try:
        with pytest.raises(RuleError, match=message):
            catalogues.get_catalogue("demo")
    finally:
        catalogues.get_catalogue.cache_clear()


def test_every_catalogue_alias_maps_to_its_own_entry():
    for name in catalogues.catalogue_names():
        cat = catalogues.get_catalogue(name)
        for entry in cat.entries:
            for alias in entry.aliases:
                assert cat.lookup(alias) is entry, (name, alias)


def test_catalogue_pattern_finds_every_alias_whole():
    """The trie-built pattern matches each alias in full, never a shorter prefix of it."""
    import re

    for name in catalogues.catalogue_names():
        cat = catalogues.get_catalogue(name)
        rx = re.compile(cat.regex_source(), re.IGNORECASE)
        for entry in cat.entries:
            for alias in entry.aliases:
                text = f"We used {alias} here."
                found = [m.group(0) for m in rx.finditer(text)]
                assert alias in found, (name, alias, found)


def test_longest_alias_wins_whatever_the_separator():
    import re

    cat = catalogues.get_catalogue("frameworks")
    rx = re.compile(cat.regex_source(), re.IGNORECASE)
    for text in ("tensorflow-gpu 1.15", "TensorFlow GPU 1.15", "tensorflow_gpu"):
        m = rx.search(text)
        assert cat.lookup(m.group(0)).name == cat.lookup("TensorFlow-GPU").name, text
        assert m.group(0).lower().replace(" ", "").replace("-", "").replace("_", "") == "tensorflowgpu"


# ---------------------------------------------------------------------------
# A whole rules folder: a broken file is named with its rule and never half loaded

from extractor.ruleset import load_rules, rules_root  # noqa: E402


COPIED_FIELDS = ("hardware", "framework")


@pytest.fixture
def rules_copy(tmp_path):
    """Two shipped field rule files, copied into a folder of their own."""
    folder = tmp_path / "my rules"
    folder.mkdir()
    shipped = rules_root()
    for name in COPIED_FIELDS:
        resource = shipped / f"{name}.yml"
        (folder / f"{name}.yml").write_text(resource.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _append_rule(folder, text):
    """Adds a rule at the end of hardware.yml, after all the good ones."""
    path = folder / "hardware.yml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text,
                    encoding="utf-8")
    return path


def test_a_copied_rules_folder_loads_like_the_shipped_one(rules_copy):
    shipped = load_rules()
    assert [r.id for r in load_rules(rules_copy).rules] == \
        [r.id for r in shipped.rules if r.field in COPIED_FIELDS]
    assert set(load_rules(rules_copy).fields) == set(COPIED_FIELDS)


@pytest.mark.parametrize("rule, message", [
    ("  - id: hardware.zz_bad_regex\n    regex: 'GPUs? (on'\n", "bad regex"),
    ("  - id: hardware.zz_unknown_key\n    regex: 'GPU'\n    exmaples: ['x']\n", "unknown key(s) exmaples"),
    ("  - id: hardware.zz_twice\n    regex: 'GPU'\n    regex: 'TPU'\n", "found the key 'regex' twice"),
])
def test_broken_last_rule_fails_the_whole_folder(rules_copy, rule, message):
    path = _append_rule(rules_copy, rule)
    with pytest.raises(RuleError) as err:
        load_rules(rules_copy)
    assert str(err.value).startswith(str(path))
    assert message in str(err.value)
    if "twice" not in message:  # a YAML-level error comes before the rule has an id
        rule_id = rule.split("id: ")[1].split("\n")[0]
        assert err.value.rule_id == rule_id and f"[{rule_id}]" in str(err.value)
    if message == "bad regex":  # check_all lists the same problem (it also checks the shipped catalogues: slow)
        problems = check_all(rules_copy)
        assert len(problems) == 1 and problems[0].startswith(str(path)) and message in problems[0]


def test_yaml_syntax_error_names_the_file(rules_copy):
    path = _append_rule(rules_copy, "  - id: hardware.zz\n    regex: [unclosed\n")
    with pytest.raises(RuleError, match="not valid YAML") as err:
        load_rules(rules_copy)
    assert err.value.path == str(path)
    assert "\n" not in str(err.value) and f'in "{path}", line' in str(err.value)


def test_python_tags_are_refused_and_never_run(rules_copy, tmp_path):
    marker = tmp_path / "ran"
    rule = (f"  - id: hardware.zz_tag\n    regex: !!python/object/apply:os.system ['touch {marker}']\n")
    path = _append_rule(rules_copy, rule)
    with pytest.raises(RuleError, match="not valid YAML") as err:
        load_rules(rules_copy)
    assert err.value.path == str(path) and "python/object" in str(err.value)
    assert not marker.exists()


def test_rule_file_that_is_not_utf8(rules_copy):
    path = rules_copy / "hardware.yml"
    path.write_bytes(path.read_bytes() + "  - id: hardware.zz\n    regex: 'caf\xe9'\n".encode("latin-1"))
    with pytest.raises(RuleError, match="not UTF-8") as err:
        load_rules(rules_copy)
    assert err.value.path == str(path)


def test_stray_yaml_file_in_the_rules_folder_is_reported(rules_copy):
    (rules_copy / "gpus.yaml").write_text("rules: []\n", encoding="utf-8")
    assert check_all(rules_copy) == [f"{rules_copy / 'gpus.yaml'}: not a field, fragments or context file"]
    assert set(load_rules(rules_copy).fields) == set(COPIED_FIELDS)  # a stray file is not loaded
