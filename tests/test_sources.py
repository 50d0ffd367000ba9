"""Reading page files (issue 8 points 1 and 8): formats by content, HTML without site
furniture, PDF in reading order, refusals that name the file and the problem.

The pages are the project's own (tests/data/pages/make_pages.py): the sample page's items
as e-paper, government and portal web pages, and the sample page typeset in 3 and 4
columns. Their PDF and HTML forms must read as the text form does.
"""

import functools
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from articles.evaluation import evaluate, find_item, squash
from articles.ingest.pipeline import parse_page
from articles.ingest.sources import (
    ArchiveLimits,
    PageText,
    SourceError,
    SourceFormat,
    iter_pages,
    read_page,
)
from articles.ingest.sources.furniture import drop_furniture, is_furniture
from articles.ingest.sources.pdf import check_mapped
from articles.ingest.sources.pdf_layout import layout_text
from articles.ingest.sources.sniff import sniff_format
from articles.ingest.types import ParsedPage

DATA = Path(__file__).parent / "data"
PAGES = DATA / "pages"
HTML = sorted((PAGES / "html").glob("*.html"))
PDFS = sorted((PAGES / "pdf").glob("*.pdf"))
MB = 1024 * 1024
FURNITURE = (
    "首页", "当前位置", "手机终端下载", "关怀版", "无障碍", "繁體", "放大", "缩小", "打印本页",
    "关闭窗口", "相关链接", "相关新闻", "热点排行", "本版其他文章", "版面导航", "版权所有",
    "ICP", "网站标识码", "上一篇", "下一篇", "分享到", "浏览次数", "发布时间", "责任编辑",
)  # fmt: skip


def read_all(*paths, **kwargs) -> list:
    return list(iter_pages(paths, max_bytes=kwargs.pop("max_bytes", 8 * MB), **kwargs))


def parse_forms(pages: list[PageText]) -> ParsedPage:
    """All items of ``pages`` as one parsed page (for ``evaluate`` against the gold file)."""
    combined = ParsedPage(text="", sha256="")
    for page in pages:
        combined.articles.extend(parse_page(page.text).articles)
    return combined


def item_facts(article) -> tuple:
    """What must agree between forms: title, region, topic and every metric."""
    metrics = sorted(
        (q.indicator or "", str(q.value), str(q.value_max), q.unit, str(q.previous_value), q.approx)
        for q in article.quantities
    )
    return (squash(article.title), article.region.adcode, article.topic, metrics)


@functools.cache
def pdf_page(pdf: Path) -> PageText:
    """The one page of ``pdf`` as ``read_all`` reads it, read once for this module's four
    tests of each PDF (a frozen ``PageText``; pdfplumber's layout pass is ~1 s a read)."""
    [page] = read_all(pdf)
    return page


@pytest.fixture(scope="module")
def html_pages() -> list[PageText]:
    pages = read_all(PAGES / "html")
    assert all(isinstance(p, PageText) for p in pages), pages
    return pages


# --- the PDF and HTML forms read as the text form -------------------------------------------


def test_the_html_form_of_the_sample_page_gives_the_eight_gold_items_and_46_metrics(
    html_pages, seed_gold
):
    assert len(html_pages) == 8
    result = evaluate(seed_gold, parse_forms(html_pages))
    assert result.items.misses == []
    assert result.titles.misses == []
    assert result.regions.misses == [] and result.topics.misses == []
    assert result.metrics_gold == result.metrics_found == 46
    assert result.unmatched_metrics == [] and result.metric_values.misses == []
    assert result.must_not_violations == []


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_the_pdf_form_of_the_sample_page_gives_the_eight_gold_items_and_46_metrics(pdf, seed_gold):
    page = pdf_page(pdf)
    assert page.format is SourceFormat.PDF
    parsed = parse_page(page.text)
    assert len(parsed.articles) == 8
    result = evaluate(seed_gold, parsed)
    assert result.items.misses == [] and result.titles.misses == []
    assert result.regions.misses == [] and result.topics.misses == []
    assert result.metrics_gold == result.metrics_found == 46
    assert result.unmatched_metrics == [] and result.metric_values.misses == []
    assert result.must_not_violations == []


@pytest.mark.parametrize("form", ["html", *(p.stem for p in PDFS)])
def test_each_item_has_the_same_title_region_topic_and_metrics_in_every_form(
    form, html_pages, parsed_seed, seed_gold
):
    if form == "html":
        parsed = parse_forms(html_pages)
    else:
        page = pdf_page(PAGES / "pdf" / f"{form}.pdf")
        parsed = parse_page(page.text)
    for item in seed_gold["items"]:
        expected = find_item(item, parsed_seed.articles)
        found = find_item(item, parsed.articles)
        assert found is not None, item["key"]
        assert item_facts(found) == item_facts(expected), item["key"]
        assert squash(found.byline) == squash(expected.byline), item["key"]


# --- HTML: main text and the page's own details, no furniture ------------------------------


def test_site_furniture_never_reaches_a_title_or_body(html_pages):
    for page in html_pages:
        for article in parse_page(page.text).articles:
            for word in FURNITURE:
                assert word not in article.title, (page.source, word)
                assert word not in article.body, (page.source, word)
        for word in FURNITURE[:-1]:  # the splitter drops a closing （责任编辑：…） itself
            assert word not in page.text, (page.source, word)


def test_furniture_inside_the_article_block_is_dropped_where_trafilatura_keeps_it():
    [page] = read_all(PAGES / "more" / "chrome_in_content.html")
    assert page.title == "旺苍县新开发城乡公益性岗位"
    assert str(page.date) == "2024-03-05"
    assert page.text == (
        "旺苍县新开发城乡公益性岗位\n\n"
        "今年以来，旺苍县新开发城乡公益性岗位320个，安置就业困难人员和脱贫劳动力就业。\n"
        "县人社局有关负责人介绍，岗位主要包括道路养护、保洁绿化、治安协管等类别，做到应开尽开。\n"
    )
    [article] = parse_page(page.text).articles
    assert article.title == "旺苍县新开发城乡公益性岗位"
    assert [(q.value, q.unit) for q in article.quantities] == [(320, "个")]  # not 58 views


def test_a_short_page_keeps_no_menu_list_or_footer():
    markup = (
        '<html><head><meta charset="utf-8"><title>简讯_旺苍县人民政府</title></head><body>'
        '<div class="nav"><a href="/">首页</a> <a href="#">政务公开</a> <a href="#">政务服务</a>'
        '</div><div class="content"><h1>旺苍县发放养老金</h1>'
        "<p>本报讯 今年旺苍县发放城乡居民养老金1.2亿元。</p>"
        '<ul><li><a href="#">旺苍县召开就业工作推进会</a> 2024-01-10</li>'
        '<li><a href="#">全县志愿服务工作推进会召开</a></li></ul></div>'
        '<div id="footer">旺苍县人民政府 主办</div></body></html>'
    )
    page = read_page("short.html", markup.encode())
    assert page.text == "旺苍县发放养老金\n\n本报讯 今年旺苍县发放城乡居民养老金1.2亿元。\n"


def test_an_e_paper_page_gives_headline_subtitle_byline_date_canonical_url_and_paper(
    html_pages,
):
    golmud = next(p for p in html_pages if p.source.endswith("golmud.html"))
    assert golmud.title == "托起百姓稳稳的幸福"
    assert golmud.subtitle == "青海格尔木市完善社会保障兜牢民生“底线”"
    assert golmud.byline == "汤红红"
    assert str(golmud.date) == "2024-01-16"
    assert golmud.url == "https://epaper.xibushibao.example.cn/html/2024-01/16/golmud.html"
    assert golmud.publication == "西部时报"
    assert golmud.text.startswith(
        "托起百姓稳稳的幸福\n——青海格尔木市完善社会保障兜牢民生“底线”\n\n◎ 汤红红\n\n在刚刚过去的2023年"
    )


def test_a_government_page_gives_its_cms_meta_tags(html_pages):
    nanchong = next(p for p in html_pages if p.source.endswith("nanchong.html"))
    assert nanchong.title == "四川南充市：开展环保宣传 传播文明理念"  # ArticleTitle
    assert str(nanchong.date) == "2024-01-12"  # PubDate
    assert nanchong.publication == "南充市人民政府"  # SiteName
    assert nanchong.url == ""  # no canonical link on this page
    wuhai = next(p for p in html_pages if p.source.endswith("wuhai.html"))
    assert wuhai.byline == "乌文" and "\n\n◎ 乌文\n\n" in wuhai.text


def test_the_site_name_in_a_masthead_h1_is_not_the_headline():
    markup = (
        '<html><head><meta charset="utf-8"><title>旺苍县人民政府</title></head><body>'
        '<h1 class="logo">旺苍县人民政府</h1><div class="content"><h1>旺苍县新开发公益性岗位</h1>'
        "<p>今年以来，旺苍县新开发城乡公益性岗位320个，安置就业困难人员和脱贫劳动力就业。</p>"
        "</div></body></html>"
    )
    assert read_page("a.html", markup.encode()).title == "旺苍县新开发公益性岗位"
    own = markup.replace('<div class="content">', '<article><header class="article-header">')
    own = own.replace("</h1><p>", "</h1></header><p>").replace("</div></body>", "</article></body>")
    assert read_page("b.html", own.encode()).title == "旺苍县新开发公益性岗位"


def test_url_given_for_a_page_wins_over_its_canonical_link():
    page = read_page(
        "golmud.html", (PAGES / "html" / "golmud.html").read_bytes(), url="https://x.example/a"
    )
    assert page.url == "https://x.example/a"


def test_the_kicker_above_an_e_paper_headline_is_kept():
    [page] = read_all(PAGES / "more" / "golmud_kicker.html")
    assert page.kicker == "2023年全市社保待遇节节攀升"
    assert page.title == "托起百姓稳稳的幸福"
    assert page.text.startswith("2023年全市社保待遇节节攀升\n托起百姓稳稳的幸福\n——")


@pytest.mark.parametrize(
    "line",
    [
        "当前位置：首页 > 新闻中心 > 部门动态",
        "首页 > 新闻 > 区县 > 正文",
        "手机终端下载 | 关怀版 | 无障碍 | 繁體 | English",
        "放大 缩小 默认",
        "【打印本页】 【关闭窗口】 分享到：微信 微博",
        "发布时间：2024-01-12 09:30 来源：南充市生态环境局",
        "上一篇 下一篇 返回目录",
    ],
)
def test_furniture_lines_are_recognised(line):
    assert is_furniture(line)


def test_article_lines_with_furniture_words_are_kept_and_lists_cut_the_text():
    kept = "工作人员上门为老人放大字号、调整手机，方便老人使用关怀版应用。"
    assert not is_furniture(kept)
    assert drop_furniture([kept, "相关链接", "我市召开会议"]) == [kept]


# --- PDF: reading order, headlines, vertical headlines, spaces ------------------------------


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pdf_headlines_are_blocks_of_their_own_and_the_vertical_one_is_one_line(pdf):
    page = pdf_page(pdf)
    text = page.text
    assert "\n\n四川成都市：百条生态惠民新场景示范线增色美好生活\n" in text  # set vertically
    assert "\n\n四川南充市：\n开展环保宣传\n传播文明理念\n\n" in text  # larger type: own block
    assert "\n推动志愿服务走深走实\n" in text  # letter-spaced: no spaces put in
    assert "\n扎实推进清廉机关建设\n" in text  # a space after each character: removed
    assert "文明耀旺苍 新风拂茶乡" in text  # a space printed between two phrases stays
    assert "本报讯（苑长军 马祎颖）" in text  # and between two names
    assert "开展学习教育活动 150 余" in text  # between a character and a digit


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pdf_columns_are_read_top_to_bottom_then_left_to_right(pdf):
    page = pdf_page(pdf)
    lines = [line for line in page.text.split("\n") if line]
    seed = [line.strip() for line in (DATA / "seed_page.txt").read_text("utf-8").split("\n")]
    seed = [line for line in seed if line]
    assert sorted(lines) == sorted(seed)  # every printed line, once, as printed
    follows = dict(zip(lines, lines[1:], strict=False))
    moved = [(a, b) for a, b in zip(seed, seed[1:], strict=False) if follows.get(a) != b]
    # the text form's order, but for the two things this layout put elsewhere: the vertical
    # headline in a strip right of the columns, and the caption under the photo at the foot
    assert moved == [
        ("基层关工委工作再上新台阶。", "四川成都市：百条生态惠民新场景示范线增色美好生活"),
        ("为1月14日，航拍永丰县恩江麻洲生态岛。 刘浩军摄", "在刚刚过去的2023年，青海省海西蒙古族"),
    ]
    assert lines[-1].endswith("刘浩军摄")


def test_each_page_of_a_longer_pdf_is_its_own_page_and_a_photo_page_is_refused():
    pdf = PAGES / "more" / "two_pages.pdf"
    first, second = read_all(pdf)
    assert first.source == f"{pdf}#page=1"
    assert first.text.startswith(
        "四川南充市：\n开展环保宣传\n传播文明理念\n\n本报讯（何显飞 文杨旭）"
    )
    [article] = parse_page(first.text).articles
    assert article.region.adcode == "511304"
    assert str(second) == f"{pdf}#page=2: page has no text layer (a photo or scan?)"


def chars(text: str, x: float, top: float, size: float = 9.0, step: float | None = None):
    """pdfplumber-like character dicts for ``text`` set from (x, top), ``step`` apart."""
    step = step or size
    return [
        {"text": ch, "x0": x + i * step, "x1": x + i * step + size, "top": top,
         "bottom": top + size, "size": size}
        for i, ch in enumerate(text)
    ]  # fmt: skip


def test_two_columns_with_aligned_lines_and_blank_lines_are_not_interleaved():
    page = []
    for row, (left, right) in enumerate(
        [("甲一行", "乙一行"), ("甲二行", "乙二行"), (None, None), ("甲三行", "乙三行")]
    ):
        if left:
            page += chars(left, 0, row * 13) + chars(right, 60, row * 13)
    assert layout_text(page) == "甲一行\n甲二行\n\n甲三行\n\n乙一行\n乙二行\n\n乙三行"


def test_larger_type_is_a_block_and_a_vertical_line_is_joined():
    page = (
        chars("标题文字", 0, 0, size=16) + chars("正文第一行", 0, 20) + chars("正文第二行", 0, 33)
    )
    page += [c for i, ch in enumerate("竖排标题") for c in chars(ch, 120, i * 17, size=15)]
    assert layout_text(page) == "标题文字\n\n正文第一行\n正文第二行\n\n竖排标题"


def test_spaces_between_chinese_characters_are_dropped_but_words_stay_apart():
    assert layout_text(chars("扎实推进", 0, 0, step=12)) == "扎实推进"  # letter-spacing
    assert layout_text(chars("扎 实 推 进", 0, 0)) == "扎实推进"  # spaced out
    assert layout_text(chars("本报讯（苑长军 马祎颖）", 0, 0)) == "本报讯（苑长军 马祎颖）"
    assert layout_text(chars("TOP", 0, 0, step=5) + chars("100", 25, 0, step=5)) == "TOP 100"


# --- formats by content ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", SourceFormat.PDF),
        (b"PK\x03\x04\x14\x00", SourceFormat.ZIP),
        (b"\xef\xbb\xbf<!DOCTYPE html><html>", SourceFormat.HTML),
        (b"  \n<html lang='zh'>", SourceFormat.HTML),
        (b"<div class=main><p>", SourceFormat.HTML),
        ("托起百姓稳稳的幸福 <p>".encode(), SourceFormat.TEXT),
        (b"<not really html", SourceFormat.TEXT),
    ],
)
def test_formats_are_told_by_content(head, expected):
    assert sniff_format(head) is expected


def test_a_page_with_the_wrong_extension_is_read_by_its_content(tmp_path):
    shutil.copy(PAGES / "html" / "golmud.html", tmp_path / "a_golmud.txt")
    shutil.copy(PDFS[0], tmp_path / "b_page.html")
    shutil.copy(DATA / "seed_page.txt", tmp_path / "c_seed.pdf")
    with zipfile.ZipFile(tmp_path / "d_pages.dat", "w") as archive:
        archive.write(PAGES / "html" / "nanchong.html", "nanchong.htm")
    pages = read_all(tmp_path)
    assert [(Path(p.source.split(":")[0]).name, p.format) for p in pages] == [
        ("a_golmud.txt", SourceFormat.HTML),
        ("b_page.html", SourceFormat.PDF),
        ("c_seed.pdf", SourceFormat.TEXT),
        ("d_pages.dat", SourceFormat.HTML),
    ]
    assert pages[0].title == "托起百姓稳稳的幸福"
    assert len(parse_page(pages[1].text).articles) == 8


def test_an_html_page_in_its_declared_big5_charset_is_read():
    body = "".join(f"<p>{s}</p>" for s in ["臺北市今年新增公共托育名額1200個。"] * 3)
    markup = (
        f'<html><head><meta charset="big5"><title>托育</title></head><body>{body}</body></html>'
    )
    page = read_page("big5.html", markup.encode("big5"))
    assert "臺北市今年新增公共托育名額1200個。" in page.text
    with pytest.raises(SourceError, match="big5.html: HTML declares charset big5 but byte"):
        read_page("big5.html", markup.encode("big5") + b"\xff\xff</p>")


def test_a_gb18030_text_page_is_read():
    data = "四川旺苍县今年发放城乡居民养老金1.2亿元。".encode("gb18030")
    page = read_page("gbk.txt", data)
    assert page.format is SourceFormat.TEXT and page.text.startswith("四川旺苍县")


# --- bad input: each refusal names the file and the problem ---------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("scanned.pdf", "no text layer (scanned PDF?); OCR is not supported"),
        ("empty.txt", "empty file"),
        ("binary.txt", "neither UTF-8"),
        ("broken.html", "no article text found (broken HTML"),
    ],
)
def test_a_bad_file_is_refused_with_its_name_and_the_problem(name, reason):
    [error] = read_all(PAGES / "bad" / name)
    assert isinstance(error, SourceError)
    assert error.source == str(PAGES / "bad" / name)
    assert str(error).startswith(f"{PAGES / 'bad' / name}: ") and reason in str(error)


def test_a_damaged_pdf_an_image_and_a_missing_file_are_refused_by_name(tmp_path):
    (tmp_path / "cut.pdf").write_bytes(PDFS[0].read_bytes()[:3000])
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    errors = read_all(tmp_path / "cut.pdf", tmp_path / "photo.png", tmp_path / "gone.txt")
    assert [str(e).split(": ", 1)[1] for e in errors] == [
        "not a readable PDF, damaged or truncated (Unexpected EOF)",
        "is a PNG image, not a page (text, HTML, PDF or zip)",
        "no such file or directory",
    ]
    assert [e.source for e in errors] == [
        str(tmp_path / n) for n in ("cut.pdf", "photo.png", "gone.txt")
    ]


def test_a_pdf_whose_fonts_map_no_characters_is_refused():
    mapped = chars("旺苍县", 0, 0)
    unmapped = [dict(c, text=f"(cid:{i})") for i, c in enumerate(chars("一二三四", 0, 20))]
    check_mapped("a.pdf", mapped + unmapped[:2])  # a few unmapped symbols are tolerated
    with pytest.raises(SourceError) as refusal:
        check_mapped("a.pdf", mapped + unmapped)
    assert str(refusal.value) == (
        "a.pdf: text layer unreadable: 4 of 7 characters have no Unicode mapping (cid codes)"
    )


def test_a_file_over_the_size_limit_is_refused_and_not_read(tmp_path):
    [error] = read_all(DATA / "seed_page.txt", max_bytes=1000)
    size = (DATA / "seed_page.txt").stat().st_size
    assert str(error) == f"{DATA / 'seed_page.txt'}: is {size} bytes, over the limit of 1000 bytes"


def test_a_zip_member_outside_the_archive_is_refused_and_the_others_are_read():
    items = read_all(PAGES / "bad" / "escape.zip")
    archive = PAGES / "bad" / "escape.zip"
    assert [type(i).__name__ for i in items] == ["SourceError", "PageText"]
    assert items[0].source == f"{archive}:../../outside.txt"
    assert "outside the archive" in str(items[0])
    assert items[1].source == f"{archive}:pages/nanchong.html"
    assert items[1].title == "四川南充市：开展环保宣传 传播文明理念"


def zip_of(tmp_path: Path, members: dict[str, bytes], name: str = "pages.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def test_a_zip_bomb_member_is_refused_by_its_compression_ratio(tmp_path):
    seed = (DATA / "seed_page.txt").read_bytes()
    bomb = zip_of(tmp_path, {"a.txt": seed, "bomb.txt": bytes(900_000), "/etc/x.txt": seed})
    items = read_all(bomb, limits=ArchiveLimits(max_bytes=MB, max_ratio=100))
    assert isinstance(items[0], SourceError)  # sorted by name: /etc/x.txt first
    assert str(items[0]).startswith(f"{bomb}:/etc/x.txt: path leads outside the archive")
    assert isinstance(items[1], PageText) and items[1].source == f"{bomb}:a.txt"
    assert str(items[2]).startswith(f"{bomb}:bomb.txt: compressed ")
    assert "over the limit of 100:1 (zip bomb?)" in str(items[2])


def test_a_zip_that_unpacks_to_too_much_is_refused_whole(tmp_path):
    bomb = zip_of(tmp_path, {f"p{i}.txt": bytes(400_000) for i in range(10)})
    items = read_all(bomb, limits=ArchiveLimits(max_bytes=MB, max_total_bytes=2 * MB))
    assert len(items) == 1
    assert str(items[0]) == (
        f"{bomb}: unpacks to 4000000 bytes, over the limit of {2 * MB} (zip bomb?)"
    )


def test_a_zip_member_over_the_size_limit_and_a_nested_zip_are_refused(tmp_path):
    seed = (DATA / "seed_page.txt").read_bytes()
    archive = zip_of(
        tmp_path,
        {"big.txt": seed * 3, "inner.zip": b"PK\x05\x06" + bytes(18), "img/a.jpg": b"\xff\xd8\xff"},
    )
    items = read_all(archive, max_bytes=len(seed) * 2)
    assert len(items) == 2  # the photo beside the pages is skipped
    assert str(items[0]) == (
        f"{archive}:big.txt: is {len(seed) * 3} bytes, over the limit of {len(seed) * 2} bytes"
    )
    assert str(items[1]).startswith(f"{archive}:inner.zip: an archive inside an archive")


def test_a_truncated_zip_is_refused_by_name(tmp_path):
    whole = zip_of(tmp_path, {"a.txt": (DATA / "seed_page.txt").read_bytes()})
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole.read_bytes()[:500])
    [error] = read_all(cut)
    assert str(error).startswith(f"{cut}: not a readable zip archive")


def test_chinese_member_names_from_windows_zip_tools_are_read_as_gbk(tmp_path):
    path = tmp_path / "gbk.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("placeholder.txt", "四川旺苍县今年发放城乡居民养老金1.2亿元。")
    name = "旺苍县第5版.txt".encode("gbk")  # 15 bytes, as long as the placeholder
    path.write_bytes(buffer.getvalue().replace(b"placeholder.txt", name))
    [page] = read_all(path)
    assert page.source == f"{path}:旺苍县第5版.txt"


def test_a_directory_gives_its_good_pages_and_a_refusal_for_each_bad_file(tmp_path):
    shutil.copytree(PAGES / "bad", tmp_path / "in" / "bad")
    shutil.copy(PAGES / "html" / "nanchong.html", tmp_path / "in" / "nanchong.html")
    (tmp_path / "in" / "z").mkdir()
    shutil.copy(DATA / "seed_page.txt", tmp_path / "in" / "z" / "seed.txt")
    (tmp_path / "in" / ".DS_Store").write_bytes(bytes(10))
    (tmp_path / "in" / "z" / "logo.PNG").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(20))
    (tmp_path / "in" / "z" / "style.css").write_text("body { margin: 0 }")
    items = read_all(tmp_path / "in")
    names = [(i.source.replace(str(tmp_path / "in") + "/", ""), type(i).__name__) for i in items]
    assert names == [
        ("bad/binary.txt", "SourceError"),
        ("bad/broken.html", "SourceError"),
        ("bad/empty.txt", "SourceError"),
        ("bad/escape.zip:../../outside.txt", "SourceError"),
        ("bad/escape.zip:pages/nanchong.html", "PageText"),
        ("bad/scanned.pdf", "SourceError"),
        ("nanchong.html", "PageText"),
        ("z/seed.txt", "PageText"),
    ]
