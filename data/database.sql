-- The sample company 启航供应链 as a DuckDB database: tables, constraints, macros and views.
--
-- logilab.database.connect() runs this file once to build the database from the
-- sample CSVs; `@name.csv` stands for the path of that sample file. The constraints
-- follow logilab/data/catalog.json (allowed values, ranges, keys). Order matters:
-- a table is created before the tables that refer to it.

-- Customers: basic information (基本信息). Company names are not personal information.
CREATE TABLE customers (
    customer_id     VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL UNIQUE,
    industry        VARCHAR NOT NULL CHECK (industry IN ('快消品', '电子产品', '医药', '汽车配件', '服装', '家电', '食品')),
    region          VARCHAR NOT NULL CHECK (region IN ('华东', '华南', '华北', '华中', '西南', '西北', '东北')),
    contract_type   VARCHAR NOT NULL CHECK (contract_type IN ('长期合同', '年度合同', '临时订单')),
    since           DATE NOT NULL,
    potential_spend DOUBLE NOT NULL CHECK (potential_spend >= 0)
);

-- Contact persons: the personal information (个人信息) of the database.
CREATE TABLE contacts (
    contact_id   VARCHAR PRIMARY KEY,
    customer_id  VARCHAR NOT NULL REFERENCES customers (customer_id),
    contact_name VARCHAR NOT NULL,
    title        VARCHAR NOT NULL,
    phone        VARCHAR,
    email        VARCHAR CHECK (email IS NULL OR email LIKE '%_@_%'),
    verified_on  DATE NOT NULL
);

-- Orders: transaction information (交易信息).
CREATE TABLE orders (
    order_id       VARCHAR PRIMARY KEY,
    customer_id    VARCHAR NOT NULL REFERENCES customers (customer_id),
    warehouse      VARCHAR NOT NULL CHECK (warehouse IN ('WH-SH', 'WH-GZ', 'WH-BJ', 'WH-WH', 'WH-CD')),
    order_date     DATE NOT NULL,
    promised_date  DATE NOT NULL,
    shipped_date   DATE NOT NULL,
    delivered_date DATE NOT NULL,
    doc_error      INTEGER NOT NULL CHECK (doc_error IN (0, 1)),
    complaint      INTEGER NOT NULL CHECK (complaint IN (0, 1)),
    claim          INTEGER NOT NULL CHECK (claim IN (0, 1)),
    CHECK (promised_date >= order_date),
    CHECK (shipped_date >= order_date),
    CHECK (delivered_date >= shipped_date)
);

CREATE TABLE order_lines (
    order_id    VARCHAR NOT NULL REFERENCES orders (order_id),
    line_no     INTEGER NOT NULL CHECK (line_no >= 1),
    sku         VARCHAR NOT NULL,
    category    VARCHAR NOT NULL CHECK (category IN ('常温小件', '常温大件', '冷链', '贵重品')),
    ordered_qty INTEGER NOT NULL CHECK (ordered_qty > 0),
    shipped_qty INTEGER NOT NULL CHECK (shipped_qty BETWEEN 0 AND ordered_qty),
    damaged_qty INTEGER NOT NULL CHECK (damaged_qty BETWEEN 0 AND shipped_qty),
    unit_price  DOUBLE NOT NULL CHECK (unit_price >= 0),
    revenue     DOUBLE NOT NULL CHECK (revenue >= 0),
    cost        DOUBLE NOT NULL CHECK (cost >= 0),
    PRIMARY KEY (order_id, line_no)
);

-- Complaints: service information (服务信息), a post-transaction element.
CREATE TABLE complaints (
    complaint_id      VARCHAR PRIMARY KEY,
    customer_id       VARCHAR NOT NULL REFERENCES customers (customer_id),
    order_id          VARCHAR NOT NULL REFERENCES orders (order_id),
    received_at       TIMESTAMP NOT NULL,
    first_response_at TIMESTAMP NOT NULL,
    resolved_at       TIMESTAMP,
    channel           VARCHAR NOT NULL CHECK (channel IN ('电话', '在线', '邮件', '上门')),
    cause             VARCHAR NOT NULL CHECK (cause IN ('延误', '破损', '错发', '少发', '服务态度', '信息不准', '费用争议')),
    severity          INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
    compensation      DOUBLE NOT NULL CHECK (compensation >= 0),
    outcome           VARCHAR NOT NULL CHECK (outcome IN ('赔付', '补发', '退款', '道歉说明', '不予支持', '处理中')),
    CHECK (first_response_at >= received_at),
    CHECK (resolved_at IS NULL OR resolved_at >= first_response_at),
    CHECK ((resolved_at IS NULL) = (outcome = '处理中'))
);

CREATE TABLE providers (
    provider_id       VARCHAR PRIMARY KEY,
    name              VARCHAR NOT NULL UNIQUE,
    price             DOUBLE NOT NULL CHECK (price > 0),
    on_time_rate      DOUBLE NOT NULL CHECK (on_time_rate BETWEEN 0 AND 1),
    damage_rate       DOUBLE NOT NULL CHECK (damage_rate BETWEEN 0 AND 1),
    coverage_cities   INTEGER NOT NULL CHECK (coverage_cities >= 0),
    it_score          INTEGER NOT NULL CHECK (it_score BETWEEN 1 AND 10),
    flexibility_score INTEGER NOT NULL CHECK (flexibility_score BETWEEN 1 AND 10),
    financial_score   INTEGER NOT NULL CHECK (financial_score BETWEEN 1 AND 10),
    response_hours    DOUBLE NOT NULL CHECK (response_hours > 0)
);

-- Survey answers: feedback information (反馈信息). Items are 1-7, Kano answers 1-5,
-- overall satisfaction 1-10, likelihood to recommend (推荐意愿) 0-10; an unanswered item is NULL.
CREATE TABLE survey (
    respondent_id VARCHAR PRIMARY KEY,
    customer_id   VARCHAR NOT NULL REFERENCES customers (customer_id),
    industry      VARCHAR NOT NULL,
    region        VARCHAR NOT NULL,
    contract_type VARCHAR NOT NULL,
    tan1_e INTEGER CHECK (tan1_e BETWEEN 1 AND 7),
    tan1_p INTEGER CHECK (tan1_p BETWEEN 1 AND 7),
    tan1_i INTEGER CHECK (tan1_i BETWEEN 1 AND 7),
    tan2_e INTEGER CHECK (tan2_e BETWEEN 1 AND 7),
    tan2_p INTEGER CHECK (tan2_p BETWEEN 1 AND 7),
    tan2_i INTEGER CHECK (tan2_i BETWEEN 1 AND 7),
    tan3_e INTEGER CHECK (tan3_e BETWEEN 1 AND 7),
    tan3_p INTEGER CHECK (tan3_p BETWEEN 1 AND 7),
    tan3_i INTEGER CHECK (tan3_i BETWEEN 1 AND 7),
    tan4_e INTEGER CHECK (tan4_e BETWEEN 1 AND 7),
    tan4_p INTEGER CHECK (tan4_p BETWEEN 1 AND 7),
    tan4_i INTEGER CHECK (tan4_i BETWEEN 1 AND 7),
    rel1_e INTEGER CHECK (rel1_e BETWEEN 1 AND 7),
    rel1_p INTEGER CHECK (rel1_p BETWEEN 1 AND 7),
    rel1_i INTEGER CHECK (rel1_i BETWEEN 1 AND 7),
    rel2_e INTEGER CHECK (rel2_e BETWEEN 1 AND 7),
    rel2_p INTEGER CHECK (rel2_p BETWEEN 1 AND 7),
    rel2_i INTEGER CHECK (rel2_i BETWEEN 1 AND 7),
    rel3_e INTEGER CHECK (rel3_e BETWEEN 1 AND 7),
    rel3_p INTEGER CHECK (rel3_p BETWEEN 1 AND 7),
    rel3_i INTEGER CHECK (rel3_i BETWEEN 1 AND 7),
    rel4_e INTEGER CHECK (rel4_e BETWEEN 1 AND 7),
    rel4_p INTEGER CHECK (rel4_p BETWEEN 1 AND 7),
    rel4_i INTEGER CHECK (rel4_i BETWEEN 1 AND 7),
    rel5_e INTEGER CHECK (rel5_e BETWEEN 1 AND 7),
    rel5_p INTEGER CHECK (rel5_p BETWEEN 1 AND 7),
    rel5_i INTEGER CHECK (rel5_i BETWEEN 1 AND 7),
    res1_e INTEGER CHECK (res1_e BETWEEN 1 AND 7),
    res1_p INTEGER CHECK (res1_p BETWEEN 1 AND 7),
    res1_i INTEGER CHECK (res1_i BETWEEN 1 AND 7),
    res2_e INTEGER CHECK (res2_e BETWEEN 1 AND 7),
    res2_p INTEGER CHECK (res2_p BETWEEN 1 AND 7),
    res2_i INTEGER CHECK (res2_i BETWEEN 1 AND 7),
    res3_e INTEGER CHECK (res3_e BETWEEN 1 AND 7),
    res3_p INTEGER CHECK (res3_p BETWEEN 1 AND 7),
    res3_i INTEGER CHECK (res3_i BETWEEN 1 AND 7),
    res4_e INTEGER CHECK (res4_e BETWEEN 1 AND 7),
    res4_p INTEGER CHECK (res4_p BETWEEN 1 AND 7),
    res4_i INTEGER CHECK (res4_i BETWEEN 1 AND 7),
    ass1_e INTEGER CHECK (ass1_e BETWEEN 1 AND 7),
    ass1_p INTEGER CHECK (ass1_p BETWEEN 1 AND 7),
    ass1_i INTEGER CHECK (ass1_i BETWEEN 1 AND 7),
    ass2_e INTEGER CHECK (ass2_e BETWEEN 1 AND 7),
    ass2_p INTEGER CHECK (ass2_p BETWEEN 1 AND 7),
    ass2_i INTEGER CHECK (ass2_i BETWEEN 1 AND 7),
    ass3_e INTEGER CHECK (ass3_e BETWEEN 1 AND 7),
    ass3_p INTEGER CHECK (ass3_p BETWEEN 1 AND 7),
    ass3_i INTEGER CHECK (ass3_i BETWEEN 1 AND 7),
    ass4_e INTEGER CHECK (ass4_e BETWEEN 1 AND 7),
    ass4_p INTEGER CHECK (ass4_p BETWEEN 1 AND 7),
    ass4_i INTEGER CHECK (ass4_i BETWEEN 1 AND 7),
    emp1_e INTEGER CHECK (emp1_e BETWEEN 1 AND 7),
    emp1_p INTEGER CHECK (emp1_p BETWEEN 1 AND 7),
    emp1_i INTEGER CHECK (emp1_i BETWEEN 1 AND 7),
    emp2_e INTEGER CHECK (emp2_e BETWEEN 1 AND 7),
    emp2_p INTEGER CHECK (emp2_p BETWEEN 1 AND 7),
    emp2_i INTEGER CHECK (emp2_i BETWEEN 1 AND 7),
    emp3_e INTEGER CHECK (emp3_e BETWEEN 1 AND 7),
    emp3_p INTEGER CHECK (emp3_p BETWEEN 1 AND 7),
    emp3_i INTEGER CHECK (emp3_i BETWEEN 1 AND 7),
    emp4_e INTEGER CHECK (emp4_e BETWEEN 1 AND 7),
    emp4_p INTEGER CHECK (emp4_p BETWEEN 1 AND 7),
    emp4_i INTEGER CHECK (emp4_i BETWEEN 1 AND 7),
    emp5_e INTEGER CHECK (emp5_e BETWEEN 1 AND 7),
    emp5_p INTEGER CHECK (emp5_p BETWEEN 1 AND 7),
    emp5_i INTEGER CHECK (emp5_i BETWEEN 1 AND 7),
    tim1_e INTEGER CHECK (tim1_e BETWEEN 1 AND 7),
    tim1_p INTEGER CHECK (tim1_p BETWEEN 1 AND 7),
    tim1_i INTEGER CHECK (tim1_i BETWEEN 1 AND 7),
    tim2_e INTEGER CHECK (tim2_e BETWEEN 1 AND 7),
    tim2_p INTEGER CHECK (tim2_p BETWEEN 1 AND 7),
    tim2_i INTEGER CHECK (tim2_i BETWEEN 1 AND 7),
    acc1_e INTEGER CHECK (acc1_e BETWEEN 1 AND 7),
    acc1_p INTEGER CHECK (acc1_p BETWEEN 1 AND 7),
    acc1_i INTEGER CHECK (acc1_i BETWEEN 1 AND 7),
    acc2_e INTEGER CHECK (acc2_e BETWEEN 1 AND 7),
    acc2_p INTEGER CHECK (acc2_p BETWEEN 1 AND 7),
    acc2_i INTEGER CHECK (acc2_i BETWEEN 1 AND 7),
    con1_e INTEGER CHECK (con1_e BETWEEN 1 AND 7),
    con1_p INTEGER CHECK (con1_p BETWEEN 1 AND 7),
    con1_i INTEGER CHECK (con1_i BETWEEN 1 AND 7),
    con2_e INTEGER CHECK (con2_e BETWEEN 1 AND 7),
    con2_p INTEGER CHECK (con2_p BETWEEN 1 AND 7),
    con2_i INTEGER CHECK (con2_i BETWEEN 1 AND 7),
    inf1_e INTEGER CHECK (inf1_e BETWEEN 1 AND 7),
    inf1_p INTEGER CHECK (inf1_p BETWEEN 1 AND 7),
    inf1_i INTEGER CHECK (inf1_i BETWEEN 1 AND 7),
    inf2_e INTEGER CHECK (inf2_e BETWEEN 1 AND 7),
    inf2_p INTEGER CHECK (inf2_p BETWEEN 1 AND 7),
    inf2_i INTEGER CHECK (inf2_i BETWEEN 1 AND 7),
    dis1_e INTEGER CHECK (dis1_e BETWEEN 1 AND 7),
    dis1_p INTEGER CHECK (dis1_p BETWEEN 1 AND 7),
    dis1_i INTEGER CHECK (dis1_i BETWEEN 1 AND 7),
    dis2_e INTEGER CHECK (dis2_e BETWEEN 1 AND 7),
    dis2_p INTEGER CHECK (dis2_p BETWEEN 1 AND 7),
    dis2_i INTEGER CHECK (dis2_i BETWEEN 1 AND 7),
    k1_func INTEGER NOT NULL CHECK (k1_func BETWEEN 1 AND 5),
    k1_dysf INTEGER NOT NULL CHECK (k1_dysf BETWEEN 1 AND 5),
    k2_func INTEGER NOT NULL CHECK (k2_func BETWEEN 1 AND 5),
    k2_dysf INTEGER NOT NULL CHECK (k2_dysf BETWEEN 1 AND 5),
    k3_func INTEGER NOT NULL CHECK (k3_func BETWEEN 1 AND 5),
    k3_dysf INTEGER NOT NULL CHECK (k3_dysf BETWEEN 1 AND 5),
    k4_func INTEGER NOT NULL CHECK (k4_func BETWEEN 1 AND 5),
    k4_dysf INTEGER NOT NULL CHECK (k4_dysf BETWEEN 1 AND 5),
    k5_func INTEGER NOT NULL CHECK (k5_func BETWEEN 1 AND 5),
    k5_dysf INTEGER NOT NULL CHECK (k5_dysf BETWEEN 1 AND 5),
    k6_func INTEGER NOT NULL CHECK (k6_func BETWEEN 1 AND 5),
    k6_dysf INTEGER NOT NULL CHECK (k6_dysf BETWEEN 1 AND 5),
    k7_func INTEGER NOT NULL CHECK (k7_func BETWEEN 1 AND 5),
    k7_dysf INTEGER NOT NULL CHECK (k7_dysf BETWEEN 1 AND 5),
    k8_func INTEGER NOT NULL CHECK (k8_func BETWEEN 1 AND 5),
    k8_dysf INTEGER NOT NULL CHECK (k8_dysf BETWEEN 1 AND 5),
    overall_satisfaction INTEGER NOT NULL CHECK (overall_satisfaction BETWEEN 1 AND 10),
    recommend            INTEGER NOT NULL CHECK (recommend BETWEEN 0 AND 10)
);

-- Loading: every file is read as text and cast by the column types above, so a
-- value that does not fit its column stops the build with the column's name.
INSERT INTO customers SELECT * FROM read_csv('@customers.csv', header = true, all_varchar = true);
INSERT INTO contacts SELECT * FROM read_csv('@contacts.csv', header = true, all_varchar = true);
INSERT INTO orders SELECT * FROM read_csv('@orders.csv', header = true, all_varchar = true);
INSERT INTO order_lines SELECT * FROM read_csv('@order_lines.csv', header = true, all_varchar = true);
INSERT INTO complaints SELECT * FROM read_csv('@complaints.csv', header = true, all_varchar = true);
INSERT INTO providers SELECT * FROM read_csv('@providers.csv', header = true, all_varchar = true);
INSERT INTO survey SELECT * FROM read_csv('@survey.csv', header = true, all_varchar = true);

-- Masking macros; logilab.mask_phone and logilab.mask_name follow the same rules.
-- phone_digits: the digits of a phone number, without a +86 country code before a mobile number.
CREATE MACRO phone_digits(p) AS
    CASE WHEN regexp_matches(regexp_replace(p, '[^0-9]', '', 'g'), '^861[3-9][0-9]{9}$')
         THEN substr(regexp_replace(p, '[^0-9]', '', 'g'), 3)
         ELSE regexp_replace(p, '[^0-9]', '', 'g') END;
-- mobile 138****5678; landline: area code, then the last four digits (021-****5678); anything else fully masked.
CREATE MACRO mask_phone(p) AS
    CASE WHEN p IS NULL THEN NULL
         WHEN regexp_matches(phone_digits(p), '^1[3-9][0-9]{9}$')
         THEN left(phone_digits(p), 3) || '****' || right(phone_digits(p), 4)
         WHEN regexp_matches(phone_digits(p), '^0[12][0-9]{8,9}$')
         THEN left(phone_digits(p), 3) || '-' || repeat('*', length(phone_digits(p)) - 7) || right(phone_digits(p), 4)
         WHEN regexp_matches(phone_digits(p), '^0[3-9][0-9]{9,10}$')
         THEN left(phone_digits(p), 4) || '-' || repeat('*', length(phone_digits(p)) - 8) || right(phone_digits(p), 4)
         ELSE repeat('*', length(p)) END;
-- the surname stays (compound surnames such as 欧阳 and 司马 as a whole), every other character becomes *.
CREATE MACRO mask_name(n) AS
    CASE WHEN n IS NULL THEN NULL
         WHEN length(n) >= 3 AND left(n, 2) IN ('欧阳', '司马', '诸葛', '上官', '慕容', '司徒', '东方', '皇甫', '尉迟', '公孙', '令狐', '长孙', '宇文', '夏侯', '独孤', '端木', '西门', '南宫')
         THEN left(n, 2) || repeat('*', length(n) - 2)
         ELSE left(n, 1) || repeat('*', length(n) - 1) END;
-- e-mail: first character of the local part, then the domain.
CREATE MACRO mask_email(e) AS
    CASE WHEN e IS NULL THEN NULL
         WHEN position('@' IN e) > 1 THEN left(e, 1) || '***' || substr(e, position('@' IN e))
         ELSE repeat('*', length(e)) END;

-- Views for the joins every analysis needs.
-- order_facts: one row per order with its lines summed and its service outcome.
CREATE VIEW order_facts AS
SELECT
    o.order_id,
    o.customer_id,
    o.warehouse,
    o.order_date,
    strftime(o.order_date, '%Y-%m') AS month,
    o.promised_date,
    o.shipped_date,
    o.delivered_date,
    count(*) AS lines,
    sum(l.ordered_qty) AS ordered_qty,
    sum(l.shipped_qty) AS shipped_qty,
    sum(l.damaged_qty) AS damaged_qty,
    round(sum(l.revenue), 2) AS revenue,
    round(sum(l.cost), 2) AS cost,
    o.delivered_date <= o.promised_date AS on_time,
    bool_and(l.shipped_qty >= l.ordered_qty) AS in_full,
    date_diff('day', o.order_date, o.delivered_date) AS cycle_days,
    o.doc_error,
    o.complaint,
    o.claim
FROM orders AS o
JOIN order_lines AS l USING (order_id)
GROUP BY ALL;

-- complaint_facts: every complaint with its warehouse, the hours to first response and to
-- resolution, and whether the first response came the same day (the sunset rule).
CREATE VIEW complaint_facts AS
SELECT
    c.*,
    o.warehouse,
    strftime(c.received_at, '%Y-%m') AS month,
    date_diff('minute', c.received_at, c.first_response_at) / 60.0 AS response_hours,
    date_diff('minute', c.received_at, c.resolved_at) / 60.0 AS resolution_hours,
    CAST(c.first_response_at AS DATE) = CAST(c.received_at AS DATE) AS same_day_response
FROM complaints AS c
JOIN orders AS o USING (order_id);

-- customer_profile: one row per customer: basic, transaction, service and feedback information.
CREATE VIEW customer_profile AS
WITH o AS (
    SELECT customer_id,
           count(*) AS orders,
           sum(revenue) AS revenue,
           min(order_date) AS first_order,
           max(order_date) AS last_order,
           avg(on_time::INTEGER) AS on_time_rate,
           avg(in_full::INTEGER) AS in_full_rate,
           avg(cycle_days) AS avg_cycle_days
    FROM order_facts GROUP BY customer_id
), c AS (
    SELECT customer_id,
           count(*) AS complaints,
           sum(compensation) AS compensation,
           avg(response_hours) AS avg_response_hours
    FROM complaint_facts GROUP BY customer_id
), s AS (
    SELECT customer_id, avg(overall_satisfaction) AS overall_satisfaction FROM survey GROUP BY customer_id
), k AS (
    SELECT customer_id, count(*) AS contacts FROM contacts GROUP BY customer_id
)
SELECT
    cu.customer_id, cu.name, cu.industry, cu.region, cu.contract_type, cu.since, cu.potential_spend,
    coalesce(o.orders, 0) AS orders,
    round(coalesce(o.revenue, 0), 2) AS revenue,
    o.first_order, o.last_order, o.on_time_rate, o.in_full_rate, o.avg_cycle_days,
    coalesce(c.complaints, 0) AS complaints,
    round(coalesce(c.compensation, 0), 2) AS compensation,
    c.avg_response_hours,
    s.overall_satisfaction,
    coalesce(k.contacts, 0) AS contacts
FROM customers AS cu
LEFT JOIN o USING (customer_id)
LEFT JOIN c USING (customer_id)
LEFT JOIN s USING (customer_id)
LEFT JOIN k USING (customer_id);

-- The masked schema: what an analyst without access to personal information may read.
-- In a server database (PostgreSQL, MySQL) a role is granted this schema only, e.g.
--   GRANT USAGE ON SCHEMA masked TO analyst; GRANT SELECT ON ALL TABLES IN SCHEMA masked TO analyst;
-- and nothing on the base tables. DuckDB has no users or roles, so here the schema shows the shape.
CREATE SCHEMA masked;
CREATE VIEW masked.contacts AS
SELECT contact_id, customer_id, mask_name(contact_name) AS contact_name, title,
       mask_phone(phone) AS phone, mask_email(email) AS email, verified_on
FROM main.contacts;
CREATE VIEW masked.customers AS SELECT * FROM main.customers;
CREATE VIEW masked.orders AS SELECT * FROM main.orders;
CREATE VIEW masked.order_lines AS SELECT * FROM main.order_lines;
CREATE VIEW masked.complaints AS SELECT * FROM main.complaints;
CREATE VIEW masked.survey AS SELECT * FROM main.survey;
CREATE VIEW masked.providers AS SELECT * FROM main.providers;
CREATE VIEW masked.customer_profile AS SELECT * FROM main.customer_profile;
