"""The command line as a user runs it: real files, real subprocesses, exit codes, no tracebacks."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from p4p_rules.model.schema import schema_for

ROOT = Path(__file__).resolve().parents[1]
LAW = ROOT / "tests" / "data" / "bilingual_pt.p4p"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "p4p_rules.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT)


def test_show_at_a_date_prints_the_version_in_force():
    before = run("show", LAW, "--at", "2013-03-31")
    after = run("show", LAW, "--at", "01/04/2013")
    assert before.returncode == after.returncode == 0
    assert 'versão original "Lei nº 1.234/2012" vigência 01/03/2012' in before.stdout
    assert 'versão lei_2013 "Lei nº 1.400/2013" vigência 01/04/2013' in after.stdout
    assert "distribuir equipes igualmente" in after.stdout and "distribuir equipes igualmente" not in before.stdout


def test_show_version_by_name_and_unknown_version():
    assert "art. 3-A:" in run("show", LAW, "--version", "lei_2013").stdout
    bad = run("show", LAW, "--version", "lei_2099")
    assert bad.returncode == 2 and "lei_2099" in bad.stderr and "original, lei_2013" in bad.stderr


def test_show_before_the_law_existed_is_a_clear_error():
    r = run("show", LAW, "--at", "2010-01-01")
    assert r.returncode == 2 and "E160" in r.stderr and "nenhuma versão está em vigor em 01/01/2010" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("args,which", [((), "law"), (("--at", "2014-01-01"), "in-force")])
def test_show_json_validates_against_the_published_schema(args, which):
    r = run("show", LAW, "--format", "json", *args)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    jsonschema.validate(data, schema_for(which))
    # and the schema is not vacuous: a wrong type is rejected
    broken = dict(data)
    key = "versions" if which == "law" else "articles"
    broken[key] = "not a list"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema_for(which))


def test_schema_command_prints_json_schema():
    r = run("schema", "in-force")
    assert r.returncode == 0 and json.loads(r.stdout)["title"] == "LawInForce"


def test_fmt_check_reports_and_fmt_rewrites(tmp_path):
    messy = tmp_path / "messy.p4p"
    messy.write_text('LEI "X"   uf pb\nVERSAO original vigencia 01/01/2012\n# nota\nART. 1:\n'
                     '      pagamento MENSAL   # fim\n', encoding="utf-8")
    check = run("fmt", "--check", messy)
    assert check.returncode == 1 and "would reformat" in check.stdout
    assert messy.read_text(encoding="utf-8").startswith("LEI")  # --check changes nothing
    assert run("fmt", messy).returncode == 0
    assert messy.read_text(encoding="utf-8") == ('lei "X" uf PB\n\nversão original vigência 01/01/2012\n\n'
                                                 '# nota\nart. 1:\n  pagamento mensal  # fim\n')
    again = run("fmt", "--check", messy)
    assert again.returncode == 0 and "already formatted" in again.stdout


def test_check_reports_every_error_with_position_caret_and_exit_2(tmp_path):
    bad = tmp_path / "bad.p4p"
    bad.write_text('lei "X"\nversão original vigência 01/01/2012\nart. 1:\n  repatir recursos em equipes 60%\n'
                   '  elegíveis: enfermero\n  pagamento mensalmente\n', encoding="utf-8")
    r = run("check", bad)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert f"{bad}:4:3: E100" in r.stderr
    assert f"{bad}:6:13: E123" in r.stderr
    # gutter "   4 | " is 7 characters wide, column 3 adds 2 more: 9 spaces before the caret
    assert "   4 |   repatir recursos em equipes 60%\n" + " " * 9 + "^" * len("repatir") + "\n" in r.stderr
    assert "você quis dizer 'repartir'?" in r.stderr


def test_missing_file_is_a_clear_error_not_a_traceback(tmp_path):
    r = run("check", tmp_path / "nope.p4p")
    assert r.returncode == 2 and "E151" in r.stderr and "Traceback" not in r.stderr


def test_binary_garbage_is_a_diagnostic_not_a_traceback(tmp_path):
    junk = tmp_path / "junk.p4p"
    junk.write_bytes(bytes(range(256)) * 4)
    r = run("check", junk)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "junk.p4p:1:" in r.stderr


def test_installed_console_script_exists():
    exe = shutil.which("p4p-rules") or str(Path(sys.executable).parent / "p4p-rules")
    r = subprocess.run([exe, "--help"], capture_output=True, text=True)
    assert r.returncode == 0 and "show" in r.stdout and "fmt" in r.stdout


def _main_with_an_exit_handler(args: list[str], keep_a_child: bool = False) -> subprocess.CompletedProcess:
    """The CLI's entry point in a process where something waits for the interpreter's teardown."""
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('torn down', file=sys.stderr))\n"
            + ("import multiprocessing, time\n"
               "child = multiprocessing.get_context('fork').Process(target=time.sleep, args=(0.2,))\n"
               "child.start()\n" if keep_a_child else "")
            + f"sys.argv = ['p4p-rules', *{args!r}]\n"
            "from p4p_rules.cli import main\nmain()\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("args,status", [(["show", str(LAW)], 0), (["show", "no-such-law.p4p"], 2)])
def test_the_cli_ends_without_tearing_the_interpreter_down(args, status):
    """After a national run the teardown freed every object one by one (0.85 s) for nothing: the
    process ends once its output is flushed, with the command's exit status and all of its output."""
    done = _main_with_an_exit_handler(args)
    assert done.returncode == status
    assert "torn down" not in done.stderr
    if status == 0:
        assert '"Lei Municipal nº 1.234/2012"' in done.stdout and "art. " in done.stdout
    else:
        assert "no-such-law.p4p" in done.stderr


def test_the_cli_ends_as_usual_while_a_child_process_runs():
    done = _main_with_an_exit_handler(["show", str(LAW)], keep_a_child=True)
    assert done.returncode == 0 and "torn down" in done.stderr


@pytest.mark.parametrize("code, status", [("None", 0), ("3", 3), ("'a message'", 1)])
def test_leaving_flushes_what_was_printed_and_keeps_the_status(code, status):
    """Printed into a pipe, text waits in a buffer; leaving without the teardown must send it first."""
    program = (f"import sys\nprint('on stdout')\nprint('on stderr', file=sys.stderr)\n"
               f"from p4p_rules.cli import _leave\n_leave({code})\n")
    import os
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, env=buffered)
    assert done.returncode == status
    assert done.stdout == "on stdout\n"
    assert done.stderr == "on stderr\n" + ("a message\n" if status == 1 else "")
