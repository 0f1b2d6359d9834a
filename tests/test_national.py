"""A batch over national files (one file per input, a `municipality` column) gives exactly what the
same laws give over one folder per municipality, and reports problems per municipality."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from p4p_rules.national import is_national, load_national, run_national
from p4p_rules.synth import synthesize

CLI = [sys.executable, "-m", "p4p_rules.cli"]
N = 6


@pytest.fixture(scope="module")
def both_layouts(tmp_path_factory) -> tuple[Path, Path]:
    """The same synthetic country (same seed) written in both layouts."""
    split = tmp_path_factory.mktemp("split")
    national = tmp_path_factory.mktemp("national")
    synthesize(N, 7, split, months=12)
    synthesize(N, 7, national, months=12, layout="national")
    return split, national


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_layout_is_recognised(both_layouts):
    split, national = both_layouts
    assert is_national(national / "national")
    assert not is_national(split / "data" / "m0001")
    assert not is_national(split / "data")


def test_national_run_equals_one_run_per_municipality(both_layouts, tmp_path):
    split, national = both_layouts
    laws = sorted((national / "laws").glob("*.p4p"))
    out_split, out_nat = tmp_path / "split", tmp_path / "national"
    subprocess.run([*CLI, "run", *map(str, sorted((split / "laws").glob("*.p4p"))), "--data", str(split / "data"),
                    "--out", str(out_split)], check=True, capture_output=True)
    done = subprocess.run([*CLI, "run", *map(str, laws), "--data", str(national / "national"), "--out", str(out_nat)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    index = pd.read_csv(national / "municipalities.csv", sep=";", dtype=str)
    code_of = dict(zip(index["code"], index["ibge"]))
    for name in ("payments", "ledger", "periods"):
        nat = _read(out_nat / f"{name}.csv")
        assert list(nat.columns)[0] == "municipality"
        for code, ibge in code_of.items():
            one = _read(out_split / code / f"{name}.csv")
            mine = nat[nat["municipality"] == ibge].drop(columns=["municipality"]).reset_index(drop=True)
            pd.testing.assert_frame_equal(mine, one, check_dtype=False, obj=f"{name} of {code}")
    pay = _read(out_nat / "payments.csv")
    assert pay["municipality"].nunique() == N


def _national_copy(national: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "nat"
    folder.mkdir()
    for f in (national / "national").iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    return folder


def _change_first_row(path: Path, **cells: str) -> None:
    """Give the first data row of a national CSV file other cells (by column name)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header, row = lines[0].split(";"), lines[1].split(";")
    for column, value in cells.items():
        row[header.index(column)] = value
    lines[1] = ";".join(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_ids_are_unique_only_within_a_municipality(both_layouts, tmp_path):
    """Team ESF-01 exists in every municipality; a score for a team that exists only elsewhere is
    reported with its row, naming the team, and nothing is run."""
    _, national = both_layouts
    folder = _national_copy(national, tmp_path)
    scores = (folder / "scores.csv").read_text(encoding="utf-8").splitlines()
    header = scores[0].split(";")
    first = scores[1].split(";")
    muni, team = first[header.index("municipality")], first[header.index("team_id")]
    assert team == "ESF-01"
    other = next(line.split(";")[0] for line in scores[1:] if line.split(";")[0] != muni)
    # the largest team number of the first municipality, plus one: a team only other places may have
    numbers = [int(line.split(";")[1].split("-")[1]) for line in scores[1:] if line.startswith(muni + ";")]
    fake = f"ESF-{max(numbers) + 1:02d}"
    scores.append(";".join([muni, fake] + first[2:]))
    (folder / "scores.csv").write_text("\n".join(scores) + "\n", encoding="utf-8")
    laws = sorted((national / "laws").glob("*.p4p"))
    outcomes, written = run_national(laws, folder, tmp_path / "out", "csv", None, None, jobs=1)
    assert written == [] and len(outcomes) == 1 and outcomes[0].exit_code == 2
    message = outcomes[0].error
    assert f"scores.csv:{len(scores)}:" in message and f"'{fake}'" in message, message
    assert other != muni  # the same name in another municipality does not make it known here


def test_a_cadre_only_another_law_declares_is_reported_for_this_one(both_layouts, tmp_path):
    _, national = both_layouts
    folder = _national_copy(national, tmp_path)
    _change_first_row(folder / "roster.csv", cadre="coordenador_de_área", cbo="")
    laws = sorted((national / "laws").glob("*.p4p"))
    outcomes, _ = run_national(laws, folder, None, "csv", None, None, jobs=1)
    failed = [o for o in outcomes if o.error]
    assert len(failed) == 1 and failed[0].exit_code == 2
    assert "roster.csv:2:" in failed[0].error and "coordenador_de_área" in failed[0].error
    assert sum(o.columns is not None for o in outcomes) == N - 1


def test_a_law_without_data_or_ibge_code_is_an_error(both_layouts, tmp_path):
    _, national = both_layouts
    law = (national / "laws" / "m0001.p4p").read_text(encoding="utf-8")
    header = next(line for line in law.splitlines() if line.startswith("lei "))
    no_code = tmp_path / "no_code.p4p"
    no_code.write_text(law.replace(header, header.split(" ibge ")[0]), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.p4p"
    elsewhere.write_text(law.replace(header, header.split(" ibge ")[0] + " ibge 1100015"), encoding="utf-8")
    outcomes, _ = run_national([no_code, elsewhere], national / "national", None, "csv", None, None, jobs=1)
    by_law = {o.law.name: o for o in outcomes}
    assert by_law["no_code.p4p"].exit_code == 2 and "IBGE" in by_law["no_code.p4p"].error
    assert by_law["elsewhere.p4p"].exit_code == 2 and "municipality = 1100015" in by_law["elsewhere.p4p"].error


def test_the_phases_of_a_batch_are_timed(both_layouts, tmp_path):
    """`phases` (what bench_run.py prints) gets each phase once, in order, and they make up the run."""
    import time

    _, national = both_layouts
    laws = sorted((national / "laws").glob("*.p4p"))
    phases: dict[str, float] = {}
    start = time.perf_counter()
    outcomes, written = run_national(laws, national / "national", tmp_path / "out", "csv", None, None, jobs=1,
                                     phases=phases)
    total = time.perf_counter() - start
    assert all(o.error is None for o in outcomes)
    assert [p.name for p in written] == ["payments.csv", "ledger.csv", "periods.csv", "manifest.json"]
    assert list(phases) == ["read", "laws", "write"]
    assert all(seconds > 0 for seconds in phases.values())
    assert sum(phases.values()) <= total


# ---- on two cores: a child reads the files while this process compiles laws ---------------------

def _slow_reading(monkeypatch, seconds: float = 1.5) -> None:
    """Reading that takes long enough for every law to be compiled meanwhile (the child is forked:
    it inherits the patch)."""
    import time

    import p4p_rules.national as national

    def slow(directory, language):
        time.sleep(seconds)
        return load_national(directory, language)

    monkeypatch.setattr(national, "load_national", slow)


def _columns(outcomes):
    return {o.law.name: (o.municipality, o.columns, o.error, o.exit_code) for o in outcomes}


def test_laws_compiled_while_reading_give_the_same_results(both_layouts, monkeypatch):
    _, national = both_layouts
    laws = sorted((national / "laws").glob("*.p4p"))
    alone, _ = run_national(laws, national / "national", None, "csv", None, None, jobs=1)
    _slow_reading(monkeypatch)
    counts: dict[str, int] = {}
    ahead, _ = run_national(laws, national / "national", None, "csv", None, None, jobs=2, counts=counts)
    assert counts["compiled_ahead"] == N  # every law, while the files were (slowly) read
    assert all(o.error is None for o in ahead)
    assert _columns(ahead) == _columns(alone)


def test_a_law_that_does_not_compile_is_reported_when_compiled_ahead(both_layouts, monkeypatch, tmp_path):
    _, national = both_layouts
    laws = sorted((national / "laws").glob("*.p4p"))
    broken = tmp_path / "broken.p4p"
    broken.write_text(laws[0].read_text(encoding="utf-8").replace("art. 1", "art. 1 1", 1), encoding="utf-8")
    _slow_reading(monkeypatch)
    counts: dict[str, int] = {}
    outcomes, _ = run_national([broken, *laws[1:]], national / "national", None, "csv", None, None, jobs=2,
                               counts=counts)
    assert counts["compiled_ahead"] == N
    by_law = {o.law.name: o for o in outcomes}
    assert by_law["broken.p4p"].exit_code == 2 and "broken.p4p:" in by_law["broken.p4p"].error
    assert all(o.error is None and o.columns is not None for o in outcomes if o.law != broken)


def test_problems_in_the_files_come_back_from_the_reading_process(both_layouts, tmp_path):
    _, national = both_layouts
    folder = _national_copy(national, tmp_path)
    _change_first_row(folder / "transfers.csv", amount="muito")
    laws = sorted((national / "laws").glob("*.p4p"))
    alone, _ = run_national(laws, folder, None, "csv", None, None, jobs=1)
    outcomes, written = run_national(laws, folder, tmp_path / "out", "csv", None, None, jobs=2)
    assert written == [] and len(outcomes) == 1 and outcomes[0].exit_code == 2
    assert "transfers.csv:2:" in outcomes[0].error and "muito" in outcomes[0].error, outcomes[0].error
    assert outcomes[0].error == alone[0].error


def test_a_reading_process_that_dies_is_an_error_that_says_so(both_layouts, monkeypatch):
    import os

    import p4p_rules.national as national_module

    _, national = both_layouts
    laws = sorted((national / "laws").glob("*.p4p"))
    monkeypatch.setattr(national_module, "load_national", lambda directory, language: os._exit(3))
    with pytest.raises(RuntimeError, match="reading the national files stopped.*exit code 3"):
        run_national(laws, national / "national", None, "csv", None, None, jobs=2)


def test_the_reading_process_stops_quietly_when_nobody_waits_for_the_files(both_layouts):
    """The parent stopped (Ctrl-C, killed) before the columns were sent: no traceback from the child."""
    import multiprocessing
    import signal

    import p4p_rules.national as national_module

    _, national = both_layouts
    receiver, sender = multiprocessing.Pipe(duplex=False)
    receiver.close()
    handler = signal.getsignal(signal.SIGINT)
    try:
        national_module._load_in_child(national / "national", "pt", sender)  # returns, raises nothing
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # Ctrl-C is the parent's to handle
    finally:
        signal.signal(signal.SIGINT, handler)
    assert sender.closed


def test_chunks_cover_the_laws_in_order_and_shrink_towards_the_end():
    from p4p_rules.national import _chunks

    laws = [Path(f"{i}.p4p") for i in range(5570)]
    chunks = _chunks(laws, 2)
    assert [law for chunk in chunks for law in chunk] == laws
    sizes = [len(chunk) for chunk in chunks]
    assert sizes[0] == 64 and max(sizes) == 64
    assert sizes == sorted(sizes, reverse=True)  # never a long chunk after a short one
    assert min(sizes[:-1]) == 4 and sizes[-1] <= 4  # the last ones a few laws each
    assert [len(c) for c in _chunks(laws[:6], 2)] == [4, 2]


def test_the_main_process_and_the_workers_share_the_laws_and_keep_their_order(both_layouts, monkeypatch):
    """Main process and worker each run chunks; results and progress come in the order of the laws,
    the same as with one core; the workers' results files are gone afterwards."""
    import os
    import tempfile

    import p4p_rules.national as national_module

    _, national = both_layouts
    laws = sorted((national / "laws").glob("*.p4p")) * 8  # 48 laws: 11 chunks of 4 or fewer
    alone, _ = run_national(laws, national / "national", None, "csv", None, None, jobs=1)
    run_one = national_module._run_one

    def run_and_sign(law, start, end):
        outcome = run_one(law, start, end)
        outcome.ran_in = os.getpid()  # (a dataclass pickles its attributes: this one travels too)
        return outcome

    monkeypatch.setattr(national_module, "_run_one", run_and_sign)
    before = set(Path("/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir()).glob("p4p-rules-*"))
    progress: list[Path] = []
    shared, _ = run_national(laws, national / "national", None, "csv", None, None, jobs=2,
                             on_done=lambda outcome: progress.append(outcome.law))
    assert [o.law for o in shared] == laws and progress == laws
    assert [_columns([o]) for o in shared] == [_columns([o]) for o in alone]
    assert len({o.ran_in for o in shared}) == 2 and os.getpid() in {o.ran_in for o in shared}
    after = set(Path("/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir()).glob("p4p-rules-*"))
    assert after == before


def test_an_error_in_a_worker_stops_the_run_and_leaves_no_results_files(both_layouts, monkeypatch):
    import os
    import tempfile

    import p4p_rules.national as national_module

    _, national = both_layouts
    laws = sorted((national / "laws").glob("*.p4p")) * 8
    main = os.getpid()
    run_one = national_module._run_one

    def fails_in_a_worker(law, start, end):
        if os.getpid() != main:
            raise ValueError("a bug in the engine")
        return run_one(law, start, end)

    monkeypatch.setattr(national_module, "_run_one", fails_in_a_worker)
    shm = Path("/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir())
    before = set(shm.glob("p4p-rules-*"))
    with pytest.raises(ValueError, match="a bug in the engine"):
        run_national(laws, national / "national", None, "csv", None, None, jobs=2)
    assert set(shm.glob("p4p-rules-*")) == before


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_cyclic_collector_never_runs_in_the_main_process_during_a_run(both_layouts, jobs):
    """Nothing a national run makes holds a reference cycle; a collection would only walk every law
    and every column received so far (one took half a second at the end of the reading phase)."""
    import gc

    _, national = both_layouts
    laws = sorted((national / "laws").glob("*.p4p"))
    collections: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.collect()
    gc.callbacks.append(record)
    try:
        outcomes, _ = run_national(laws, national / "national", None, "csv", None, None, jobs=jobs)
    finally:
        gc.callbacks.remove(record)
    assert all(o.error is None for o in outcomes)
    assert collections == []
    assert gc.isenabled()  # and it is on again afterwards


def test_national_csv_written_from_lists_has_the_bytes_of_its_dataframes(both_layouts, tmp_path):
    """The national tables go to CSV straight from the lists the laws gave (no DataFrame): the same
    bytes as the DataFrames would give, manifest included."""
    from p4p_rules.national import national_tables
    from p4p_rules.output import write_tables

    _, national = both_layouts
    laws = sorted((national / "laws").glob("*.p4p"))
    outcomes, written = run_national(laws, national / "national", tmp_path / "lists", "csv", None, None, jobs=1)
    assert [p.name for p in written] == ["payments.csv", "ledger.csv", "periods.csv", "manifest.json"]
    frames = write_tables(national_tables(outcomes), tmp_path / "frames", "csv")
    for path in frames:
        assert (tmp_path / "lists" / path.name).read_bytes() == path.read_bytes(), path.name
