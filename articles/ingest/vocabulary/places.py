"""Where a place name is not its division (read by the gazetteer's scanner): zones
named after a place (临江高新区), and the ends of firm, institution, street, estate and
venue names a bare short name may open (大田粮油加工厂, 天一广场)."""

# -- places that are not their division (read by the gazetteer) ------------------------

# Development and functional zones named after a place (临江高新区, 宁波经开区, 郑州航空港
# 新区): a zone is not the division it is named after. Only a zone that is itself a
# division (浦东新区, 滨海新区) is a place, and that one matches as a full name first.
ZONE_SUFFIXES = (
    "高新技术产业开发区",
    "高新技术开发区",
    "经济技术开发区",
    "经济开发区",
    "综合保税区",
    "自由贸易试验区",
    "产业集聚区",
    "工业园区",
    "高新区",
    "经开区",
    "开发区",
    "工业园",
    "产业园",
    "工业区",
    "保税区",
    "自贸区",
    "示范区",
    "试验区",
    "集聚区",
    "新区",
    "园区",
)

# A county's short name that ends like a lake, hill or river (龙湖 of 龙湖区, 东湖, 江山,
# 青山) is often the tail of a longer feature name (鹤龙湖, 小东湖, 洞庭湖 has none): glued
# to a Chinese character before it that no ``SHORT_NAME_LEFT_BREAKS`` is, it names that
# feature, not the division (a Hunan county report about 鹤龙湖镇 was located in Shantou's
# 龙湖区). The division's full name (龙湖区) and a short name right after its province or
# prefecture (汕头龙湖) still count.
FEATURE_NAME_ENDS = "湖山江河海溪岭峰泉湾岛池潭洲"
#: Characters a place name may follow directly and still start a word of its own: verbs of
#: going and being, prepositions, conjunctions, particles, level suffixes of a division.
SHORT_NAME_LEFT_BREAKS = frozenset(
    "的了在是和与及等对将把被向从到有已共全县市区省镇乡村旗州盟赴于来去为我至往经由今年"
)

# Ends of the proper names of firms, institutions, streets and estates: a bare short name
# at the start of such a name (大田粮油加工厂, 北京万商天勤律师事务所, 台湾风情街, 上海城小区)
# names the firm or the estate, not the division.
PROPER_NAME_ENDS = (
    "有限公司",
    "公司",
    "集团",
    "加工厂",
    "厂",
    "事务所",
    "银行",
    "酒店",
    "宾馆",
    "饭店",
    "医院",
    "学校",
    "中学",
    "小学",
    "大学",
    "学院",
    "幼儿园",
    "商场",
    "超市",
    "合作社",
    "商会",
    "协会",
    "研究院",
    "研究所",
    "风情街",
    "步行街",
    "美食街",
    "小区",
    "花园",
    "家园",
    "公寓",
    "商城",
)

# Ends of the names of venues (天一广场, 奥体中心体育馆): a division named just before one
# (海曙区天一广场) is where an event took place, not what its figures are about.
VENUE_ENDS = (
    "广场",
    "公园",
    "体育馆",
    "体育场",
    "体育中心",
    "会展中心",
    "会议中心",
    "展览馆",
    "大剧院",
    "剧院",
    "礼堂",
    "文化中心",
    "文化馆",
    "博物馆",
    "图书馆",
    "纪念馆",
    "步行街",
    "景区",
)
