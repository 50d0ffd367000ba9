"""The words of web-page furniture (read by ``split/furniture_kinds.py``): breadcrumb
labels and separators, publish-line labels, toolbar and navigation words, page-list
headings and links, and footer labels and marks."""

# -- furniture of pages saved from the web (read by ``split/furniture_kinds.py``) -------
# Text copied from a county government or media-centre site carries the site around the
# article: navigation, a breadcrumb, a publish line, a reader toolbar, lists of other pages
# and a footer. None of it is a title, a body or a metric (issue 7, point 9). The words
# below are the labels such sites print (seen on county sites and in the acceptance case
# ``web-page-chrome``); ``split/furniture_kinds.py`` composes its line rules from them.

#: Labels that open a breadcrumb trail: ``当前位置：首页 > 新闻中心 > 县域要闻``.
BREADCRUMB_LABELS = (
    "当前位置",
    "您现在的位置",
    "您当前的位置",
    "您的位置",
    "您所在的位置",
    "现在的位置",
    "所在位置",
    "当前页面",
)
#: Marks between the steps of a breadcrumb (``首页 > 县域要闻``, ``首页 -> 新闻``).
BREADCRUMB_SEPARATORS = (">", "＞", "›", "»", "→", "->", ">>", "》")
#: The first step of a breadcrumb trail and of a navigation bar.
HOME_WORDS = ("首页", "网站首页", "主页", "返回首页")
#: Field labels of a publish line (``发布时间：2024-03-05  来源：…  浏览次数：58次``) and of
#: the metadata table of a government information page (``索引号：… 发文日期：…``). Any one
#: of them opening a line, followed by a colon, makes the line a publish line.
PUBLISH_LABELS = (
    "发布时间",
    "发布日期",
    "发布于",
    "发表时间",
    "发布机构",
    "发文日期",
    "发文机关",
    "成文日期",
    "上载日期",
    "更新时间",
    "更新日期",
    "归档时间",
    "来源",
    "信息来源",
    "文章来源",
    "稿件来源",
    "新闻来源",
    "浏览次数",
    "浏览量",
    "阅读次数",
    "阅读量",
    "访问次数",
    "访问量",
    "点击数",
    "点击量",
    "点击次数",
    "索引号",
    "主题分类",
    "公开方式",
    "公开时限",
    "字号",
    "字体",
    "字体大小",
    "版次",
    "名称",
)
#: Labels that make a publish line only together with another label of either list
#: (``时间：2024-03-05 来源：…``, ``作者：王五 编辑：李四``): alone they also open lines of
#: a notice's body (``时间：3月5日上午9时``).
WEAK_PUBLISH_LABELS = (
    "时间",
    "日期",
    "作者",
    "撰稿",
    "编辑",
    "责任编辑",
    "审核",
    "审校",
    "初审",
    "复审",
    "终审",
    "一审",
    "二审",
    "三审",
    "摄影",
    "供稿",
    "点击",
    "浏览",
    "分类",
    "文号",
)
#: Words of reader toolbars (buttons and labels). A line made mostly of them and of
#: ``NAV_WORDS`` (at least ``furniture_kinds.TOOLBAR_SHARE`` of its characters) is furniture:
#: ``手机终端下载 | 关怀版 | 无障碍``, ``【字体：大 中 小】【打印】【关闭】``.
TOOLBAR_WORDS = (
    "手机终端下载",
    "手机版",
    "移动版",
    "客户端下载",
    "电脑版",
    "关怀版",
    "适老版",
    "长者模式",
    "老年模式",
    "无障碍",
    "无障碍浏览",
    "读屏",
    "繁体",
    "简体",
    "繁體",
    "English",
    "放大",
    "缩小",
    "默认",
    "大中小",
    "字体",
    "字号",
    "打印",
    "打印本页",
    "打印此页",
    "打印文章",
    "收藏",
    "加入收藏",
    "设为首页",
    "分享到",
    "分享",
    "关闭",
    "关闭窗口",
    "关闭本页",
    "返回顶部",
    "返回",
    "登录",
    "注册",
    "搜索",
    "扫一扫",
    "微信",
    "微博",
    "网站地图",
    "将本站设为首页",
    "账号",
    "密码",
    "用户名",
    "验证码",
    "详细信息",
    "公开具体内容",
    "Untitled Document",
    "无标题文档",
    "logo",
    "点击收听",
    "我来说两句",
)
#: Section names of a site's navigation bar (``首页 政务公开 政务服务 互动交流``). They count
#: with ``TOOLBAR_WORDS`` towards a toolbar line, but a line of one of them alone is an
#: intertitle a report may print (``政务公开``), not furniture.
NAV_WORDS = (
    "首页",
    "网站首页",
    "政务公开",
    "政务服务",
    "政府信息公开",
    "互动交流",
    "公众参与",
    "新闻中心",
    "新闻动态",
    "专题专栏",
    "网上办事",
    "办事服务",
    "领导之窗",
    "机构设置",
    "县情概况",
    "市情概况",
)
#: Headings of lists of other pages printed after (or beside) an article; the heading and
#: the link lines under it are furniture. ``上一篇：…`` and ``下一篇：…`` are a list of one.
PAGE_LIST_HEADINGS = (
    "相关链接",
    "相关阅读",
    "相关新闻",
    "相关文章",
    "相关信息",
    "相关稿件",
    "热点新闻",
    "热点推荐",
    "热门文章",
    "热门新闻",
    "推荐阅读",
    "延伸阅读",
    "最新文章",
    "最新动态",
    "猜你喜欢",
    "精彩推荐",
    "新闻推荐",
)
#: One-line links to the page before and after (``上一篇：旺苍县召开…``).
PAGE_LINK_LABELS = ("上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页")
#: Labels of a site footer (``版权所有：旺苍县人民政府``, ``网站标识码：5108210001``,
#: ``蜀ICP备12345678号``). A line that opens with one (or holds one of the unmistakable
#: ``FOOTER_MARKS`` anywhere) and ends no sentence is furniture.
FOOTER_LABELS = (
    "版权所有",
    "主办单位",
    "承办单位",
    "协办单位",
    "主办",
    "承办",
    "技术支持",
    "运营维护",
    "网站标识码",
    "备案号",
    "ICP备案号",
    "联系我们",
    "网站地图",
    "建议使用",
    "最佳分辨率",
    "本网站",
)
#: Footer marks that are furniture wherever they stand in a line without a sentence end.
FOOTER_MARKS = ("ICP备", "ICP证", "公网安备", "网站标识码", "Copyright", "©", "版权所有")
