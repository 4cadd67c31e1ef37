"""Which numbers are claims: one rule in every script (see factcheck/claimhood.py).

These are the rules' own checks; the real-text checks are tests/test_extraction_gold.py
(the hand-checked gold sample) and the consistency floors on aligned translations.
"""

from __future__ import annotations

import pytest

from factcheck.claimhood import claims_only
from factcheck.quantities import extract_quantities


def claims(text: str) -> list[str]:
    return [q.surface for q in claims_only(text, extract_quantities(text))]


def claim_kinds(text: str) -> list[tuple[str, str]]:
    """(surface, kind) of each claim of ``text``."""
    return [(q.surface, q.kind) for q in claims_only(text, extract_quantities(text))]


def money_units(text: str) -> list[str]:
    """The currency of each money claim factcheck extracts from ``text`` as a whole article."""
    from factcheck.extract import extract_claims
    from factcheck.ingest import read_bytes

    source = read_bytes(text.encode(), "article.txt", "s1")
    return [c.quantity.unit for c in extract_claims(source) if c.quantity.kind == "money"]


@pytest.mark.parametrize(
    "text",
    [
        "一位专家表示，情况正在好转。",
        "一份声明说，工厂已经关闭。",
        "其中一家公司宣布退出。",
        "One of them said the plant had closed.",
        "一個孩子在路邊等車。",
        "他们一一列出了名单。",
        "这是一年一度的节日。",
        "同一天，政府宣布了新措施。",
    ],
)
def test_one_as_an_article_is_not_a_claim(text: str) -> None:
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("事故造成一人死亡。", "一"),
        ("事故造成一人死亡。".replace("一", "1"), "1"),
        ("One person died in the crash.", "One"),
        ("仅一人生还。", "一"),
        ("Only one survivor was found.", "one"),
        ("The group included four men and one woman.", "one"),
    ],
)
def test_one_that_is_the_point_is_a_claim(text: str, figure: str) -> None:
    assert figure in claims(text)


@pytest.mark.parametrize(
    "text",
    [
        "11 点 20 分，警察要求人群后退。",
        "宵禁从下午3点至凌晨6点。",
        "The curfew runs from 10 p.m. to 4 a.m.",
        "当地时间26号，会议开幕。",
        "这种技术在 19 世纪就已出现。",
        "自 20 世纪 30 年代以来一直如此。",
        "二十世纪八十年代，情况发生了变化。",
        "He last won in the 1995-96 season.",
        "见图 1 和表 2。",
        "See Figure 3 for details.",
        "这两个词含义不同。",
        "他排第 37 位。",
        "从十一月底开始，到五月结束。",
        "数十人聚集在广场。",
    ],
)
def test_times_periods_references_and_vague_sizes_are_not_claims(text: str) -> None:
    assert claims(text) == []


def test_a_count_after_a_verb_ending_in_hou_is_still_a_claim() -> None:
    # 落后 ends in 后 but points back at nothing: "7 points behind"
    assert claims("约翰逊落后 7 分。") == ["7"]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("a 65-year-old man", "age", 65.0),
        ("他今年65岁。", "age", 65.0),
        ("有 48 年历史的大桥", "age", 48.0),
        ("25°C in the shade", "temperature", 25.0),
        ("零下5度", "temperature", -5.0),
        ("每小时 240 千米", "speed", 240 / 3.6),
        ("at 40 mph", "speed", 40 * 0.44704),
        ("大约 24,000 块陨石", "count", 24000.0),
        ("weighs 200 pounds (90kg)", "mass", 200 * 0.45359237),
        ("He won the title seven times.", "count", 7.0),
        ("three times as many cases", "multiple", 3.0),
        ("in the last 14\u2009days", "duration", 14 * 86400.0),
    ],
)
def test_the_words_around_a_number_give_its_kind(text: str, kind: str, value: float) -> None:
    q = extract_quantities(text)[0]
    assert q.kind == kind
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "kind", "value", "hedge"),
    [
        # a share is a percentage, however it is written
        ("将死亡人数减少一半。", "percent", 50.0, None),
        ("近一半的居民支持。", "percent", 50.0, "about"),
        ("过半数议员反对。", "percent", 50.0, "more_than"),
        ("Half of the votes were counted.", "percent", 50.0, None),
        # half of another figure is a ratio
        ("生存率仅为富裕国家的一半。", "multiple", 0.5, None),
        ("rates can be half those of richer countries", "multiple", 0.5, None),
    ],
)
def test_half_is_read_alike_in_every_script(
    text: str, kind: str, value: float, hedge: str | None
) -> None:
    (q,) = extract_quantities(text)
    assert (q.kind, q.value, q.hedge) == (kind, value, hedge)


@pytest.mark.parametrize("text", ["上半场结束", "朝鲜半岛", "the second half of the year"])
def test_half_inside_words_and_periods_is_no_figure(text: str) -> None:
    assert extract_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Iran allocated five trillion rials.", ("money", "IRR", 5e12)),
        ("伊朗拨款五万亿里亚尔。", ("money", "IRR", 5e12)),
        ("a chip for about one U.S. cent each", ("money", "USD", 0.01)),
        ("每片价格在一美分左右", ("money", "USD", 0.01)),
        ("咽痛 (13 -25%) 为主要症状", ("percent", "%", 19.0)),
        ("one 41-50 years old.", ("age", "year", 45.5)),
        ("age (≥60) was a risk", ("age", "year", 60.0)),
        ("Deworming twice a year helps.", ("count", "", 2.0)),
        ("He drove over the bridge seven times over.", ("count", "", 7.0)),
    ],
)
def test_fresh_development_lines_read_right(text: str, figure: tuple[str, str, float]) -> None:
    q = claims_only(text, extract_quantities(text))[-1]
    assert (q.kind, q.unit) == figure[:2]
    assert q.value == pytest.approx(figure[2])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("除一种指定的 WIV1 外", ["一"]),
        ("none except for one designated strain", ["one"]),
        ("将前五个呈阳性的样本寄出", ["五"]),
        ("他进入了前十名", []),
        ("wake up every twenty or thirty minutes", []),
        ("每二十或三十分鐘醒來", []),
        ("The survey covered 5 or 10 cases.", ["5", "10"]),
    ],
)
def test_exceptions_firsts_ranks_and_rough_pairs(text: str, kept: list[str]) -> None:
    assert claims(text) == kept


@pytest.mark.parametrize(
    "text", ["启动四级应急响应", "增幅达两位数", "发布暴雨二级预警", "7月21日8时至22日8时"]
)
def test_alert_levels_digit_counts_and_days_before_an_hour_are_not_claims(text: str) -> None:
    assert claims_only(text, extract_quantities(text)) == []


@pytest.mark.parametrize("text", ["一天要喝五、六瓶水", "她要看二、三十名病童"])
def test_a_rough_pair_written_with_a_comma_of_enumeration_is_no_claim(text: str) -> None:
    assert claims_only(text, extract_quantities(text)) == []


@pytest.mark.parametrize(
    "text", ["指數能否守穩3000點，仍待觀察。", "上证指数收报3028.46点，下跌0.74%。"]
)
def test_an_index_level_in_points_is_no_time_of_day(text: str) -> None:
    kept = claims_only(text, extract_quantities(text))
    assert any(q.value in (3000.0, 3028.46) for q in kept)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("今天凌晨3時25分在花蓮外海發生地震，規模5.4。", ["5.4"]),  # a clock with its minutes
        ("股市今天（22日）上漲1.2%。", ["1.2%"]),  # the day in brackets after 今天
        ("民國112年的出生數為13.5萬人。", ["13.5萬"]),  # a year of the ROC calendar
        ("自113學年度起，錄取名額增加800名。", ["800"]),  # a school year
        ("落石阻斷台9線，國道3號也一度封閉。", []),  # road numbers, and 一度 "at one point"
        ("股价一度下跌7%，收盘时跌幅收窄至2%。", ["7%", "2%"]),
        ("汽车零部件出口增长12%。", ["12%"]),  # 零 begins the word 零部件
    ],
)
def test_clocks_calendar_years_roads_and_word_numerals_are_not_claims(
    text: str, kept: list[str]
) -> None:
    assert claims(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The temple was built around 1500 BC by 300 workers.", ["300"]),
        ("Pompeii was buried in AD 79.", []),
    ],
)
def test_years_of_the_common_era_are_not_claims(text: str, kept: list[str]) -> None:
    assert claims(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("以匯率1美元兌32元新台幣計算，營收約82億美元。", ["32元", "約82億美元"]),
        ("当日1美元兑7.1元人民币。", ["7.1元人民币"]),
    ],
)
def test_the_unit_an_exchange_rate_is_quoted_for_is_no_claim(text: str, kept: list[str]) -> None:
    assert claims(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # ordinals, in every script: no figure ("thirteenth" never was one; 第二十四名 neither)
        ("South Korea's skier finished twenty-fourth in the men's race.", []),
        ("It is the twenty-first century.", []),
        ("The gun failed while pointed at a fifth man's head.", []),
        ("The airport will build a third runway and a fifth-floor lounge.", []),
        ("Shipments grew for a third straight month.", []),
        # a fraction stays one: of, a preposition, a verb or a clause end follows
        ("A fifth of adults smoke.", ["A fifth"]),
        ("It will raise the wage by a fifth within three years.", ["a fifth", "three years"]),
        ("A third voted against it.", ["A third"]),
        # a streak is a count: five-match losing streak, 五连败, 七連勝
        ("For the Springboks, it ended a five-match losing streak.", ["five"]),
        ("跳羚队以五连败收官。", ["五"]),
        ("該隊豪取七連勝。", ["七"]),
        # the rest of a list of names, and the second day of two
        ("The Number 1 and 2 reactors at the plant were shut down.", []),
        ("It signed with Group 42 and 18 other firms.", ["18"]),
        ("The exams will finish between June 8 and 10, and results follow.", []),
    ],
)
def test_ordinals_streaks_listed_names_and_second_days_alike_in_every_script(
    text: str, kept: list[str]
) -> None:
    assert claims(text) == kept


@pytest.mark.parametrize(
    ("text", "value"),
    [("央行宣布降息一碼。", 0.25), ("聯準會調降2碼", 0.5), ("央行升息一碼半", 0.375)],
)
def test_a_rate_move_in_ma_is_a_quarter_point_each(text: str, value: float) -> None:
    (q,) = [q for q in extract_quantities(text) if q.kind == "percentage_point"]
    assert q.value == value and q.unit == "pp"


def test_ma_without_a_rate_move_is_no_quarter_point() -> None:
    assert all(q.kind != "percentage_point" for q in extract_quantities("他帶球推進了100碼。"))


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("可能持续一到两年。", 1, 2), ("需要两到三天。", 2, 3), ("三至五名", 3, 5)],
)
def test_a_range_of_chinese_numerals_keeps_its_low_end(text: str, low: float, high: float) -> None:
    (q,) = extract_quantities(text)
    assert q.low is not None and q.high is not None
    assert (q.low / q.high) == pytest.approx(low / high)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # beside a rate or a poll, "points" are percentage points; in sport and indices not
        ("Approval fell to 38%, down 6 points since May.", [("38%", 38.0), ("6 points", 6.0)]),
        ("Delinquencies rose 0.3 point to 3.6%.", [("0.3 point", 0.3), ("3.6%", 3.6)]),
        ("The Dow fell 300 points, or 1.2%.", [("300", 300.0), ("1.2%", 1.2)]),
        ("He scored 30 points as his shooting hit 55%.", [("30", 30.0), ("55%", 55.0)]),
        # double / triple before a determiner are multiples; the verb and adjective are not
        ("Visits were roughly triple the usual number.", [("roughly triple", 3.0)]),
        ("Sales doubled in a double-digit year.", []),
        # ranks are no ratios; a speed per second in Chinese; brands; a spaced classifier
        ("The show reached the top 10 in 83 countries.", [("83", 83.0)]),
        ("当晚风速为顺风1.8米/秒。", [("1.8米/秒", 1.8)]),
        ("At a 7-Eleven on Route 66, gas was $2.99.", [("$2.99", 2.99)]),
        ("登上Soundline 200榜首，另向 Group 42 出资。", []),
        ("公司共有 2000 名员工。", [("2000", 2000.0)]),
    ],
)
def test_news_shapes_met_in_the_feature_corpus(text: str, figures: list[tuple[str, float]]) -> None:
    found = claims_only(text, extract_quantities(text))
    assert [(q.surface, q.value) for q in found] == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # AP style degrees, spaced, where heat is spoken of; a grade "3 C" stays a count
        ("It hit 41.3 C (106.3 F).", [("41.3 C", "temperature"), ("106.3 F", "temperature")]),
        ("Overnight lows of about 28 C.", [("about 28 C", "temperature")]),
        ("He got a 3 C grade.", [("3", "count")]),
        # the units of a local news desk, and 千 before a metric unit after 万
        ("Cells store 360 watt-hours per kilogram.", [("360 watt-hours", "energy")]),
        ("销量约为182万千升。", [("约为182万千升", "volume")]),
        ("The roughly 53,000-square-meter site sold.", [("roughly 53,000-square-meter", "area")]),
        ("It covers 300,948 sq mi.", [("300,948 sq mi", "area")]),
        ("工厂建在一块640英亩的土地上。", [("640英亩", "area")]),
        # ages a reporter writes without "years old"; "1.5 times" happens to nothing
        ("The hospital treated 42 people; the oldest was 98.", [("42", "count"), ("98", "age")]),
        ("About 284,000 were 80 or older.", [("About 284,000", "count"), ("80 or older", "age")]),
        ("It is worth about 1.5 times last year's revenue.", [("about 1.5 times", "multiple")]),
        ("Four were of magnitude 3 or above.", [("Four", "count"), ("3", "magnitude")]),
    ],
)
def test_news_shapes_met_in_the_local_corpus(text: str, figures: list[tuple[str, str]]) -> None:
    assert claim_kinds(text) == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("It took two decades.", [("two decades", "duration")]),
        ("Capacity will rise tenfold.", [("tenfold", "multiple")]),
        ("洪峰流量约为每秒1.24万立方米。", [("1.24万立方米", "volume")]),
        ("It holds 59.2 million cubic metres.", [("59.2 million cubic metres", "volume")]),
        ("误工期长达180日。", [("180日", "duration")]),
        ("Fewer than 3 in 1,000 visitors complained.", [("Fewer than 3 in 1,000", "percent")]),
        # generations by birth years are no figures
        ("一批“00后”“05后”选手脱颖而出，95后摊主小唐说。", []),
    ],
)
def test_more_shapes_met_in_the_local_corpus(text: str, figures: list[tuple[str, str]]) -> None:
    assert claim_kinds(text) == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("入場單位實用面積約269平方呎。", [("約269平方呎", "area")]),
        ("集團宣派中期息每股18仙。", [("18仙", "money")]),
        ("It paid 18 HK cents plus a special dividend.", [("18 HK cents", "money")]),
        ("It cost $5 plus $2 tax.", [("$5", "money"), ("$2", "money")]),
        ("Rent rose by 15% on renewal, from HK$12,000 to HK$13,800.",
         [("15%", "percent"), ("HK$12,000", "money"), ("HK$13,800", "money")]),
        ("Prices ranged from $5 to $10.", [("from $5 to $10", "money")]),
    ],
)  # fmt: skip
def test_shapes_met_in_the_hong_kong_corpus(text: str, figures: list[tuple[str, str]]) -> None:
    assert claim_kinds(text) == figures


def test_a_hong_kong_article_that_names_no_currency_is_in_hong_kong_dollars() -> None:
    text = "本港樓市回穩，將軍澳一個單位以898萬元易手，實用呎價約13,773元。"
    assert set(money_units(text)) == {"HKD"}


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("It raised its dividend by 3 cents to 28 cents a share.",
         [("3 cents", "money"), ("28 cents", "money")]),
        ("Net income $4.3 bln vs $5.1 bln year ago",
         [("$4.3 bln", "money"), ("$5.1 bln", "money")]),
        ("Yields rose 5 bps to 4.79%.", [("5 bps", "percentage_point"), ("4.79%", "percent")]),
        ("他被判囚1年半。", [("1年半", "duration")]),
        ("Sales rose by 2% to 5%.", [("2% to 5%", "percent")]),
    ],
)  # fmt: skip
def test_shapes_met_in_the_markets_corpus(text: str, figures: list[tuple[str, str]]) -> None:
    assert claim_kinds(text) == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("LDL fell from 148 to 71 mg/dL.", [("148", "concentration"), ("71 mg/dL", "concentration")]),  # noqa: E501
        ("Sales rose from 5 to 7 million.", [("5", "count"), ("7 million", "count")]),
        ("CO2 peaked at 426.9 parts per million.", [("426.9 parts per million", "percent")]),
        ("支持96千赫的音频。", [("96千赫", "frequency")]),
        ("It was 29% a decade ago.", [("29%", "percent"), ("a decade", "duration")]),
        ("持续了两个世纪，始于19世纪。", [("两个世纪", "duration")]),
        ("Life expectancy rose to 78.4 years.", [("78.4 years", "age")]),
    ],
)
def test_shapes_met_in_the_science_corpus(text: str, figures: list[tuple[str, str]]) -> None:
    assert claim_kinds(text) == figures


def test_where_a_change_started_takes_the_scale_of_where_it_ended() -> None:
    (start, end) = extract_quantities("Sales rose from 5 to 7 million.")
    assert (start.value, end.value) == (5e6, 7e6)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("约每12人中有1人停药。", 100 / 12),
        ("該國每8名女性就有1人罹癌。", 12.5),
        ("每三户家庭中就有一户", 100 / 3),
    ],
)
def test_one_in_n_as_chinese_writes_it_is_a_share(text: str, value: float) -> None:
    (q,) = claims_only(text, extract_quantities(text))
    assert q.kind == "percent" and q.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "kept"),
    [("每10万人有12人死亡。", ["10万", "12"]), ("每 10 万人拥有 12.5 张床位", ["10 万", "12.5"])],
)
def test_a_rate_per_100000_stays_two_figures(text: str, kept: list[str]) -> None:
    assert claims(text) == kept


def test_children_under_five_is_an_age_and_up_to_nine_in_ten_a_share() -> None:
    assert claim_kinds("11 were children under 5; up to 9 in 10 catch it.") == [
        ("11", "count"), ("under 5", "age"), ("up to 9 in 10", "percent"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("增长率为-2.71%，气温为-5℃。", [("-2.71%", -2.71), ("气温为-5℃", -5.0)]),
        ("人口自然增长率为-2.71‰。", [("-2.71‰", -0.271)]),
        ("a growth rate of minus 2.71 per 1,000", [("minus 2.71 per 1,000", -0.271)]),
        ("持续3-5年", [("3-5年", 4 * 31557600.0)]),
        ("相关疾病被称为冠状病毒疾病-19 (COVID-19)。", []),
        ("under the 14th Five-Year Plan", []),
        ("人均预期寿命达到80.12岁。", [("80.12岁", 80.12)]),
    ],
)
def test_signs_after_han_text_per_mille_and_plan_names(
    text: str, figures: list[tuple[str, float]]
) -> None:
    found = claims_only(text, extract_quantities(text))
    assert [(q.surface, q.value) for q in found] == [(s, pytest.approx(v)) for s, v in figures]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("He is about 5ft 10in tall and weighs around 14st 7lb.",
         [("about 5ft 10in", "length"), ("around 14st 7lb", "mass")]),
        ("He weighed 26st; it was the 21st time.", [("26st", "mass")]),
        ("It broke into six homes over a fortnight.",
         [("six", "count"), ("over a fortnight", "duration")]),
        ("Patients have waited over a year.", [("over a year", "duration")]),
        ("It rose 10 per cent a year, twice a week, a year ago.",
         [("10 per cent", "percent"), ("twice", "count")]),
        ("这届11年级学生", []),
    ],
)  # fmt: skip
def test_shapes_met_in_the_british_corpus(text: str, figures: list[tuple[str, str]]) -> None:
    assert claim_kinds(text) == figures


def test_a_hong_kong_court_story_is_in_hong_kong_dollars() -> None:
    text = "一名經理涉嫌挪用公司款項約680萬元，昨日在區域法院承認盜竊罪，被判囚兩年半。"
    assert money_units(text) == ["HKD"]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # a day of the month written without its month is a time scope, in either numeral
        ("警方26日表示，3人受伤。", [("3", "count")]),
        ("新规十五日起实施。", []),
        # a span of days is a duration, as "15 days" is in English
        ("辯方須於十日內決定是否上訴。", [("十日", "duration")]),
        ("须在30日内缴纳罚款。", [("30日", "duration")]),
        ("股价连续三日下跌。", [("三日", "duration")]),
        ("The defence has 15 days to appeal.", [("15 days", "duration")]),
        # a decimal glued to C is a reading whatever the words around; a whole number is
        # read so only where heat is spoken of ("Seat 12C")
        ("Marisca hit 41.4C on Monday.", [("41.4C", "temperature")]),
        ("Seat 12C was empty.", []),
        ("参加三日游的旅客", [("三日", "duration")]),
        # a margin of points in a Chinese numeral, as "seven points" is a count in English
        ("强森以七分之差屈居第二。", [("七", "count")]),
        ("主队领先三分。", [("三", "count")]),
        ("这十分重要，入木三分。", []),
    ],
)
def test_days_of_the_month_spans_of_days_points_and_glued_degrees(
    text: str, figures: list[tuple[str, str]]
) -> None:
    assert claim_kinds(text) == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # Singapore and Malaysian money as their press writes it
        ("四房式组屋售价32万8000新元。", [("32万8000新元", "money")]),
        ("The state set aside RM50 million.", [("RM50 million", "money")]),
        ("THE FORM50 is due.", []),
        ("The project costs Rs 450 crore.", [("Rs 450 crore", "money")]),
        # Hong Kong sports pages: 鎊 is sterling, 歐羅 the euro, a score takes a colon
        ("轉會費高達8,500萬鎊。", [("高達8,500萬鎊", "money")]),
        ("以27:19擊敗對手。", [("27", "count"), ("19", "count")]),
        ("比數依序為11：8、9：11。", [("11", "count"), ("8", "count"), ("9", "count"),
                                      ("11", "count")]),
        ("列車於10:15、11:30和12:45開出。", []),
        ("以3:1的比例混合。", []),
        ("The Lancers beat the Sharks 27-19.", [("27", "count"), ("19", "count")]),
        # a race is named by its distance; its time, bare on the sports pages, is a duration
        ("She won the 100m backstroke in 57.94 seconds.", [("57.94 seconds", "duration")]),
        ("女子100米仰泳冠军，男子4×100米接力。", []),
        ("Moulton clocked 9.95.", [("9.95", "duration")]),
        ("Shares ran 12.50 higher.", [("12.50", "count")]),
        # spoken shares of a point and "a couple of"
        ("They raised rates by a quarter of a percentage point.",
         [("a quarter of a percentage point", "percentage_point")]),
        ("It will hire a couple of thousand engineers.", [("a couple of thousand", "count")]),
    ],
)
def test_shapes_met_in_the_sport_sea_and_talk_corpora(
    text: str, figures: list[tuple[str, str]]
) -> None:
    assert claim_kinds(text) == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # degrees with no scale take the one the article writes in (miles and mph: the
        # American papers' Fahrenheit; km/h and millimetres: Celsius); with neither, a count
        ("Highs of 98 degrees are forecast, with gusts of 40 mph, the National Weather Service "
         "said.", [("98 degrees", "temperature", 36.667), ("40 mph", "speed", 17.882)]),
        ("Highs reached 61 degrees, about 20 degrees above normal, with winds of 30 mph.",
         [("61 degrees", "temperature", 16.111), ("about 20 degrees", "temperature", 11.111),
          ("30 mph", "speed", 13.411)]),
        ("Delhi sweltered at 47 degrees as winds of 30 km/h brought no relief.",
         [("47 degrees", "temperature", 47.0), ("30 km/h", "speed", 8.333)]),
        ("Highs reached 61 degrees.", [("61 degrees", "count", 61.0)]),
        ("The line moves south to around 32 degrees north latitude in the cold snap.",
         [("around 32", "count", 32.0)]),
        # a bare 度 in a clause about the temperature is Celsius; 華氏 makes a difference
        # of 2 degrees 1.1 °C
        ("气温将下降4至6度。", [("4至6度", "temperature", 5.0)]),
        ("氣溫飆到華氏109度，比紀錄還高2度。",
         [("華氏109度", "temperature", 42.778), ("2度", "temperature", 1.111)]),
        ("将南压至北纬32度附近。", [("32", "count", 32.0)]),
        # US farm and dairy units
        ("Each cow produced 2,950 pounds of milk, or about 343 gallons.",
         [("2,950 pounds", "mass", 1338.097), ("about 343 gallons", "volume", 1298.396)]),
        ("a 1,320-pound steer and a five-pound note",
         [("1,320-pound", "mass", 598.742), ("five-pound", "money", 5.0)]),
        ("产量2.41亿蒲式耳。", [("2.41亿蒲式耳", "volume", 8492615966.4)]),
        # the year's first months are a time scope in every script, not a figure
        ("1至10月，进出口总值2.31万亿元。", [("2.31万亿元", "money", 2.31e12)]),
        ("今年前10个月，首九个月", []),
        ("Exports rose 7.1% in the first 10 months.", [("7.1%", "percent", 7.1)]),
        # ... but not three months early, nor the previous two months
        ("工程提前3个月完工。", [("3个月", "duration", 7889400.0)]),
        # whose dollars a bare "$" is: the country the article names (US$ stays American)
        ("The RBA held rates; Sydney's median house price rose to $1.1 million.",
         [("$1.1 million", "money", 1.1e6)]),
        # Indian grouping and lakh crore
        ("He won by 7,12,406 votes; the budget is ₹5.2 lakh crore.",
         [("7,12,406", "count", 712406.0), ("₹5.2 lakh crore", "money", 5.2e12)]),
        # shopping festivals named by their dates, the end of a span of the clock, 二次
        ("今年双11期间，晚上8点至11点的二次消费达3亿元。", [("3亿元", "money", 3e8)]),
        ('During "Double 11", parcels hit 31.5 million.', [("31.5 million", "count", 3.15e7)]),
        ("投流成本的比例高达七至八成。", [("高达七至八成", "percent", 75.0)]),
    ],
)
def test_shapes_met_in_the_us_and_briefing_corpora(
    text: str, figures: list[tuple[str, str, float]]
) -> None:
    from factcheck.extract import extract_claims
    from factcheck.ingest import read_bytes

    source = read_bytes(text.encode(), "article.txt", "s1")
    got = [(c.quantity.surface, c.quantity.kind, c.quantity.value) for c in extract_claims(source)]
    assert [(s, k) for s, k, _ in got] == [(s, k) for s, k, _ in figures]
    assert [v for _, _, v in got] == [pytest.approx(v, abs=1e-3) for _, _, v in figures]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("The RBA held rates; Sydney's median house price rose to $1.1 million.", ["AUD"]),
        ("Toronto's budget is $16.9 billion, up 40 cents a head.", ["CAD", "CAD"]),
        ("Auckland council set aside $15 million.", ["NZD"]),
        ("Sydney buyers paid US$5 million.", ["USD"]),
        ("Apple, the US company, reported $94 billion.", ["USD"]),
        # as many American as Australian names: the parser's US dollars stand
        ("The US and Australia each pledged $1 billion.", ["USD"]),
        # the paper's own dollars written out once say whose the bare ones are
        ("An initial NZ$15 million package came first, with a further $5m for farmers.",
         ["NZD", "NZD"]),
        ("The fund holds A$2 billion; a further $300 million is planned.", ["AUD", "AUD"]),
    ],
)
def test_a_bare_dollar_is_the_currency_of_the_country_the_article_names(
    text: str, units: list[str]
) -> None:
    assert money_units(text) == units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an hour after a part of the day or a day of the month is a clock time
        ("发布会在下午3点举行，共有120名记者出席。", ["120"]),
        ("記者會在下午3點舉行，共有120名記者出席。", ["120"]),
        ("省应急厅于9日21时启动响应，转移群众4800人。", ["4800"]),
        # a trial's phase, like English "Phase 2", names the trial
        ("在一项2期试验中，该药使复发风险降低了31%。", ["31%"]),
        ("The drug cut the risk of relapse by 31% in a Phase 2 trial.", ["31%"]),
        # one 第 over a list: the 2nd, 4th and 9th doses, none of them counts
        ("患者在第2、4和9次给药后复查。", []),
        # but a comma ends the list's clause: 近6场 counts six events
        ("他世界排名第3，近6场比赛赢了4场。", ["近6", "4"]),
    ],
)
def test_clock_hours_trial_phases_and_ordinal_lists(text: str, expected: list[str]) -> None:
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("收缩压平均下降了9毫米汞柱。", "pressure", 9 * 133.322387415),
        ("Systolic pressure fell by 9 mmHg on average.", "pressure", 9 * 133.322387415),
        ("一名5个月大的女婴获救。", "age", 5 / 12),
        ("A 5-month-old girl was rescued.", "age", 5 / 12),
        ("Obesity among 6- to 10-year-olds rose.", "age", 8.0),
        ("Flu jabs are free for the over-70s.", "age", 70.0),
    ],
)
def test_pressures_babies_and_age_groups(text: str, kind: str, value: float) -> None:
    (q,) = claims_only(text, extract_quantities(text))
    assert q.kind == kind and q.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a cyclone's category is a label in every script ("a Category 4 storm")
        ("The storm strengthened to a Category 4 storm on Wednesday.", []),
        ("风暴周三增强为4级风暴，最大持续风速每小时210公里。", ["210公里"]),
        ("颶風週三增強為3級颶風。", []),
        ("強烈熱帶氣旋已升格為4級，中心附近陣風每小時250公里。", ["250公里"]),
        ("该气旋预计将以3级强度登陆。", []),
        # a figure raised to a level with a noun after it still counts
        ("产量增加到5万吨。", ["5万吨"]),
    ],
)
def test_a_cyclones_category_is_a_label_in_every_script(text: str, kept: list[str]) -> None:
    assert claims(text) == kept
