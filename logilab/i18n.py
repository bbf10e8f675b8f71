"""Chinese and English labels for every figure and widget.

The workbook speaks Chinese by default. ``set_language("en")`` (or the
environment variable ``LOGILAB_LANG=en``) switches every label; each figure
builder and widget factory also takes ``lang=`` for a single call.

Names follow the project glossary: one Chinese and one English name per
concept. Add a new term to ``LABELS`` (in the section of its topic) rather
than writing a label inside a figure or a notebook cell.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from contextlib import contextmanager

from ._validation import LogilabInputError, check_choice

__all__ = [
    "LANGUAGES",
    "LABELS",
    "FONT_FAMILY",
    "get_language",
    "set_language",
    "language",
    "label",
    "bilingual",
    "bilingual_pair",
    "error_message",
]

LANGUAGES = ("zh", "en")

# Fonts that draw Chinese on Linux, Windows and macOS, in order of preference (figures and reports alike).
FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, Arial, sans-serif"

# key: (中文, English)
LABELS: dict[str, tuple[str, str]] = {
    # --- common -----------------------------------------------------------------
    "count": ("数量", "count"),
    "share": ("占比", "share"),
    "value": ("数值", "value"),
    "month": ("月份", "month"),
    "week": ("周", "week"),
    "day": ("日", "day"),
    "quarter": ("季度", "quarter"),
    "period": ("时间段", "period"),
    "all": ("全部", "all"),
    "target": ("目标值", "target"),
    "actual": ("实际值", "actual"),
    "rate": ("比率", "rate"),
    "frequency": ("频率", "frequency"),
    "customer": ("客户", "customer"),
    "customers": ("客户数", "customers"),
    "orders": ("订单数", "orders"),
    "order_lines": ("订单行数", "order lines"),
    "warehouse": ("仓库", "warehouse"),
    "industry": ("行业", "industry"),
    "region": ("地区", "region"),
    "contract_type": ("合同类型", "contract type"),
    "revenue": ("收入", "revenue"),
    "cost": ("成本", "cost"),
    "profit": ("利润", "profit"),
    "yuan": ("元", "CNY"),
    "group_by": ("分组", "group by"),
    "period_length": ("时间粒度", "period"),
    "mean": ("平均值", "mean"),
    "median": ("中位数", "median"),
    "maximum": ("最高", "max"),
    # punctuation of text assembled at run time (summaries, titles): full-width in Chinese, half-width in English
    "colon": ("：", ": "),
    "comma": ("，", ", "),
    "semicolon": ("；", "; "),
    "list_sep": ("、", ", "),
    "in_brackets": ("（{}）", " ({})"),
    # the feedback of ll.check (logilab.exercises)
    "check_correct": ("[对] 正确！", "[OK] Correct!"),
    "check_not_yet": ("[错] 还不对。", "[X] Not yet."),
    "check_missing": (
        "[待答] 还没有作答：把 ... 或 None 换成你的答案，再运行这个单元格。",
        "[to do] No answer yet: replace ... or None with your answer and run the cell again.",
    ),
    "check_percent": (
        "看起来你给的是百分数；请用小数表示比率（例如 0.95 而不是 95 或 “95%”）。",
        "This looks like a percentage; give rates as fractions (0.95, not 95 or '95%').",
    ),
    "check_not_number": ("答案应该是一个数。", "The answer should be a single number."),
    "check_not_yesno": ("这一问请回答 是 或 否（True 或 False）。", "Answer this part with yes or no (True or False)."),
    "check_not_table": ("答案应该是一个表（Series、DataFrame 或 dict）。", "The answer should be a table (Series, DataFrame or dict)."),
    "check_labels": ("标签不一致：缺少 {missing}，多出 {extra}。", "Labels differ: missing {missing}, unexpected {extra}."),
    "check_columns": ("列不一致：缺少 {missing}，多出 {extra}。", "Columns differ: missing {missing}, unexpected {extra}."),
    "check_entries": ("{bad} / {total} 个数值不对。", "{bad} of {total} values are off."),
    "check_where": ("不一致的行：{rows}；列：{columns}。", "Rows that differ: {rows}; columns: {columns}."),
    "check_hint": ("提示：", "Hint: "),
    "check_part_ok": ("{label}：对", "{label}: right"),
    "check_part_wrong": ("{label}：错", "{label}: wrong"),
    "check_part_missing": ("{label}：还没有作答", "{label}: no answer yet"),
    "check_how_parts": (
        "这道题有 {n} 问，请一起作答：ll.check({id!r}, {call})。",
        "This exercise has {n} parts; answer them together: ll.check({id!r}, {call}).",
    ),
    "check_unknown_parts": (
        "这道题没有 {names} 这几问；各问的名字是 {known}。",
        "This exercise has no part(s) {names}; its parts are {known}.",
    ),
    "check_too_many": ("给出了 {found} 个答案，这道题有 {n} 问。", "{found} answers given; this exercise has {n} parts."),
    # --- start here / sample data tour ---------------------------------------------
    "orders_per_period": ("各时间段订单数", "orders per period"),
    "customers_by_industry": ("各行业客户数", "customers by industry"),
    "sample_tour": ("样本数据一览", "sample data tour"),
    # --- service level (metrics, inventory) ------------------------------------------
    "unit_fill_rate": ("供应比率", "supply ratio (unit fill rate)"),
    "line_fill_rate": ("订单行满足率", "line fill rate"),
    "stockout_frequency": ("缺货频率", "stockout frequency"),
    "order_fill_rate": ("订单满足率", "order fill rate"),
    "on_time_rate": ("准时交付率", "on-time delivery rate"),
    "otif": ("准时足量交付率", "on-time in-full (OTIF)"),
    "order_completion_rate": ("订货完成率", "order completion rate"),
    "undamaged_order_rate": ("无货损订单率", "undamaged order rate"),
    "doc_accuracy_rate": ("单据准确率", "documentation accuracy rate"),
    "perfect_order_rate": ("完美订单率", "perfect order rate"),
    "perfect_order_product": ("分项比率之积", "product of component rates"),
    "cycle_time_mean": ("平均订单周期（天）", "mean order cycle time (days)"),
    "cycle_time_median": ("订单周期中位数（天）", "median order cycle time (days)"),
    "cycle_time_p90": ("订单周期 90% 分位（天）", "order cycle time, 90th percentile (days)"),
    "damage_rate": ("货损率", "damage rate"),
    "complaint_rate": ("投诉率", "complaint rate"),
    "claim_rate": ("索赔率", "claim rate"),
    # the sample indicator system's other indicators (kpi_monthly)
    "avg_cycle_days": ("平均订单周期", "mean order cycle time"),
    "urgent_acceptance_rate": ("紧急订单接受率（灵活性）", "urgent-order acceptance rate"),
    "kpi": ("服务指标", "service KPI"),
    "kpi_overview": ("服务指标总览", "service KPI overview"),
    "kpi_trend": ("服务指标月度趋势", "service KPI by month"),
    "kpi_by_group": ("服务指标分组对比", "service KPI by group"),
    "higher_is_better": ("越高越好", "higher is better"),
    "lower_is_better": ("越低越好", "lower is better"),
    "target_met": ("达到目标", "target met"),
    "target_missed": ("未达目标", "target missed"),
    "perfect_order_title": ("完美订单：逐单联合判断 vs 分项比率之积", "perfect order: joint per order vs product of components"),
    "service_level": ("服务水平", "service level"),
    "order_qty": ("订货批量 Q", "order quantity Q"),
    "demand_sigma": ("提前期需求标准差 σ", "lead-time demand std. dev. σ"),
    "safety_factor": ("安全系数 k", "safety factor k"),
    "safety_stock": ("安全库存", "safety stock"),
    "target_fill_rate": ("目标供应比率", "target fill rate"),
    "fill_rate": ("供应比率", "fill rate"),
    "cycle_service_level": ("周期服务水平", "cycle service level (CSL)"),
    "stockout_probability": ("每周期缺货概率", "stockout probability per cycle"),
    "normal_loss": ("单位正态损失函数 G(k)", "unit normal loss G(k)"),
    "expected_shortage": ("每周期期望缺货量", "expected shortage per cycle (ESC)"),
    "units": ("件", "units"),
    "solve_for": ("已知", "given"),
    "given_k": ("安全系数 k → 供应比率", "safety factor k → fill rate"),
    "given_target": ("目标供应比率 → k", "target fill rate → k"),
    "current_point": ("当前取值", "current setting"),
    "fill_rate_vs_k": ("供应比率与安全系数", "fill rate vs safety factor"),
    "fill_rate_vs_q": ("同一安全库存下，供应比率随订货批量变化", "fill rate vs order quantity (k fixed)"),
    "fill_rate_explorer": ("订货批量—安全库存—缺货量", "order quantity, safety stock and shortage"),
    "service_cost": ("物流成本", "logistics cost"),
    "service_revenue": ("销售收入", "sales revenue"),
    "optimal_service_level": ("最优服务水平", "optimal service level"),
    "service_economics": ("物流服务水平与成本、收入、利润", "service level vs cost, revenue and profit"),
    "marginal_revenue": ("边际收入", "marginal revenue"),
    "marginal_cost": ("边际成本", "marginal cost"),
    "max_revenue": ("最高收入", "maximum revenue"),
    "revenue_growth": ("收入增长速度", "revenue growth"),
    "fixed_cost": ("固定成本", "fixed cost"),
    "cost_scale": ("成本系数", "cost scale"),
    "cost_steepness": ("成本陡度", "cost steepness"),
    "days": ("天", "days"),
    # --- customer value ---------------------------------------------------------------
    "product_value": ("产品价值", "product value"),
    "service_value": ("服务价值", "service value"),
    "personnel_value": ("人员价值", "personnel value"),
    "image_value": ("形象价值", "image value"),
    "money_cost": ("货币成本", "money cost"),
    "time_cost": ("时间成本", "time cost"),
    "energy_cost": ("体力成本", "energy cost"),
    "psychic_cost": ("精神成本", "psychic cost"),
    "total_value": ("客户总价值", "total customer value"),
    "total_cost": ("客户总成本", "total customer cost"),
    "delivered_value": ("客户价值", "delivered value"),
    "value_ratio": ("价值比 TV/TC", "value ratio TV/TC"),
    "value_amount": ("金额（万元/年）", "amount (10k CNY per year)"),
    "customer_choice": ("客户会选择", "the customer would choose"),
    "delivered_value_title": ("各服务商的客户总价值、总成本与客户价值", "total value, total cost and delivered value per provider"),
    "clv": ("客户终身价值（CLV）", "customer lifetime value (CLV)"),
    "margin_per_period": ("每期利润", "margin per period"),
    "retention": ("保留率", "retention rate"),
    "discount_rate": ("折现率", "discount rate"),
    "horizon_periods": ("期数 T", "periods T"),
    "upfront_margin": ("第 0 期也有利润", "margin at time 0"),
    "period_t": ("第 t 期", "period t"),
    "discounted_margin": ("各期利润的现值", "discounted margin"),
    "cumulative_clv": ("累计现值", "cumulative discounted value"),
    "infinite_clv": ("无限期 CLV", "infinite-horizon CLV"),
    "finite_clv": ("T 期 CLV", "CLV over T periods"),
    "margin_multiple": ("利润倍数", "margin multiple"),
    "diverges": ("发散（无穷大）", "diverges (infinite)"),
    "clv_curve_title": ("客户终身价值：逐期累计的现值", "customer lifetime value: cumulative discounted margin"),
    "value_matrix": ("客户价值矩阵", "customer value matrix"),
    "current_value": ("当前价值", "current value"),
    "potential_value": ("潜在价值", "potential value"),
    "value_split": ("高低分界", "split at"),
    "retention_method": ("保留率估计", "retention"),
    "retention_pooled": ("全体一个保留率", "pooled"),
    "retention_customer": ("每个客户各自的保留率", "per customer"),
    "nonpositive_value": ("当前价值 ≤ 0（画在左边缘）", "current value ≤ 0 (drawn at the left edge)"),
    "quadrant_keep": ("核心客户", "keep"),
    "quadrant_grow": ("潜力客户", "grow"),
    "quadrant_maintain": ("维持型客户", "maintain"),
    "quadrant_reduce": ("精简服务客户", "reduce"),
    "strategy_keep": ("重点投入，提供增值服务，巩固长期合作", "invest: value-added service, secure the long-term relationship"),
    "strategy_grow": ("挖掘潜力，争取更大的业务份额", "develop: win a larger share of its logistics spend"),
    "strategy_maintain": ("保持现有服务水平，控制服务成本", "maintain: keep the service level, watch the cost to serve"),
    "strategy_reduce": ("提供基本服务，降低服务成本", "streamline: basic service at a low cost to serve"),
    "rank_by": ("排序依据", "rank by"),
    "rank_difference": ("差值 TV − TC", "difference TV − TC"),
    "rank_ratio": ("比值 TV / TC", "ratio TV / TC"),
    "share_of_limit": ("达到无限期 CLV 的", "of the infinite-horizon CLV reached"),
    # --- satisfaction -------------------------------------------------------------------
    "sq_tangibles": ("有形性", "tangibles"),
    "sq_reliability": ("可靠性", "reliability"),
    "sq_responsiveness": ("响应性", "responsiveness"),
    "sq_assurance": ("保证性", "assurance"),
    "sq_empathy": ("移情性", "empathy"),
    "sq_timeliness": ("及时性", "timeliness"),
    "sq_order_accuracy": ("订单准确性", "order accuracy"),
    "sq_order_condition": ("货物完好性", "order condition"),
    "sq_information_quality": ("信息质量", "information quality"),
    "sq_discrepancy_handling": ("差错处理", "discrepancy handling"),
    # Kano categories (logilab.kano.KANO_CATEGORY_NAMES)
    "kano_A": ("魅力", "attractive"),
    "kano_O": ("期望", "one-dimensional"),
    "kano_M": ("必备", "must-be"),
    "kano_I": ("无差异", "indifferent"),
    "kano_R": ("反向", "reverse"),
    "kano_Q": ("可疑", "questionable"),
    # importance-performance quadrants (logilab.satisfaction.IPA_QUADRANTS)
    "ipa_concentrate_here": ("重点改进区", "concentrate here"),
    "ipa_keep_up": ("继续保持区", "keep up the good work"),
    "ipa_low_priority": ("低优先区", "low priority"),
    "ipa_possible_overkill": ("过度投入区", "possible overkill"),
    # the five gaps: name, what they lie between, causes, remedies (logilab.satisfaction.GAP_MODEL_GAPS)
    "gap_name_knowledge": ("认知差距", "knowledge gap"),
    "gap_between_knowledge": ("客户期望 与 管理层对客户期望的认知", "customer expectations vs management's perception of them"),
    "gap_causes_knowledge": (
        "缺少市场调研和客户访谈；一线员工的意见传不到管理层；管理层级太多",
        "little customer research; front-line knowledge does not reach managers; too many management layers",
    ),
    "gap_remedies_knowledge": (
        "定期做客户满意度调查和投诉分析；管理者走访客户；缩短一线到管理层的沟通链",
        "regular satisfaction surveys and complaint analysis; managers visit customers; shorter reporting lines",
    ),
    "gap_name_standards": ("标准差距", "standards gap"),
    "gap_between_standards": ("管理层的认知 与 服务质量标准", "management's perception vs service quality specifications"),
    "gap_causes_standards": (
        "没有把客户期望写成可衡量的标准；管理层对服务质量投入不足；认为期望无法满足",
        "expectations not turned into measurable standards; weak management commitment; expectations seen as infeasible",
    ),
    "gap_remedies_standards": (
        "按客户期望制定量化服务标准（如准时率、响应时限）；设定目标并跟踪 KPI",
        "customer-defined, measurable standards (on-time rate, response time); targets tracked as KPIs",
    ),
    "gap_name_delivery": ("交付差距", "delivery gap"),
    "gap_between_delivery": ("服务质量标准 与 实际提供的服务", "service specifications vs service actually delivered"),
    "gap_causes_delivery": (
        "员工培训和授权不足；设备、库存或运力不够；岗位职责冲突；考核与标准脱节",
        "too little training and empowerment; short of equipment, stock or capacity; role conflict; pay not tied to standards",
    ),
    "gap_remedies_delivery": (
        "培训与授权；补足库存和运力；按服务标准考核与激励；流程标准化",
        "training and empowerment; enough stock and capacity; incentives tied to the standards; standard processes",
    ),
    "gap_name_communication": ("沟通差距", "communication gap"),
    "gap_between_communication": ("实际提供的服务 与 对客户的宣传和承诺", "service delivered vs external communications to customers"),
    "gap_causes_communication": (
        "销售过度承诺；销售与运营部门沟通不畅；宣传与实际做法不一致",
        "over-promising in sales; poor communication between sales and operations; advertising differs from practice",
    ),
    "gap_remedies_communication": (
        "只承诺做得到的服务；销售与运营共同制定承诺；提前告知延误等变化",
        "promise only what operations can deliver; sales and operations agree promises; announce delays in advance",
    ),
    "gap_name_service_quality": ("服务质量差距", "service quality gap"),
    "gap_between_service_quality": ("客户期望的服务 与 客户感知的服务", "expected service vs perceived service"),
    "gap_causes_service_quality": ("差距 1-4 的综合结果", "the combined result of gaps 1-4"),
    "gap_remedies_service_quality": (
        "逐一缩小差距 1-4；用 SERVQUAL 问卷定期测量",
        "close gaps 1-4 one by one; measure regularly with the SERVQUAL questionnaire",
    ),
    "expectation": ("期望", "expectation"),
    "perception": ("感知", "perception"),
    "gap": ("差距（P − E）", "gap (P − E)"),
    "importance": ("重要性", "importance"),
    "performance": ("绩效", "performance"),
    "dimension": ("维度", "dimension"),
    "item": ("题项", "item"),
    "respondents": ("受访者数", "respondents"),
    "servqual_chart": ("各维度的期望与感知（SERVQUAL）", "expectation and perception by dimension (SERVQUAL)"),
    "unweighted_score": ("未加权得分", "unweighted score"),
    "weighted_score": ("加权得分", "weighted score"),
    "segment_gaps": ("各组的差距", "gaps by group"),
    "dimension_set": ("维度体系", "dimensions"),
    "servqual_set": ("SERVQUAL 五维度", "SERVQUAL"),
    "logistics_set": ("物流服务质量", "logistics service quality"),
    "gap_model": ("服务质量差距模型", "service quality gap model"),
    "base_expectation": ("初始期望", "expectation before promises"),
    "expected_service": ("期望的服务", "expected service"),
    "perceived_service": ("感知的服务", "perceived service"),
    "management_perception": ("管理层对客户期望的认知", "management perceptions of expectations"),
    "service_standards": ("服务质量标准", "service quality specifications"),
    "service_delivered": ("服务交付", "service delivery"),
    "communicated_service": ("对客户的宣传与承诺", "external communications to customers"),
    "service_provider": ("服务提供方", "service provider"),
    "gap_size": ("差距大小", "gap size"),
    "ipa_chart": ("重要性—绩效分析（IPA）", "importance-performance analysis (IPA)"),
    "ipa_center": ("十字线位置", "crosshair at"),
    "kano_chart": ("Kano 模型：Better–Worse 图", "Kano model: Better–Worse diagram"),
    "kano_better": ("满意影响力 Better", "Better (satisfaction when offered)"),
    "kano_worse": ("不满影响力 |Worse|", "|Worse| (dissatisfaction when missing)"),
    "satisfaction_index": ("满意度指数", "satisfaction index"),
    "analysis_level": ("分析层次", "level"),
    "scale_midpoint": ("量表中点", "scale midpoint"),
    "rows_dropped": ("因缺失剔除的问卷", "rows dropped (missing answers)"),
    "largest_gap": ("最大的差距", "largest gap"),
    "remedies": ("改进措施", "remedies"),
    "equal_weights_used": ("权重全为 0，改用等权重", "all weights are 0; equal weights used"),
    # --- survey statistics: reliability with an interval, Net Promoter Score --------------
    "recommend": ("推荐意愿", "likelihood to recommend"),
    "nps": ("净推荐值 NPS", "Net Promoter Score (NPS)"),
    "nps_promoter": ("推荐者（9-10 分）", "promoters (9-10)"),
    "nps_passive": ("被动者（7-8 分）", "passives (7-8)"),
    "nps_detractor": ("贬损者（0-6 分）", "detractors (0-6)"),
    "nps_chart": ("各组的净推荐值：推荐者、被动者与贬损者", "Net Promoter Score by group: promoters, passives and detractors"),
    "nps_groups": ("三类受访者的占比", "shares of the three groups"),
    "nps_with_interval": ("NPS 及其置信区间", "NPS and its confidence interval"),
    "share_of_respondents": ("受访者占比", "share of respondents"),
    # --- segmentation -------------------------------------------------------------------
    "recency": ("最近一次消费距今（天）", "recency (days)"),
    "rfm_frequency": ("消费频率（订单数）", "frequency (orders)"),
    "monetary": ("消费金额（元）", "monetary (CNY)"),
    "rfm_distributions": ("RFM 三个指标的分布", "distributions of recency, frequency and monetary"),
    "segment": ("客户类别", "segment"),
    "customer_share": ("客户数占比", "share of customers"),
    "value_share": ("金额占比", "share of monetary value"),
    "segment_sizes": ("RFM 八类客户的数量与价值", "the eight RFM segments: customers and value"),
    "pareto_curve": ("帕累托曲线与 ABC 分类", "Pareto curve and ABC classification"),
    "cumulative_customer_share": ("客户累计占比（按金额从高到低）", "cumulative share of customers (largest first)"),
    "cumulative_value_share": ("金额累计占比", "cumulative share of value"),
    "abc_class": ("ABC 类别", "ABC class"),
    "class_a": ("A 类", "class A"),
    "class_b": ("B 类", "class B"),
    "class_c": ("C 类", "class C"),
    "cluster": ("聚类", "cluster"),
    "cluster_mean": ("类均值", "cluster mean"),
    "cluster_scatter": ("k-means 聚类结果", "k-means clusters"),
    "segment_scatter": ("RFM 八类客户", "the eight RFM segments"),
    "k_selection": ("选择聚类数 k：簇内平方和与轮廓系数", "choosing k: inertia and silhouette"),
    "inertia": ("簇内平方和（inertia）", "inertia"),
    "silhouette": ("轮廓系数（silhouette）", "silhouette"),
    "k_clusters": ("聚类数 k", "clusters k"),
    "k_auto": ("自动（轮廓系数最大）", "auto (best silhouette)"),
    "features": ("聚类特征", "features"),
    "scaling": ("标准化", "scaling"),
    "scale_log_standard": ("取对数后标准化", "log, then standardise"),
    "scale_standard": ("标准化（z 分数）", "standardise (z-score)"),
    "scale_minmax": ("极差归一化", "min-max"),
    "scale_none": ("不处理", "none"),
    "threshold": ("高低分界", "high/low threshold"),
    "colour_by": ("着色依据", "colour by"),
    "service_level_segment": ("服务方式", "service"),
    "strategy": ("服务策略", "strategy"),
    "upload_file": ("上传订单文件（CSV / XLSX）", "upload an order file (CSV / XLSX)"),
    "customer_column": ("客户列", "customer column"),
    "date_column": ("日期列", "date column"),
    "amount_column": ("金额列", "amount column"),
    "order_column": ("订单号列", "order column"),
    "no_column": ("（无）", "(none)"),
    "download_csv": ("下载每个客户的分类结果（CSV）", "download the per-customer results (CSV)"),
    "upload_prompt": ("请上传一个 CSV 或 XLSX 文件。", "Upload a CSV or XLSX file."),
    "upload_error": ("无法分析这个文件", "cannot segment this file"),
    "segmentation_report": ("客户分级报告", "Customer segmentation report"),
    "as_of_date": ("分析基准日", "as of"),
    "automatic": ("自动识别", "automatic"),
    "reading_options": (
        "文件读取选项（编码、表头行、日期顺序、退款……）",
        "reading options (encoding, header row, date order, refunds ...)",
    ),
    "encoding": ("文件编码", "encoding"),
    "header_row": ("表头所在行", "header row"),
    "date_order": ("日期中日、月的顺序", "day and month order"),
    "day_first": ("日/月/年", "day/month/year"),
    "month_first": ("月/日/年", "month/day/year"),
    "refunds": ("退款（负金额）", "refunds (negative amounts)"),
    "refunds_net": ("与购买相抵", "net against purchases"),
    "refunds_drop": ("删除", "drop"),
    "refunds_refuse": ("报错", "refuse"),
    "incomplete_rows": ("缺少客户、日期或金额的行", "rows missing customer, date or amount"),
    "incomplete_error": ("报错", "error"),
    "incomplete_drop": ("删除并报告", "drop and report"),
    "allow_future": ("接受今天以后的日期", "accept dates after today"),
    "data_cleaning": ("数据清洗", "data cleaning"),
    "excluded_customers": ("未参与分级的客户（退款后净金额 ≤ 0）", "customers left out (net amount ≤ 0 after refunds)"),
    "purchases_amount": ("购买金额", "purchases"),
    "refunds_amount": ("退款金额", "refunds"),
    "net_amount": ("净金额", "net amount"),
    "export_recency": ("最近一次消费距今天数", "recency"),
    "export_frequency": ("消费频率", "frequency"),
    "export_frequency_days": ("购买日次数", "purchase days"),
    "export_orders": ("订单数", "orders"),
    "export_monetary": ("消费金额", "monetary"),
    "rfm_code": ("RFM 代码", "rfm_code"),
    "export_service": ("服务方式", "service"),
    "export_abc": ("ABC 类别", "abc_class"),
    "export_cumulative_share": ("累计金额占比", "cumulative_share"),
    "export_cluster": ("聚类", "cluster"),
    "cluster_name": ("聚类名称", "cluster_name"),
    "cluster_size": ("客户数", "size"),
    "items": ("客户数", "customers"),
    "item_share": ("客户数占比", "share of customers"),
    "abc_value": ("金额", "value"),
    "parameter": ("参数", "parameter"),
    "parameter_value": ("取值", "value"),
    # the service levels and the eight RFM classes with their service strategies (logilab.segmentation)
    "service_level_basic": ("基本服务", "basic service"),
    "service_level_refined": ("精细服务", "refined service"),
    "service_level_value_added": ("增值服务", "value-added service"),
    "segment_important_value": ("重要价值客户", "important value customer"),
    "segment_important_development": ("重要发展客户", "important development customer"),
    "segment_important_retention": ("重要保持客户", "important retention customer"),
    "segment_important_winback": ("重要挽留客户", "important win-back customer"),
    "segment_general_value": ("一般价值客户", "general value customer"),
    "segment_general_development": ("一般发展客户", "general development customer"),
    "segment_general_retention": ("一般保持客户", "general retention customer"),
    "segment_general_winback": ("一般挽留客户", "general win-back customer"),
    "segment_strategy_important_value": (
        "专属客户经理，定制化物流方案（库存管理、流通加工等），优先保障运力和库存",
        "a dedicated account manager, tailored logistics solutions (inventory management, value-added processing), priority capacity and stock",
    ),
    "segment_strategy_important_development": (
        "定期回访了解需求，推荐更多线路和服务，用阶梯价格鼓励多下单",
        "regular follow-up to learn their needs, offer further lanes and services, tiered prices that reward more orders",
    ),
    "segment_strategy_important_retention": (
        "主动联系，弄清最近为什么不下单，改进服务并给予专门关照，防止流失",
        "reach out to learn why orders stopped, fix service problems and give dedicated attention before they leave",
    ),
    "segment_strategy_important_winback": (
        "分析流失原因，提出有针对性的挽回方案（服务改进、价格或合同条件）",
        "analyse why they left and make a targeted win-back offer (service fixes, prices or contract terms)",
    ),
    "segment_strategy_general_value": (
        "保持稳定可靠的服务，交叉销售以提高每单金额",
        "keep service reliable and cross-sell to raise the value per order",
    ),
    "segment_strategy_general_development": (
        "标准化服务和自助下单，用优惠引导再次下单",
        "standard service and self-service ordering, with an offer that invites the next order",
    ),
    "segment_strategy_general_retention": ("标准化服务，低成本的定期提醒", "standard service with low-cost periodic reminders"),
    "segment_strategy_general_winback": ("只做低成本的群发联系，不投入专门资源", "low-cost mass contact only, no dedicated resources"),
    # a k-means cluster's level on each RFM feature, from very low (0) to very high (4)
    "level_recency_0": ("刚刚下单", "very recent"),
    "level_recency_1": ("近期活跃", "recent"),
    "level_recency_2": ("间隔适中", "mid recency"),
    "level_recency_3": ("久未下单", "lapsed"),
    "level_recency_4": ("长期未下单", "long lapsed"),
    "level_frequency_0": ("极低频", "very infrequent"),
    "level_frequency_1": ("低频", "infrequent"),
    "level_frequency_2": ("中频", "mid frequency"),
    "level_frequency_3": ("高频", "frequent"),
    "level_frequency_4": ("极高频", "very frequent"),
    "level_monetary_0": ("极低额", "very low value"),
    "level_monetary_1": ("低额", "low value"),
    "level_monetary_2": ("中额", "mid value"),
    "level_monetary_3": ("高额", "high value"),
    "level_monetary_4": ("极高额", "very high value"),
    "level_0": ("极低{feature}", "very low {feature}"),
    "level_1": ("低{feature}", "low {feature}"),
    "level_2": ("中{feature}", "mid {feature}"),
    "level_3": ("高{feature}", "high {feature}"),
    "level_4": ("极高{feature}", "very high {feature}"),
    # --- the file reader's cleaning report (logilab.io), one entry per step -------------
    "cleaning_encoding": ("按 {detail} 编码读取", "read as {detail}"),
    "cleaning_title_rows": ("跳过表头上方的 {count} 行标题（第 {rows} 行）", "skipped {count} title row(s) above the header (rows {rows})"),
    "cleaning_empty_columns": ("删除 {count} 个无表头且无数据的空列", "dropped {count} column(s) with no header and no data"),
    "cleaning_blank_rows": ("删除 {count} 个空行（第 {rows} 行）", "dropped {count} blank row(s) (rows {rows})"),
    "cleaning_total_rows": (
        "删除 {count} 个合计/小计行（第 {rows} 行：{detail}）",
        "dropped {count} total/subtotal row(s) (rows {rows}: {detail})",
    ),
    "cleaning_trimmed": (
        "{column} 列去掉了 {count} 个值首尾的空格（第 {rows} 行）",
        "trimmed spaces around {count} value(s) in {column} (rows {rows})",
    ),
    "cleaning_number_ids": (
        "{column} 列有 {count} 个数字单元格按文本编号读取（如 123，不写成 123.0）",
        "read {count} number cell(s) in {column} as text identifiers (123, not 123.0)",
    ),
    "cleaning_amounts": (
        "{column} 列有 {count} 个金额带 ¥、元或千位分隔符，已读成数字（如第 {rows} 行 {detail}）",
        "parsed {count} amount(s) in {column} written with ¥, 元 or separators (e.g. rows {rows}: {detail})",
    ),
    "cleaning_date_order": ("{column} 列的日期按 {detail} 读取", "dates in {column} read as {detail}"),
    "cleaning_incomplete": (
        "删除 {count} 个缺少客户、日期或金额的行（第 {rows} 行）",
        "dropped {count} row(s) missing the customer, date or amount (rows {rows})",
    ),
    "cleaning_refunds_net": (
        "{count} 个退款行（金额为负，合计 {detail}）与同一客户的购买相抵；退款行不计入频次和最近购买",
        "{count} refund line(s) (negative amounts, total {detail}) netted against the customer's purchases; they count for neither frequency nor recency",
    ),
    "cleaning_refunds_drop": (
        "删除 {count} 个退款行（金额为负，合计 {detail}；第 {rows} 行）",
        "dropped {count} refund line(s) (negative amounts, total {detail}; rows {rows})",
    ),
    "cleaning_excluded": (
        "{count} 位客户净金额为零或负（退款抵消了购买），不参与分级：{detail}",
        "{count} customer(s) with a net amount of zero or below (refunds cancel their purchases) are left out of the segments: {detail}",
    ),
    "cleaning_frequency_days": (
        "没有订单号列：消费频率按购买日计数（同一客户同一天的多行算一次）",
        "no order column: frequency counts purchase days (a customer's lines on one day count once)",
    ),
    "cleaning_frequency_orders": ("消费频率按不同订单号计数（{column}）", "frequency counts distinct orders ({column})"),
    "cleaning_as_of": ("分析基准日：{detail}", "analysis date (as of): {detail}"),
    # headers of the cleaning report's display table (logilab.io.CleaningReport.to_frame)
    "cleaning_header_step": ("步骤", "step"),
    "cleaning_header_column": ("列", "column"),
    "cleaning_header_count": ("行数", "count"),
    "cleaning_header_rows": ("示例行号", "example rows"),
    "cleaning_header_text": ("说明", "what was done"),
    # --- the HTML segmentation report (logilab.report) -----------------------------------
    "report_subtitle": (
        "RFM、RFM 八类客户、ABC 分类与 k-means 聚类 · 由 logilab 生成",
        "RFM, the eight RFM segments, ABC classification and k-means clustering · made by logilab",
    ),
    "report_key_numbers": ("关键数字", "Key numbers"),
    "report_source": ("数据文件", "source file"),
    "report_as_of": ("分析基准日", "analysis date (as of)"),
    "report_total": ("金额合计", "total amount"),
    "report_generated": ("生成时间", "generated"),
    "report_segments": ("RFM 八类客户与服务策略", "The eight RFM segments and their service"),
    "report_segments_note": (
        "R、F、M 分别与{how}比较：最近一次消费距今天数低于它记为 R 高，订单数和金额高于它记为 F 高、M 高；等于分界值算作低。",
        "R, F and M are each compared with the {how}: recency below it counts as high R, frequency and monetary above it as high F and M; a value equal to it counts as low.",
    ),
    "report_abc": ("ABC 分类（帕累托）", "ABC (Pareto) classification"),
    "report_abc_note": (
        "按金额从高到低排序并累计占比；累计占比（不含本客户）低于 {a:.0%} 的为 A 类，低于 {b:.0%} 的为 B 类，其余为 C 类。",
        "Customers are ranked by amount and shares accumulated; a customer whose preceding cumulative share is below {a:.0%} is class A, below {b:.0%} class B, the rest class C.",
    ),
    "report_clusters": ("k-means 聚类", "k-means clustering"),
    "report_clusters_note": (
        "特征：最近一次消费距今天数、订单数、金额；标准化方式 {scale}；k = {k}（{how}）；随机种子 {seed}。类名按类中心（标准化后）离平均值几个标准差命名：±0.5 以内为“中”，超过 ±1.5 为“极”。",
        "Features: recency, frequency, monetary; scaling {scale}; k = {k} ({how}); random seed {seed}. Clusters are named by how many standard deviations their (scaled) centre lies from the average: within ±0.5 is mid, beyond ±1.5 very high or very low.",
    ),
    "report_chosen_by_silhouette": ("按轮廓系数最大选出", "highest silhouette"),
    "report_chosen_given": ("由用户指定", "given by the user"),
    "report_kmeans_sample": (
        "轮廓系数按随机抽取（随机种子 {seed}）的 {sample:,} 位客户计算（客户不多于此数时用全部客户）；选择 k 的模型在 {fitted:,} 位客户上拟合（{algorithm}）。",
        "Silhouettes are computed on a random {sample:,} customers (seed {seed}; all customers when there are no more); the models for choosing k were fitted on {fitted:,} customers ({algorithm}).",
    ),
    "report_definitions": ("定义与参数", "Definitions and parameters"),
    "report_definitions_text": (
        "最近一次消费（recency）：客户最后一次购买到分析基准日的天数，越小越好。消费频率（frequency）：不同订单的数量（未指定订单号列时为购买日的天数；退款行不算购买）。消费金额（monetary）：金额合计（或每单平均）。R、F、M 得分按五分位数切分，1 到 {bins} 分，最近一次消费距今越短得分越高；等于切分点的值取较低的得分。",
        "Recency: days from the customer's last purchase to the analysis date (smaller is better). Frequency: number of distinct orders (of purchase days when no order column is given; refund lines are not purchases). Monetary: total amount (or mean per order). R, F and M scores 1 to {bins} come from quantile cut points; a shorter recency scores higher; a value on a cut point takes the lower score.",
    ),
    "report_cut_points": ("得分切分点", "score cut points"),
    "report_parameters": ("参数", "parameters"),
    "report_sampled": ("图中随机抽取 {n:,} 位客户（共 {total:,} 位）", "the chart shows a random {n:,} of {total:,} customers"),
    "parameter_customer": ("客户列", "customer"),
    "parameter_date": ("日期列", "date"),
    "parameter_amount": ("金额列", "amount"),
    "parameter_order": ("订单号列", "order"),
    "parameter_as_of": ("分析基准日", "as_of"),
    "parameter_as_of_given": ("基准日由用户指定", "as_of given"),
    "parameter_monetary": ("消费金额口径", "monetary"),
    "parameter_refunds": ("退款处理", "refunds"),
    "parameter_bins": ("得分级数", "bins"),
    "parameter_threshold": ("高低分界", "threshold"),
    "parameter_cutoffs": ("ABC 分界", "cutoffs"),
    "parameter_clusters": ("k-means 聚类", "clusters"),
    "parameter_k": ("聚类数 k", "k"),
    "parameter_k_chosen_by": ("k 的来源", "k chosen by"),
    "parameter_scale": ("标准化方式", "scale"),
    "parameter_random_state": ("随机种子", "random_state"),
    "parameter_file": ("数据文件", "file"),
    "parameter_encoding": ("编码", "encoding"),
    "parameter_rows": ("数据行数", "rows"),
    "parameter_header_row": ("表头所在行", "header row"),
    # --- evaluation ---------------------------------------------------------------------
    "weight": ("权重", "weight"),
    "indicator": ("指标", "indicator"),
    "criterion": ("准则", "criterion"),
    "criterion_timeliness": ("及时性", "timeliness"),
    "criterion_completeness": ("完整性", "completeness"),
    "criterion_reliability": ("可靠性", "reliability"),
    "criterion_flexibility": ("灵活性", "flexibility"),
    "sample_indicator_goal": ("物流客户服务质量", "logistics customer service quality"),
    "alternative": ("方案", "alternative"),
    "provider": ("服务商", "provider"),
    "score": ("得分", "score"),
    "rank": ("排名", "rank"),
    "grade": ("等级", "grade"),
    "tied_grades": ("并列最大", "tied"),
    "ahp_weights": ("层次分析法（AHP）权重", "AHP weights"),
    "entropy_weights": ("熵权", "entropy weights"),
    "combined_weights": ("组合权重", "combined weights"),
    "weights_comparison": ("主观、客观与组合权重", "subjective, objective and combined weights"),
    "pairwise_comparison": ("两两比较（1/9 … 9）", "pairwise comparison (1/9 … 9)"),
    "consistency_ratio": ("一致性比率 CR", "consistency ratio CR"),
    "pair_versus": ("{first} 比 {second}", "{first} : {second}"),
    "cr_acceptable": ("一致性可以接受（CR < 0.10）", "consistency acceptable (CR < 0.10)"),
    "cr_warning": (
        "[注意] CR ≥ 0.10：判断前后矛盾，请修改判断",
        "[Warning] CR ≥ 0.10: the judgements contradict each other; please revise them",
    ),
    "most_inconsistent_pair": ("最不一致的判断", "most inconsistent judgement"),
    "implied_value": ("按权重应约为", "the weights imply about"),
    "membership": ("隶属度", "membership"),
    "evaluation_vector": ("评价向量 B", "evaluation vector B"),
    "normalized_vector": ("归一化后的 B", "normalised B"),
    "fce_operator": ("合成算子", "operator"),
    "fce_result": ("模糊综合评价", "fuzzy comprehensive evaluation"),
    "closeness": ("相对贴近度 C", "relative closeness C"),
    "topsis_ranking": ("TOPSIS 排序", "TOPSIS ranking"),
    "normalization": ("标准化方法", "normalisation"),
    "radar_chart": ("指标雷达图（标准化后，越外越好）", "indicator radar (normalised, outer is better)"),
    "kpi_dashboard": ("月度 KPI 与目标值", "monthly KPIs against targets"),
    "months_on_target": ("达标月数", "months on target"),
    "combination": ("组合方式", "combination"),
    "product_combination": ("乘法合成", "product"),
    "linear_combination": ("线性加权", "linear"),
    "subjective_share": ("主观权重占比 α", "subjective share α"),
    "best": ("最优", "best"),
    "expert": ("专家", "expert"),
    "expert_weight": ("专家权重", "expert weight"),
    "group_ahp_chart": ("专家群组层次分析：各专家与群组的权重", "group AHP: each expert's weights and the group's"),
    "group_weight": ("群组权重", "group weight"),
    "largest_weight": ("权重最大", "largest weight"),
    "aggregation": ("集结方式", "aggregation"),
    "aij": ("集结判断矩阵（AIJ）", "aggregate judgments (AIJ)"),
    "aip": ("集结各专家权重（AIP）", "aggregate priorities (AIP)"),
    "include_inconsistent": ("计入不一致的专家", "include inconsistent experts"),
    "inconsistent_expert": ("不一致", "inconsistent"),
    "caution": ("注意", "Note"),
    "expert_left_out": ("已剔除", "left out"),
    "kendall_w": ("肯德尔协调系数 W", "Kendall's W"),
    "group_cr": ("群组判断矩阵的 CR", "CR of the group matrix"),
    "agreement_very_weak": ("专家意见几乎不一致", "very weak agreement"),
    "agreement_weak": ("专家意见一致程度较弱", "weak agreement"),
    "agreement_moderate": ("专家意见中等一致", "moderate agreement"),
    "agreement_strong": ("专家意见较为一致", "strong agreement"),
    "agreement_very_strong": ("专家意见高度一致", "very strong agreement"),
    "agreement_undefined": ("无法判断一致程度", "agreement undefined"),
    # --- customer database and complaints ------------------------------------------------
    "cause": ("投诉原因", "cause"),
    "channel": ("投诉渠道", "channel"),
    "complaints": ("投诉数", "complaints"),
    "complaints_per_1000": ("每千单投诉数", "complaints per 1,000 orders"),
    "complaint_rate_trend": ("各仓库每千单投诉数", "complaints per 1,000 orders by warehouse"),
    "cumulative_share": ("累计占比", "cumulative share"),
    "complaint_pareto": ("投诉原因帕累托图", "Pareto of complaint causes"),
    "compensation": ("赔偿金额（元）", "compensation (CNY)"),
    "vital_few_line": ("关键少数分界（80%）", "vital few line (80%)"),
    "hours": ("小时", "hours"),
    "response_hours": ("首次响应时间（小时）", "first response time (hours)"),
    "response_time_distribution": ("首次响应时间分布", "first-response times"),
    "response_target": ("响应目标（小时）", "response target (hours)"),
    "same_day_share": ("当日响应率（日落原则）", "same-day response (sunset rule)"),
    "within_target_share": ("目标内响应率", "share within target"),
    "median_response": ("响应时间中位数", "median response time"),
    "reorder_rate": ("观察期内再下单比例", "reorder rate within the follow-up window"),
    "no_complaint": ("无投诉的订单", "orders without complaint"),
    "fast": ("快速解决的投诉", "complaints resolved fast"),
    "slow": ("慢速解决的投诉", "complaints resolved slowly"),
    "service_recovery": ("服务补救与再下单", "service recovery and reorders"),
    "complaint_explorer": ("投诉处理探索器", "complaint explorer"),
    "complaints_selected": ("所选投诉", "complaints selected"),
    # data-quality checks of the customer database: what each problem costs (logilab.database.data_quality)
    "quality_contacts_missing_phone": (
        "联系人缺少电话：投诉回访、延误预警打不通。",
        "contact without a phone: no call-back after a complaint, no advance notice of a delay",
    ),
    "quality_contacts_missing_email": (
        "联系人缺少邮箱：满意度调查和对账单发不出去。",
        "contact without an e-mail: surveys and statements cannot be sent",
    ),
    "quality_contacts_duplicated": (
        "同一电话录入两次：联系人数被高估，同一人收到两份问卷。",
        "the same phone entered twice: contacts over-counted, one person surveyed twice",
    ),
    "quality_contacts_unverified_a_year": (
        "一年多没有核实的联系人：信息可能已过时。",
        "contacts not verified for over a year: the details may be out of date",
    ),
    "quality_customers_without_contact": ("客户没有联系人：服务和投诉无人对接。", "customer without a contact person"),
    "quality_customers_same_name": (
        "同名客户（重复建档）：订单分散在两个编号下，RFM 和 CLV 被低估。",
        "two customer records with one name: orders split between ids, RFM and CLV understated",
    ),
    "quality_orders_without_customer": (
        "订单找不到客户：按客户汇总时这些订单消失。",
        "order whose customer is unknown: lost from every per-customer analysis",
    ),
    "quality_order_lines_out_of_range": (
        "数量或金额超出范围：满足率可能大于 1，收入被抵消。",
        "quantity or amount out of range: fill rates above 1, revenue cancelled out",
    ),
    "quality_complaints_response_before_receipt": (
        "响应早于受理：响应时间为负，日落原则达成率虚高。",
        "response before receipt: negative response times, sunset-rule share overstated",
    ),
    # --- service concepts and third-party logistics ----------------------------------------
    "seven_r": ("7R 标准达成率", "attainment of the 7R standards"),
    "right_product": ("适当的产品", "right product"),
    "right_quantity": ("适当的数量", "right quantity"),
    "right_condition": ("适当的状态", "right condition"),
    "right_place": ("适当的地点", "right place"),
    "right_time": ("适当的时间", "right time"),
    "right_customer": ("适当的客户", "right customer"),
    "right_price": ("适当的价格", "right price"),
    # kinds of service content: Chinese name, English description (logilab.service_concepts.SERVICE_CONTENT)
    "content_transport": ("物流运输客户服务", "transport customer service"),
    "content_storage": ("物流保管客户服务", "storage customer service"),
    "content_distribution": ("物流配送客户服务", "distribution customer service"),
    "content_supply_chain": ("供应链客户服务", "supply-chain customer service"),
    "content_basic": ("基本服务", "basic service: what every customer receives under the contract"),
    "content_refined": ("精细服务", "refined service: the basic service done more carefully for chosen customers"),
    "content_value_added": ("增值服务", "value-added service: beyond the basic service, for a customer's own needs"),
    "content_product_1": ("第一类", "the service is the main benefit bought (e.g. a repair service)"),
    "content_product_2": ("第二类", "the service comes with a tangible product (e.g. after-sales service)"),
    "content_product_3": ("第三类", "intangible, but adds to the value of the product (3PL customer service belongs here)"),
    "all_met": ("全部达成（完美订单）", "all met (perfect order)"),
    "promised_dates": ("按承诺日期交货", "meeting promised dates"),
    "order_accuracy": ("订单履行准确性", "order accuracy"),
    "delay_notice": ("延误的提前通知", "advance notice of delays"),
    "complaint_handling": ("投诉处理", "handling of complaints"),
    "shipping_info": ("发货信息", "shipping information"),
    "lead_time": ("承诺的订货提前期", "promised lead time"),
    "quality_price": ("与价格相称的质量", "quality for price"),
    "price_competitiveness": ("价格竞争力", "price competitiveness"),
    "sales_follow_up": ("销售跟进", "sales follow-up"),
    "service_variables": ("关键服务变量：重要性与表现", "key service variables: importance and performance"),
    "own_performance": ("本公司表现", "the company's performance"),
    "rival_performance": ("主要竞争对手表现", "main rival's performance"),
    "differentiate": ("差异化机会", "chance to differentiate"),
    # 1PL, 2PL, 3PL: the name and who moves the goods; the six 3PL business models (logilab.outsourcing)
    "pl_1pl": ("第一方物流", "first-party logistics"),
    "pl_who_1pl": ("供方（卖方、生产者）", "the supplier (seller, maker) delivers to the buyer itself"),
    "pl_2pl": ("第二方物流", "second-party logistics"),
    "pl_who_2pl": ("需方（买方）", "the buyer fetches and moves what it needs itself"),
    "pl_3pl": ("第三方物流", "third-party logistics"),
    "pl_who_3pl": ("供需双方以外的物流企业", "a logistics firm outside both parties, under contract"),
    "model_integrated_logistics": ("综合物流", "integrated logistics"),
    "model_integrated_agency": ("综合代理", "integrated agency"),
    "model_functional_logistics": ("功能物流", "functional logistics"),
    "model_functional_agency": ("功能代理", "functional agency"),
    "model_concentrated_logistics": ("集中物流", "concentrated logistics"),
    "model_niche_logistics": ("缝隙物流", "niche logistics"),
    "three_pl_models": ("第三方物流的六种经营模式", "the six 3PL business models"),
    "integration_level": ("服务集成度", "integration level"),
    "industries_served": ("服务行业数", "industries served"),
    "own_assets": ("自有资产", "asset-based"),
    "no_assets": ("无自有资产或很少", "few or no own assets"),
    "make_or_buy": ("自营还是外包：年总成本", "make or buy: total cost per year"),
    "in_house": ("自营", "in house"),
    "outsourced": ("外包（第三方物流）", "outsourced (3PL)"),
    "outsourced_short": ("外包", "outsourced"),
    "break_even_volume": ("盈亏平衡订单量", "break-even volume"),
    "volume": ("年订单量", "orders per year"),
    "current_volume": ("当前订单量", "current volume"),
    "total_cost_yuan": ("年总成本（元）", "total cost per year (CNY)"),
    "inhouse_fixed_cost": ("自营固定成本（万元/年）", "in-house fixed cost (10k CNY/year)"),
    "inhouse_variable_cost": ("自营每单变动成本（元）", "in-house cost per order (CNY)"),
    "tariff_per_order": ("外包每单费率（元）", "3PL charge per order (CNY)"),
    "tariff_pallet_day": ("每托盘天仓储费（元）", "3PL charge per pallet-day (CNY)"),
    "pallet_days_per_order": ("每单占用托盘天数", "pallet-days per order"),
    "minimum_charge": ("外包最低收费（万元/年）", "3PL minimum charge (10k CNY/year)"),
    "service_target": ("服务目标（准时交付率）", "service target (on-time rate)"),
    "service_gap": ("服务差距", "service gap"),
    "cheaper": ("更省钱的是", "cheaper"),
    "saving": ("节省", "saving"),
    # --- probabilistic customer value and stability of rankings --------------------------
    "p_alive": ("仍活跃的概率 P(alive)", "probability alive P(alive)"),
    "p_alive_matrix": ("仍活跃的概率：按重复购买次数与最后一次购买时间", "P(alive) by repeat purchases and time of the last purchase"),
    "repeat_purchases": ("重复购买次数 x", "repeat purchases x"),
    "last_purchase_time": ("最后一次购买时间 t_x", "time of the last purchase t_x"),
    "customer_age": ("客户年龄 T", "customer age T"),
    "unit_day": ("天", "days"),
    "unit_week": ("周", "weeks"),
    "unit_month": ("月", "months"),
    "unit_hour": ("小时", "hours"),
    "weight_sensitivity": ("权重敏感性：排名随权重变化", "weight sensitivity: rank as a weight changes"),
    "criterion_weight": ("该指标的权重", "weight of the criterion"),
    "current_weight": ("当前权重", "current weight"),
    "critical_weight": ("临界权重", "critical weight"),
    "ranking_method": ("排序方法", "ranking method"),
    "weighted_score_method": ("加权得分", "weighted score"),
    "predicted_bgnbd": ("BG/NBD 预测值", "BG/NBD prediction"),
    "holdout_comparison": ("验证期购买次数：实际与预测", "holdout purchases: actual and predicted"),
    "holdout_purchases": ("验证期平均购买次数", "mean purchases in the holdout period"),
    "calibration_repeat_purchases": ("校准期重复购买次数", "repeat purchases in the calibration period"),
    # --- projector-ready figures and explorers (issue 14) ----------------------------------
    "customer_tie": ("并列最优，客户在这几家之间无明显偏好", "tie, no clear preference between"),
    "tied_best": ("并列最优", "tied best"),
    "share_of_limit_reached": ("已达到无限期 CLV 的", "share of the infinite-horizon CLV reached"),
    "retention_per_customer_short": ("逐客户估计", "per customer"),
    "retention_pooled_short": ("全体统一估计", "pooled"),
    "vector_normalization": ("向量归一化", "vector"),
    "score_1_7": ("评分（1–7 分）", "score (1–7)"),
    "total_value_short": ("总价值", "value"),
    "total_cost_short": ("总成本", "cost"),
    "delivered_value_short": ("客户价值", "delivered"),
    "topsis_weights_note": (
        "权重 = 各指标的重要程度分 ÷ 总分（起始为等权，所以 C 与上面用熵权法算出的表不同）",
        "weights = importance points / their sum (equal at the start, so C differs from the entropy-weighted table above)",
    ),
    # problems a widget reports to a student (error_message: "error_" + the error's reason, filled with its details)
    "error_ambiguous_column": (
        "有几列都可以作为{role}：{candidates}，请在上方选定一列",
        "several columns could be the {role}: {candidates}; choose one above",
    ),
    "error_missing_column": ("没有找到{role}，请在上方选择", "no column found for the {role}; choose it above"),
    "error_unknown_column": (
        "表中没有名为“{column}”的列，请检查列名或另选一列",
        "the table has no column named '{column}'; check the name or choose another",
    ),
    "error_did_you_mean": ("是不是“{suggestion}”？", "Did you mean '{suggestion}'?"),
    "error_bad_day": (
        "无法识别日期“{value}”，请写成“2025-03-01”“2025/3/1”或“2025年3月1日”（先写年份，再写月和日）",
        "'{value}' is not a day; write it as '2025-03-01', '2025/3/1' or '2025年3月1日'",
    ),
    "error_bad_week": (
        "无法识别周“{value}”，请写成“2025-W09”“2025W9”或“2025年第9周”",
        "'{value}' is not an ISO week; write it as '2025-W09', '2025W9' or '2025年第9周'",
    ),
    "error_bad_month": (
        "无法识别月份“{value}”，请写成“2025-03”“2025-3”或“2025年3月”（先写年份，再写月份）",
        "'{value}' is not a month; write it as '2025-03', '2025-3' or '2025年3月'",
    ),
    "error_bad_quarter": (
        "无法识别季度“{value}”，请写成“2025Q1”“2025 Q1”或“2025年第1季度”",
        "'{value}' is not a quarter; write it as '2025Q1', '2025 Q1' or '2025年第1季度'",
    ),
    "error_bad_year": (
        "无法识别年份“{value}”，请写四位数的年份，例如 2025 或“2025年”",
        "'{value}' is not a year; write the four-digit year",
    ),
    "error_missing_values": (
        "“{column}”列有缺失值（{rows}），请先补全或删除这些行",
        "column '{column}' has missing values ({rows}); fill or drop those rows first",
    ),
    "error_not_numeric": (
        "“{column}”列应为数字，却有“{value}”（{rows}），请改正这些单元格，或另选一列",
        "column '{column}' should hold numbers but has '{value}' ({rows}); correct those cells or choose another column",
    ),
    "error_incomplete_rows": (
        "有 {count} 行缺少客户、日期或金额（{rows}），请补全，或把“缺少客户、日期或金额的行”设为“删除并报告”",
        "{count} row(s) lack a customer, a date or an amount ({rows}); fill them, or set the incomplete rows to 'drop and report'",
    ),
    "error_columns_not_chosen": ("请在上方为客户、日期和金额各选一列", "choose a column for the customer, the date and the amount above"),
    # the reader's problems with a user's file (logilab.io, logilab._parsing); {label_<key>} names a widget control by its label
    "error_no_upload": ("还没有上传文件，请选择一个 CSV 或 XLSX 文件", "no file uploaded; choose a CSV or XLSX file"),
    "error_no_file": ("找不到文件“{path}”，请检查文件名和所在文件夹", "no file at '{path}'; check the file name and folder"),
    "error_empty_file": ("文件“{file}”是空的，没有表头行，请重新导出数据", "the file '{file}' is empty; export the data again"),
    "error_empty_sheet": (
        "工作簿“{file}”的工作表是空的，没有表头行，请重新导出数据",
        "the worksheet of '{file}' is empty; export the data again",
    ),
    "error_no_header": ("文件中找不到表头行（没有任何列），请重新导出数据", "the file has no header row; export the data again"),
    "error_no_data_rows": ("文件“{file}”只有表头，没有数据行，请重新导出数据", "'{file}' holds only the header; export the data again"),
    "error_old_xls": (
        "“{file}”是旧版 Excel 格式（.xls），请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后重新上传",
        "'{file}' is in the old Excel format .xls; save it as .xlsx or CSV UTF-8 and upload it again",
    ),
    "error_unsupported_file": (
        "无法读取扩展名为“{suffix}”的文件，请上传 .csv、.txt、.tsv 或 .xlsx 文件",
        "files ending in '{suffix}' cannot be read; upload a .csv, .txt, .tsv or .xlsx file",
    ),
    "error_not_xlsx": (
        "“{file}”不是有效的 Excel 工作簿（.xlsx），请重新另存为 .xlsx 或 CSV 文件",
        "'{file}' is not an Excel workbook (.xlsx); save it again as .xlsx or CSV",
    ),
    "error_workbook_too_large": (
        "工作簿“{file}”解压后有 {size_gb:.1f} GB，远超订单导出文件应有的大小（上限 {limit_gb:.0f} GB），请把数据导出为 CSV 后再上传",
        "the workbook '{file}' unpacks to {size_gb:.1f} GB (limit {limit_gb:.0f} GB); export the data as CSV instead",
    ),
    "error_sheet_too_large": (
        "工作簿“{file}”的工作表“{sheet}”声明了 {rows_declared:,} 行 × {columns_declared:,} 列，远超订单导出文件的大小，请把数据导出为 CSV 后再上传",
        "the worksheet '{sheet}' of '{file}' declares {rows_declared:,} rows x {columns_declared:,} columns; export the data as CSV instead",
    ),
    "error_unknown_sheet": ("工作簿“{file}”中没有名为“{sheet}”的工作表，请检查工作表的名称或序号", "'{file}' has no worksheet '{sheet}'"),
    "error_encoding_unreadable": (
        "文件既不是 UTF-8 编码，也不是 GBK/GB18030 编码，无法读取。请在“{label_encoding}”菜单中选择文件的编码，"
        "或在 Excel 中把文件另存为“CSV UTF-8”后重新上传",
        "the file is neither UTF-8 nor GBK/GB18030; choose its encoding, or save it as CSV UTF-8",
    ),
    "error_encoding_looks_like": (
        "按 GBK 读出的汉字大多是生僻字（{total} 个汉字中有 {share:.0%} 不常用），文件很可能是{encodings}编码。"
        "请在“{label_encoding}”菜单中选择{encodings}，或在 Excel 中把文件另存为“CSV UTF-8”后重新上传",
        "read as GBK the text is mostly rare characters; the file is probably in {encodings}",
    ),
    "error_encoding_rare": (
        "按 GBK 读出的汉字大多是生僻字（{total} 个汉字中有 {share:.0%} 不常用），文件很可能是别的编码。"
        "请在“{label_encoding}”菜单中选择文件的编码，或在 Excel 中把文件另存为“CSV UTF-8”后重新上传",
        "read as GBK the text is mostly rare characters; the file is probably in another encoding",
    ),
    "error_unknown_encoding": (
        "不认识编码名称“{value}”，请改为 utf-8、gb18030、big5 或 shift_jis，或不指定编码，让程序自动识别",
        "'{value}' is not a known encoding; use utf-8, gb18030, big5 or shift_jis, or leave it out",
    ),
    "error_wrong_encoding": (
        "文件不是用所选的 {encoding} 编码保存的，请在“{label_encoding}”菜单中改选“{label_automatic}”或文件实际的编码",
        "the file is not in the chosen encoding {encoding}; choose 'automatic' or the right encoding",
    ),
    "error_extra_cells": (
        "{rows}的单元格比表头（第 {header_row} 行）的 {width} 列多。请删除多出的单元格；"
        "CSV 文件中本身含有逗号的内容（如金额 1,234.50）要加英文双引号，改好后重新导出",
        "{rows} have more cells than the {width} of the header (row {header_row}); remove them or quote text with separators",
    ),
    "error_bad_header_row": (
        "表头所在行应为从 1 开始的行号（与 Excel 左侧的行号相同），却是“{value}”",
        "the header row should be a row number from 1, not '{value}'",
    ),
    "error_header_row_beyond": (
        "“{label_header_row}”选的是第 {value} 行，但文件开头只有 {available} 行，请改选表头实际所在的行，或选“{label_automatic}”",
        "the header row {value} is beyond the first {available} rows of the file; choose another row or 'automatic'",
    ),
    "error_empty_header": (
        "表头（第 {header_row} 行）第 {letters} 列有数据却没有列名，请在表头单元格中填写列名，或删除这一列",
        "column {letters} has data but no name in the header (row {header_row}); type a name or delete the column",
    ),
    "error_duplicate_header": (
        "表头（第 {header_row} 行）中{names}出现了不止一次，请在表格中把重名的列改名，以便分清该用哪一列",
        "{names} appear more than once in the header (row {header_row}); rename one of each pair",
    ),
    "error_refunds_refused": (
        "“{column}”列有负金额，即退款（{rows}），请把“{label_refunds}”改为“{label_refunds_net}”或“{label_refunds_drop}”，或改正这些单元格",
        "column '{column}' has negative amounts (refunds) ({rows}); net or drop them",
    ),
    "error_date_serial_numbers": (
        "“{column}”列应为日期，却是“{value}”这样的数字（{rows}），这是表格内部的日期序号。"
        "请在表格中把这一列设为日期格式（如 2025-03-01）后重新导出",
        "column '{column}' holds serial day numbers such as '{value}' ({rows}); format it as dates and export again",
    ),
    "error_not_a_date": (
        "“{column}”列应为日期，却有“{value}”这样的值（{rows}），请改正这些单元格，写成 2025-03-01 这样的日期",
        "column '{column}' holds values that are not dates such as '{value}' ({rows}); write dates like 2025-03-01",
    ),
    "error_date_pattern_mismatch": (
        "“{column}”列的日期不符合格式“{pattern}”，例如“{value}”（{rows}），请改正这些单元格或更换日期格式",
        "column '{column}' holds dates that do not fit '{pattern}' such as '{value}' ({rows})",
    ),
    "error_bad_date_format": (
        "日期格式应为 ymd、dmy、mdy 之一，或“%d/%m/%Y”这样的格式，却是“{value}”",
        "the date format should be ymd, dmy, mdy or a pattern such as '%d/%m/%Y', not '{value}'",
    ),
    "error_mixed_date_formats": (
        "“{column}”列的日期写法不统一，例如{examples}，请把所有日期改成同一种写法（如 2025-03-01）",
        "column '{column}' holds dates written in several formats, e.g. {examples}; write them all the same way",
    ),
    "error_year_first_dates": (
        "“{column}”列的日期是年份在前的写法（如“{value}”），不需要指定日、月顺序，请把“{label_date_order}”改回“{label_automatic}”",
        "column '{column}' holds year-first dates such as '{value}'; set the day and month order back to automatic",
    ),
    "error_year_last_dates": (
        "“{column}”列的日期是年份在后的写法（如“{value}”），请在“{label_date_order}”中选择“{label_day_first}”或“{label_month_first}”",
        "column '{column}' holds year-last dates such as '{value}'; choose day/month/year or month/day/year",
    ),
    "error_dates_misfit_order": (
        "“{column}”列中有日期不能按“{order}”读：{examples}。请改正这些单元格，或在“{label_date_order}”中改选别的顺序",
        "column '{column}' has dates that do not read as {order}: {examples}; fix them or choose the other order",
    ),
    "error_ambiguous_day_month": (
        "“{column}”列的日期既能按日/月/年读，也能按月/日/年读，例如{examples}（{second}月{first}日还是{first}月{second}日？）。"
        "请在“{label_date_order}”中选择“{label_day_first}”或“{label_month_first}”",
        "column '{column}' holds dates that read day first and month first alike, e.g. {examples}; choose the order",
    ),
    "error_mixed_day_month": (
        "“{column}”列中有的日期只能按日/月/年读（{dmy_examples}），有的只能按月/日/年读（{mdy_examples}），"
        "请改正写错的单元格，必要时再在“{label_date_order}”中选择顺序",
        "column '{column}' mixes day-first dates ({dmy_examples}) and month-first dates ({mdy_examples}); correct the wrong ones",
    ),
    # segmentation of an uploaded file
    "error_future_dates": (
        "“{column}”列有晚于今天（{today}）的日期，例如 {value}（{rows}），请改正这些单元格；如果日期无误，请勾选“{label_allow_future}”",
        "column '{column}' has dates after today ({today}) such as {value} ({rows}); correct them or accept them",
    ),
    "error_far_dates": (
        "“{column}”列中 99% 的日期不晚于 {typical}，却有晚了一年以上的日期，例如 {value}（{rows}）。"
        "请改正这些单元格；如果日期无误，请勾选“{label_allow_future}”",
        "column '{column}' has dates more than a year after the rest (99% on or before {typical}) such as {value} ({rows})",
    ),
    "error_no_purchases": (
        "扣除退款后没有一位客户还有购买，无法分级，请检查金额列和退款行",
        "no customer has purchases left after the refunds; check the amount column and the refund lines",
    ),
    "error_one_customer": (
        "文件中只有 1 位客户（“{customer}”），客户分级要在客户之间比较，请使用包含更多客户的文件",
        "the file has one customer ('{customer}'); segmentation compares customers, so use a file with more",
    ),
    "error_identical_customers": (
        "全部 {customers} 位客户的最近一次消费、消费频率和消费金额都相同，无法分级，请检查日期列和金额列是否选对",
        "all {customers} customers have the same recency, frequency and monetary value; check the date and amount columns",
    ),
    "error_k_too_large": (
        "聚类数 k 为 {k}，但最近一次消费、消费频率和消费金额各不相同的客户只有 {distinct} 位，"
        "请把 k 改为 {distinct} 或更小，或选“{label_k_auto}”",
        "k = {k} but only {distinct} customers differ in recency, frequency or monetary value; choose a smaller k",
    ),
}

_env_language = os.environ.get("LOGILAB_LANG", "zh")
_language = _env_language if _env_language in LANGUAGES else "zh"


def get_language() -> str:
    """The current default language, ``"zh"`` unless changed.

    Returns
    -------
    str
        ``"zh"`` or ``"en"``; set by :func:`set_language`, :func:`language` or
        the environment variable ``LOGILAB_LANG``.

    Examples
    --------
    >>> get_language() in LANGUAGES
    True
    """
    return _language


def set_language(lang: str) -> None:
    """Set the default language of all labels: ``"zh"`` (default) or ``"en"``.

    Parameters
    ----------
    lang : {"zh", "en"}
        The language of labels, figure titles and widget captions from now on.

    Returns
    -------
    None

    Examples
    --------
    >>> set_language("en"); label("warehouse")
    'warehouse'
    >>> set_language("zh"); label("warehouse")
    '仓库'
    """
    global _language
    _language = check_choice(lang, "lang", LANGUAGES)


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Use ``lang`` for every label inside a ``with`` block, then return to the previous language.

    Parameters
    ----------
    lang : {"zh", "en"}
        The language inside the block.

    Returns
    -------
    context manager
        Yields ``lang``; the previous language comes back when the block ends,
        even after an error.

    Examples
    --------
    >>> with language("en"):
    ...     label("warehouse")
    'warehouse'
    >>> label("warehouse", "zh"), get_language() == _language
    ('仓库', True)
    """
    global _language
    previous = _language
    _language = check_choice(lang, "lang", LANGUAGES)
    try:
        yield _language
    finally:
        _language = previous


def label(key: str, lang: str | None = None) -> str:
    """The label of ``key`` in ``lang`` (default: the current language).

    Parameters
    ----------
    key : str
        A key of :data:`LABELS`, e.g. ``"warehouse"``.
    lang : {"zh", "en"}, optional
        Default: the current language.

    Returns
    -------
    str
        The label; an unknown key raises an error with the closest key.

    Examples
    --------
    >>> label("warehouse", "zh"), label("warehouse", "en")
    ('仓库', 'warehouse')
    >>> label("warehous", "en")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: key: expected a label key of logilab.i18n.LABELS, found 'warehous'. Did you mean 'warehouse'? New terms go into LABELS first.
    """
    lang = check_choice(lang or _language, "lang", LANGUAGES)
    try:
        pair = LABELS[key]
    except KeyError:
        close = difflib.get_close_matches(str(key), LABELS, n=1)
        hint = f"Did you mean {close[0]!r}? " if close else ""
        raise LogilabInputError(
            f"key: expected a label key of logilab.i18n.LABELS, found {key!r}. {hint}New terms go into LABELS first."
        ) from None
    return pair[LANGUAGES.index(lang)]


def bilingual(key: str) -> str:
    """Both names, Chinese first: ``"仓库（warehouse）"``, for headings and tables.

    Parameters
    ----------
    key : str
        A key of :data:`LABELS`.

    Returns
    -------
    str
        ``"中文（English）"``, with full-width brackets as Chinese text takes them.

    Examples
    --------
    >>> bilingual("warehouse")
    '仓库（warehouse）'
    """
    zh, en = LABELS[key] if key in LABELS else (label(key, "zh"), label(key, "en"))
    return f"{zh}（{en}）"


def bilingual_pair(key: str) -> tuple[str, str]:
    """Both names as a pair ``(中文, English)``, for modules that keep tables with a Chinese and an English column.

    Every Chinese/English pair of the package lives in :data:`LABELS`; a module
    building such a table takes the pair from here rather than writing it itself.

    Parameters
    ----------
    key : str
        A key of :data:`LABELS`.

    Returns
    -------
    tuple of str
        ``(zh, en)``; an unknown key raises an error with the closest key.

    Examples
    --------
    >>> bilingual_pair("warehouse")
    ('仓库', 'warehouse')
    """
    return label(key, "zh"), label(key, "en")


def _rows_text(rows: list, count: int) -> str:
    """Rows in Chinese: 第 3、5 行, with the total when more were found than listed ("有些行" when none is known)."""
    if not rows:
        return "有些行"
    shown = "、".join(str(r) for r in rows)
    return f"第 {shown} 行" + (f"等 {count} 行" if count > len(rows) else "")


# a date order in an error's details, as the widget's date-order menu names it
_ORDER_LABELS = {"dmy": "day_first", "mdy": "month_first"}


class _Details(dict):
    """An error's details for a label's ``{...}`` fields; ``{label_<key>}`` is the label of ``<key>`` (a widget control's name)."""

    def __init__(self, lang: str, details: dict) -> None:
        super().__init__(details)
        self.lang = lang

    def __missing__(self, key: str) -> str:
        if key.startswith("label_") and key[len("label_") :] in LABELS:
            return label(key[len("label_") :], self.lang)
        raise KeyError(key)


def error_message(error: Exception, lang: str | None = None) -> str:
    """The message a widget shows a student for ``error``, in ``lang``.

    An error that carries a ``reason`` with a label ``"error_" + reason``
    (see :class:`logilab.LogilabInputError`) is worded from that label and its
    ``details`` in Chinese; in English, and for any other error, the error's
    own English text is shown unchanged.

    Parameters
    ----------
    error : Exception
        The error a core function raised.
    lang : {"zh", "en"}, optional
        Default: the current language.

    Returns
    -------
    str
        One line of text (no HTML).

    Examples
    --------
    >>> from logilab import LogilabInputError
    >>> error = LogilabInputError(
    ...     "file: expected amounts in column '金额', found 'abc' in rows [3].", reason="not_numeric", column="金额", value="abc", rows=[3], count=1
    ... )
    >>> error_message(error, "zh")
    '“金额”列应为数字，却有“abc”（第 3 行），请改正这些单元格，或另选一列'
    >>> error_message(error, "en")
    "file: expected amounts in column '金额', found 'abc' in rows [3]."
    >>> error_message(ValueError("no reason given"), "zh")
    'no reason given'

    A column name with a close match names it (as the English text does):

    >>> error = LogilabInputError(
    ...     "lines: expected a column '发货量', found no such column. Did you mean '发货数量'?",
    ...     reason="unknown_column", column="发货量", suggestion="发货数量",
    ... )
    >>> error_message(error, "zh")
    '表中没有名为“发货量”的列，请检查列名或另选一列。是不是“发货数量”？'

    A label names a widget control as the widget labels it: ``{label_refunds}``
    is :func:`label` of ``"refunds"``, so a renamed control is renamed in every message:

    >>> error = LogilabInputError(
    ...     "file: expected amounts >= 0 in column '金额', found negative amounts (refunds) in rows [12, 13].",
    ...     reason="refunds_refused", column="金额", rows=[12, 13], count=2,
    ... )
    >>> error_message(error, "zh")
    '“金额”列有负金额，即退款（第 12、13 行），请把“退款（负金额）”改为“与购买相抵”或“删除”，或改正这些单元格'
    """
    lang = check_choice(lang or _language, "lang", LANGUAGES)
    text = " ".join(str(error).split())
    reason = getattr(error, "reason", None)
    key = f"error_{reason}"
    if lang == "en" or key not in LABELS:
        return text
    details = _Details(lang, getattr(error, "details", {}) or {})
    role = details.get("role")
    if role is not None:
        details["role"] = label(f"{role}_column", lang) if f"{role}_column" in LABELS else str(role)
    for name in ("candidates", "names"):
        if name in details:
            details[name] = "、".join(f"“{c}”" for c in details[name])
    if "encodings" in details:
        details["encodings"] = "或".join(f"“{e}”" for e in details["encodings"])
    if "letters" in details:
        details["letters"] = "、".join(str(c) for c in details["letters"])
    if "rows" in details:
        details["rows"] = _rows_text(list(details["rows"]), int(details.get("count", len(details["rows"]))))
    for name in ("examples", "dmy_examples", "mdy_examples"):
        if name in details:
            details[name] = "、".join(f"第 {row} 行“{value}”" for row, value in details[name])
    if details.get("order") in _ORDER_LABELS:
        details["order"] = label(_ORDER_LABELS[details["order"]], lang)
    try:
        message = LABELS[key][0].format_map(details)
    except (KeyError, IndexError, ValueError):  # an error raised without the details its label needs
        return text
    if details.get("suggestion"):
        message += "。" + LABELS["error_did_you_mean"][0].format(suggestion=details["suggestion"])
    return message
