"""Batches in worker processes: time limit, crashes, --jobs, --resume (issues 5 and 6).

Faults are injected with the test-only jobs of tests/faults.py, swapped in for
``extractor.batch.compute_one`` in the parent (the CLI has no such switch).
"""
import csv
import functools
import os
from pathlib import Path

import pytest
import yaml

from extractor import batch
from extractor.batch import Outcome, run_batch
from extractor.cli import main
from extractor.workers import Failure, WorkerPool, crash_cause

from . import faults

GPU = "All models were trained on two NVIDIA Tesla V100 GPUs with PyTorch 1.8.1.\n"
KERAS = "The network was built with Keras 2.3 and trained for 40 epochs.\n"
TPU = "Training ran on a TPU v3 pod for three days.\n"


def _write(folder: Path, names_texts):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in names_texts:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _rows(out: Path):
    with open(out / "summary.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def faulty(monkeypatch):
    monkeypatch.setattr(batch, "compute_one", faults.faulty_job)


def test_hang_and_crashes_fail_one_input_each_and_the_batch_goes_on(tmp_path, capsys, faulty):
    src = _write(tmp_path / "in", [("a.txt", GPU), ("b_HANG.txt", GPU), ("c_SEGV.txt", GPU),
                                   ("d_EXIT.txt", GPU), ("e_NOMEM.txt", GPU), ("f.txt", KERAS)])
    out = tmp_path / "out"
    code = main(["extract", str(src), "--out", str(out), "--no-progress", "--jobs", "2", "--timeout", "3"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml", "f.yaml", "summary.csv"]
    errors = {line.split(": ")[2]: line for line in err if line.startswith("extractor: error: ")}
    assert errors[str(src / "b_HANG.txt")].endswith("timed out after 3 s")
    assert errors[str(src / "c_SEGV.txt")].endswith("the worker crashed (signal 11, SIGSEGV)")
    assert errors[str(src / "d_EXIT.txt")].endswith("the worker exited unexpectedly (exit code 3)")
    assert errors[str(src / "e_NOMEM.txt")].endswith("out of memory")
    assert len(errors) == 4
    rows = _rows(out)
    assert [Path(r["source"]).name for r in rows] == ["a.txt", "b_HANG.txt", "c_SEGV.txt", "d_EXIT.txt",
                                                      "e_NOMEM.txt", "f.txt"]
    assert [r["outcome"] for r in rows] == ["written", "failed", "failed", "failed", "failed", "written"]
    assert rows[1]["error"] == f"{src / 'b_HANG.txt'}: timed out after 3 s" and not rows[1]["report"]
    assert rows[0]["hardware"] == "found" and rows[5]["framework"] == "found"
    assert yaml.safe_load((out / "f.yaml").read_text())["document"]["source"] == str(src / "f.txt")


def test_a_hang_with_one_worker_does_not_block_the_inputs_after_it(tmp_path, faulty):
    src = _write(tmp_path / "in", [("a_HANG.txt", GPU), ("b.txt", GPU), ("c_SEGV.txt", GPU), ("d.txt", TPU)])
    outcomes = run_batch(sorted(src.iterdir()), tmp_path / "out", jobs=1, timeout=2)
    assert [o.outcome for o in outcomes] == ["failed", "written", "failed", "written"]
    assert outcomes[0].error.endswith("timed out after 2 s") and outcomes[3].statuses["hardware"] == "found"


def test_single_input_with_timeout_runs_in_a_worker_that_is_killed(tmp_path, capsys, faulty):
    path = _write(tmp_path, [("p_HANG.txt", GPU)]) / "p_HANG.txt"
    assert main(["extract", str(path), "--timeout", "1.5"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f"extractor: error: {path}: timed out after 1.5 s"


def test_single_input_with_timeout_prints_the_same_report_as_in_process(tmp_path, capsys):
    path = _write(tmp_path, [("p.txt", GPU)]) / "p.txt"
    assert main(["extract", str(path)]) == 0
    in_process = capsys.readouterr().out
    assert main(["extract", str(path), "--timeout", "60"]) == 0
    assert capsys.readouterr().out == in_process and "Tesla V100" in in_process


def test_reports_and_summary_are_the_same_bytes_for_one_and_two_jobs(tmp_path):
    src = _write(tmp_path / "in", [(f"p{i}.txt", text) for i, text in enumerate([GPU, KERAS, TPU, GPU + KERAS, "x"])])
    (src / "broken.pdf").write_bytes(b"not a pdf at all")
    inputs = sorted(src.iterdir())
    one = run_batch(inputs, tmp_path / "one", jobs=1)
    two = run_batch(inputs, tmp_path / "two", jobs=2)
    assert [o.source for o in one] == [str(p) for p in inputs] == [o.source for o in two]
    files = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "two").iterdir()) and len(files) == 6
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert "broken.pdf" in _rows(tmp_path / "one")[0]["error"]


def test_resume_recomputes_only_missing_reports(tmp_path, monkeypatch, capsys):
    src = _write(tmp_path / "in", [("a.txt", GPU), ("b.txt", KERAS), ("c.txt", TPU)])
    out = tmp_path / "out"
    log = tmp_path / "extracted.log"
    monkeypatch.setattr(batch, "compute_one", functools.partial(faults.counting_job, str(log)))
    assert main(["extract", str(src), "--out", str(out), "--no-progress"]) == 0
    assert sorted(log.read_text().split()) == ["a.txt", "b.txt", "c.txt"]
    before = {p.name: (p.stat().st_mtime_ns, p.stat().st_ino, p.read_bytes()) for p in out.glob("*.yaml")}
    # an interrupted run: b's report never got written
    (out / "b.yaml").unlink()
    log.write_text("")
    assert main(["extract", str(src), "--out", str(out), "--no-progress", "--resume"]) == 0
    assert log.read_text().split() == ["b.txt"]
    after = {p.name: (p.stat().st_mtime_ns, p.stat().st_ino, p.read_bytes()) for p in out.glob("*.yaml")}
    assert after["a.yaml"] == before["a.yaml"] and after["c.yaml"] == before["c.yaml"]
    assert after["b.yaml"][2] == before["b.yaml"][2]
    rows = _rows(out)
    assert [r["outcome"] for r in rows] == ["resumed", "written", "resumed"]
    assert rows[0]["hardware"] == "found" and rows[1]["framework"] == "found" and rows[0]["report"] == "a.yaml"
    assert "2 of them kept from an earlier run" in capsys.readouterr().err


def test_resume_refuses_a_report_of_a_changed_input_unless_forced(tmp_path, capsys):
    src = _write(tmp_path / "in", [("a.txt", GPU), ("b.txt", KERAS)])
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out), "--no-progress"]) == 0
    (src / "a.txt").write_text(TPU, encoding="utf-8")
    kept = (out / "a.yaml").read_bytes()
    capsys.readouterr()
    assert main(["extract", str(src), "--out", str(out), "--no-progress", "--resume"]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(err) == 1 and "a.yaml" in err[0] and "sha256 differs" in err[0] and "--force" in err[0]
    assert (out / "a.yaml").read_bytes() == kept
    assert [r["outcome"] for r in _rows(out)] == ["failed", "resumed"]
    assert main(["extract", str(src), "--out", str(out), "--no-progress", "--resume", "--force"]) == 0
    assert "TPU" in (out / "a.yaml").read_text() and [r["outcome"] for r in _rows(out)] == ["written", "resumed"]


def test_without_resume_existing_reports_are_kept_unless_forced(tmp_path, capsys):
    src = _write(tmp_path / "in", [("a.txt", GPU)])
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out), "--no-progress"]) == 0
    stamp = (out / "a.yaml").stat().st_mtime_ns
    assert main(["extract", str(src), "--out", str(out), "--no-progress"]) == 1
    assert "report exists already" in capsys.readouterr().err
    assert (out / "a.yaml").stat().st_mtime_ns == stamp


def test_cli_options_are_described_and_validated(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--help"])
    assert exc.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for option in ("--jobs N", "--timeout SECONDS", "--resume", "--dask ADDRESS"):
        assert option in text
    for bad in (["--jobs", "-1"], ["--jobs", "two"], ["--timeout", "-5"], ["--timeout", "soon"]):
        with pytest.raises(SystemExit) as exc:
            main(["extract", "a.txt", "--out", "o", *bad])
        assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["extract", "a.txt", "--resume"])  # --resume needs --out
    assert exc.value.code == 2


def _double(x):
    return 2 * x


def test_pool_yields_every_task_once(tmp_path):
    results = dict(WorkerPool(_double, jobs=2, timeout=30).run([(i,) for i in range(7)]))
    assert results == {i: 2 * i for i in range(7)}


def test_crash_causes_are_plain_words():
    assert crash_cause(-11) == "the worker crashed (signal 11, SIGSEGV)"
    assert "signal 9" in crash_cause(-9) and "memory" in crash_cause(-9)
    assert crash_cause(1) == "the worker exited unexpectedly (exit code 1)"
    assert isinstance(Failure("x"), Failure) and Outcome("a").outcome == "written"


def _broken_start():
    raise ValueError("rules/hardware.yml: bad pattern")


def test_a_worker_that_cannot_start_stops_the_batch_with_the_reason():
    from extractor.workers import WorkerStartError

    with pytest.raises(WorkerStartError, match="could not start: ValueError: rules/hardware.yml: bad pattern"):
        list(WorkerPool(_double, jobs=2, timeout=5, initializer=_broken_start).run([(1,), (2,)]))


def test_workers_leave_when_the_parent_is_killed(tmp_path):
    """A killed batch (kill -9) leaves no worker running on."""
    import signal
    import subprocess
    import sys
    import time

    paper = _write(tmp_path, [("p_HANG.txt", GPU)]) / "p_HANG.txt"
    code = ("import sys; from pathlib import Path; from extractor.batch import run_batch; "
            "from tests.faults import faulty_job; "
            "run_batch([Path(sys.argv[1])], Path(sys.argv[2]), timeout=0, job=faulty_job)")
    root = Path(__file__).resolve().parents[1]
    parent = subprocess.Popen([sys.executable, "-c", code, str(paper), str(tmp_path / "out")], cwd=root)
    pid_file = Path(str(paper) + ".pid")
    try:
        for _ in range(1200):  # the worker is up and hanging (at most 2 minutes on a loaded machine)
            if pid_file.exists() and pid_file.read_text():
                break
            assert parent.poll() is None
            time.sleep(0.1)
        worker = int(pid_file.read_text())
        os.kill(worker, 0)  # alive
    finally:
        parent.kill()
        parent.wait()
    for _ in range(300):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived its killed parent")



def test_workers_are_spawned_when_the_working_folder_holds_another_extractor(tmp_path, monkeypatch):
    """Run from a source checkout next to an installed copy, a fork server (whose path starts
    with the working folder) would import the checkout's ``extractor`` folder and no worker
    could start; spawned workers take this process's path. (Seen with a non-editable install
    run from the checkout; an editable install maps the package whatever the path.)"""
    import multiprocessing

    from extractor.workers import default_context

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this platform")
    (tmp_path / "extractor").mkdir()
    monkeypatch.chdir(tmp_path)
    assert default_context().get_start_method() == "spawn"
    monkeypatch.chdir(Path(__file__).resolve().parents[1] / "tests")  # no extractor folder here
    assert default_context().get_start_method() == "forkserver"
