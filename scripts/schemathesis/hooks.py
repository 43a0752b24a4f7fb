"""Schemathesis hooks for Yidi (loaded by scripts/schemathesis.sh through SCHEMATHESIS_HOOKS).

A filing application passes the core's rules only with real ID numbers (GB 11643 check
character), a real name that the signature repeats, a start date near today and the materials of
its category: data generated from the schema alone practically never does, so the stateful phase
would never see a 201 and never follow the links from POST /api/filings to the routes that take a
filing's id. So half of the *positive* cases of POST /api/filings (those whose generated
`commitment` is false) send a known-valid application instead, keeping the generated contact
phone and `notice_accepted`. Negative cases are never touched: they must stay invalid.
"""

import datetime

import schemathesis


def _china_today() -> datetime.date:
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


def _valid_application(generated: dict) -> dict:
    start = _china_today() + datetime.timedelta(days=7)
    return {
        "applicant": {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000", "relation": "self"},
        "insured": {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"},
        "insured_region": "320500",
        "treatment_region": "440100",
        "scheme": "employee",
        "category": "resettled_retiree",
        "start_date": start.isoformat(),
        "contact": {"name": "李四", "phone": generated.get("contact", {}).get("phone", "13900139000")},
        "materials": ["hukou_first_page", "household_register_page"],
        "commitment": False,
        "notice_accepted": bool(generated.get("notice_accepted", True)),
        "signature": "张三",
    }


@schemathesis.hook
def map_case(context, case):
    meta = case.meta
    if (
        case.operation.label == "POST /api/filings"
        and meta is not None
        and meta.generation.mode.is_positive
        and isinstance(case.body, dict)
        and case.body.get("commitment") is False
    ):
        case.body = _valid_application(case.body)
    return case
