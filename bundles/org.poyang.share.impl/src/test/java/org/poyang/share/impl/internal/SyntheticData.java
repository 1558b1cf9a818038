package org.poyang.share.impl.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Synthetic subsidy-payment rows for the watermark tests. */
final class SyntheticData {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建文辉力宇浩凯健俊帆帅旭宁龙林欣怡梓涵";
    private static final String[] STREETS = {"八一大道", "阳明路", "北京西路", "井冈山大道", "洪都中大道", "庐山南大道", "象山北路", "孺子路"};
    private static final String[] DISTRICTS = {"南昌市东湖区", "南昌市西湖区", "九江市浔阳区", "赣州市章贡区", "上饶市信州区", "吉安市吉州区"};
    private static final String[] REGIONS = {"360102", "360103", "360402", "360702", "361102", "360802"};

    /** One row of a subsidy payment roster; decimal columns as the platform stores them. */
    record Row(String name, String idNumber, String address, String subsidy, String area,
            String payDate, int household) {

        Row withDecimals(String newSubsidy, String newArea) {
            return new Row(name, idNumber, address, newSubsidy, newArea, payDate, household);
        }
    }

    private SyntheticData() {
    }

    static List<Row> rows(int count, Random rnd) {
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(row(rnd));
        }
        return rows;
    }

    private static Row row(Random rnd) {
        String name = SURNAMES.charAt(rnd.nextInt(SURNAMES.length())) + ""
                + GIVEN.charAt(rnd.nextInt(GIVEN.length()))
                + (rnd.nextBoolean() ? "" + GIVEN.charAt(rnd.nextInt(GIVEN.length())) : "");
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(rnd.nextInt(365 * 65));
        String base = REGIONS[rnd.nextInt(REGIONS.length)]
                + birth.toString().replace("-", "") + String.format("%03d", rnd.nextInt(1000));
        String check = rnd.nextInt(11) == 10 ? "X" : Integer.toString(rnd.nextInt(10));
        String address = "江西省" + DISTRICTS[rnd.nextInt(DISTRICTS.length)]
                + STREETS[rnd.nextInt(STREETS.length)] + (1 + rnd.nextInt(999)) + "号"
                + (1 + rnd.nextInt(30)) + "栋" + (101 + rnd.nextInt(2500)) + "室";
        String subsidy = rnd.nextInt(10) == 0
                ? BigDecimal.valueOf(100 + rnd.nextInt(9900)).setScale(2).toPlainString()
                : BigDecimal.valueOf(10_000 + rnd.nextInt(990_000), 2).toPlainString();
        int areaScale = 1 + rnd.nextInt(3);
        String area = BigDecimal.valueOf(35_500 + rnd.nextInt(180_375 - 35_500 + 1), 3)
                .setScale(areaScale, RoundingMode.HALF_UP).toPlainString();
        String payDate = LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(366)).toString();
        return new Row(name, base + check, address, subsidy, area, payDate, 1 + rnd.nextInt(7));
    }

    /** Marks the two DECIMAL columns (subsidy, area) of every row for one recipient. */
    static List<Row> deliver(List<Row> rows, Watermark w) {
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.withDecimals(w.mark(r.subsidy()), w.mark(r.area())));
        }
        return out;
    }

    /** The platform's own CSV export of all columns. */
    static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("姓名,身份证号,地址,补贴金额,面积,发放日期,家庭人口\n");
        for (Row r : rows) {
            sb.append(r.name()).append(',').append(r.idNumber()).append(',').append(r.address())
                    .append(',').append(r.subsidy()).append(',').append(r.area()).append(',')
                    .append(r.payDate()).append(',').append(r.household()).append('\n');
        }
        return sb.toString();
    }

    /** Replaces ASCII digits and the point with their full-width forms. */
    static String fullWidth(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= '0' && c <= '9') {
                sb.append((char) ('\uFF10' + (c - '0')));
            } else if (c == '.') {
                sb.append('\uFF0E');
            } else if (c == '-') {
                sb.append('\uFF0D');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code 2024-05-01} becomes {@code 2024年05月01日}. */
    static String chineseDate(String isoDate) {
        return isoDate.substring(0, 4) + "年" + isoDate.substring(5, 7) + "月"
                + isoDate.substring(8, 10) + "日";
    }

    /** {@code 1234.5} becomes {@code 1,234.50}. */
    static String thousands(String amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(new BigDecimal(amount));
    }

    static String jsonString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
