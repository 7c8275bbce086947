"""Grammar -> canonical grammar text (models print as the language they were read from).

Hidden helper rules from `?`, `*`, `+` and groups are printed back in their EBNF form at the
places they are used, so `str(Grammar.from_string(t))` reads like `t`, normalized.
"""

from __future__ import annotations

from glrkit.grammar.model import Grammar, Rule


def render_grammar(grammar: Grammar) -> str:
    lines: list[str] = []
    user_start = grammar.name(grammar.start)
    first_user = next((i for i, n in enumerate(grammar.nonterminals[1:], 1) if not n.hidden), None)
    if first_user is not None and grammar.nonterminals[first_user].name != user_start:
        lines.append(f"%start {user_start}")
    for pattern in grammar.ignore:
        lines.append(f"%ignore /{pattern}/")
    levels: dict[int, tuple[str, list[str]]] = {}
    for symbol, prec in enumerate(grammar.terminal_prec):
        if prec is not None:
            levels.setdefault(prec.level, (prec.assoc, []))[1].append(grammar.name(symbol))
    for level in sorted(levels):
        assoc, names = levels[level]
        lines.append(f"%{assoc} " + " ".join(names))
    if lines:
        lines.append("")
    nt = grammar.n_terminals
    for offset, nonterminal in enumerate(grammar.nonterminals):
        symbol = nt + offset
        if offset == 0 or nonterminal.hidden:
            continue
        alts = [_render_alt(grammar, grammar.rules[r]) for r in grammar.rules_for(symbol)]
        if not alts:
            continue
        pad = " " * len(nonterminal.name)
        body = f"\n{pad} | ".join(alts)
        lines.append(f"{nonterminal.name} : {body} ;")
    named = [t for t in grammar.terminals[1:] if not t.name.startswith(('"', "/")) and t.pattern]
    if named:
        lines.append("")
    for t in named:
        pattern = (
            '"' + t.pattern.replace("\\", "\\\\").replace('"', '\\"') + '"'
            if t.is_literal
            else f"/{t.pattern}/{t.flags}"
        )
        lines.append(f"{t.name} : {pattern} ;")
    for t in grammar.terminals[1:]:
        if t.priority:
            lines.append(f"%priority {t.name} {t.priority}")
    return "\n".join(lines) + "\n"


def _render_alt(grammar: Grammar, rule: Rule) -> str:
    parts: list[str] = []
    for k, symbol in enumerate(rule.rhs):
        text = grammar.name(symbol)
        if rule.names and k < len(rule.names) and rule.names[k]:
            text = f"{rule.names[k]}={text}"
        parts.append(text)
    if not parts:
        parts.append("%empty")
    if rule.label:
        parts.append(f"@{rule.label}")
    if rule.weight is not None:
        short = f"{rule.weight:g}"
        parts.append(f"%weight {short if float(short) == rule.weight else repr(rule.weight)}")
    if rule.dprec:
        parts.append(f"%dprec {rule.dprec}")
    if rule.mark:
        parts.append(f"%{rule.mark}")
    return " ".join(parts)
