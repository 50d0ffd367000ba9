"""The GB/T 2260 gazetteer in memory: lookups by name and a fast place-name scanner.

Data: ``fixtures/regions.json`` (Django fixture, natural key ``adcode``), 3,390 divisions
to county level built from the gazetteer jionlp ships (``manage.py build_regions``). Each
row is ``{adcode, name, short_name, level, parent, former_names}`` where ``level`` is
``province | prefecture | county`` and ``parent`` is ``[adcode]`` or null.

Surface forms the scanner recognizes, each tagged with its ``form``:

- ``name``: the full name (四川省, 旺苍县, 伊犁哈萨克自治州);
- ``alias``: the short name plus a plain level suffix, for autonomous units whose full
  name is long (伊犁州, 海西州, 北川县 for 北川羌族自治县, 鄂伦春旗), and 省 for provinces
  without it in the name (never needed for 四川省, added only when missing);
- ``former``: a name the division had before a renaming (襄樊市 -> 襄阳市 420600), from
  jionlp's ``china_location_change.txt``;
- ``short``: the bare short name (旺苍, 成都, 内蒙古). Bare short names are the risky
  form, see ``Mention.risky``.

The scanner is leftmost-longest over a dict keyed by first character (built once), so a
page of a few thousand characters scans in about a millisecond.

One module per part, each name handed on here (``from articles.ingest.gazetteer import
Gazetteer`` stays the one way in):

- ``divisions``: the two value types, ``Division`` and ``Mention``, and ``LEVEL_DEPTH``;
- ``surfaces``: which surface forms a division has (aliases) and which bare short names
  are everyday words (``RISKY_SHORT_NAMES``, jionlp's dictionary and IDF table);
- ``index``: loading (``Gazetteer.load``, ``from_rows``), indexing the surfaces, and the
  lookups by adcode and by name;
- ``scan``: the scanner ``Gazetteer`` inherits (``PlaceScanner.scan``) and the rules
  that drop a match (road, estate and firm names, frequent words, ``names_venue``).
"""

from .divisions import LEVEL_DEPTH, Division, Mention
from .index import DEFAULT_PATH, Gazetteer
from .scan import names_venue

__all__ = ["Division", "Mention", "Gazetteer", "LEVEL_DEPTH", "DEFAULT_PATH", "names_venue"]
