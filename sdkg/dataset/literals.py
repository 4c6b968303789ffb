"""Whether a literal's lexical form is valid for its XSD datatype (XML Schema 1.1 Part 2 lexical spaces).

Parsers accept any lexical form with any datatype ("abc"^^xsd:integer); tools that convert literals to
values (the OWL reasoner, rdflib) then fail or guess. This module says which literals are ill-typed, for the
datatypes the graph uses, without converting anything.
"""

import re

XSD = "http://www.w3.org/2001/XMLSchema#"
_DIGITS = r"[0-9]+"
_DECIMAL = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"
_FLOAT = rf"({_DECIMAL}([eE][+-]?[0-9]+)?|[+-]?INF|NaN)"
_TZ = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_YEAR = r"-?([1-9][0-9]{3,}|0[0-9]{3})"
_DATE = rf"{_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = r"(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)"

LEXICAL = {
    "integer": rf"[+-]?{_DIGITS}",
    "int": rf"[+-]?{_DIGITS}",
    "long": rf"[+-]?{_DIGITS}",
    "short": rf"[+-]?{_DIGITS}",
    "byte": rf"[+-]?{_DIGITS}",
    "nonNegativeInteger": rf"\+?{_DIGITS}|-0+",
    "positiveInteger": rf"\+?{_DIGITS}",
    "negativeInteger": rf"-{_DIGITS}",
    "nonPositiveInteger": rf"-{_DIGITS}|\+?0+",
    "unsignedInt": rf"\+?{_DIGITS}",
    "decimal": _DECIMAL,
    "double": _FLOAT,
    "float": _FLOAT,
    "boolean": r"true|false|1|0",
    "date": rf"{_DATE}{_TZ}",
    "dateTime": rf"{_DATE}T{_TIME}{_TZ}",
    "dateTimeStamp": rf"{_DATE}T{_TIME}(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))",
    "time": rf"{_TIME}{_TZ}",
    "gYear": rf"{_YEAR}{_TZ}",
    "gYearMonth": rf"{_YEAR}-(0[1-9]|1[0-2]){_TZ}",
    "anyURI": r"[^\s]*",
}
PATTERNS = {XSD + name: re.compile(pattern) for name, pattern in LEXICAL.items()}
_DAYS = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}
_RANGES = {"int": 2**31, "long": 2**63, "short": 2**15, "byte": 2**7, "unsignedInt": 2**32}


def is_ill_typed(lexical: str, datatype: str) -> bool:
    """Whether `lexical` is outside the lexical space of `datatype` (unknown datatypes are never ill-typed)."""
    pattern = PATTERNS.get(datatype)
    if pattern is None:
        return False
    if not pattern.fullmatch(lexical):
        return True
    name = datatype[len(XSD):]
    if name in ("date", "dateTime", "dateTimeStamp"):
        return not _valid_day(lexical)
    if name in _RANGES:
        value, bound = int(lexical), _RANGES[name]
        return not (-bound <= value < bound) if name != "unsignedInt" else not (0 <= value < bound)
    return False


def _valid_day(lexical: str) -> bool:
    match = re.match(r"(-?\d+)-(\d\d)-(\d\d)", lexical)
    if match is None:
        return False
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if month == 2 and day == 29:
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day <= _DAYS.get(month, 31)
