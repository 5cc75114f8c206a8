"""The README stays true: its sample report is what the bundled example gives today,
and CI runs the test command it shows."""
import re
from pathlib import Path

import extractor

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_sample_report_matches_the_bundled_example():
    block = README.split("<!-- sample-report -->", 1)[1]
    sample = re.search(r"```yaml\n(.*?)```", block, re.S).group(1)
    report = extractor.extract(ROOT / "examples" / "example_paper.pdf").to_yaml()
    mask = lambda text: re.sub(r"(?m)^  source: .*$", "  source: <source>", text)  # noqa: E731
    assert mask(sample) == mask(report)


def test_ci_runs_the_readme_test_command():
    command = README.split("<!-- test-command -->", 1)[1].split("```")[1].strip()
    assert "pytest" in command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci and "README.md" in ci


def _listed(bullet: str) -> set:
    """The back-quoted names of one README bullet of controlled values, before any bracket."""
    part = README.split(f"- `{bullet}`:", 1)[1].split("\n- ", 1)[0].split("\n\n", 1)[0]
    part = re.sub(r"\([^()]*\)", " ", part)  # examples in brackets are not names
    return set(re.findall(r"`([^`]+)`", part))


def test_readme_lists_the_controlled_vocabularies_the_code_uses():
    from extractor.catalogues import get_catalogue
    from extractor.normalize.dataset_size import UNITS

    assert _listed("dataset_size.unit") == set(UNITS)
    families = {e.attrs["family"] for e in get_catalogue("architectures").entries if e.attrs.get("family")}
    assert _listed("architecture.family") == families
    methods = {e.attrs["method"] for e in get_catalogue("collection_sources").entries if e.attrs.get("method")}
    assert methods <= _listed("data_collection.method")
