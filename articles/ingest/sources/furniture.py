"""Site furniture that main-content extraction can leave in a web page's text.

Word lists are from the county e-paper (方正/Founder 数字报) and government portal
(政府网站 集约化 CMS) templates the project reads; each rule is for a short line, so an
article sentence that happens to contain one of the words is kept.

- breadcrumbs: ``当前位置：首页 > 新闻中心 > …`` or a short line of ``>``/``›``/``»``
  separated parts starting at 首页;
- reader toolbars and page tools: lines made only of words such as 手机终端下载, 关怀版,
  无障碍, 繁體, 放大 缩小, 字号, 【打印本页】, 【关闭窗口】, 分享到 …, 上一篇/下一篇;
- article info lines (发布时间：…, 来源：…, 浏览次数 …);
- list headings (相关链接, 相关新闻, 本版其他文章 …) and footers (版权所有, ICP备, 网站标识码,
  主办单位 …): the text ends at the first of them.
"""

from __future__ import annotations

import re

__all__ = ["drop_furniture", "is_furniture"]

_SHORT = 60
_BREADCRUMB_RE = re.compile(
    r"^(?:(?:当前|您的|你的|所在)位置\s*[:：].*"
    r"|(?:首页|主页|网站首页)\s*(?:[>＞›»/]|&gt;)\s*.+)$"
)
_TOOL_WORDS = (
    "手机终端下载 手机版 移动版 关怀版 长者版 无障碍 无障碍浏览 繁體 繁体 简体 English 登录 注册 "
    "放大 缩小 默认 字号 大 中 小 打印本页 打印 关闭窗口 关闭 收藏 分享到 分享 微信 微博 QQ空间 "
    "上一篇 下一篇 返回目录 返回顶部 返回 往期回顾 版面导航 标题导航 扫一扫 二维码 纠错 我要纠错"
).split()
_TOOL_RE = re.compile("|".join(sorted(map(re.escape, _TOOL_WORDS), key=len, reverse=True)))
_INFO_RE = re.compile(
    r"^(?:发布时间|发布日期|时间|来源|信息来源|文章来源|作者|浏览次数|点击数|阅读数|访问量)\s*[:：]"
)
_END_RE = re.compile(
    r"^(?:【\s*)?(?:相关链接|相关新闻|相关阅读|相关文章|相关稿件|延伸阅读|推荐阅读|热点排行|热门文章"
    r"|本版其他文章|本版其它文章|往期回顾|网站地图)(?:\s*】)?\s*[:：]?$"
    r"|版权所有|Copyright|©|ICP备|网站标识码|主办单位|承办单位|技术支持|公网安备"
)


def is_furniture(line: str) -> bool:
    """True when ``line`` (one line of page text) is a breadcrumb, toolbar or info line."""
    line = line.strip()
    if not line or len(line) > _SHORT:
        return False
    if _BREADCRUMB_RE.match(line) or _INFO_RE.match(line):
        return True
    rest = _TOOL_RE.sub("", line)
    return len(line) > len(rest) and not re.sub(r"[\W_]", "", rest)


def drop_furniture(lines: list[str]) -> list[str]:
    """``lines`` without furniture lines, cut at the first list heading or footer line."""
    kept = []
    for line in lines:
        if len(line.strip()) <= _SHORT and _END_RE.search(line.strip()):
            break
        if not is_furniture(line):
            kept.append(line)
    return kept
