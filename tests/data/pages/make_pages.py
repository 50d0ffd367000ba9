"""Make the test pages in tests/data/pages/ from the sample page (tests/data/seed_page.txt).

Run from the repository root: ``python tests/data/pages/make_pages.py``. The output is
committed, so the tests need neither reportlab nor this script; rerun it only to change
the fixtures. It writes:

- ``html/``: the sample page's eight items as web pages in three site styles, a county
  e-paper (masthead, 版面导航, 放大 缩小, ◎ author line, 上一篇/下一篇, 本版其他文章,
  footer; canonical link), a government portal (手机终端下载 | 关怀版 | 无障碍 toolbar,
  当前位置 breadcrumb, ``<meta name="ArticleTitle|PubDate|ContentSource">``, 【打印本页】
  【关闭窗口】, 相关链接, footer) and a city news portal (首页 > … breadcrumb, share bar,
  相关新闻, footer); plus ``more/`` with one e-paper page whose headline has a 引题 and a
  county site page whose breadcrumb, toolbar, info line and footer sit in the article block.
- ``pdf/``: the sample page typeset with reportlab, its printed lines kept, in four
  columns (built-in ``STSong-Light`` CID font) and in three columns (Debian's
  ``fonts-wqy-zenhei`` TrueType, embedded): a banner headline over all columns,
  headlines in larger type, one letter-spaced and one set with spaces between its
  characters, the 成都 headline set vertically (one character per line), the photo
  caption under a grey photo box across the columns.
- ``more/two_pages.pdf``: the 南充 item on page 1, a full-page photo on page 2.
- ``more/three_pages.pdf``: a short county item on each of three pages (the admin upload).
- ``bad/``: a scan-like PDF (an image, no text layer), a broken HTML file, an empty file,
  a binary file, a zip whose member climbs out with ``../``.

The item texts come from the text form through ``parse_page`` (bodies, paragraphs) and
the headlines as the sample page prints them.
"""

from __future__ import annotations

import html
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEED = ROOT / "tests" / "data" / "seed_page.txt"
sys.path.insert(0, str(ROOT))

# ---------------------------------------------------------------- the items, as the web prints them
#: key -> (style, file name, web headline, subtitle, author line, date, source site, column)
ITEMS = {
    "格尔木": (
        "epaper",
        "golmud.html",
        "托起百姓稳稳的幸福",
        "青海格尔木市完善社会保障兜牢民生“底线”",
        "汤红红",
        "2024-01-16",
        "",
        "第03版：民生",
    ),
    "旺苍": (
        "epaper",
        "wangcang.html",
        "文明耀旺苍 新风拂茶乡",
        "四川旺苍县2023年精神文明建设工作综述",
        "白雪",
        "2024-01-16",
        "",
        "第03版：民生",
    ),
    "乌海": (
        "gov",
        "wuhai.html",
        "内蒙古乌海市：推动志愿服务走深走实",
        "",
        "乌文",
        "2024-01-15",
        "乌海市精神文明建设办公室",
        "工作动态",
    ),
    "防城": (
        "gov",
        "fangcheng.html",
        "广西防城港市防城区：扎实推进清廉机关建设",
        "",
        "",
        "2024-01-12",
        "防城区纪委监委",
        "廉政建设",
    ),
    "南充": (
        "gov",
        "nanchong.html",
        "四川南充市：开展环保宣传 传播文明理念",
        "",
        "",
        "2024-01-12",
        "南充市生态环境局",
        "部门动态",
    ),
    "江油": (
        "portal",
        "jiangyou.html",
        "四川江油市：关工委开展暖冬关爱活动",
        "",
        "",
        "2024-01-13",
        "",
        "区县",
    ),
    "成都": (
        "portal",
        "chengdu.html",
        "四川成都市：百条生态惠民新场景示范线增色美好生活",
        "",
        "",
        "2024-01-12",
        "",
        "生态",
    ),
    "永丰": ("epaper", "yongfeng.html", "图片新闻", "", "", "2024-01-16", "", "第03版：民生"),
}
EPAPER = "西部时报"
EPAPER_URL = "https://epaper.xibushibao.example.cn/html/2024-01/16/"


def seed_items() -> dict[str, object]:
    """The parsed items of the sample page keyed by the place their ITEMS entry names."""
    from articles.ingest.pipeline import parse_page

    parsed = parse_page(SEED.read_text(encoding="utf-8"))
    found = {}
    for key in ITEMS:
        for article in parsed.articles:
            if key in article.title_prefix + article.title + article.body[:40]:
                found[key] = article
                break
    assert len(found) == len(ITEMS), sorted(set(ITEMS) - set(found))
    return found


def paragraphs(article, style: str) -> str:
    """The body as <p> elements; e-papers indent with two ideographic spaces."""
    indent = "\u3000\u3000" if style == "epaper" else ""
    lines = [line for line in article.body.split("\n") if line.strip()]
    if article.kind == "news":  # the dateline the splitter took the byline from
        lines[0] = f"本报讯（{article.byline}）{lines[0]}"
    if article.kind == "photo":
        lines[-1] += f"　{article.byline}摄"
    out = []
    for line in lines:
        text = html.escape(line)
        short = len(line) < 20 and not line.endswith(("。", "；", "！", "？"))
        out.append(f"<p><strong>{text}</strong></p>" if short else f"<p>{indent}{text}</p>")
    return "\n".join(out)


EPAPER_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}--{paper}</title>
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="../../../style.css">
</head>
<body>
<div class="masthead"><img src="../../../images/logo.png" alt="{paper}"><span>{paper} 数字报</span>
<span class="date">2024年01月16日 星期二</span></div>
<div class="toolbar"><a href="#">往期回顾</a> | <a href="#">版面导航</a> | <a href="#">标题导航</a>
 | 放大 缩小 默认</div>
<table class="layout"><tr>
<td class="left">
<div class="pagelist"><h4>版面导航</h4><ul>
<li><a href="node_1.htm">第01版：要闻</a></li><li><a href="node_2.htm">第02版：综合</a></li>
<li><a href="node_3.htm">{column}</a></li><li><a href="node_4.htm">第04版：文化</a></li>
</ul></div>
<div class="titlelist"><h4>本版其他文章</h4><ul>{others}</ul></div>
</td>
<td class="main">
<div class="article">
{kicker}<h1 class="title">{title}</h1>
{subtitle}
{author}
<div id="ozoom"><founder-content>
{body}
</founder-content></div>
</div>
<div class="prevnext"><a href="#">上一篇</a>　<a href="#">下一篇</a>　<a href="#">返回目录</a></div>
</td></tr></table>
<div class="footer"><p>{paper}社版权所有 未经授权不得转载</p><p>地址：某某市人民路1号　邮编：628000</p>
<p>蜀ICP备12345678号-1</p></div>
</body>
</html>
"""

GOV_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="{site}">
<meta name="SiteDomain" content="www.example.gov.cn">
<meta name="ColumnName" content="{column}">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{date} 09:30">
<meta name="ContentSource" content="{source}">
<meta name="Author" content="{author_name}">
<meta name="Keywords" content="{column}">
<meta name="Description" content="{title}">
<title>{title}_{site}</title>
</head>
<body>
<div class="topbar"><div class="w1200">
<span>今天是：2024年1月{day}日</span>
<a href="#">手机终端下载</a> | <a href="#">关怀版</a> | <a href="#">无障碍</a> | <a href="#">繁體</a>
 | <a href="#">English</a></div></div>
<div class="header"><img src="/images/banner.jpg" alt="{site}"><h2>{site}</h2></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="#">政务公开</a></li>
<li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li><li><a href="#">走进本地</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="#">新闻中心</a> &gt; <a href="#">{column}</a></div>
<div class="article">
<h1>{title}</h1>
<div class="info">发布时间：{date} 09:30　来源：{source}{author}　浏览次数：1024　字号：【<a href="#">大</a>
<a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor">
{body}
</div>
<div class="tools">【<a href="javascript:window.print()">打印本页</a>】
【<a href="javascript:window.close()">关闭窗口</a>】 分享到：微信 微博</div>
</div>
<div class="related"><h3>相关链接</h3><ul>
<li><a href="#">我市召开2024年精神文明建设工作会议</a><span>2024-01-10</span></li>
<li><a href="#">全市志愿服务工作推进会召开</a><span>2024-01-08</span></li>
<li><a href="#">关于开展2024年度文明单位评选的通知</a><span>2024-01-05</span></li>
</ul></div>
<div class="footer"><p>主办单位：{site}办公室　承办单位：大数据中心</p>
<p>网站标识码：5109000001　蜀ICP备05001234号　<a href="#">网站地图</a> <a href="#">联系我们</a></p></div>
</body>
</html>
"""

PORTAL_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="四川新闻网">
<title>{title} - 四川新闻网</title>
</head>
<body>
<header><nav><a href="/">首页</a> <a href="#">新闻</a> <a href="#">区县</a> <a href="#">生态</a>
<a href="#">视频</a> <a href="#">登录</a> <a href="#">注册</a></nav></header>
<div class="crumbs">首页 &gt; 新闻 &gt; {column} &gt; 正文</div>
<article>
<h1>{title}</h1>
<div class="meta"><span class="time">{date} 10:15</span> <span class="source">来源：四川新闻网</span></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="content">
{body}
</div>
<p class="editor">（责任编辑：李明）</p>
</article>
<aside><h3>相关新闻</h3><ul>
<li><a href="#">成都发布生态惠民新场景示范线</a></li>
<li><a href="#">省关工委部署冬春关爱工作</a></li>
<li><a href="#">广元旺苍：文明实践点亮乡村</a></li>
</ul>
<h3>热点排行</h3><ol><li><a href="#">四川今年将新建改建农村公路1万公里</a></li>
<li><a href="#">春运首日全省发送旅客80万人次</a></li></ol></aside>
<footer><p>四川新闻网版权所有　Copyright © 2024</p><p>违法和不良信息举报电话：028-12345678</p>
</footer>
</body>
</html>
"""


def render_html(key: str, article, kicker: str = "") -> str:
    """The web page of one item in the style its ITEMS entry gives."""
    style, name, title, subtitle, author, date, source, column = ITEMS[key]
    body = paragraphs(article, style)
    e = html.escape
    if style == "epaper":
        others = "".join(
            f'<li><a href="{ITEMS[k][1]}">{e(ITEMS[k][2])}</a></li>'
            for k in ITEMS
            if ITEMS[k][0] == "epaper" and k != key
        )
        return EPAPER_PAGE.format(
            title=e(title),
            paper=EPAPER,
            url=EPAPER_URL + name,
            column=e(column),
            others=others,
            kicker=f'<h3 class="yinti">{e(kicker)}</h3>\n' if kicker else "",
            subtitle=f'<h2 class="futi">——{e(subtitle)}</h2>' if subtitle else "",
            author=f'<div class="author">◎ {e(author)}</div>' if author else "",
            body=body,
        )
    if style == "gov":
        site = {"乌海": "乌海市人民政府", "防城": "防城港市防城区人民政府"}.get(
            key, "南充市人民政府"
        )
        return GOV_PAGE.format(
            site=site,
            column=e(column),
            title=e(title),
            date=date,
            source=e(source),
            day=date[-2:].lstrip("0"),
            body=body,
            author_name=e(author),
            author=f"　作者：{e(author)}" if author else "",
        )
    return PORTAL_PAGE.format(title=e(title), column=e(column), date=date, body=body)


CHROME_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>旺苍县新开发城乡公益性岗位_旺苍县人民政府</title></head>
<body><div class="main">
<p>首页 &gt; 新闻中心 &gt; 县域要闻</p>
<p>当前位置：首页 &gt; 县域要闻</p>
<h1>旺苍县新开发城乡公益性岗位</h1>
<p>发布时间：2024-03-05 来源：旺苍县人民政府 浏览次数：58次</p>
<p>手机终端下载 | 关怀版 | 无障碍 | 放大 缩小</p>
<p>今年以来，旺苍县新开发城乡公益性岗位320个，安置就业困难人员和脱贫劳动力就业。</p>
<p>县人社局有关负责人介绍，岗位主要包括道路养护、保洁绿化、治安协管等类别，做到应开尽开。</p>
<p>【打印本页】【关闭窗口】</p>
<p>相关链接</p>
<p>旺苍县召开就业工作推进会</p>
<p>版权所有：旺苍县人民政府 网站标识码：5108210001</p>
</div></body></html>
"""


def write_html(items: dict[str, object]) -> None:
    out = HERE / "html"
    out.mkdir(exist_ok=True)
    for key, article in items.items():
        (out / ITEMS[key][1]).write_text(render_html(key, article), encoding="utf-8")
    # a county site whose template puts its furniture in the article's own block, where
    # main-content extraction keeps it (the acceptance case web-page-chrome, as HTML)
    (HERE / "more").mkdir(exist_ok=True)
    (HERE / "more" / "chrome_in_content.html").write_text(CHROME_PAGE, encoding="utf-8")
    kicker = HERE / "more"
    kicker.mkdir(exist_ok=True)
    (kicker / "golmud_kicker.html").write_text(
        render_html("格尔木", items["格尔木"], kicker="2023年全市社保待遇节节攀升"),
        encoding="utf-8",
    )


# ---------------------------------------------------------------- PDF: the printed page in columns
#: Headline lines of the sample page as printed (set in headline type); ``——`` lines are
#: subtitles. The 格尔木 headline is the banner, the 成都 headline is set vertically.
BANNER = ("托起百姓稳稳的幸福", "——青海格尔木市完善社会保障兜牢民生“底线”", "◎ 汤红红")
VERTICAL = "四川成都市：百条生态惠民新场景示范线增色美好生活"
HEADLINES = {
    "文明耀旺苍 新风拂茶乡",
    "内蒙古乌海市",
    "推动志愿服务走深走实",
    "广西防城港市防城区：",
    "扎实推进清廉机关建设",
    "四川南充市：",
    "开展环保宣传",
    "传播文明理念",
    "四川江油市：",
    "关工委开展暖冬关爱活动",
}
LETTER_SPACED = "推动志愿服务走深走实"  # drawn with 4 pt between characters
SPACED_OUT = "扎实推进清廉机关建设"  # drawn with a space character between characters
BODY, SUB, HEAD, BANNER_SIZE = 9.0, 11.0, 15.0, 24.0
PITCH = {BODY: 13.0, SUB: 15.0, HEAD: 20.0}


def seed_blocks() -> tuple[list[list[str]], list[str]]:
    """The sample page's blocks (runs of lines between blank lines) in printed order, the
    banner and vertical headline taken out, and the photo caption lines apart."""
    text = SEED.read_text(encoding="utf-8").strip("\n")
    blocks = [[line.strip() for line in b.split("\n")] for b in text.split("\n\n")]
    caption: list[str] = []
    kept = []
    for block in blocks:
        if block in ([VERTICAL], list(BANNER[:2]), list(BANNER[2:])):
            continue
        if block[-1].endswith("摄"):
            caption = block
            continue
        kept.append(block)
    return kept, caption


def line_size(line: str) -> float:
    if line in HEADLINES:
        return HEAD
    return SUB if line.startswith("——") else BODY


def flow(blocks: list[list[str]], columns: int, col_height: float) -> list[list[tuple]] | None:
    """Lines placed into ``columns`` columns of ``col_height`` points, as (y, line, size)
    per column; a headline block is not broken; a blank line's height between blocks.
    None when the blocks do not fit."""
    placed: list[list[tuple]] = [[]]
    y = 0.0
    for block in blocks:
        sizes = [line_size(line) for line in block]
        head_height = sum(PITCH[s] for s in sizes if s != BODY)
        if y and y + head_height + PITCH[BODY] > col_height:
            placed.append([])
            y = 0.0
        elif y:
            y += PITCH[BODY]  # the blank line between blocks
        for line, size in zip(block, sizes, strict=True):
            if y + PITCH[size] > col_height:
                placed.append([])
                y = 0.0
            placed[-1].append((y, line, size))
            y += PITCH[size]
    return placed if len(placed) <= columns else None


def draw_text(c, x: float, top: float, text: str, font: str, size: float, space: float = 0):
    """Draw ``text`` with its top at ``top`` points from the page top (reportlab's y is up).

    reportlab's UniGB-UCS2-H encoding for STSong-Light has GB2312's middle dot (A1A4) at
    U+30FB, not U+00B7, and silently drops U+00B7; PDF readers give it back as U+00B7.
    """
    if font == "STSong-Light":
        text = text.replace("\u00b7", "\u30fb")
    t = c.beginText(x, c._pagesize[1] - top - size * 0.88)
    t.setFont(font, size)
    t.setCharSpace(space)
    t.textLine(text)
    c.drawText(t)


def write_pdf(path: Path, font: str, columns: int) -> None:
    """The sample page in ``columns`` columns with ``font`` (see the module docstring)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    blocks, caption = seed_blocks()
    col_width = max(stringWidth(line, font, line_size(line)) for b in blocks for line in b) + 6
    gutter, margin, strip = 14.0, 36.0, 26.0
    col_height = 600.0
    while (placed := flow(blocks, columns, col_height)) is None:
        col_height += 10
    width = 2 * margin + columns * col_width + (columns - 1) * gutter + gutter + strip
    banner_h, photo_h = 80.0, 120.0
    height = 2 * margin + banner_h + col_height + 14 + photo_h + 2 * PITCH[BODY] + 10
    c = canvas.Canvas(str(path), pagesize=(width, height), invariant=True)
    c.setTitle("西部时报 2024年1月16日 第3版")
    c.setAuthor("make_pages.py")
    draw_text(c, margin, margin, BANNER[0], font, BANNER_SIZE)
    draw_text(c, margin + 40, margin + 32, BANNER[1], font, SUB + 2)
    draw_text(c, margin + 40, margin + 56, BANNER[2], font, BODY)
    c.line(margin, height - margin - banner_h + 6, width - margin, height - margin - banner_h + 6)
    top = margin + banner_h
    for i, column in enumerate(placed):
        x = margin + i * (col_width + gutter)
        for y, line, size in column:
            if line == SPACED_OUT:
                draw_text(c, x, top + y, " ".join(line), font, size)
            else:
                draw_text(c, x, top + y, line, font, size, 4 if line == LETTER_SPACED else 0)
    x = margin + columns * (col_width + gutter)
    for i, char in enumerate(VERTICAL):  # one character per line, top to bottom
        draw_text(c, x, top + i * (HEAD + 2), char, font, HEAD)
    photo_top = top + col_height + 14
    c.setFillGray(0.8)
    c.rect(margin, height - photo_top - photo_h, width - 2 * margin, photo_h, stroke=0, fill=1)
    c.setFillGray(0)
    for i, line in enumerate(caption):
        draw_text(c, margin, photo_top + photo_h + 6 + i * PITCH[BODY], line, font, BODY)
    c.showPage()
    c.save()


def write_scan(path: Path) -> None:
    """A page that is only an image (grey bars where text lines would be): no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 560, 90), fill=60)  # a headline
    for row in range(40):
        draw.rectangle((40, 120 + row * 16, 40 + 520 - (row % 7) * 30, 128 + row * 16), fill=110)
    c = canvas.Canvas(str(path), pagesize=(600, 800), invariant=True)
    c.drawImage(ImageReader(image), 0, 0, 600, 800)
    c.showPage()
    c.save()


def write_two_pages(path: Path, font: str) -> None:
    """Two pages: the 南充 item in one column, then a page that is only a photo."""
    from reportlab.pdfgen import canvas

    blocks, _ = seed_blocks()
    start = next(
        i for i, b in enumerate(blocks) if b == ["四川南充市：", "开展环保宣传", "传播文明理念"]
    )
    c = canvas.Canvas(str(path), pagesize=(300, 700), invariant=True)
    top = 30.0
    for block in blocks[start : start + 4]:
        for line in block:
            size = line_size(line)
            draw_text(c, 30, top, line, font, size)
            top += PITCH[size]
        top += PITCH[BODY]
    c.showPage()
    c.setFillGray(0.7)
    c.rect(30, 30, 240, 640, stroke=0, fill=1)
    c.showPage()
    c.save()


#: One short item per page of ``more/three_pages.pdf`` (headline, then body lines).
THREE_PAGES = (
    ("旺苍县召开就业服务推进会", "本报讯 3月2日，旺苍县召开就业服务推进会。", "会议通报，全县今年新增城镇就业1260人，",
     "建成就业服务站点42个。"),
    ("苍溪县养老服务再上新台阶", "本报讯 3月5日，苍溪县召开养老服务工作会。", "截至目前，全县建成村级养老服务站点188个，",
     "累计服务老年人3.6万人次。"),
    ("剑阁县推进农村公路建设", "本报讯 3月9日，剑阁县召开交通工作会议。", "去年全县新改建农村公路315公里，",
     "投入资金2.4亿元。"),
)  # fmt: skip


def write_three_pages(path: Path, font: str) -> None:
    """Three pages, one short county item on each (``THREE_PAGES``), headline in larger type."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(320, 300), invariant=True)
    for headline, *body in THREE_PAGES:
        draw_text(c, 20, 30, headline, font, HEAD)
        for i, line in enumerate(body):
            draw_text(c, 20, 70 + i * PITCH[BODY], line, font, BODY)
        c.showPage()
    c.save()


def write_pdfs() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdfmetrics.registerFont(TTFont("WenQuanYi", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"))
    out = HERE / "pdf"
    out.mkdir(exist_ok=True)
    write_pdf(out / "seed_4col_stsong.pdf", "STSong-Light", 4)
    write_pdf(out / "seed_3col_wqy.pdf", "WenQuanYi", 3)
    more = HERE / "more"
    write_two_pages(more / "two_pages.pdf", "STSong-Light")
    write_three_pages(more / "three_pages.pdf", "STSong-Light")
    bad = HERE / "bad"
    bad.mkdir(exist_ok=True)
    write_scan(bad / "scanned.pdf")


# ---------------------------------------------------------------- files that must be refused
def write_bad() -> None:
    bad = HERE / "bad"
    bad.mkdir(exist_ok=True)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "broken.html").write_text(
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>旺苍县人民政府</title>'
        '</head>\n<body><div class="nav"><a href="/">首页</a> <a href="#">政务公开',
        encoding="utf-8",
    )
    with zipfile.ZipFile(bad / "escape.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (
            ("pages/nanchong.html", (HERE / "html" / "nanchong.html").read_bytes()),
            ("../../outside.txt", "四川旺苍县今年发放城乡居民养老金1.2亿元。".encode()),
        ):  # a fixed time stamp, so the file is the same on every run
            archive.writestr(zipfile.ZipInfo(name, (2024, 1, 16, 0, 0, 0)), data)


def main() -> None:
    items = seed_items()
    write_html(items)
    write_pdfs()
    write_bad()


if __name__ == "__main__":
    main()
