"""Why a person got what they got: the steps of each period, each with its article and legal wording."""

from __future__ import annotations

from p4p_rules.engine.books import Books
from p4p_rules.engine.period import TeamState
from p4p_rules.engine.run import RunResult
from p4p_rules.load import CompiledLaw
from p4p_rules.model import vocabulary as vocab

WORDS = {
    "pt": {"period": "Período", "paid_on": "pago em", "version": "versão", "pool": "Recursos do período",
           "carry": "inclui sobra do período anterior", "node": "Parcela", "team": "Equipe", "category": "categoria",
           "transfer": "repasse", "allocated": "recebeu", "failed": "não recebeu", "floor": "piso",
           "person": "Pessoa", "nominal": "parte nominal", "factor": "fator proporcional", "paid": "pago",
           "status": "situação", "eligible": "elegível", "ineligible": "inelegível", "rounding":
           "arredondamento: maiores restos, desempate pela matrícula", "none": "nenhum pagamento encontrado para",
           "unit": "valor dividido", "teams": "equipes", "funds": "recursos"},
    "en": {"period": "Period", "paid_on": "paid on", "version": "version", "pool": "Money of the period",
           "carry": "includes carry-over from the previous period", "node": "Share", "team": "Team",
           "category": "category", "transfer": "transfer", "allocated": "received", "failed": "received nothing",
           "floor": "floor", "person": "Person", "nominal": "nominal part", "factor": "pro-rata factor",
           "paid": "paid", "status": "status", "eligible": "eligible", "ineligible": "ineligible",
           "rounding": "rounding: largest remainder, ties by staff id", "none": "no payment found for",
           "unit": "amount divided", "teams": "teams", "funds": "funds"},
}


def brl(centavos: int, language: str) -> str:
    reais, cents = divmod(int(centavos), 100)
    if language == "pt":
        return f"R$ {reais:,}".replace(",", ".") + f",{cents:02d}"
    return f"R$ {reais:,}.{cents:02d}"


def _wording(law: CompiledLaw, version: str | None, cite: str) -> str | None:
    text = law.version(version) if version else None
    if text is None or not cite.startswith("art. "):
        return None
    number, _, para = cite[5:].partition(", ")
    for article in text.articles:
        if article.number == number:
            if para.startswith("§ "):
                for p in article.paragraphs:
                    if p.label == para[2:] and p.wording:
                        return p.wording
            elif para and article.paragraphs:
                sole = [p for p in article.paragraphs if p.label == "sole"]
                if sole and sole[0].wording:
                    return sole[0].wording
            return article.wording
    return None


def explain(law: CompiledLaw, result: RunResult, staff_id: str, period: str | None = None) -> str:
    lang = law.law.language
    w = WORDS[lang]
    out: list[str] = []
    cited: dict[str, str | None] = {}
    for books in result.books:
        if period and books.period.label != period and not books.period.label.startswith(period):
            continue
        rows = [p for p in books.payments if p.staff_id == staff_id]
        if not rows:
            continue
        out += _period(books, rows, w, lang)
        for p in rows:
            for cite in p.articles:
                cited.setdefault(f"{books.version}|{cite}", _wording(law, books.version, cite))
    if not out:
        return f"{w['none']} {staff_id}" + (f" ({period})" if period else "")
    if any(cited.values()):
        out.append("")
        for key, wording in cited.items():
            version, cite = key.split("|", 1)
            if wording:
                out.append(f"{cite} ({version}): \u201c{wording}\u201d")
    return "\n".join(out)


def _period(books: Books, rows, w: dict[str, str], lang: str) -> list[str]:
    p = books.period
    out = [f"{w['period']} {p.label} — {w['paid_on']} {p.payment_date.isoformat()} — {w['version']} {books.version}"]
    line = f"  1. {w['pool']}: {brl(books.pool, lang)}"
    if books.carry_in:
        line += f" ({w['carry']}: {brl(books.carry_in, lang)})"
    out.append(line)
    for node, (amount, cites) in books.nodes.items():
        name = w["teams"] if node == vocab.TEAMS else node
        articles = f"  [{', '.join(dict.fromkeys(cites))}]" if cites else ""
        out.append(f"  2. {w['node']} {name}: {brl(amount, lang)}" + articles)
    for pay in rows:
        ts = books.teams.get(pay.team_id or "")
        if isinstance(ts, TeamState):
            cat = vocab.CATEGORIES.spelling(ts.category, lang) if ts.category in vocab.CATEGORIES.terms else ts.category
            if ts.amount or not ts.failed:
                state = f"{w['allocated']} {brl(ts.amount, lang)}"
            else:
                state = f"{w['failed']} ({ts.failed})"
            if ts.floor:
                state += f" ({w['floor']})"
            out.append(f"  3. {w['team']} {ts.team_id}: {w['category']} {cat}, {w['transfer']} "
                       f"{brl(ts.transfer, lang)} → {state}  [{', '.join(dict.fromkeys(ts.cites))}]")
        cadre = vocab.CADRES.spelling(pay.cadre, lang) if pay.cadre in vocab.CADRES.terms else pay.cadre
        status = w["eligible"] if pay.status == "paid" else f"{w['ineligible']} ({pay.status.split(':', 1)[1]})"
        out.append(f"  4. {w['person']} {pay.staff_id} {pay.name} ({cadre}): {w['status']} {status}; "
                   f"{w['factor']} {pay.factor}")
        out.append(f"  5. {w['unit']} {brl(pay.unit_amount, lang)} → {w['nominal']} {brl(pay.nominal, lang)} "
                   f"({w['rounding']})")
        out.append(f"  6. {w['paid']}: {brl(pay.amount, lang)}  [{', '.join(pay.articles)}]")
    return out
