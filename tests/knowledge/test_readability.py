"""Plain English is a content rule; this keeps every article readable."""
from knowledge.readability import article_text, measure, syllables


def test_syllable_estimates():
    assert [syllables(w) for w in ("home", "council", "application", "a")] == [1, 2, 4, 1]


def test_measure_simple_and_hard_text():
    easy = measure("Call the council today. Ask for help. It is free.")
    hard = measure("Notwithstanding the aforementioned considerations, applicants demonstrating "
                   "exceptional circumstances necessitating expeditious accommodation "
                   "allocation may request reconsideration.")
    assert easy.sentences == 3 and easy.flesch > 80
    assert hard.flesch < 20


def test_every_article_is_plain_english(shipped_content):
    hard = {a.id: measure(article_text(a)) for a in shipped_content.articles}
    too_hard = {i: (r.flesch, round(r.words_per_sentence, 1)) for i, r in hard.items()
                if r.flesch < 50 or r.words_per_sentence > 20}
    assert not too_hard, f"simplify these (Flesch, words per sentence): {too_hard}"
