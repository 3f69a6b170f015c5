"""Which language a resident is writing in.

Three signals, combined:
- the script: Gurmukhi means Punjabi and Bengali script means Bengali;
- lingua-language-detector, restricted to the languages we support (it ships its
  models in the wheel, so nothing is downloaded);
- small character n-gram classifiers of our own, trained at start-up from the
  training data in data/nlu/<language>/: one for Latin script (which lingua
  cannot do for Roman Urdu, Roman Punjabi or Banglish) and one for Perso-Arabic
  script (Urdu, Arabic, and Punjabi written in Shahmukhi).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lingua import Language as LinguaLanguage
from lingua import LanguageDetectorBuilder
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from bot.message_text import clean
from core.once import built_once
from knowledge.languages import script_of
from knowledge.training_data import NLU_DIR, read_examples

SHAHMUKHI = "pa-shahmukhi"  # Punjabi in Perso-Arabic script: recognised, then confirmed

LINGUA = {
    "en": LinguaLanguage.ENGLISH, "ur": LinguaLanguage.URDU, "pa": LinguaLanguage.PUNJABI,
    "bn": LinguaLanguage.BENGALI, "pl": LinguaLanguage.POLISH, "ar": LinguaLanguage.ARABIC,
    "so": LinguaLanguage.SOMALI, "ro": LinguaLanguage.ROMANIAN,
}
LINGUA_LATIN = ("en", "pl", "ro", "so")


@dataclass(frozen=True)
class Identification:
    language: str | None  # a supported language code, or None when there is nothing to go on
    confidence: float
    script: str | None
    shahmukhi: bool = False
    alternatives: tuple[tuple[str, float], ...] = field(default=())

    @property
    def runner_up(self) -> str | None:
        return self.alternatives[0][0] if self.alternatives else None


def _examples(nlu_dir: Path) -> list[tuple[str, str, str]]:
    """(text, intent, language label) for every training example a resident could type.

    Files named shahmukhi.yml in data/nlu/pa/ are labelled as Shahmukhi Punjabi.
    """
    return [(e.text, e.intent, SHAHMUKHI if e.file == "shahmukhi" else e.language)
            for e in read_examples(nlu_dir)
            if e.intent != "choose_article" and not e.text.startswith("/")]


def training_examples(nlu_dir: Path = NLU_DIR) -> dict[str, list[str]]:
    """Example messages per language label, from the NLU training data."""
    examples: dict[str, list[str]] = {}
    for text, _, label in _examples(nlu_dir):
        examples.setdefault(label, []).append(text)
    return examples


def training_examples_by_intent(nlu_dir: Path = NLU_DIR) -> list[tuple[str, str]]:
    """(text, intent) for every training example, in every language."""
    return [(text, intent) for text, intent, _ in _examples(nlu_dir)]


def _classifier() -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True,
                        lowercase=True),
        LogisticRegression(max_iter=2000, C=10.0),
    )


class LanguageIdentifier:
    def __init__(self, examples: dict[str, list[str]]):
        self.lingua = (LanguageDetectorBuilder.from_languages(*LINGUA.values())
                       .with_preloaded_language_models().build())
        self.latin = self._train(examples, "latin")
        self.arabic = self._train(examples, "arabic")

    @staticmethod
    def _train(examples: dict[str, list[str]], script: str) -> Pipeline | None:
        texts, labels = [], []
        for label, items in examples.items():
            for text in items:
                if script_of(text) == script:
                    texts.append(text)
                    labels.append(label)
        if len(set(labels)) < 2:
            return None
        return _classifier().fit(texts, labels)

    def _lingua(self, text: str, codes: tuple[str, ...]) -> dict[str, float]:
        values = {v.language: v.value for v in self.lingua.compute_language_confidence_values(text)}
        scores = {c: values.get(LINGUA[c], 0.0) for c in codes}
        total = sum(scores.values())
        return {c: v / total for c, v in scores.items()} if total else scores

    @staticmethod
    def _model(model: Pipeline | None, text: str) -> dict[str, float]:
        if model is None:
            return {}
        return dict(zip(model.classes_, model.predict_proba([text])[0]))

    def identify(self, text: str) -> Identification:
        """Never raises on odd text: a message that reaches the action server without
        passing the channel's cleaning (a lone surrogate, a NUL) is cleaned here, since
        lingua cannot encode a lone surrogate and would fail the whole message."""
        text = clean(text or "")
        script = script_of(text)
        if script is None:
            return Identification(None, 0.0, None)
        if script == "gurmukhi":
            return Identification("pa", 1.0, script)
        if script == "bengali":
            return Identification("bn", 1.0, script)
        if script == "arabic":
            lingua = self._lingua(text, ("ur", "ar"))
            model = self._model(self.arabic, text)
            scores = {c: 0.5 * lingua.get(c, 0.0) + 0.5 * model.get(c, lingua.get(c, 0.0))
                      for c in ("ur", "ar")}
            scores[SHAHMUKHI] = model.get(SHAHMUKHI, 0.0)
        else:
            lingua = self._lingua(text, LINGUA_LATIN)
            model = self._model(self.latin, text) or {c: lingua[c] for c in LINGUA_LATIN}
            # Our model decides how likely the message is Roman Urdu, Punjabi or Bengali,
            # which lingua cannot know; within the rest, lingua and our model share the say.
            scores = {roman: model.get(roman, 0.0) for roman in ("ur", "pa", "bn")}
            rest = sum(model.get(c, 0.0) for c in LINGUA_LATIN)
            for c in LINGUA_LATIN:
                own = model.get(c, 0.0) / rest if rest else 0.0
                scores[c] = rest * (0.5 * lingua[c] + 0.5 * own)
        total = sum(scores.values()) or 1.0
        ranked = sorted(((c, v / total) for c, v in scores.items()), key=lambda kv: -kv[1])
        best, confidence = ranked[0]
        alternatives = tuple((c, round(v, 3)) for c, v in ranked[1:3])
        if best == SHAHMUKHI:
            return Identification("pa", confidence, script, shahmukhi=True,
                                  alternatives=alternatives)
        return Identification(best, confidence, script, alternatives=alternatives)


@built_once
def identifier() -> LanguageIdentifier:
    """One identifier per process, trained on first use (a few seconds)."""
    return LanguageIdentifier(training_examples())
