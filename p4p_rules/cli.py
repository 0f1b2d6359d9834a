"""The `p4p-rules` command: thin — parse arguments, call the library, print, exit with the right code."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import List, NoReturn, Optional, Tuple

import typer

from p4p_rules.load import CompiledLaw, compile_file, parse_law, read_source
from p4p_rules.model.law import Law, LawInForce
from p4p_rules.printer import fmt_date, print_in_force, print_law
from p4p_rules.syntax.diagnostics import Diagnostic, LawError, hint

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Rules engine for municipal PMAQ pay-for-performance laws.")
_state = {"debug": False}

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show Python tracebacks on errors.")) -> None:
    _state["debug"] = debug


def _fail(err: LawError) -> NoReturn:
    typer.echo(err.render(), err=True)
    n = len(err.diagnostics)
    typer.echo(f"\n{n} problem{'s' if n != 1 else ''} found.", err=True)
    raise typer.Exit(EXIT_USAGE)


def _usage(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _compile(path: Path) -> CompiledLaw:
    try:
        return compile_file(path)
    except LawError as e:
        _fail(e)
        raise  # unreachable


def _parse_date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    _usage(f"cannot read the date '{text}': use YYYY-MM-DD, DD/MM/YYYY or YYYY-MM")
    raise AssertionError


@app.command()
def show(law: Path = typer.Argument(..., help="Law file (.p4p)."),
         at: Optional[str] = typer.Option(None, "--at", help="Show the law in force on this date."),
         version: Optional[str] = typer.Option(None, "--version", help="Show the consolidated text of this version."),
         format: str = typer.Option("text", "--format", help="text or json.")) -> None:
    """Print the law — whole, or consolidated as in force at a date or version."""
    if format not in ("text", "json"):
        _usage("--format must be 'text' or 'json'")
    if at and version:
        _usage("give --at or --version, not both")
    compiled = _compile(law)
    selected: Law | LawInForce = compiled.law
    lang = compiled.law.language
    if at:
        date = _parse_date(at)
        found = compiled.at(date)
        if found is None:
            first = min(t.effective for t in compiled.texts)
            _fail(LawError([Diagnostic("E160", str(law), 1, 1, lang,
                                       {"date": fmt_date(date, lang), "first": fmt_date(first, lang)})], {}))
        selected = found
    elif version:
        found = compiled.version(version)
        if found is None:
            names = [t.version for t in compiled.texts]
            _fail(LawError([Diagnostic("E161", str(law), 1, 1, lang, {"name": version},
                                       hint("known", lang, names=", ".join(names)))], {}))
        selected = found
    if format == "json":
        typer.echo(selected.model_dump_json(indent=2))
    elif isinstance(selected, LawInForce):
        typer.echo(print_in_force(selected), nl=False)
    else:
        typer.echo(print_law(selected), nl=False)


@app.command()
def fmt(laws: List[Path] = typer.Argument(..., help="Law files to format in place."),
        check: bool = typer.Option(False, "--check",
                                   help="Only report files that are not formatted; change nothing.")) -> None:
    """Rewrite law files in the canonical layout (comments and legal wording are kept)."""
    unformatted = []
    errors = False
    for path in laws:
        try:
            text = read_source(path)
            formatted = print_law(parse_law(text, str(path)))
        except LawError as e:
            typer.echo(e.render(), err=True)
            errors = True
            continue
        if formatted != text:
            unformatted.append(path)
            if not check:
                path.write_text(formatted, encoding="utf-8")
    for path in unformatted:
        typer.echo(f"{'would reformat' if check else 'reformatted'} {path}")
    if errors:
        raise typer.Exit(EXIT_USAGE)
    if check and unformatted:
        raise typer.Exit(EXIT_FINDINGS)
    if not unformatted:
        typer.echo(f"{len(laws)} file{'s' if len(laws) != 1 else ''} already formatted")


@app.command()
def check(laws: List[Path] = typer.Argument(..., help="Law files to check."),
          output_format: Optional[str] = typer.Option(None, "--output-format",
                                                      help="full (default), concise, json, sarif or github."),
          select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules: code (M003), "
                                                     "prefix (M) or name; comma-separated or repeated."),
          ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Leave out these rules (code, prefix "
                                                     "or name)."),
          statistics: bool = typer.Option(False, "--statistics", help="Print how many findings each rule has, "
                                          "instead of the findings."),
          exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are errors."),
          config: Optional[Path] = typer.Option(None, "--config", help="Use this p4p-rules.toml (or pyproject.toml)."),
          isolated: bool = typer.Option(False, "--isolated", help="Ignore every configuration file."),
          data: Optional[Path] = typer.Option(None, "--data", help="Data folder (as for `run`): also report how much "
                                              "money each loophole moves on it, per period."),
          roster: Optional[Path] = typer.Option(None, "--roster", help="Roster file: report the roster's cadres the "
                                                "law does not cover, and the loopholes on one simulated period."),
          no_witness: bool = typer.Option(False, "--no-witness", help="Do not search for the smallest case that "
                                          "shows each money loophole (faster; money findings are then not "
                                          "confirmed).")) -> None:
    """Check law files: syntax, amendments, references, and the loophole rules (see `p4p-rules rules`)."""
    from p4p_rules.lint.report import render
    from p4p_rules.lint.runner import Options, check_paths

    def split(values: Optional[List[str]]) -> Optional[List[str]]:
        return None if values is None else [v for item in values for v in item.split(",") if v.strip()]

    options = Options(select=split(select), ignore=split(ignore) or [], output_format=output_format,
                      statistics=statistics, exit_zero=exit_zero, config=config, isolated=isolated,
                      witness=not no_witness, data=data, roster=roster)
    result = check_paths(laws, options)
    if result.usage_error:
        _usage(result.usage_error)
    problems = 0
    for report in result.reports:
        if report.error is not None:
            typer.echo(report.error.render() + "\n", err=True)
            problems += len(report.error.diagnostics)
    # SARIF is always printed: a law that cannot be read is an error notification in it (CI uploads the log)
    if any(r.compiled is not None for r in result.reports) or (result.output_format == "sarif" and not statistics):
        typer.echo(render(result, result.output_format, statistics), nl=False)
    if problems:
        typer.echo(f"{problems} problem{'s' if problems != 1 else ''} found.", err=True)
    raise typer.Exit(result.exit_code(exit_zero))


@app.command("rules")
def rules_command(format: str = typer.Option("text", "--format", help="text or json.")) -> None:
    """List the loophole rules of `check`: code, name, severity and what each finds."""
    from p4p_rules.lint.registry import FAMILIES, all_rules
    if format not in ("text", "json"):
        _usage("--format must be 'text' or 'json'")
    rules = all_rules()
    if format == "json":
        typer.echo(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity, "family": r.family,
                                "summary": r.summary, "summary_pt": r.summary_pt, "doc": f"docs/rules/{r.code}.md"}
                               for r in rules], indent=2, ensure_ascii=False))
        return
    width = max(len(r.name) for r in rules)
    family = None
    for r in rules:
        if r.code[0] != family:
            family = r.code[0]
            typer.echo(("" if r is rules[0] else "\n") + f"{family} — {FAMILIES[family][1]}")
        typer.echo(f"  {r.code}  {r.name:<{width}}  {r.severity:<7}  {r.summary}")


@app.command("rule")
def rule_command(code: str = typer.Argument(...,
                                            help="Rule code (M003) or name (remainder-without-destination).")) -> None:
    """Print the documentation page of one rule."""
    from p4p_rules.lint.docs import doc_text
    from p4p_rules.lint.registry import find_rule
    found = find_rule(code)
    if found is None:
        _usage(f"unknown rule '{code}' (see 'p4p-rules rules')")
        return
    typer.echo(doc_text(found), nl=False)


@app.command()
def schema(which: str = typer.Argument(
        "law", help="'law' (a whole law file) or 'in-force' (a consolidated version).")) -> None:
    """Print the JSON schema of the law model emitted by `show --format json`."""
    from p4p_rules.model.schema import schema_for
    try:
        typer.echo(json.dumps(schema_for(which), indent=2, ensure_ascii=False))
    except KeyError:
        _usage("schema must be 'law' or 'in-force'")


def _month(text: Optional[str], flag: str, last: bool = False) -> Optional[dt.date]:
    if text is None:
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        _usage(f"{flag} must be a month written YYYY-MM, not '{text}'")
        raise


@app.command("run")
def run_command(laws: List[Path] = typer.Argument(..., help="Law file(s); several laws make a batch."),
                data: Path = typer.Option(..., "--data", help="Folder with roster, scores, transfers [, absences] "
                                          "(for several laws: one sub-folder per law, named like the law file, "
                                          "or national files with a municipality column holding the IBGE code)."),
                out: Optional[Path] = typer.Option(None, "--out", help="Folder to write payments, ledger, periods."),
                from_: Optional[str] = typer.Option(None, "--from", help="First month (YYYY-MM)."),
                to: Optional[str] = typer.Option(None, "--to", help="Last month (YYYY-MM)."),
                format: str = typer.Option("csv", "--format", help="csv, xlsx or json.")) -> None:
    """Compute every payment of the periods in range, with the articles behind each centavo."""
    from p4p_rules.batch import run_one
    from p4p_rules.report_terminal import print_run_summary, run_batch
    if format not in ("csv", "xlsx", "json"):
        _usage("--format must be csv, xlsx or json")
    start, end = _month(from_, "--from"), _month(to, "--to")
    if start and end and end < start:
        _usage("--to is before --from")
    from p4p_rules.national import is_national
    if len(laws) == 1 and not is_national(data):
        outcome = run_one(laws[0], data, out, format, start, end)
        if outcome.error:
            typer.echo(outcome.error, err=True)
            raise typer.Exit(outcome.exit_code)
        print_run_summary(outcome)
        return
    code = run_batch(laws, data, out, format, start, end)
    raise typer.Exit(code)


@app.command()
def explain(law: Path = typer.Argument(..., help="Law file (.p4p)."),
            data: Path = typer.Option(..., "--data", help="Folder with roster, scores, transfers [, absences]."),
            staff: str = typer.Option(..., "--staff", help="Staff id (matrícula) to explain."),
            period: Optional[str] = typer.Option(None, "--period",
                                                 help="Only this period (e.g. 2014-07 or 2014).")) -> None:
    """Explain, step by step and article by article, one person's payments."""
    from p4p_rules.batch import run_one
    from p4p_rules.explain import explain as explain_text
    outcome = run_one(law, data, None, "csv", None, None)
    if outcome.error:
        typer.echo(outcome.error, err=True)
        raise typer.Exit(outcome.exit_code)
    assert outcome.result is not None
    text = explain_text(compile_file(law), outcome.result, staff, period)
    typer.echo(text)
    if not any(p.staff_id == staff for b in outcome.result.books for p in b.payments):
        raise typer.Exit(EXIT_FINDINGS)


@app.command("diff")
def diff_command(law: Path = typer.Argument(..., help="Law file (.p4p); with NEW, the old law."),
                 new: Optional[Path] = typer.Argument(None, help="A second law file to compare LAW with."),
                 from_version: Optional[str] = typer.Option(None, "--from-version", help="Old version (of LAW)."),
                 to_version: Optional[str] = typer.Option(None, "--to-version",
                                                          help="New version (of LAW, or of NEW if given)."),
                 data: Optional[Path] = typer.Option(None, "--data", help="Folder with roster, scores, transfers "
                                                     "[, absences]: show the effect on each person."),
                 from_: Optional[str] = typer.Option(None, "--from", help="First month (YYYY-MM)."),
                 to: Optional[str] = typer.Option(None, "--to", help="Last month (YYYY-MM)."),
                 cycles: Optional[Tuple[int, int]] = typer.Option(None, "--cycles", help="Compare the law in force "
                                                                  "in one PMAQ cycle with the next: --cycles 2 3."),
                 out: Optional[Path] = typer.Option(None, "--out", help="Folder to write the diff tables."),
                 format: str = typer.Option("csv", "--format", help="Tables as csv, json or xlsx."),
                 top: int = typer.Option(10, "--top", help="How many top gainers and losers to list."),
                 attribution: bool = typer.Option(True, "--attribution/--no-attribution",
                                                  help="Attribute each person's change to the articles."),
                 html: Optional[Path] = typer.Option(None, "--html", help="Also write the report as one "
                                                     "self-contained HTML file with charts.")) -> None:
    """What an amendment changes: articles side by side, and with --data each person's money and why."""
    from p4p_rules.diff import DiffError, DiffRequest, diff
    from p4p_rules.diff.report import print_diff
    from p4p_rules.diff.tables import tables
    from p4p_rules.output import OutputError, write_tables
    from p4p_rules.provenance import run_inputs
    if format not in ("csv", "json", "xlsx"):
        _usage("--format must be csv, json or xlsx")
    start, end = _month(from_, "--from"), _month(to, "--to")
    if start and end and end < start:
        _usage("--to is before --from")
    if cycles is not None and None in cycles:
        cycles = None
    if (start or end) and data is None:
        _usage("--from/--to choose the months of --data: give --data")
    request = DiffRequest(law, new, from_version, to_version, data, start, end,
                          (cycles[0], cycles[1]) if cycles else None, attribution)
    try:
        result = diff(request)
    except DiffError as e:
        typer.echo(e.message if e.exit_code != EXIT_USAGE or "\n" in e.message else f"error: {e.message}", err=True)
        raise typer.Exit(e.exit_code) from None  # the message above says it all
    print_diff(result, top=top)
    if out is not None:
        laws = [(result.old_file, result.old.law.ibge)]
        if result.new_file != result.old_file:
            laws.append((result.new_file, result.new.law.ibge))
        inputs = run_inputs(laws, result.data_sources, *result.months, versions=(result.old.version,
                                                                                 result.new.version))
        try:
            written = write_tables(tables(result), out, format, inputs)
        except OutputError as e:
            typer.echo(e.render(result.language), err=True)
            raise typer.Exit(EXIT_USAGE) from None
        typer.echo("written: " + ", ".join(str(p) for p in written))
    if html is not None:
        from p4p_rules.diff.html import write_report
        try:
            typer.echo(f"written: {write_report(result, html, top=top)}")
        except OSError as e:
            _usage(f"cannot write {html}: {e.strerror or e}")


@app.command()
def synth(municipalities: int = typer.Option(..., "--municipalities", help="How many municipalities."),
          seed: int = typer.Option(0, "--seed", help="Random seed (same seed, same files)."),
          out: Path = typer.Option(..., "--out", help="Folder to write laws/ and data/ into."),
          months: int = typer.Option(12, "--months", help="Months of transfers."),
          start: str = typer.Option("2016-01", "--start", help="First month (YYYY-MM, cycle 3)."),
          format: str = typer.Option("csv", "--format", help="csv or parquet."),
          layout: str = typer.Option("split", "--layout", help="split: data/<municipality>/ folders; national: "
                                     "one file per input with a municipality column, in national/.")) -> None:
    """Generate a realistic synthetic data set (laws, rosters, scores, transfers) for tests and benchmarks."""
    from p4p_rules.synth import synthesize
    try:
        summary = synthesize(municipalities, seed, out, months=months, start=start, fmt=format, layout=layout)
    except ValueError as e:
        _usage(str(e))
        return
    typer.echo(f"{summary.municipalities} municipalities, {summary.teams} teams, {summary.people} people, "
               f"{summary.files_written} files written to {out}")


def main() -> None:
    """Entry point: no Python traceback reaches the user unless --debug is given."""
    try:
        app()
    except SystemExit as done:
        _leave(done.code)
    except Exception as exc:  # a bug, not a user error: say so plainly
        if "--debug" in sys.argv:
            raise
        typer.echo(f"internal error: {exc.__class__.__name__}: {exc}\n(run again with --debug for details)",
                   err=True)
        sys.exit(3)


def _leave(code: object) -> NoReturn:
    """End the process once everything is written, without tearing the interpreter down.

    Freeing every object one by one at exit took 0.85 s after a national run (its laws, the
    country's columns, 1.8 million payment rows), for nothing: the system takes the memory back at
    once.  Every output file is closed by then (written through `with`, moved into place); what is
    left to do is flushing the terminal.  With a child process still running (there is none after
    a command), the usual exit waits for it instead."""
    import multiprocessing
    import os

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): printed, status 1, as the interpreter does
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away (`| head`), a stream closed: nothing to tell
            pass
    if multiprocessing.active_children():
        raise SystemExit(status)
    os._exit(status)


if __name__ == "__main__":
    main()
