"""Normalise names and texts so that spelling variants meet on one key.

Both sides, gazetteer names and article text, go through the same token
normaliser. A text is split into word tokens whose character spans into the
original text are kept, so every match on the normalised text maps back to
exact offsets (`text[start:end]` is what the user sees).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

# Word characters: letters, digits, Arabic harakat/tatweel, and the marks that
# transliterations put inside words (ʿ ʾ ’ ' ‘ `).
# Runs of letters and digits, and of harakat / tatweel / apostrophes (whole runs, not one character
# at a time: the regex engine then takes a word in one step).
_WORD = re.compile(r"(?:[^\W_]+|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640ʿʾ’'‘`]+)+")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # the words and what lies between them, in turn
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_HARAKAT = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_APOSTROPHES = re.compile(r"[ʿʾ’'‘`´]")
_POSSESSIVE = re.compile(r"[’'‘]s$", re.IGNORECASE)

_AR_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ة": "ه",
        "ۃ": "ه",
        "ە": "ه",
        "ۀ": "ه",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ء": "",
        "ک": "ك",
        "گ": "ك",
        "ڤ": "ف",
        "پ": "ب",
        "چ": "ج",
        "ژ": "ز",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
        "۰": "0",
        "۱": "1",
        "۲": "2",
        "۳": "3",
        "۴": "4",
        "۵": "5",
        "۶": "6",
        "۷": "7",
        "۸": "8",
        "۹": "9",
    }
)
_LATIN_MAP = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h"})

# Arabic articles in Latin transliteration, dropped when they stand before a
# name ("al-Tabqa", "Deir ez-Zor", "Al Hasakah").
ARTICLES = frozenset("al el ar er as es ash esh ad ed az ez at et an en ath adh il ul".split())
# Articles that may also stand alone before a name, separated by a space.
SPACED_ARTICLES = frozenset({"al", "el"})  # articles written apart from their name: "al Tabqa"
ARTICLE_JOINERS = frozenset("-_\u2010\u2011")  # "al-Sham", "al_Sham" (as some feeds write it), Unicode hyphens
# Assimilated articles that are no English word: written in lowercase inside a name
# ("Salah ad Din", "Dayr az Zawr", "Abu ad Duhur") they are still articles.
_ARABIC_ONLY_ARTICLES = frozenset("ad adh ar ash ath az ed er esh ez".split())
_SUN_LETTER_ARTICLE = re.compile(r"\b([AaEe])[lrsdtzn]h?[- ]([TtDdRrZzSsNn])", re.UNICODE)
_DOUBLED = re.compile(r"([^\W\d_])\1+")


def is_arabic(s: str) -> bool:
    """True when the string holds an Arabic-script letter."""
    return bool(_ARABIC.search(s))


def norm_arabic_token(tok: str) -> str:
    """Fold hamza/alef forms, taa marbuta, alef maqsura, harakat, tatweel."""
    return _HARAKAT.sub("", tok).translate(_AR_MAP)


def norm_latin_token(tok: str) -> str:
    """Fold diacritics, apostrophes, doubled letters and -ah/-eh endings."""
    tok = _POSSESSIVE.sub("", tok)
    tok = unicodedata.normalize("NFKD", tok.lower().translate(_LATIN_MAP))
    tok = "".join(c for c in tok if not unicodedata.combining(c))
    tok = _APOSTROPHES.sub("", tok).replace(" ", "")
    tok = _DOUBLED.sub(r"\1", tok)
    if len(tok) > 3 and tok.endswith(("ah", "eh")):
        tok = tok[:-2] + "a"
    return tok


@lru_cache(maxsize=262_144)
def norm_token(tok: str) -> str:
    """Normalise one word token of either script (cached: news repeats its words)."""
    if is_arabic(tok):
        return norm_arabic_token(tok)
    return norm_latin_token(tok)


@dataclass(frozen=True, slots=True)
class NormText:
    """A text as normalised tokens joined by single spaces.

    `norm` starts and ends with a space. Token i occupies
    `norm[norm_starts[i]:norm_starts[i] + len(token)]` and came from
    `original[orig_starts[i]:orig_ends[i]]`.
    """

    norm: str
    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]
    orig_ends: tuple[int, ...]
    tokens: tuple[str, ...] = ()


def _article_before(text: str, tok: tuple[int, int, str], nxt: tuple[int, int, str], *, name: bool) -> bool:
    """Whether `tok` is a Latin article standing before the name token `nxt`."""
    s, e, n = tok
    if n not in ARTICLES or (n := _unmarked(text[s:e].lower())) not in ARTICLES:  # as written: "all" folds to "al"
        return False  # (but "aṭ-Ṭāʼifa" is "at-" and a name: its letters without their marks)
    if not nxt[2] or is_arabic(nxt[2]):
        return False
    gap = text[e : nxt[0]]
    if gap in ARTICLE_JOINERS or name:
        return True
    if gap != " ":
        return False
    # "al Tabqa" in any case; "Ar Raqqah", "As Safirah" only when the article
    # is assimilated to the name's first letter (not "As Mosul fell"); in lowercase
    # inside a name when it is no English word ("Salah ad Din", not "Homs at Tanf").
    if n in SPACED_ARTICLES:
        return True
    if not text[nxt[0]].isupper() or len(n) < 2 or n[1] != text[nxt[0]].lower():
        return False
    return text[s].isupper() or (n in _ARABIC_ONLY_ARTICLES and _after_capitalised_word(text, s))


def written_with_article(surface: str) -> bool:
    """A Latin name written with its article before it, joined to it or, for "al" and "el", spaced
    ("al-Bab", "el_Bab", "Al Tal"); "Albab" and "Bab" are not."""
    head = _WORD.match(surface)
    if head is None or head.group().lower() not in ARTICLES or head.end() >= len(surface):
        return False
    gap = surface[head.end()]
    return gap in ARTICLE_JOINERS or (gap == " " and head.group().lower() in SPACED_ARTICLES)


def _unmarked(s: str) -> str:
    """Latin letters without their diacritics ("aṭ" -> "at")."""
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _after_capitalised_word(text: str, s: int) -> bool:
    """The word before offset `s` (one space before it) opens with a capital."""
    if s < 2 or text[s - 1] != " ":
        return False
    i = s - 1
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return i < s - 1 and text[i].isupper()


def _drop_articles(toks: list[tuple[int, int, str]], text: str, *, name: bool) -> list[tuple[int, int, str]]:
    """Fold a Latin article into the token after it ("al-Tabqa" -> "tabqa"); only the tokens that read
    as an article are looked at (none in most Arabic texts)."""
    out: list[tuple[int, int, str]] = []
    done = 0  # toks[:done] are in `out`
    for i in [k for k, t in enumerate(toks) if t[2] in ARTICLES]:
        if i >= done and i + 1 < len(toks) and _article_before(text, toks[i], toks[i + 1], name=name):
            out += toks[done:i]
            out.append((toks[i][0], toks[i + 1][1], toks[i + 1][2]))
            done = i + 2
    return out + toks[done:] if done else toks


def normalize_text(text: str, *, name: bool = False) -> NormText:
    """Tokenise and normalise a text, keeping offsets into the original.

    With `name=True` (gazetteer names) every Latin article before a word is
    dropped; in running text only the unambiguous ones are. The text is split once
    (words at the odd places) and the offsets summed from the lengths of the pieces:
    no Python step per word.
    """
    parts = _WORD_SPLIT.split(text)
    bounds = list(accumulate(map(len, parts)))
    normed = list(map(norm_token, parts[1::2]))
    toks = list(zip(bounds[0::2], bounds[1::2], normed, strict=False))  # one more gap than words
    if not ARTICLES.isdisjoint(normed):
        toks = _drop_articles(toks, text, name=name)
    if "" in normed:
        toks = [t for t in toks if t[2]]
    if not toks:
        return NormText(norm=" ", norm_starts=(), orig_starts=(), orig_ends=(), tokens=())
    orig_starts, orig_ends, tokens = zip(*toks, strict=True)
    return NormText(
        norm=" " + " ".join(tokens) + " ",
        norm_starts=tuple(accumulate([len(n) + 1 for n in tokens[:-1]], initial=1)),
        orig_starts=orig_starts,
        orig_ends=orig_ends,
        tokens=tokens,
    )


def text_key(text: str) -> str:
    """`normalize_text(text).norm` (the normalised words, a space at each end), without the offsets: the
    words alone, unless one of them may be an article, which the full normaliser then looks at."""
    tokens = [n for w in _WORD.findall(text) if (n := norm_token(w))]
    if ARTICLES.isdisjoint(tokens):
        return " " + " ".join(tokens) + " " if tokens else " "
    return normalize_text(text).norm


def normalize_name(name: str) -> str:
    """The matching key of a gazetteer name: its normalised tokens, space-joined."""
    return normalize_text(name, name=True).norm.strip()


def lam_contracted(key: str) -> str:
    """An Arabic key with the article as it is written after the preposition lam
    (ل + ال = لل): "الموصل" -> "لموصل", found in "للموصل"; "" for other keys."""
    return "ل" + key[2:] if key.startswith("ال") and is_arabic(key) else ""


_DIPHTHONG = re.compile(r"ai|ay|ei|ey")
_INNER_VOWELS = re.compile(r"[aiu]")
_IYA = re.compile(r"iy?a$")


@lru_cache(maxsize=65_536)
def variant_token(tok: str, *, vowels: bool = False) -> str:
    """A controlled spelling key of one normalised Latin token, for the transliteration
    variants news writes: ou/o/u (Bokamal, Bukamal), ei/ai/ay/e/i (Mayadein, Mayadin,
    Qaryatain, Qaryatayn, Jesr, Jisr), -iya/-ieh/-ia (Salamiyah, Salamieh), q/k, any first vowel (Idlib, Edleb), doubled
    letters; the inner vowels then drop out, unless `vowels` (`short_variant_key`). "" for an article or an
    Arabic token."""
    if not tok or tok in ARTICLES or is_arabic(tok) or not tok.isalpha():
        return ""
    t = tok.replace("ou", "u").replace("o", "u").replace("q", "k")
    t = _IYA.sub("ya", _DIPHTHONG.sub("i", t).replace("e", "i"))  # -iya, -ia, -ieh (read -ia) alike
    head = "a" if t[0] in "aiu" else t[0]
    return _DOUBLED.sub(r"\1", head + (t[1:] if vowels else _INNER_VOWELS.sub("", t[1:])))


SHORT_KEY_MARK = "~"  # opens a short name's spelling key, apart from the consonant keys


def short_variant_key(key: str) -> str:
    """The spelling key of a one-word name too short for a consonant key ("mdn": Mayadin, Maadan,
    Medina): the same folds, its vowels kept ("Mayadein", "Mayadeen", "Mayadin" -> "~miadin"; "Maadan"
    -> "~madan"). "" for a name of several words."""
    token = variant_token(key, vowels=True) if key and " " not in key else ""
    return SHORT_KEY_MARK + token if token else ""


def without_construct_t(key: str) -> str:
    """A normalised Latin key with the construct "t" of its first words dropped, as many spell them
    ("maarat al numan" -> "maara al numan", "khirbet X" -> "khirbe X"); the key itself when it has none."""
    words = key.split()
    return " ".join(
        w[:-1] if i < len(words) - 1 and len(w) >= 5 and w.endswith(("at", "et")) and not is_arabic(w) else w
        for i, w in enumerate(words)
    )


def variant_key(key: str) -> str:
    """The spelling key of a normalised Latin name key ("jesr shughour" -> "jsr shghr")."""
    return " ".join(v for t in key.split() if (v := variant_token(t)))


def name_keys(name: str) -> set[str]:
    """Every key of a name: its own, and the spelling with the article
    assimilated into a sun letter ("Deir ez-Zor" -> "Deir Ezzor", "al-Raqqa" ->
    "Arraqqa"), as transliterations often write it."""
    keys = {normalize_name(name)}
    if not is_arabic(name):
        joined = _SUN_LETTER_ARTICLE.sub(lambda m: m.group(1) + m.group(2).lower() + m.group(2).lower(), name)
        if joined != name:
            keys.add(normalize_name(joined))
    keys.discard("")
    return keys
