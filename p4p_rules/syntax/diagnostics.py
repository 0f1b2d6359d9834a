"""Diagnostics for people: code, position, message in the law's language, source line and caret."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]

# code -> (Portuguese, English).  Messages are str.format templates.
MESSAGES: dict[str, tuple[str, str]] = {
    "E100": ("não consegui ler esta linha: esperava {expected}, encontrei {found}",
             "could not read this line: expected {expected}, found {found}"),
    "E101": ("caractere inesperado {found}", "unexpected character {found}"),
    "E102": ("texto entre aspas sem aspas de fechamento", "quoted text has no closing quote"),
    "E103": ("a linha termina cedo demais: faltou {expected}", "the line ends too early: expected {expected}"),
    "E110": ("a lei precisa começar pelo cabeçalho 'lei \"...\"'", "a law must start with its header 'law \"...\"'"),
    "E111": ("cabeçalho repetido: a lei já foi declarada na linha {line}",
             "repeated header: the law was already declared on line {line}"),
    "E112": ("{what} antes de qualquer {where}", "{what} before any {where}"),
    "E113": ("a primeira versão deve ser a lei original ('versão'), não uma emenda",
             "the first version must be the original law ('version'), not an amendment"),
    "E114": ("o art. {article} aparece duas vezes nesta versão (primeira na linha {line})",
             "art. {article} appears twice in this version (first on line {line})"),
    "E115": ("o nome de versão '{name}' já foi usado na linha {line}",
             "version name '{name}' is already used on line {line}"),
    "E116": ("a lei não tem nenhuma versão", "the law has no version"),
    "E117": ("uma emenda só pode alterar, acrescentar ou revogar artigos; escreva 'altera art. N' antes",
             "an amendment can only replace, insert or repeal articles; write 'replace art. N' first"),
    "E118": ("o parágrafo {label} aparece duas vezes no art. {article}",
             "paragraph {label} appears twice in art. {article}"),
    "E120": ("valor em reais mal escrito: {text} (escreva como R$ 1.234,56)",
             "badly written amount: {text} (write it as R$ 1,234.56)"),
    "E121": ("número mal escrito: {text}", "badly written number: {text}"),
    "E122": ("data inválida: {text}", "invalid date: {text}"),
    "E123": ("valor desconhecido para {what}: '{name}'", "unknown {what}: '{name}'"),
    "E124": ("valor fora do permitido: {text}", "value out of range: {text}"),
    "E125": ("a palavra-chave '{word}' é inglesa, mas esta lei está em português; use '{other}'",
             "keyword '{word}' is Portuguese, but this law is in English; use '{other}'"),
    "E126": ("a palavra inglesa '{word}' não existe nas leis em português; apague-a",
             "the word '{word}' has no place in a law written in English"),
    "E127": ("só o pagamento anual pode indicar o mês; {frequency} paga em vários meses",
             "only an annual payment can name its month; {frequency} pays in several months"),
    "E130": ("o art. {article} não existe na versão '{version}' que esta emenda altera",
             "art. {article} does not exist in version '{version}', which this amendment amends"),
    "E131": ("o art. {article} já existe na versão '{version}'; use 'altera' para mudar seu texto",
             "art. {article} already exists in version '{version}'; use 'replace' to change its text"),
    "E132": ("duas versões entram em vigor na mesma data {date} (a outra é '{other}', linha {line})",
             "two versions take effect on the same date {date} (the other is '{other}', line {line})"),
    "E133": ("a emenda '{name}' entra em vigor em {date}, antes da versão que ela altera ('{other}', {other_date})",
             "amendment '{name}' takes effect on {date}, before the version it amends ('{other}', {other_date})"),
    "E134": ("ciclo desconhecido: {cycle} (o PMAQ teve os ciclos 1, 2 e 3)",
             "unknown cycle: {cycle} (PMAQ had cycles 1, 2 and 3)"),
    "E140": ("cargo ou grupo não definido: '{name}'", "undefined cadre or group: '{name}'"),
    "E141": ("categoria não definida na escala em vigor: '{name}'",
             "category not defined in the scale in force: '{name}'"),
    "E142": ("parcela não definida: '{name}'", "undefined share: '{name}'"),
    "E143": ("o grupo '{name}' já foi definido na linha {line}", "group '{name}' is already defined on line {line}"),
    "E144": ("a parcela '{name}' já foi repartida na linha {line}", "share '{name}' is already split on line {line}"),
    "E145": ("'{name}' já é o nome de um cargo conhecido; escolha outro nome",
             "'{name}' is already the name of a known cadre; choose another name"),
    "E147": ("destino '{name}' não é uma parcela da lei", "destination '{name}' is not a share of the law"),
    "E146": ("nenhuma escala de categorias está em vigor; declare 'escala ...' antes de citar categorias",
             "no category scale is in force; declare 'scale ...' before naming categories"),
    "E150": ("arquivo grande demais: {size} bytes (o máximo é {limit})",
             "file too large: {size} bytes (the limit is {limit})"),
    "E151": ("não foi possível ler o arquivo: {reason}", "cannot read the file: {reason}"),
    "E152": ("linha longa demais: {size} caracteres (o máximo é {limit})",
             "line too long: {size} characters (the limit is {limit})"),
    "E153": ("número com algarismos demais: {text} ({digits} algarismos; o máximo é {limit})",
             "number with too many digits: {text} ({digits} digits; the limit is {limit})"),
    "E154": ("arquivo com linhas demais: {lines} linhas (o máximo é {limit})",
             "too many lines: {lines} lines (the limit is {limit})"),
    "E155": ("problemas demais: só os primeiros {limit} foram mostrados; corrija-os e verifique de novo",
             "too many problems: only the first {limit} are shown; fix them and check again"),
    "E160": ("nenhuma versão está em vigor em {date} (a primeira começa em {first})",
             "no version is in force on {date} (the first starts on {first})"),
    "E161": ("versão desconhecida: '{name}'", "unknown version: '{name}'"),
}

SHOWN_CHARS = 120  # of a long source line, only this much around the caret is shown

HINTS: dict[str, tuple[str, str]] = {
    "did_you_mean": ("você quis dizer '{name}'?", "did you mean '{name}'?"),
    "known": ("conhecidos: {names}", "known: {names}"),
}


@dataclass
class Diagnostic:
    """One problem found in a law file."""

    code: str
    file: str
    line: int
    col: int
    language: str = "pt"
    args: dict[str, object] = field(default_factory=dict)
    help: str | None = None
    severity: Severity = "error"
    width: int = 1

    @property
    def message(self) -> str:
        pt, en = MESSAGES[self.code]
        return (pt if self.language == "pt" else en).format(**self.args)

    def render(self, source_lines: list[str] | None) -> str:
        """`file:line:col: code severity: message`, then the source line, a caret and help."""
        label = {"error": ("erro", "error"), "warning": ("aviso", "warning"), "info": ("info", "info")}[self.severity]
        sev = label[0] if self.language == "pt" else label[1]
        out = [f"{self.file}:{self.line}:{self.col}: {self.code} {sev}: {self.message}"]
        if source_lines and 1 <= self.line <= len(source_lines):
            text = source_lines[self.line - 1].rstrip("\n").expandtabs(1)
            col = self.col
            if len(text) > SHOWN_CHARS:  # a long line: show the part around the caret
                start = max(0, min(col - 1 - SHOWN_CHARS // 2, len(text) - SHOWN_CHARS))
                text = ("…" if start else "") + text[start:start + SHOWN_CHARS] + \
                       ("…" if start + SHOWN_CHARS < len(text) else "")
                col = col - start + (1 if start else 0)
            gutter = f"{self.line:>4} | "
            out.append(gutter + text)
            out.append(" " * (len(gutter) + col - 1) + "^" * max(1, min(self.width, len(text) - col + 1)))
        if self.help:
            out.append(("  ajuda: " if self.language == "pt" else "  help: ") + self.help)
        return "\n".join(out)


def hint(key: str, language: str, **args: object) -> str:
    pt, en = HINTS[key]
    return (pt if language == "pt" else en).format(**args)


class LawError(Exception):
    """Raised when a law file cannot be turned into a model; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic], sources: dict[str, list[str]]):
        super().__init__(f"{len(diagnostics)} problem(s) in the law")
        self.diagnostics = diagnostics
        self.sources = sources

    def render(self) -> str:
        return "\n\n".join(d.render(self.sources.get(d.file)) for d in self.diagnostics)
