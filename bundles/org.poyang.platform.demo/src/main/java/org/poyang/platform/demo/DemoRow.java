package org.poyang.platform.demo;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** One row of demonstration data: a fictitious licensed enterprise of a Jiangxi city. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "demoRow", namespace = DemoSoapService.NAMESPACE, propOrder = {"id", "name", "region", "licence", "capital"})
public class DemoRow {
    private long id;
    private String name;
    private String region;
    private String licence;
    private double capital;

    public DemoRow() {
    }

    public DemoRow(long id, String name, String region, String licence, double capital) {
        this.id = id;
        this.name = name;
        this.region = region;
        this.licence = licence;
        this.capital = capital;
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getLicence() {
        return licence;
    }

    public void setLicence(String licence) {
        this.licence = licence;
    }

    public double getCapital() {
        return capital;
    }

    public void setCapital(double capital) {
        this.capital = capital;
    }

    private static final String[] CITIES = {"南昌市", "九江市", "赣州市", "上饶市", "景德镇市", "萍乡市", "新余市", "鹰潭市", "吉安市", "宜春市", "抚州市"};
    private static final String[] TRADES = {"陶瓷", "稀土", "光伏", "食品", "物流", "软件", "茶叶", "医药"};

    /** Deterministic sample rows, the same on every call, so that benchmarks compare like with like. */
    public static java.util.List<DemoRow> sample(int count) {
        java.util.List<DemoRow> rows = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String city = CITIES[i % CITIES.length];
            rows.add(new DemoRow(i + 1, city + TRADES[i % TRADES.length] + "有限公司" + (i + 1), city,
                    String.format("91360%013d", 100_000L + i), 100_000 + (i * 7919L % 9_000_000)));
        }
        return rows;
    }
}
