"""The words around a figure: units and their kinds, approximators, and what blocks them."""

from __future__ import annotations

import re

# --- units -------------------------------------------------------------------------------

UNIT_KINDS: dict[str, str] = {}
for _kind, _units in {
    "people": "人次 人 名 位",
    "money": (
        "元 块钱 美元 欧元 日元 英镑 港元 港币 澳元 韩元 卢布 美金 人民币 元人民币 台币 新台币 "
        "法郎 瑞士法郎 卢比 泰铢 比索 加元 新加坡元 美分"
    ),
    "percent": "% ‰ 个百分点 百分点 成",
    "duration": (
        "个小时 个多小时 个半小时 个半月 小时 分钟 秒钟 秒 个工作日 工作日 个星期 星期 周年 "
        "个月 个多月 天 周 年 昼夜 学时 课时"
    ),
    "date": "年代 世纪",
    "quantity": (
        "个 场次 场 次 人份 件次 户次 艘次 批次 批 支 条 家 块 件 份 项 处 所 座 栋 幢 "
        "间 套 台 台次 辆 辆次 架 架次 艘 张 本 册 部 部门 篇 期 届 轮 类 大类 种 组 队 "
        "株 棵 只 头 匹 箱 袋 包 瓶 盒 吨 ℃ °C 摄氏度 千克 公斤 克 斤 平方米 平米 "
        "平方公里 平方千米 公里 千米 厘米 毫米 米 亩 公顷 立方米 方 升 毫升 千瓦时 千瓦 "
        "兆瓦 度 户 单 笔 宗 例 起 门 门店 节 首 幅 面 枚 颗 粒 根 片 层 级 站 省 县 班 "
        "堂 课 岁 周岁 倍 分 字 页 集 卷 桌 盆 束 朵 口 对 双 把 道 遍 趟 款 盏 点 公分 微克 毫克 "
        "千卡 赫兹 km kg cm mm mg ml m"
    ),
}.items():
    for _unit in _units.split():
        UNIT_KINDS[_unit] = _kind

# Measure words that, after a Chinese numeral, are words rather than counts (十分, 十字路口,
# 十九届, 千方百计, 四面八方), so a Chinese numeral never takes them.
ARABIC_ONLY_UNITS = frozenset(
    "点分方度节字包口头门本首面届把道片里对双站班课堂单只层级成例笔宗盆朵束遍趟"
)

# A unit followed by one of these characters is the start of another word (3年级, 10人员).
NOT_AFTER_UNIT: dict[str, str] = {
    "位": "置数于居列一",
    "名": "单称义额片誉字",
    "场": "所地景馆面合",
    "人": "民员才士群物们口气类",
    "次": "日序要数",
    "条": "件例款约",
    "家": "庭长属乡园",
    "期": "间待望盼限",
    "项": "目链",
    "届": "时",
    "天": "然气下津空地使",
    "年": "级纪龄轻华货",
    "岁": "月",
    "周": "边围末到",
    "批": "评示准复",
    "类": "型似",
    "所": "有以在谓属长",
    "部": "分长署",
    "台": "阶湾词",
    "套": "餐",
    "张": "家",
    "首": "都先次届席长",
    "门": "口诊卫槛",
    "轮": "流换训",
    "组": "织成建长合",
    "队": "伍员长",
    "个": "性体人案别",
    "处": "理长置",
    "层": "面次级",
    "级": "别",
    "份": "额子量",
    "起": "来初步",
    "头": "等脑条",
    "只": "是有要能",
    "口": "号罩岸碑",
    "支": "持部援付撑",
    "元": "旦素宵首",
    "方": "面式法案向针便",
    "分": "别析布享配工",
    "节": "日目约能点",
    "片": "区面",
    "站": "点长台",
    "班": "组子长车",
    "课": "程堂题",
    "单": "位独元",
    "笔": "者记",
    "例": "如",
    "克": "服",
    "米": "饭",
    "倍": "增",
    "集": "体团中合",
    "座": "谈位",
    "间": "隔",
    "对": "接象于话",
    "双": "方",
    "道": "路德理",
    "户": "外口籍",
    "种": "子类植",
    "本": "地领科",
    "架": "构",
    "面": "对向临",
    "款": "项",
    "度": "过",
    "成": "员立为功果绩本就长效熟交都型品年人分",
}

# Counted people named without a measure word (数万职工, 近万群众); only with a scale or an
# approximator, so that a hotline (12351职工热线) stays a number.
PEOPLE_NOUNS = (
    *("职工", "群众", "居民", "员工", "志愿者", "劳动者", "会员", "党员", "干部", "学生"),
    *("村民", "游客", "观众", "市民", "农民工", "人口"),
)

# --- approximators -----------------------------------------------------------------------

PREFIXES: tuple[tuple[str, str], ...] = (
    ("不超过", "under"),
    ("不少于", "over"),
    ("不低于", "over"),
    ("将近", "under"),
    ("接近", "under"),
    ("不到", "under"),
    ("不足", "under"),
    ("大约", "about"),
    ("超过", "over"),
    ("至少", "over"),
    ("最多", "under"),
    ("约", "about"),
    ("近", "under"),
    ("逾", "over"),
    ("超", "over"),
    ("上", "over"),
    ("快", "under"),
)
PREFIX_ENDS = frozenset(word[-1] for word, _ in PREFIXES)
# Characters before a one-character prefix that make it part of another word (最近, 预约, 加快).
PREFIX_BLOCKERS = {
    "近": "最附接将靠亲邻就远贴",
    "约": "预邀签特相赴制节条公合履违践失婚契盟",
    "超": "赶高",
    "上": "成千百万以之",
    "快": "加赶尽飞很最更较越爽痛",
}
POST_APPROX = {"余": "over", "多": "over", "来": "about"}
TAIL_APPROX = {"以上": "over", "有余": "over", "多": "over", "以下": "under", "左右": "about"}
# Units a lone Chinese digit may count: short spans of time and the formal people classifiers.
COUNTED_ALONE = frozenset(
    ("个月", "个小时", "小时", "天", "个多月", "个半月", "个半小时", "名", "位")
)
RECENT_UNITS = ("年", "个月", "天", "周", "个星期")  # 近3年来: the recent three years, not nearly

TIME_OF_DAY = {
    "凌晨": 0,
    "早上": 0,
    "上午": 0,
    "中午": 12,
    "下午": 12,
    "傍晚": 12,
    "晚上": 12,
    "夜间": 12,
    "晚": 12,
    "早": 0,
}
POINT_NOUNS = re.compile(
    r"建议|要求|意见|体会|措施|内容|希望|做法|经验|共识|举措|原因|理由|看法|想法|收获|启示|任务|目标"
)

# --- bare years: a time adverbial, or part of a name? ------------------------------------

# 2023年“最美站点”, 2023年全国工人先锋号, 2023年学雷锋志愿服务月主题活动: a year that heads a name.
YEAR_CONTEXT = re.compile(
    r"(?P<verb>开展|举办|举行|完成|实现|建成|新建|组织|召开|发布|启动|推出|投入|成立|累计|全年|以来|"
    r"通过|继续|持续|先后|全力|积极|不断|进一步|开始|达到|超过|增长|下降|同比|期间|共|将|已|是|"
    r"在|对|为|向|把|被|以|要|还|也|又|再|起|前|后|至|到|和|与|及)"
    r"|(?P<name>奖|先锋号|标兵|最美|十大|十佳|称号|荣誉|之星|名单|榜单|大赛|竞赛|比赛|活动|计划|项目|"
    r"要点|方案|规划|报告|公报|白皮书|年鉴|主题|论坛|峰会|博览会|运动会|奥运会|晚会|评选|[“《\"「『])"
    r"|(?P<stop>[，。；：！？、,;:!?\n（()）])"
)
YEAR_LOOKAHEAD = 25
