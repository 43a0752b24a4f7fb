//! One estimate against a five-band policy with classes (the issue's benchmark). Two figures:
//! the numeric core alone (`compute`), and the whole `estimate` with its Chinese steps.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use yidi_core::domain::FilingStatus;
use yidi_core::estimate::{
    ClassB, EstimateRequest, PolicyChoice, compute, estimate, parse_request,
};

const REQUEST: &str = r#"{
  "policy": {
    "deductible": "800",
    "bands": [ {"up_to": "10000", "ratio": "0.80"}, {"up_to": "30000", "ratio": "0.85"},
               {"up_to": "50000", "ratio": "0.88"}, {"up_to": "100000", "ratio": "0.90"},
               {"ratio": "0.95"} ],
    "annual_cap": "300000",
    "classes": {
      "class_b":      {"self_pay_first": "0.10"},
      "special_exam": {"self_pay_first": "0.30", "fund_ratio": "0.70"}
    },
    "filing_adjustment": { "other_temporary": {"multiply": "0.8"} }
  },
  "filing": "other_temporary",
  "bill": { "total": "110000.00",
            "items": [ {"class": "out_of_catalog", "amount": "5000"},
                       {"class": "class_b", "amount": "18200"},
                       {"class": "special_exam", "amount": "3000"} ] },
  "year_to_date": { "eligible": "2000", "fund_paid": "1000", "deductible_met": "0" }
}"#;

fn bench(c: &mut Criterion) {
    let request: EstimateRequest = parse_request(REQUEST).expect("bench request parses");
    let PolicyChoice::Custom(policy) = &request.policy else {
        unreachable!("the bench request carries its policy inline")
    };
    let mut group = c.benchmark_group("five_band_policy_with_classes");
    group.throughput(Throughput::Elements(1));
    group.bench_function("compute", |b| {
        b.iter(|| {
            compute(
                black_box(policy),
                black_box(&request.bill),
                black_box(&request.year_to_date),
                FilingStatus::OtherTemporary,
                ClassB::FullyEligible,
                &mut |_| {},
            )
        })
    });
    group.bench_function("estimate_with_steps", |b| {
        b.iter(|| estimate(black_box(&request)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
