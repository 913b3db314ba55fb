"""Document numbers ("số, ký hiệu") of Vietnamese documents, in the manner of python-stdnum.

Three grammars (Nghị định 30/2020/NĐ-CP; Luật Ban hành VBQPPL; Quy định 66-QĐ/TW):

* administrative ``<n>/<TYPE>-<ISSUER>[-<UNIT>]``: ``65/KH-UBND``, ``33/CT-TTg``; an official letter
  (công văn) has no type code: ``12/UBND-VX``;
* normative ``<n>/<yyyy>/<TYPE>-<ISSUER>…``: ``30/2020/NĐ-CP``, joint
  ``10/2013/TTLT-BTP-BCA-TANDTC-VKSNDTC-BTC``, laws ``10/2022/QH15`` (no type code);
* party ``<n>-<TYPE>/<ORGAN>[-<ORGAN>]``: ``268-QĐ/TU``, ``25-NQ/TW``, joint party–state
  ``05-CTrPH/BDVTU-BCSĐ UBND``.

>>> n = DocumentNumber.parse("55/2023/NQ-HĐND")
>>> n.serial, n.year, n.type_code, n.issuers, n.family
(55, 2023, 'NQ', ('HĐND',), 'normative')
>>> DocumentNumber.parse("05-CTrPH/BDVTU-BCSĐ UBND").issuers
('BDVTU', 'BCSĐ UBND')
>>> DocumentNumber.parse("12/UBND-VX").type_code is None
True

Noise of real texts is tolerated: spaces around separators, ``Ð`` for ``Đ``, upper-cased mixed codes, dots
for hyphens, leading zeros:

>>> compact(" 4085 /QĐ-SYT ")
'4085/QĐ-SYT'
>>> format("0204 / kh - ubnd")
'204/KH-UBND'
>>> format("11/CT.UBND"), format("12/TTR-SNV"), format("3/QYÐ-UBND"), format("33/CT-TTG")
('11/CT-UBND', '12/TTr-SNV', '3/QyĐ-UBND', '33/CT-TTg')

A blank serial (drafts) parses with ``serial=None``; anything that is no number raises a precise error:

>>> DocumentNumber.parse("/KH-UBND").serial is None
True
>>> validate("Kế hoạch")
Traceback (most recent call last):
...
vnadmin.extract.citations.number.InvalidFormat: not a document number: 'Kế hoạch'
>>> is_valid("12/1850/NQ-CP")
False

Unknown codes are kept verbatim: ``DocumentNumber.parse("7/XYZ-ABC").issuers == ('XYZ', 'ABC')``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

import regex

from vnadmin.data import load_csv
from vnadmin.errors import VnadminError
from vnadmin.extract.citations.patterns import NUMBER_BODY

Family = Literal["administrative", "normative", "party"]

__all__ = [
    "DocumentNumber",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidNumber",
    "IssuerCode",
    "compact",
    "format",
    "is_valid",
    "issuer_code",
    "type_code",
    "type_name",
    "validate",
]


class InvalidNumber(VnadminError, ValueError):
    """The string is not a valid document number."""


class InvalidFormat(InvalidNumber):
    """The string does not follow any of the three number grammars."""


class InvalidComponent(InvalidNumber):
    """The grammar matches but a part is impossible (a year before 1945 or in the future far away)."""


_FULL_NUMBER = regex.compile(rf"(?:{NUMBER_BODY})", regex.VERSION1)
_SPACES_AROUND = regex.compile(r"\s*([/\-‐‑–—])\s*")
_DOT_HYPHEN = regex.compile(r"(?<=[\p{L}\d])\.(?=\p{L})")
_LEAD = regex.compile(r"^\s*(?:số|Số|SỐ)\s*:?\s*")
_BLANK = regex.compile(r"^[.…_\s]+(?=/)")
_TERM = regex.compile(r"^(?P<code>UBTVQH|QH)(?P<term>\d{1,2})$")

MIN_YEAR = 1945
MAX_YEAR = 2100


@dataclass(frozen=True, slots=True)
class IssuerCode:
    """One row of ``data/issuers.csv``: code, full name, level and validity dates where known."""

    code: str
    name: str
    level: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str


def _date_or_none(s: str) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


@cache
def _type_table() -> dict[str, tuple[str, str]]:
    """Upper-cased type code → (canonical code, name); the first row of a code wins (state before party)."""
    out: dict[str, tuple[str, str]] = {}
    for row in load_csv("doc_types.csv"):
        code = row["code"].strip()
        if code and code.upper() not in out:
            out[code.upper()] = (code, row["name"].strip())
    return out


@cache
def _type_by_name() -> dict[str, str]:
    """Folded type name → code ('chỉ thị' → 'CT'); names of party-only codes do not override state ones."""
    out: dict[str, str] = {}
    for row in load_csv("doc_types.csv"):
        code, name = row["code"].strip(), row["name"].strip().lower()
        if not code:
            out[name] = ""  # a state Công văn, a Luật: no code, whatever the party uses
        out.setdefault(name, code)
    return out


@cache
def _issuer_table() -> dict[str, IssuerCode]:
    """Upper-cased issuer code → its row."""
    out: dict[str, IssuerCode] = {}
    for row in load_csv("issuers.csv"):
        ic = IssuerCode(
            row["code"].strip(),
            row["name"].strip(),
            row["level"].strip(),
            _date_or_none(row["valid_from"].strip()),
            _date_or_none(row["valid_to"].strip()),
            row["note"].strip(),
        )
        out.setdefault(ic.code.upper(), ic)
    return out


@lru_cache(maxsize=4096)  # a handful of codes, read for every number of every document
def type_code(code: str) -> str | None:
    """The canonical spelling of a known type code, else None.

    >>> type_code("TTR"), type_code("qđi"), type_code("XYZ")
    ('TTr', 'QĐi', None)
    """
    hit = _type_table().get(_clean_letters(code).upper())
    return hit[0] if hit else None


def type_name(code: str | None) -> str | None:
    """The full name of a type code.

    >>> type_name("CTrPH"), type_name("NĐ")
    ('Chương trình phối hợp', 'Nghị định')
    """
    if not code:
        return None
    hit = _type_table().get(_clean_letters(code).upper())
    return hit[1] if hit else None


def type_code_of_name(name: str) -> str | None:
    """The type code of a type name as written.

    >>> type_code_of_name("chỉ thị"), type_code_of_name("Công văn")
    ('CT', None)
    """
    return _type_by_name().get(" ".join(name.lower().split())) or None


def issuer_code(code: str) -> IssuerCode | None:
    """The table row of an issuer code, terms stripped (``QH15`` → ``QH``), else None.

    >>> issuer_code("TTG").name, issuer_code("QH15").code, issuer_code("BLĐTBXH").valid_to
    ('Thủ tướng Chính phủ', 'QH', datetime.date(2025, 2, 28))
    """
    key = _clean_letters(code).upper()
    term = _TERM.match(key)
    if term:
        key = term.group("code")
    return _issuer_table().get(key)


def _clean_letters(s: str) -> str:
    return unicodedata.normalize("NFC", s).replace("Ð", "Đ").replace("ð", "đ")


@lru_cache(maxsize=4096)  # a few hundred issuer codes, read for every number of every document
def _canonical_issuer(code: str) -> str:
    code = _clean_letters(code)
    term = _TERM.match(code.upper())
    if term:
        return term.group("code") + term.group("term")
    known = _issuer_table().get(code.upper())
    if known:
        return known.code
    return code.upper() if code.upper() != code and type_code(code) is None else code


def compact(number: str) -> str:
    """The number without noise: no spaces around separators, ``Đ`` for ``Ð``, no "Số:" in front.

    Letter case and leading zeros are kept (see :func:`format` for the canonical form).

    >>> compact("Số: 05 - CTrPH / BDVTU - BCSĐ  UBND")
    '05-CTrPH/BDVTU-BCSĐ UBND'
    >>> compact("số      /KH-UBND")
    '/KH-UBND'
    """
    s = _clean_letters(number)
    s = _LEAD.sub("", s)
    s = _SPACES_AROUND.sub(lambda m: "-" if m.group(1) in "‐‑–—" else m.group(1), s)
    s = _BLANK.sub("", s)
    return " ".join(s.split())


def validate(number: str) -> str:
    """Check the number and return it compacted; raise :class:`InvalidFormat` or :class:`InvalidComponent`.

    >>> validate("30/2020/NĐ-CP")
    '30/2020/NĐ-CP'
    >>> validate("12/1930/NQ-CP")
    Traceback (most recent call last):
    ...
    vnadmin.extract.citations.number.InvalidComponent: year 1930 out of range in '12/1930/NQ-CP'
    """
    DocumentNumber.parse(number)
    return compact(number)


def is_valid(number: str) -> bool:
    """True when :func:`validate` accepts the number.

    >>> is_valid("268-QĐ/TU"), is_valid("268"), is_valid("")
    (True, False, False)
    """
    try:
        validate(number)
    except InvalidNumber:
        return False
    return True


def format(number: str) -> str:
    """The canonical form: compact, known codes in their official case, no leading zeros.

    >>> format("10/2013/ttlt-btp-bca-tandtc-vksndtc-btc")
    '10/2013/TTLT-BTP-BCA-TANDTC-VKSNDTC-BTC'
    >>> format("05/1999/TTLT/BLĐTBXH-BYT-BTC")
    '5/1999/TTLT-BLĐTBXH-BYT-BTC'
    """
    return str(DocumentNumber.parse(number))


@dataclass(frozen=True, slots=True)
class DocumentNumber:
    """A parsed số/ký hiệu: serial, year, type code, issuer codes and family.

    ``issuers`` holds the codes after the type: the issuer first, then co-issuers or the drafting unit
    (``12/UBND-VX`` → ``('UBND', 'VX')``).
    """

    serial: int | None
    year: int | None
    type_code: str | None
    issuers: tuple[str, ...]
    family: Family

    @classmethod
    def parse(cls, number: str) -> DocumentNumber:
        """Parse one number (noise tolerated); raise :class:`InvalidNumber` when it is none.

        >>> DocumentNumber.parse("10/2022/QH15")
        DocumentNumber(serial=10, year=2022, type_code=None, issuers=('QH15',), family='normative')
        >>> DocumentNumber.parse("25-NQ/TW")
        DocumentNumber(serial=25, year=None, type_code='NQ', issuers=('TW',), family='party')
        """
        s = compact(number)
        m = _FULL_NUMBER.fullmatch(s) or _FULL_NUMBER.fullmatch(s.upper())
        if m is None:
            raise InvalidFormat(f"not a document number: {number!r}")
        return cls.from_match(m, number)

    @classmethod
    def from_match(cls, m: regex.Match[str], original: str | None = None) -> DocumentNumber:
        """Build from a match of :data:`~vnadmin.extract.citations.patterns.NUMBER_BODY`."""
        serial = int(m.group("serial")) if m.group("serial") else None
        year: int | None = None
        tcode: str | None
        family: Family
        if m.group("year"):
            year = int(m.group("year"))
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise InvalidComponent(f"year {year} out of range in {original or m.group()!r}")
            codes = _split_codes(m.group("n_codes"))
            if len(codes) == 1:
                codes = _unglue(codes[0])
            family = "normative"
            if len(codes) > 1 and type_code(codes[0]) is not None:
                tcode, rest = type_code(codes[0]), codes[1:]
            elif len(codes) == 1 or _TERM.match(_clean_letters(codes[0]).upper()):
                tcode, rest = None, codes  # a law: "10/2022/QH15"
            else:
                tcode, rest = codes[0], codes[1:]
        elif m.group("p_type"):
            family = "party"
            tcode = type_code(m.group("p_type")) or _clean_letters(m.group("p_type"))
            rest = _split_codes(m.group("p_codes"))
        elif m.group("s_type"):
            # "18/NQ/TW": a slash typed for the party hyphen, or "KH/UBND" for "KH-UBND".
            rest = _split_codes(m.group("s_codes"))
            tcode = type_code(m.group("s_type")) or _clean_letters(m.group("s_type"))
            family = "party" if issuer_code(rest[0]) and issuer_code(rest[0]).level == "party" else "administrative"  # type: ignore[union-attr]
        else:
            family = "administrative"
            codes = _split_codes(m.group("a_codes"))
            known = type_code(codes[0])
            if known is not None and not (issuer_code(codes[0]) and len(codes) == 2 and type_code(codes[1])):
                tcode, rest = known, codes[1:]
            else:
                tcode, rest = None, codes  # công văn: "12/UBND-VX"
        issuers = tuple(_canonical_issuer(c) for c in rest)
        return cls(serial, year, tcode, issuers, family)

    @property
    def issuer(self) -> str | None:
        """The first issuer code: ``UBND`` of ``65/KH-UBND``."""
        return self.issuers[0] if self.issuers else None

    @property
    def is_official_letter(self) -> bool:
        """An administrative number without a type code (công văn).

        >>> DocumentNumber.parse("05/BNV-VP").is_official_letter
        True
        """
        return self.family == "administrative" and self.type_code is None

    @property
    def type_name(self) -> str | None:
        """Full name of the type code, ``'Công văn'`` for an official letter.

        >>> DocumentNumber.parse("10/2022/QH15").type_name, DocumentNumber.parse("1/UBND-VX").type_name
        ('Luật', 'Công văn')
        """
        if self.is_official_letter:
            return "Công văn"
        if self.type_code is None and self.issuer and _TERM.match(self.issuer.upper()):
            return "Luật" if self.issuer.upper().startswith("QH") else "Pháp lệnh"
        return type_name(self.type_code)

    def key(self, year: int | None = None) -> str:
        """Identity of the document: ``type|serial|year|issuers``; ``year`` fills in a number without one.

        >>> DocumentNumber.parse("33/CT-TTg").key(2021)
        'CT|33|2021|TTg'

        A normative number and its short variant share a key; resolution decides whether they are one document:

        >>> DocumentNumber.parse("55/2023/NQ-HĐND").key() == DocumentNumber.parse("55/NQ-HĐND").key(2023)
        True
        """
        y = self.year or year
        codes = "-".join(self.issuers) if self.family != "administrative" or self.type_code else self.issuers[0]
        return f"{self.type_code or ''}|{self.serial if self.serial is not None else ''}|{y or ''}|{codes}"

    def __str__(self) -> str:
        serial = "" if self.serial is None else str(self.serial)
        tail = "-".join(([self.type_code] if self.type_code else []) + list(self.issuers))
        if self.family == "normative":
            return f"{serial}/{self.year}/{tail}"
        if self.family == "party":
            return f"{serial}-{self.type_code}/{'-'.join(self.issuers)}"
        return f"{serial}/{tail}"


_CODE_SPLIT = regex.compile(r"[ \t]*(?:[-‐‑–—/]|\.(?=\p{Lu}))[ \t]*")


def _split_codes(codes: str) -> list[str]:
    return [c for c in _CODE_SPLIT.split(codes.strip()) if c]


def _unglue(code: str) -> list[str]:
    """A type code and an issuer code written without their hyphen, as text layers lose it: "NĐCP" → NĐ, CP.

    Split only where both halves are known codes; a law's term code ("QH15") and unknown codes stay whole.

    >>> _unglue("NĐCP"), _unglue("NQHĐND"), _unglue("TTVPCP"), _unglue("QH15"), _unglue("XYZ")
    (['NĐ', 'CP'], ['NQ', 'HĐND'], ['TT', 'VPCP'], ['QH15'], ['XYZ'])
    """
    if type_code(code) is not None or issuer_code(code) is not None:
        return [code]
    for i in range(1, len(code)):
        if type_code(code[:i]) is not None and issuer_code(code[i:]) is not None:
            return [code[:i], code[i:]]
    return [code]
