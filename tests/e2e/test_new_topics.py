"""The topics added for issue 13 (section 2), asked as residents ask them, through the
real REST channel: the right article answers, with its key fact, in English, Polish
and Arabic (right to left). A question about mould and a coughing child is a housing
question: it is answered with the landlord's legal timescales, never with 999."""
from __future__ import annotations

import uuid

import pytest

from tests.e2e.conftest import Resident

pytestmark = pytest.mark.e2e

# (language, what the resident types, the article that must answer, words that must appear)
QUESTIONS = [
    ("en", "there is black mould in my council flat and my son keeps coughing",
     "damp-mould-social-tenants", ["24 hours", "10 working days"]),
    ("en", "my private landlord has ignored the broken boiler for weeks",
     "repairs-private-renting", ["in writing"]),
    ("en", "what changed for private renters with the renters rights act",
     "private-renting-rights", ["section 8", "1 May 2026"]),
    ("en", "my landlord wants to put the rent up again this year",
     "rent-increase", ["section 13", "once a year"]),
    ("en", "letting agent said the landlord doesnt take people on benefits",
     "discrimination-children-benefits", ["unlawful"]),
    ("en", "universal credit isnt covering all my rent what help is there",
     "housing-costs-help", ["Discretionary Housing Payment"]),
    ("en", "can social services help my family if we have nrpf",
     "no-recourse-public-funds", ["0808 2000 247"]),
    ("en", "i got refugee status and must leave my asylum hotel",
     "asylum-move-on", ["local connection"]),
    ("en", "how can i report a hate crime",
     "where-else-hate-crime", ["999"]),
    ("en", "who do i complain to about my noisy neighbours",
     "where-else-noise-asb", ["landlord"]),
    ("en", "can you help me with my council tax bill",
     "where-else-council-tax-immigration", ["council tax"]),
    ("pl", "pleśń w mieszkaniu komunalnym i dziecko ciągle kaszle",
     "damp-mould-social-tenants", ["24 godzin"]),
    ("pl", "właściciel podniósł czynsz drugi raz w tym roku",
     "rent-increase", ["section 13"]),
    ("pl", "co znaczy no recourse to public funds na mojej wizie",
     "no-recourse-public-funds", ["0808 2000 247"]),
    ("ar", "في عفن في شقة المجلس وابني يكح كل يوم",
     "damp-mould-social-tenants", ["24"]),
    ("ar", "المالك زاد علي الإيجار مرة ثانية",
     "rent-increase", ["section 13"]),
    ("ar", "كيف أبلغ عن جريمة كراهية",
     "where-else-hate-crime", ["999"]),
]


def _resident(stack, language: str) -> Resident:
    resident = Resident(stack, f"e2e-topics-{language}-{uuid.uuid4().hex}")
    if language != "en":
        resident.say('/choose_language{"language":"%s"}' % language)
    return resident


@pytest.mark.parametrize("language,question,article_id,facts", QUESTIONS,
                         ids=[f"{q[0]}-{q[2]}" for q in QUESTIONS])
def test_new_topic_is_answered_by_its_article(stack, kb, language, question, article_id,
                                              facts):
    resident = _resident(stack, language)
    answer, detail = resident.reply_and_detail(question)
    shown = kb.article(article_id) if language == "en" else kb.translation(article_id, language)
    assert f"**{shown.title}**" in answer, answer[:400]
    for fact in facts:  # in the short answer or in its "More detail" (issue 15's shape)
        assert fact in answer + detail, (fact, answer[:600])


@pytest.mark.parametrize("question", [
    "my child is coughing because of the mould in our flat",
    "mould in my house and my child keeps coughing",
])
def test_mould_and_a_coughing_child_is_a_housing_answer_not_999(stack, kb, question):
    resident = _resident(stack, "en")
    texts = resident.texts(question)
    answer = "\n\n".join(texts)
    assert texts[0].startswith(f"**{kb.article('damp-mould-social-tenants').title}**"), \
        answer[:400]
    assert "24 hours" in answer
    assert "999" not in answer
