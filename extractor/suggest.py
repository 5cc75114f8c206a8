"""``extractor rules suggest``: names the NER found that no rule knows, from written reports.

For each field the NER feeds (hardware, framework, datasets, architecture, metrics) that
has evidence marked ``rule: ner``, each evidence sentence and each value name of that
field written in the sentence, the name is a candidate unless a rule of the field
matches it in that sentence today (the catalogues may have grown since the report was written). Candidates are
counted over evidence sentences and sorted by count, then field and name.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from .ner import NER_FIELDS, RULE_ID, overlaps

NAME_KEY = {"hardware": "model"}


@dataclass
class Suggestion:
    field: str
    name: str
    count: int = 0
    reports: int = 0
    examples: List[Tuple[str, str]] = field(default_factory=list)  # (report file, sentence)


def _read(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise ValueError("not an extractor report (no 'fields' mapping)")
    return data


def _written_in(name: str, sentence: str) -> bool:
    """Whether ``name`` is written in ``sentence`` as a whole word ("R" is not in "RNN")."""
    return re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", sentence) is not None


def _known(field_name: str, name: str, sentence: str) -> bool:
    """Whether a rule of the field matches the name where the sentence writes it."""
    from .matching import match_sentence
    from .ruleset import load_rules

    m = re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", sentence)
    at = m.start() if m else sentence.find(name)
    where = (at, at + len(name))
    for m in match_sentence(sentence, load_rules().for_field(field_name)):
        if m.values and overlaps((m.mention.start, m.mention.end), where):
            return True
    return False


def suggest(folder: Path) -> Tuple[List[Suggestion], List[str]]:
    """Suggestions from the reports under ``folder`` and one error line per unreadable report."""
    found: Dict[Tuple[str, str], Suggestion] = {}
    seen_in: Dict[Tuple[str, str], set] = {}
    errors: List[str] = []
    paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".yaml", ".yml", ".json") and p.is_file())
    for path in paths:
        try:
            data = _read(path)
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
            errors.append(f"{path}: cannot read report: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            continue
        rel = str(path.relative_to(folder))
        for field_name in NER_FIELDS:
            item = data["fields"].get(field_name)
            if not isinstance(item, dict):
                continue
            key_name = NAME_KEY.get(field_name, "name")
            names = []
            for v in item.get("values") or []:
                if isinstance(v, dict) and isinstance(v.get(key_name), str) and v[key_name] not in names:
                    names.append(v[key_name])
            evidence = [ev for ev in item.get("evidence") or [] if isinstance(ev, dict) and isinstance(ev.get("text"), str)]
            if not any(ev.get("rule") == RULE_ID for ev in evidence):
                continue  # every value of this field came from a rule
            for ev in evidence:
                # a sentence shows one rule id (rules first), so a NER name may sit in a
                # sentence listed under a rule: every evidence sentence is searched
                sentence = ev["text"]
                for name in names:
                    if not _written_in(name, sentence) or _known(field_name, name, sentence):
                        continue
                    key = (field_name, name)
                    s = found.setdefault(key, Suggestion(field_name, name))
                    s.count += 1
                    seen_in.setdefault(key, set()).add(rel)
                    if (rel, sentence) not in s.examples:
                        s.examples.append((rel, sentence))
    for key, s in found.items():
        s.reports = len(seen_in[key])
    ordered = sorted(found.values(), key=lambda s: (-s.count, s.field, s.name.lower(), s.name))
    return ordered, errors
