"""The shingle hashes behind the near-duplicate band keys: the distinct 32-bit
polynomial hashes of a body's 5-grams, in ascending order (as ``np.unique`` gave them),
so keys stored by earlier ingests still match."""

from articles.ingest import fingerprint


def _reference(text: str) -> list[int]:
    """The hashes computed one shingle at a time, in plain Python."""
    found = set()
    for i in range(len(text) - fingerprint.SHINGLE + 1):
        h = 0
        for ch in text[i : i + fingerprint.SHINGLE]:
            h = (h * 1000003 + ord(ch)) % 2**32
        found.add(h)
    return sorted(found)


def test_shingle_hashes_are_the_distinct_hashes_in_order(seed_text):
    repeated = "全县共有志愿者一万人。" * 3  # every shingle three times
    for text in (seed_text, repeated, "一二三四五", "一二三四", ""):
        text = fingerprint.normalize_body(text)
        assert fingerprint._shingle_hashes(text).tolist() == _reference(text)


def test_band_keys_follow_from_the_hashes(seed_text):
    body = seed_text[:900]
    assert fingerprint.band_keys(body) == fingerprint.band_keys(body + "\n")
    assert len(fingerprint.band_keys(body)) == fingerprint.BANDS
    assert fingerprint.band_keys("一二三四五六") == []  # too short to compare
