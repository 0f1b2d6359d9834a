"""A lean LALR loop over lark's own parse table, for the lines that parse cleanly.

lark's interactive parser costs a parser object, a lexer thread and a few indirections per line and
per token; this loop runs the same table with the same tree callbacks, so it builds the same trees.
It gives up (returns None) at the first token the table rejects: the caller then parses that line
again with lark's interactive parser, which produces the error and its diagnostic.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from lark import Token, Tree
from lark.parsers.lalr_analysis import Shift

from p4p_rules.syntax.grammar import line_parser

# per state: terminal or rule name -> next state (shift/goto) or (length, rule name, tree callback) (reduce)
_Action = int | tuple[int, str, Callable[[list[Any]], Any]]


@lru_cache(maxsize=1)
def _table(start: str = "line") -> tuple[dict[int, dict[str, _Action]], int, int]:
    parser = line_parser().parser.parser.parser  # lark internals: the LALR _Parser (table + callbacks)
    table, callbacks = parser.parse_table, parser.callbacks
    # lark also calls a callback for a *terminal* named in `callbacks`; this grammar has none
    assert not any(isinstance(key, str) for key in callbacks), "terminal callbacks are not supported"
    states: dict[int, dict[str, _Action]] = {}
    for state, actions in table.states.items():
        row: dict[str, _Action] = {}
        for symbol, (action, arg) in actions.items():
            row[symbol] = arg if action is Shift else (len(arg.expansion), arg.origin.name, callbacks[arg])
        states[state] = row
    return states, table.start_states[start], table.end_states[start]


def parse_line(tokens: list[Token]) -> Tree | None:
    """The tree of one logical line (start symbol `line`), or None when the line does not parse."""
    states, state, end = _table()
    state_stack = [state]
    value_stack: list[Any] = []
    for tok in tokens:
        while True:
            action = states[state].get(tok.type)
            if action is None:
                return None
            if action.__class__ is int:  # shift
                state = action
                state_stack.append(state)
                value_stack.append(tok)
                break
            state = _reduce(states, action, state_stack, value_stack)  # type: ignore[arg-type]
    while True:  # end of line: reduce until the start symbol is complete
        action = states[state].get("$END")
        if action is None or action.__class__ is int:
            return None
        state = _reduce(states, action, state_stack, value_stack)  # type: ignore[arg-type]
        if state == end:
            return value_stack[-1]


def _reduce(states: dict[int, dict[str, _Action]], action: tuple[int, str, Callable[[list[Any]], Any]],
            state_stack: list[int], value_stack: list[Any]) -> int:
    """Replace the rule's last `size` values by its tree; push and return the state after the goto."""
    size, origin, callback = action
    if size:
        children = value_stack[-size:]
        del state_stack[-size:]
        del value_stack[-size:]
    else:
        children = []
    value_stack.append(callback(children))
    state = states[state_stack[-1]][origin]
    state_stack.append(state)  # type: ignore[arg-type]
    return state  # type: ignore[return-value]
