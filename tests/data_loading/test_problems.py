"""Bad input: one problem per bad cell or row, located by file, row (header = 1) and column, and all
problems of all files reported together in one DataError."""

from __future__ import annotations

from pathlib import Path

import pytest

from p4p_rules.data import DataError, DataProblem, load_dataset
from tests.data_loading.helpers import MINI, append_line, problems, set_cell, where, write_mini

ROSTER_HEADER = MINI["roster.csv"].splitlines()[0]


def roster_with(*lines: str) -> str:
    return MINI["roster.csv"] + "".join(line + "\n" for line in lines)


# ---- the example from the issue, in both languages --------------------------------------------
def test_unknown_cadre_with_suggestion(m05: Path) -> None:
    set_cell(m05 / "roster.csv", 17, "cadre", "enfermero")
    error = problems(m05, language="en")
    assert len(error.problems) == 1
    p = error.problems[0]
    assert (Path(p.file).name, p.row, p.column, p.code) == ("roster.csv", 17, "cadre", "D130")
    assert error.render() == f"{m05 / 'roster.csv'}:17: column 'cadre': unknown cadre 'enfermero' — did you mean 'enfermeiro'?"


def test_messages_in_portuguese(m05: Path) -> None:
    set_cell(m05 / "roster.csv", 17, "cadre", "enfermero")
    error = problems(m05)  # Portuguese is the default
    assert error.render() == (f"{m05 / 'roster.csv'}:17: coluna 'cadre': cargo desconhecido 'enfermero'"
                              " — você quis dizer 'enfermeiro'?")
    assert str(error) == error.render()


def test_problem_is_a_plain_record() -> None:
    p = DataProblem("x/roster.csv", 3, "team_id", "D110", "required value is empty")
    assert p.render("en") == "x/roster.csv:3: column 'team_id': required value is empty"
    assert DataProblem("x", None, None, "D100", "no 'roster' file", "hint").render("en") == "x: no 'roster' file — hint"


# ---- columns and files --------------------------------------------------------------------------
def test_missing_column_lists_the_expected_ones(mini: Path) -> None:
    (mini / "transfers.csv").write_text("month;amount\n10/2012;1.700,00\n", encoding="utf-8")
    error = problems(mini, language="en")
    assert where(error) == [("transfers.csv", 1, "team_id", "D104")]
    assert error.problems[0].help == "expected columns: month, team_id, amount"


def test_missing_cadre_column_is_fine_when_cbo_is_there(tmp_path: Path) -> None:
    roster = "\n".join(";".join(f for i, f in enumerate(line.split(";")) if i != 3)
                       for line in MINI["roster.csv"].splitlines()) + "\n"
    data = load_dataset(write_mini(tmp_path, roster=roster))
    assert data.roster["cadre"].tolist() == ["nurse", "physician", "coordinator", "community_health_agent"]


def test_missing_cadre_and_cbo_columns(tmp_path: Path) -> None:
    roster = "\n".join(";".join(f for i, f in enumerate(line.split(";")) if i not in (3, 4))
                       for line in MINI["roster.csv"].splitlines()) + "\n"
    assert where(problems(write_mini(tmp_path, roster=roster))) == [("roster.csv", 1, "cadre", "D104")]


def test_missing_optional_columns_take_their_defaults(tmp_path: Path) -> None:
    roster = "\n".join(";".join(line.split(";")[:4] + line.split(";")[5:9])
                       for line in MINI["roster.csv"].splitlines()) + "\n"
    assert "cbo" not in roster.splitlines()[0] and "weekly_hours" not in roster.splitlines()[0]
    data = load_dataset(write_mini(tmp_path, roster=roster))
    assert data.roster["weekly_hours"].tolist() == [40, 40, 40, 40]
    assert data.roster["cbo"].tolist() == [None] * 4


def test_repeated_column(tmp_path: Path) -> None:
    transfers = "month;team_id;amount;Amount\n10/2012;ESF-01;1.700,00;1\n"
    assert where(problems(write_mini(tmp_path, transfers=transfers))) == [("transfers.csv", 1, "Amount", "D105")]


def test_extra_columns_are_ignored(tmp_path: Path) -> None:
    transfers = "month;team_id;amount;observação\n10/2012;ESF-01;1.700,00;pago em atraso\n"
    assert load_dataset(write_mini(tmp_path, transfers=transfers)).transfers["amount"].tolist() == [170_000]


def test_missing_required_file(tmp_path: Path) -> None:
    directory = write_mini(tmp_path, scores=None)
    error = problems(directory, language="en")
    assert [(p.file, p.row, p.column, p.code) for p in error.problems] == [(str(directory), None, None, "D100")]
    assert "scores.csv, scores.xlsx or scores.parquet" in error.render()


def test_file_in_an_unsupported_format(tmp_path: Path) -> None:
    directory = write_mini(tmp_path, scores=None)
    (directory / "scores.xls").write_bytes(b"old excel")
    assert "found scores.xls: save it as CSV, XLSX or Parquet" in problems(directory, language="en").render()


def test_two_files_for_one_input(mini: Path) -> None:
    (mini / "roster.parquet").write_bytes(b"")
    error = problems(mini, language="en")
    assert where(error) == [("mini", None, None, "D101")]
    assert "roster.csv, roster.parquet" in error.render()


def test_unreadable_files(mini: Path) -> None:
    (mini / "scores.csv").unlink()
    (mini / "scores.xlsx").write_bytes(b"this is not a zip file")
    (mini / "transfers.csv").unlink()
    (mini / "transfers.parquet").write_bytes(b"nor a parquet file")
    assert where(problems(mini)) == [("scores.xlsx", None, None, "D102"), ("transfers.parquet", None, None, "D102")]


def test_empty_file(mini: Path) -> None:
    (mini / "absences.csv").write_text("\n\n", encoding="utf-8")
    assert where(problems(mini)) == [("absences.csv", 1, None, "D106")]


def test_row_longer_than_the_header(mini: Path) -> None:
    append_line(mini / "transfers.csv", "12/2012;ESF-01;1.700,00;oops")
    append_line(mini / "transfers.csv", "01/2013;ESF-01;1.700,00;;")  # empty extra fields are fine
    error = problems(mini, language="en")
    assert where(error) == [("transfers.csv", 5, None, "D103")]
    assert error.problems[0].message == "the row has 4 fields but the header has 3"


# ---- cells ------------------------------------------------------------------------------------
def test_empty_required_values(tmp_path: Path) -> None:
    roster = roster_with(";Eva Melo;ESF-01;acs;515105;01/01/2010;;efetivo;sim;40",
                         "10006;Caio Lins;ESF-01;;;01/01/2010;;efetivo;sim;40",
                         "10007;;ESF-01;acs;515105;;;efetivo;sim;40")
    assert where(problems(write_mini(tmp_path, roster=roster))) == [
        ("roster.csv", 6, "staff_id", "D110"), ("roster.csv", 7, "cadre", "D110"),
        ("roster.csv", 8, "name", "D110"), ("roster.csv", 8, "start_date", "D110")]


def test_unparsable_dates(mini: Path) -> None:
    set_cell(mini / "roster.csv", 3, "start_date", "31/02/2010")
    set_cell(mini / "roster.csv", 4, "end_date", "2015/01/01")
    set_cell(mini / "absences.csv", 2, "end_date", "amanhã")
    set_cell(mini / "scores.csv", 3, "evaluation_date", "11/07/12")
    error = problems(mini, language="en")
    assert where(error) == [("roster.csv", 3, "start_date", "D111"), ("roster.csv", 4, "end_date", "D111"),
                            ("scores.csv", 3, "evaluation_date", "D111"), ("absences.csv", 2, "end_date", "D111")]
    assert error.problems[0].message == "invalid date: '31/02/2010'"
    assert error.problems[0].help == "write it as dd/mm/yyyy, e.g. 31/12/2017"


def test_end_before_start(mini: Path) -> None:
    set_cell(mini / "roster.csv", 3, "end_date", "31/12/2009")
    set_cell(mini / "absences.csv", 3, "end_date", "01/02/2013")
    error = problems(mini, language="en")
    assert where(error) == [("roster.csv", 3, "end_date", "D120"), ("absences.csv", 3, "end_date", "D120")]
    assert error.problems[0].message == "end date 31/12/2009 is before start date 01/01/2010"


def test_unparsable_and_negative_amounts(mini: Path) -> None:
    set_cell(mini / "transfers.csv", 2, "amount", "1.7OO,00")
    set_cell(mini / "transfers.csv", 3, "amount", "-1.700,00")
    set_cell(mini / "transfers.csv", 4, "amount", "3.400,001")
    error = problems(mini, language="en")
    assert where(error) == [("transfers.csv", 2, "amount", "D113"), ("transfers.csv", 3, "amount", "D114"),
                            ("transfers.csv", 4, "amount", "D113")]
    assert error.problems[1].message == "negative transfer: '-1.700,00'"


def test_unparsable_month(mini: Path) -> None:
    set_cell(mini / "transfers.csv", 2, "month", "13/2012")
    assert where(problems(mini)) == [("transfers.csv", 2, "month", "D112")]


def test_bad_yes_no_and_weekly_hours(mini: Path) -> None:
    set_cell(mini / "roster.csv", 2, "signed_contract", "talvez")
    set_cell(mini / "roster.csv", 3, "signed_contract", "")
    set_cell(mini / "roster.csv", 4, "weekly_hours", "quarenta")
    set_cell(mini / "roster.csv", 5, "weekly_hours", "0")
    assert where(problems(mini)) == [("roster.csv", 2, "signed_contract", "D119"),
                                     ("roster.csv", 3, "signed_contract", "D110"),
                                     ("roster.csv", 4, "weekly_hours", "D117"),
                                     ("roster.csv", 5, "weekly_hours", "D121")]


def test_checkbox_column_empty_means_no(mini: Path) -> None:
    for row, mark in [(2, "x"), (3, ""), (4, "X"), (5, "")]:
        set_cell(mini / "roster.csv", row, "signed_contract", mark)
    assert load_dataset(mini).roster["signed_contract"].tolist() == [True, False, True, False]


def test_score_problems(mini: Path) -> None:
    set_cell(mini / "scores.csv", 2, "score", "155,76")
    set_cell(mini / "scores.csv", 2, "cycle", "4")
    set_cell(mini / "scores.csv", 3, "score", "n/a")
    set_cell(mini / "scores.csv", 3, "cycle", "um")
    error = problems(mini, language="en")
    assert where(error) == [("scores.csv", 2, "cycle", "D118"), ("scores.csv", 2, "score", "D116"),
                            ("scores.csv", 3, "cycle", "D118"), ("scores.csv", 3, "score", "D115")]
    assert error.problems[0].message == "invalid cycle: '4' (PMAQ had cycles 1, 2 and 3)"


def test_evaluation_date_may_be_empty_only_for_a_disqualified_team(mini: Path) -> None:
    set_cell(mini / "scores.csv", 3, "evaluation_date", "")
    assert load_dataset(mini).scores["evaluation_date"].isna().tolist() == [False, True]
    set_cell(mini / "scores.csv", 2, "evaluation_date", "")
    assert where(problems(mini)) == [("scores.csv", 2, "evaluation_date", "D110")]


# ---- words of the domain ------------------------------------------------------------------------
def test_unknown_category_with_suggestion(mini: Path) -> None:
    set_cell(mini / "scores.csv", 2, "category", "medianoo")
    error = problems(mini, language="en")
    assert where(error) == [("scores.csv", 2, "category", "D134")]
    assert error.problems[0].help == "did you mean 'mediano'?"


def test_unknown_absence_kind_with_suggestion(mini: Path) -> None:
    set_cell(mini / "absences.csv", 3, "kind", "ferias_")
    set_cell(mini / "absences.csv", 2, "kind", "passeio")
    error = problems(mini)
    assert where(error) == [("absences.csv", 2, "kind", "D135"), ("absences.csv", 3, "kind", "D135")]
    assert error.problems[0].help is None
    assert error.problems[1].help == "você quis dizer 'férias'?"


def test_unjustified_absences(mini: Path) -> None:
    for row, kind in [(2, "falta"), (3, "Falta Injustificada")]:
        set_cell(mini / "absences.csv", row, "kind", kind)
    assert load_dataset(mini).absences["kind"].tolist() == ["unjustified", "unjustified"]


def test_cadre_as_cbo_code(tmp_path: Path) -> None:
    roster = roster_with("10005;Eva Melo;ESF-02;2235-65;;01/01/2010;;efetivo;sim;40",
                         "10006;Caio Lins;ESF-02;515105;515105;01/01/2010;;efetivo;sim;40",
                         "10007;Rui Paz;ESF-02;;322245;01/01/2010;;efetivo;sim;40")
    data = load_dataset(write_mini(tmp_path, roster=roster))
    assert data.roster["cadre"].tolist()[4:] == ["nurse", "community_health_agent", "nursing_technician"]
    assert data.roster["cbo"].tolist()[4:] == ["223565", "515105", "322245"]


def test_cadre_names_in_any_case_and_spelling(tmp_path: Path) -> None:
    roster = roster_with("10005;Eva Melo;ESF-02;Técnico de Enfermagem;322245;01/01/2010;;efetivo;sim;40",
                         "10006;Caio Lins;ESF-02;AGENTE COMUNITARIO;515105;01/01/2010;;efetivo;sim;40",
                         "10007;Rui Paz;ESF-02;nurse;;01/01/2010;;efetivo;sim;40")
    data = load_dataset(write_mini(tmp_path, roster=roster))
    assert data.roster["cadre"].tolist()[4:] == ["nursing_technician", "community_health_agent", "nurse"]


def test_cbo_problems(tmp_path: Path) -> None:
    roster = roster_with("10005;Eva Melo;ESF-02;enfermeira;225142;01/01/2010;;efetivo;sim;40",
                         "10006;Caio Lins;ESF-02;999999;;01/01/2010;;efetivo;sim;40",
                         "10007;Rui Paz;ESF-02;;999999;01/01/2010;;efetivo;sim;40",
                         "10008;Ivo Sá;ESF-02;acs;51510;01/01/2010;;efetivo;sim;40",
                         "10009;Lia Rios;ESF-02;acs;999999;01/01/2010;;efetivo;sim;40")
    error = problems(write_mini(tmp_path, roster=roster), language="en")
    assert where(error) == [("roster.csv", 6, "cbo", "D132"), ("roster.csv", 7, "cadre", "D131"),
                            ("roster.csv", 8, "cbo", "D131"), ("roster.csv", 9, "cbo", "D133")]
    assert error.problems[0].message == "CBO 225142 belongs to 'physician', but the cadre is 'enfermeira'"
    assert error.problems[0].help == "CBO expected for 'enfermeira': 223565, 223505"


def test_custom_cadres_declared_by_the_law(tmp_path: Path) -> None:
    roster = roster_with("10005;Eva Melo;ESF-02;Agente Administrativo Local;411010;01/01/2010;;efetivo;sim;40",
                         "10006;Caio Lins;ESF-02;vigia;;01/01/2010;;efetivo;sim;40",
                         "10007;Rui Paz;ESF-02;;777777;01/01/2010;;efetivo;sim;40")
    directory = write_mini(tmp_path, roster=roster)
    error = problems(directory, language="en")
    assert where(error) == [("roster.csv", 6, "cadre", "D130"), ("roster.csv", 7, "cadre", "D130"),
                            ("roster.csv", 8, "cbo", "D131")]
    data = load_dataset(directory, extra_cadres=["agente_administrativo_local", "Vigia"],
                        extra_cbo={"777777": "Vigia"})
    assert data.roster["cadre"].tolist()[4:] == ["agente_administrativo_local", "Vigia", "Vigia"]


def test_custom_categories(mini: Path) -> None:
    set_cell(mini / "scores.csv", 2, "category", "ouro")
    assert where(problems(mini)) == [("scores.csv", 2, "category", "D134")]
    assert load_dataset(mini, extra_categories=["ouro"]).scores["category"].tolist() == ["ouro", "disqualified"]


# ---- across rows and files ------------------------------------------------------------------------
def test_overlapping_postings_report_both_rows(tmp_path: Path) -> None:
    roster = roster_with("10001;Ana Lima;ESF-02;enfermeira;223565;01/01/2012;;efetivo;sim;40",
                         # a move the day after the posting ends is not an overlap
                         "10002;Bruno Reis;ESF-02;médico;225142;01/01/2015;;contratado;sim;40")
    error = problems(write_mini(tmp_path, roster=roster), language="en")
    assert where(error) == [("roster.csv", 2, "staff_id", "D140"), ("roster.csv", 6, "staff_id", "D140")]
    assert error.problems[0].message == "staff 10001 has postings that overlap in time (rows 2 and 6)"
    assert error.problems[1].message == error.problems[0].message


def test_posting_starting_on_the_day_another_ends_overlaps(tmp_path: Path) -> None:
    roster = roster_with("10002;Bruno Reis;ESF-02;médico;225142;31/12/2014;;contratado;sim;40")
    assert where(problems(write_mini(tmp_path, roster=roster))) == [("roster.csv", 3, "staff_id", "D140"),
                                                                    ("roster.csv", 6, "staff_id", "D140")]


def test_score_for_unknown_team(mini: Path) -> None:
    append_line(mini / "scores.csv", "ESF-99;1;12/07/2012;70,00;acima_da_média")
    error = problems(mini, language="en")
    assert where(error) == [("scores.csv", 4, "team_id", "D141")]
    assert error.problems[0].message == f"score for team 'ESF-99', which is not in the roster ({mini / 'roster.csv'})"


def test_transfer_for_unknown_team(mini: Path) -> None:
    append_line(mini / "transfers.csv", "11/2012;ESF-13;1.700,00")
    assert where(problems(mini)) == [("transfers.csv", 5, "team_id", "D142")]


def test_team_without_score_for_a_cycle_with_transfers(mini: Path) -> None:
    append_line(mini / "transfers.csv", "06/2014;ESF-01;5.100,00")  # cycle 2
    append_line(mini / "transfers.csv", "07/2014;ESF-01;5.100,00")  # reported once, at the first row
    append_line(mini / "transfers.csv", "07/2014;;5.100,00")        # municipality total: no team
    error = problems(mini, language="en")
    assert where(error) == [("transfers.csv", 5, "team_id", "D143")]
    assert error.problems[0].message == (
        f"team 'ESF-01' received transfers in cycle 2 but {mini / 'scores.csv'} has no score for that cycle")
    append_line(mini / "scores.csv", "ESF-01;2;10/12/2013;61,00;acima_da_média")
    assert load_dataset(mini).transfers["team_id"].tolist()[-1] is None


def test_repeated_score(mini: Path) -> None:
    append_line(mini / "scores.csv", "ESF-01;1;10/07/2012;60,00;acima_da_média")
    assert where(problems(mini)) == [("scores.csv", 4, "team_id", "D145")]


def test_absence_for_unknown_staff(mini: Path) -> None:
    append_line(mini / "absences.csv", "99999;01/02/2013;01/02/2013;falta")
    assert where(problems(mini)) == [("absences.csv", 4, "staff_id", "D144")]


def test_missing_roster_column_does_not_make_every_team_unknown(mini: Path) -> None:
    lines = (mini / "roster.csv").read_text(encoding="utf-8").splitlines()
    (mini / "roster.csv").write_text("\n".join(";".join(l.split(";")[:2] + l.split(";")[3:]) for l in lines) + "\n",
                                     encoding="utf-8")
    assert where(problems(mini)) == [("roster.csv", 1, "team_id", "D104")]


# ---- row numbers as a spreadsheet shows them --------------------------------------------------------
def test_row_numbers_count_blank_lines_and_quoted_line_breaks(tmp_path: Path) -> None:
    roster = (ROSTER_HEADER + "\n"
              '10001;"Ana\nLima";ESF-01;enfermeira;223565;01/01/2010;;efetivo;sim;40\n'
              "\n"
              "10002;Bruno Reis;ESF-01;enfermero;;01/01/2010;;contratado;sim;40\n"
              ";;;;;;;;;\n"
              "10004;Davi Souza;ESF-02;acs;515105;01/01/2010;;efetivo;sim;\n")
    error = problems(write_mini(tmp_path, roster=roster, absences=None))
    assert where(error) == [("roster.csv", 5, "cadre", "D130")]


def test_xlsx_rows_are_sheet_rows(tmp_path: Path) -> None:
    import openpyxl

    directory = write_mini(tmp_path)
    (directory / "transfers.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["month", "team_id", "amount"])
    sheet.append(["10/2012", "ESF-01", 1700.0])
    sheet.append([])
    sheet.append(["11/2012", "ESF-01", 1700.123])  # a fraction of a centavo
    sheet.append(["12/2012", "ESF-01", -1.0])
    book.save(directory / "transfers.xlsx")
    # header on row 1, the blank row 3 counts
    assert where(problems(directory)) == [("transfers.xlsx", 4, "amount", "D113"),
                                          ("transfers.xlsx", 5, "amount", "D114")]


# ---- everything at once ----------------------------------------------------------------------------
def test_all_problems_of_all_files_in_one_error(m05: Path) -> None:
    set_cell(m05 / "roster.csv", 40, "start_date", "32/01/2010")
    set_cell(m05 / "roster.csv", 17, "cadre", "enfermero")
    set_cell(m05 / "scores.csv", 5, "category", "otimoo")
    set_cell(m05 / "transfers.csv", 100, "amount", "-8.500,00")
    set_cell(m05 / "transfers.csv", 10, "amount", "8,500,00")
    set_cell(m05 / "absences.csv", 20, "kind", "ferias??")
    set_cell(m05 / "absences.csv", 2, "staff_id", "00000")
    error = problems(m05, language="en")
    assert where(error) == [
        ("roster.csv", 17, "cadre", "D130"), ("roster.csv", 40, "start_date", "D111"),
        ("scores.csv", 5, "category", "D134"),
        ("transfers.csv", 10, "amount", "D113"), ("transfers.csv", 100, "amount", "D114"),
        ("absences.csv", 2, "staff_id", "D144"), ("absences.csv", 20, "kind", "D135")]
    rendered = error.render().splitlines()
    assert len(rendered) == 7
    assert rendered[2] == f"{m05 / 'scores.csv'}:5: column 'category': unknown category 'otimoo' — did you mean 'ótimo'?"
    assert isinstance(error, DataError) and "7 problem(s)" in error.args[0]


def test_nothing_is_returned_when_there_are_problems(mini: Path) -> None:
    set_cell(mini / "transfers.csv", 2, "amount", "muito")
    with pytest.raises(DataError):
        load_dataset(mini)


def test_unknown_team_suggests_a_roster_team(mini: Path) -> None:
    append_line(mini / "transfers.csv", "11/2012;esf-1;1.700,00")
    error = problems(mini, language="en")
    assert where(error) == [("transfers.csv", 5, "team_id", "D142")]
    assert error.problems[0].help == "did you mean 'ESF-01'?"


def test_missing_folder(tmp_path: Path) -> None:
    error = problems(tmp_path / "nowhere", language="en")
    assert where(error) == [("nowhere", None, None, "D107")]
    assert error.render() == f"{tmp_path / 'nowhere'}: data folder not found"


def test_cascades_are_not_reported(mini: Path) -> None:
    # the cycle of ESF-01's score is unreadable: its transfers are not also 'without score'
    set_cell(mini / "scores.csv", 2, "cycle", "1º")
    # a posting with an unreadable date cannot be checked for overlaps
    append_line(mini / "roster.csv", "10001;Ana Lima;ESF-02;enfermeira;223565;01/13/2012;;efetivo;sim;40")
    assert where(problems(mini)) == [("roster.csv", 6, "start_date", "D111"), ("scores.csv", 2, "cycle", "D118")]
