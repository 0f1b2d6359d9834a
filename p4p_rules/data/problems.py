"""Problems found in input data — one per bad cell, row or file, in the user's language — and the
error that carries all of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

# code -> (Portuguese, English) str.format templates.  Codes are stable: tests and tools match on
# them, people read the message.
MESSAGES: dict[str, tuple[str, str]] = {
    # files
    "D100": ("arquivo '{name}' não encontrado", "no '{name}' file"),
    "D101": ("mais de um arquivo para '{name}': {files}", "more than one file for '{name}': {files}"),
    "D102": ("não foi possível ler o arquivo: {reason}", "cannot read the file: {reason}"),
    "D103": ("a linha tem {found} campos, mas o cabeçalho tem {expected}",
             "the row has {found} fields but the header has {expected}"),
    "D104": ("coluna obrigatória ausente: '{column}'", "missing required column '{column}'"),
    "D105": ("coluna repetida no cabeçalho: '{column}'", "column '{column}' appears twice in the header"),
    "D106": ("o arquivo está vazio (sem cabeçalho)", "the file is empty (no header row)"),
    "D107": ("pasta de dados não encontrada", "data folder not found"),
    "D108": ("arquivo grande demais: {size} bytes (o máximo é {limit})",
             "file too large: {size} bytes (the limit is {limit})"),
    "D109": ("linhas demais: mais de {limit} (o limite)", "too many rows: more than {limit} (the limit)"),
    "D150": ("colunas demais no cabeçalho: {found} (o máximo é {limit})",
             "too many columns in the header: {found} (the limit is {limit})"),
    # cells
    "D110": ("valor obrigatório vazio", "required value is empty"),
    "D111": ("data inválida: '{text}'", "invalid date: '{text}'"),
    "D112": ("mês inválido: '{text}'", "invalid month: '{text}'"),
    "D113": ("valor em reais inválido: '{text}'", "invalid amount: '{text}'"),
    "D114": ("repasse negativo: '{text}'", "negative transfer: '{text}'"),
    "D115": ("número inválido: '{text}'", "invalid number: '{text}'"),
    "D116": ("nota fora do intervalo de 0 a 100: '{text}'", "score outside 0–100: '{text}'"),
    "D117": ("número inteiro inválido: '{text}'", "invalid whole number: '{text}'"),
    "D118": ("ciclo inválido: '{text}' (o PMAQ teve os ciclos 1, 2 e 3)",
             "invalid cycle: '{text}' (PMAQ had cycles 1, 2 and 3)"),
    "D119": ("valor sim/não inválido: '{text}'", "invalid yes/no value: '{text}'"),
    "D120": ("a data final {end} é anterior à data inicial {start}",
             "end date {end} is before start date {start}"),
    "D121": ("carga horária semanal fora do intervalo de 1 a 168: '{text}'",
             "weekly hours outside 1–168: '{text}'"),
    # words of the domain
    "D130": ("cargo desconhecido '{text}'", "unknown cadre '{text}'"),
    "D131": ("código CBO desconhecido '{text}'", "unknown CBO code '{text}'"),
    "D132": ("o CBO {cbo} é de '{cbo_cadre}', mas o cargo é '{text}'",
             "CBO {cbo} belongs to '{cbo_cadre}', but the cadre is '{text}'"),
    "D133": ("código CBO mal escrito: '{text}'", "badly written CBO code: '{text}'"),
    "D134": ("categoria desconhecida '{text}'", "unknown category '{text}'"),
    "D135": ("tipo de afastamento desconhecido '{text}'", "unknown absence kind '{text}'"),
    # across rows and files
    "D140": ("a matrícula {staff_id} tem lotações sobrepostas no tempo (linhas {row} e {other})",
             "staff {staff_id} has postings that overlap in time (rows {row} and {other})"),
    "D141": ("nota para a equipe '{team}', que não está no quadro de pessoal ({roster})",
             "score for team '{team}', which is not in the roster ({roster})"),
    "D142": ("repasse para a equipe '{team}', que não está no quadro de pessoal ({roster})",
             "transfer for team '{team}', which is not in the roster ({roster})"),
    "D143": ("a equipe '{team}' recebeu repasses no ciclo {cycle} mas não tem nota desse ciclo em {scores}",
             "team '{team}' received transfers in cycle {cycle} but {scores} has no score for that cycle"),
    "D144": ("afastamento da matrícula {staff_id}, que não está no quadro de pessoal ({roster})",
             "absence of staff {staff_id}, who is not in the roster ({roster})"),
    "D145": ("a equipe '{team}' tem duas notas no ciclo {cycle} (linhas {row} e {other})",
             "team '{team}' has two scores in cycle {cycle} (rows {row} and {other})"),
    # not a problem: the line that ends a long list of them
    "more": ("… e mais {more} problemas (só os primeiros {shown} foram mostrados)",
             "… and {more} more problems (only the first {shown} are shown)"),
}

HELPS: dict[str, tuple[str, str]] = {
    "did_you_mean": ("você quis dizer '{name}'?", "did you mean '{name}'?"),
    "expected_file": ("esperava {name}.csv, {name}.xlsx ou {name}.parquet em {directory}",
                      "expected {name}.csv, {name}.xlsx or {name}.parquet in {directory}"),
    "unsupported_file": ("encontrei {found}: salve como CSV, XLSX ou Parquet",
                         "found {found}: save it as CSV, XLSX or Parquet"),
    "keep_one": ("deixe só um deles na pasta", "keep only one of them in the folder"),
    "expected_columns": ("colunas esperadas: {names}", "expected columns: {names}"),
    "date": ("escreva como dd/mm/aaaa, p.ex. 31/12/2017", "write it as dd/mm/yyyy, e.g. 31/12/2017"),
    "date_cell": ("formate a célula como data", "format the cell as a date"),
    "month": ("escreva como mm/aaaa, p.ex. 10/2012", "write it as mm/yyyy, e.g. 10/2012"),
    "amount": ("escreva como 1.234,56, com no máximo 2 casas decimais",
               "write it as 1.234,56 (or 1234.56), with at most 2 decimal places"),
    "number": ("escreva como 81,47", "write it as 81,47 or 81.47"),
    "bool": ("use sim ou não", "use yes or no"),
    "cbo": ("o CBO tem 6 dígitos, p.ex. 225142 ou 2251-42", "a CBO code has 6 digits, e.g. 225142 or 2251-42"),
    "cbo_expected": ("CBO esperado para '{text}': {codes}", "CBO expected for '{text}': {codes}"),
    "known": ("conhecidos: {names}", "known: {names}"),
    "unzipped": ("é o tamanho do XLSX descompactado", "that is the XLSX's size once unzipped"),
    "split": ("divida o arquivo (por exemplo, um por ano)", "split the file (for example, one per year)"),
    "date_range": ("o ano deve estar entre 1678 e 2261; deixe a célula vazia se não houver data",
                   "the year must be between 1678 and 2261; leave the cell empty when there is no date"),
}


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language == "pt" else pair[1]


def message(code: str, language: str, **args: object) -> str:
    return _pick(MESSAGES[code], language).format(**args)


def help_text(key: str, language: str, **args: object) -> str:
    return _pick(HELPS[key], language).format(**args)


@dataclass(frozen=True)
class DataProblem:
    """One problem in the input data, located as a spreadsheet user sees it (header = row 1)."""

    file: str
    row: int | None
    column: str | None
    code: str
    message: str
    help: str | None = None

    def render(self, language: str = "pt") -> str:
        """`file:row: column 'c': message — help` (row and column left out when they don't apply)."""
        text = self.file if self.row is None else f"{self.file}:{self.row}"
        text += ": "
        if self.column is not None:
            text += f"{'coluna' if language == 'pt' else 'column'} '{self.column}': "
        text += self.message
        if self.help:
            text += f" — {self.help}"
        return text


class DataError(Exception):
    """Raised by load_dataset when the inputs have problems; holds every problem of every file."""

    def __init__(self, problems: Iterable[DataProblem], language: str = "pt"):
        self.problems = list(problems)
        self.language = language
        super().__init__(f"{len(self.problems)} problem(s) in the input data")

    def render(self) -> str:
        """Every problem, one a line; past MAX_SHOWN, one line says how many more there are."""
        lines = [p.render(self.language) for p in self.problems[:MAX_SHOWN]]
        more = len(self.problems) - MAX_SHOWN
        if more > 0:
            lines.append(message("more", self.language, more=more, shown=MAX_SHOWN))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.render()


class Report:
    """Collects the problems of one file, so that a caller can report all of them at once."""

    def __init__(self, file: str, language: str):
        self.file = file
        self.language = language
        self.problems: list[DataProblem] = []

    def add(self, row: int | None, column: str | None, code: str, help: str | None = None, /,
            **args: object) -> None:
        self.problems.append(DataProblem(self.file, row, column if column is None else _quoted(column), code,
                                         message(code, self.language, **_quoted_cells(args)), help))

    def help(self, key: str, /, **args: object) -> str:
        return help_text(key, self.language, **_quoted_cells(args))


# Arguments that quote a cell or a header: a damaged file can put a megabyte in one cell.
CELL_ARGS = frozenset({"text", "team", "staff_id", "cbo", "cbo_cadre", "start", "end", "column"})
MAX_QUOTED = 60
MAX_SHOWN = 500  # problems printed by DataError.render; all of them stay in DataError.problems


def _quoted(text: str) -> str:
    """A long quoted cell cut to its first characters, so that one problem stays one readable line."""
    return text if len(text) <= MAX_QUOTED else text[:MAX_QUOTED - 1] + "…"


def _quoted_cells(args: dict[str, object]) -> dict[str, object]:
    return {k: _quoted(v) if k in CELL_ARGS and isinstance(v, str) else v for k, v in args.items()}
