//! The 告知书 an applicant reads and accepts before signing: what a filing means, in five
//! sentences. Points one to four restate 医保发〔2022〕22号 (`shared/domain.md`, "Settlement" and
//! "Materials"); the fifth is this app's own caution.

/// A text shown as is, with where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    pub title: &'static str,
    pub paragraphs: &'static [&'static str],
    pub source: &'static str,
}

/// 跨省异地就医备案告知书.
pub const NOTICE: Notice = Notice {
    title: "跨省异地就医备案告知书",
    paragraphs: &[
        "一、备案后，在就医地跨省联网定点医药机构就医，可以直接结算；在未联网的机构就医，需先垫付，再回参保地报销。",
        "二、就医地决定哪些药品、诊疗项目和医用耗材可以报销（就医地目录）；起付线、报销比例和最高支付限额按参保地政策执行。",
        "三、临时外出就医人员的报销比例可能比在参保地就医时低。",
        "四、本人提供的信息和材料应真实、完整；以个人承诺代替证明材料的，如承诺不实，要承担相应责任，已结算的费用可能被追回。",
        "五、本应用给出的测算仅供参考，以医保经办机构的审核和结算为准。",
    ],
    source: "依据：国家医保局 财政部《关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号），2022年",
};
