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
