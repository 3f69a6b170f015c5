"""Reading a message the way a caseworker would: danger, concern, or an ordinary question.

The danger phrases (content) are the first witness; the context patterns say when
a phrase does not mean what it seems:
- negation: "I'm not in danger, I just want to move";
- hyperbole: "this flat is killing me" (unless someone is doing it: "he is killing me");
- legal terms: "intentionally homeless", "section 21", "possession order" turn
  "homeless" and "eviction" into a question about the law, unless it is tonight or now;
- a third party: "a man sleeping rough near our shop" is a StreetLink report, not 999;
- medical words in a housing context: "black mould and my son keeps coughing" is a
  repairs and medical-priority question, not a child in danger;
- a fixture of the home: "the fire door won't shut", "the knife drawer broke" is a
  repair, and the danger word inside the thing's name is not read as danger.
A message that is only a place name, a postcode, a greeting, a short reply or a
single word is never a crisis. The classifier (safety.classifier) then weighs what
the lists do not cover, against thresholds calibrated per language: a high score is
danger, a middling one a concern.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Sequence

from bot.redaction import without_personal_details
from core.once import built_once
from safety.cache import cached, inputs_key
from safety.classifier import CrisisClassifier, train_classifier
from safety.content import DEFAULT_THRESHOLDS, LanguageContent, load_content, place_names
from safety.matching import Found, Patterns
from safety.words import words_of

DANGER, CONCERN, ORDINARY = "danger", "concern", "ordinary"
# Most urgent first: the reply leads with the most urgent need.
CATEGORIES = ("immediate_danger", "suicidal", "domestic_abuse", "child_at_risk",
              "homeless_tonight", "illegal_eviction")
# The classifier judges only messages of this many words or more (places and
# postcodes not counted): on "B21 9ZZ", "Dudley" or "tomorrow" it has nothing to go on,
# and on three words it guessed "suicidal" for the Romanian "asta e tot" ("that's all").
# Short messages in danger are the phrase lists' and indicators' to catch.
CLASSIFIER_MIN_WORDS = 4
# A message this short that names a place is telling us where the resident lives.
PLACE_MESSAGE_WORDS = 5
NEAR = 3  # words between a negation or a person and what it is about
_POSTCODE_DISTRICT = re.compile(r"^[a-z]{1,2}[0-9][0-9a-z]?$")
# What each context explains away, when the message has no sign of urgency.
# Context kinds that say what a message's words are about: when one is present, the
# classifier (which reads letters, not sense) is not asked ...
# (A denial after the words, "koi ... nahi", is too common to calm a message on its own:
# "kono jaiga nai", no place to go, is a sign, not a denial.)
CALMING = ("negation", "hyperbole", "legal", "third_party", "medical_housing")
# ... unless the message is urgent ("the landlord is here now with two men, there was no
# court"): then the context no longer explains it, and the classifier is asked.
ASK_WHEN_CONTEXT_EXPLAINS_NOTHING = False
# A danger phrase at most this many words after a denial word ("nobody | hits me", "not |
# suicidal"), or right before one ("dhamki | nahi di", "is dilid | kama fikirayo"; the
# content's `denial_after` patterns carry their own fillers), gets at most the safety check: "nobody hits me, I need a bigger house" is not a
# 999 message, and a mistaken denial still reaches the resident. Wider, "nahi" would deny
# across clauses ("maar dega, main nahi bachungi").
DENIAL_GAP = 1
# Words between a denial and the legal term it denies: "never had | any | notice",
# "kono notice | pai | nai", "koi | court da kaagaz | nahi" (round 13).
LEGAL_DENIAL_GAP = 3
# Two witnesses (round 8, ADR 0009): a danger phrase gives the numbers unless the
# classifier, which has read thousands of whole messages in residents' own words, is all
# but sure the message is ordinary. Then the two disagree, and the resident gets the
# safety check (outcome 2), never silence: a phrase alone is a word, and most false
# "call 999" replies on the seventh blind set were a phrase read out of its context ("if
# we don't get a bigger flat my wife will kill me", "I want to report someone sleeping on
# the street"). Chosen on the seventh set with a classifier that had not read it: below
# 0.10, 7 of 31 ordinary messages given the numbers by a phrase, none of 346 crisis ones.
PHRASE_DOUBT = 0.10
# The categories a denial word can deny. The rest are said with a negation of their own:
# "no place to sleep", "kono jaiga nai", "hasn't eaten", "won't let me in".
DENIABLE = ("immediate_danger", "suicidal", "domestic_abuse")
# A laugh in the message is the resident's own witness that the words are a figure of
# speech: "I could strangle my brother, he lost the tenancy agreement 😅", "the neighbours
# upstairs, I want to kill myself from their noise ههههه". Said laughing, danger gets the
# safety check at most, never silence (round 10, ADR 0009). When no phrase names a danger
# and only the classifier is uneasy (a score between the two thresholds), the laugh
# settles it: ordinary (round 12). In the 6,474 crisis messages of every set the detector
# learns from, none laughs; 104 of 12,587 ordinary ones do. The skull is today's "I'm
# dead (laughing)". Not crying or weary faces: "😭" and "😩" are said in danger too.
LAUGHTER = re.compile(
    r"[\U0001F602\U0001F923\U0001F605\U0001F606\U0001F604\U0001F601\U0001F639\U0001F643"
    r"\U0001F61C\U0001F61D\U0001F644\U0001F480]"
    r"|(?<!\w)(?:ha){2,}h?(?!\w)|(?<!\w)(?:he){2,}(?!\w)|(?<!\w)(?:ja){3,}(?!\w)"
    r"|(?<!\w)l+o+l+(?!\w)|(?<!\w)lmao(?!\w)|(?<!\w)xd(?!\w)|\u0647{3,}"
    r"|(?<!\w)(?:\u09b9\u09be){2,}|(?<!\w)(?:\u0a39\u0a3e){2,}|(?<!\w)(?:\u06c1\u0627){2,}",
    re.IGNORECASE)
# A fixture of the home named after a danger ("fire door", "smoke alarm", "knife drawer",
# "gas safety certificate"; content `context: fixture`): its words are set aside before
# the danger patterns are looked for.
FIXTURE = "context:fixture"
SET_ASIDE = "\u2063"  # an invisible separator: no pattern names it
EXPLAINS = {
    "legal": {"homeless_tonight", "illegal_eviction"},
    "third_party": {"homeless_tonight"},
    "medical_housing": {"child_at_risk", "immediate_danger"},
}


@dataclass(frozen=True)
class Assessment:
    """What a message shows: its outcome, the crisis categories (most urgent first) and
    why, in words an adviser can check ("phrase: kill myself", "negation", "place name")."""

    outcome: str
    categories: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class Reading:
    """What the patterns and the classifier found in a message, before the thresholds:
    `settled` when no threshold can change the outcome (a danger phrase, a place name)."""

    settled: Assessment | None
    concern: tuple[str, ...] = ()
    explained: frozenset[str] = frozenset()
    score: float | None = None  # None: the classifier had nothing to judge
    category: str | None = None
    # Every danger phrase was denied ("nobody hits me"): the check at most, whatever the
    # classifier says.
    denied: bool = False
    # The danger categories a phrase found, when the classifier read the message too: the
    # two witnesses are weighed in `decide` (PHRASE_DOUBT).
    phrase_danger: tuple[str, ...] = ()
    # The message laughs (LAUGHTER): danger is asked about, not answered with 999.
    laughing: bool = False


def _near(before: Found, after: Found) -> bool:
    """`before` overlaps `after` or ends at most NEAR words before it."""
    return before.start < after.end and after.start - before.end <= NEAR


def _inside(part: Found, whole: Found) -> bool:
    """`part` lies within `whole`: "nie mam" in "nie mam gdzie spac" is the danger phrase's
    own words, not a negation of it."""
    return whole.start <= part.start and part.end <= whole.end


def _negates(negation: Found, phrase: Found) -> bool:
    """A negation before the phrase (or around it) that is not the phrase's own words."""
    return _near(negation, phrase) and not _inside(negation, phrase)


def _denies(denial: Found, phrase: Found) -> bool:
    """A denial that follows the phrase (word order of ur, pa, bn, so): right after it
    ("khudkushi | wali koi baat nahi") or around it ("koi | dhamki | nahi"), and reaching
    past its end, so "rehne ki koi jagah nahi" (nowhere to live) is never denied by its
    own "koi jagah nahi". Further away a "nahi" belongs to another clause ("he hits me,
    nobody helps")."""
    return denial.end > phrase.end and (denial.start == phrase.end or
                                        denial.start <= phrase.start)


def _legal_denied(legal: Found, context: dict[str, list[Found]]) -> bool:
    """A legal term said to be missing: negated ("no court order", "nie bylo zadnego
    sadu"), or with a denial word just before or after it ("never had any notice",
    "kono notice pai nai", "koi court da kaagaz nahi"; round 13). No legal process is
    what makes a lock-out unlawful, so the term explains nothing: the message is read
    by the classifier, not explained away as a question about the law."""
    negations = context["negation"] + context["negation_after"]
    return any(_inside(legal, n) or _negates(n, legal) or _denies(n, legal)
               for n in negations) or \
        any(_close(d, legal, context, LEGAL_DENIAL_GAP) for d in context["denial"]) or \
        any(_close(legal, d, context, LEGAL_DENIAL_GAP) for d in context["denial_after"])


def _close(left: Found, right: Found, context: dict[str, list[Found]], gap: int) -> bool:
    """`right` begins at most `gap` words after `left` ends, in the same clause."""
    return 0 <= right.start - left.end <= gap and not _across(left, right, context)


def _across(one: Found, other: Found, context: dict[str, list[Found]]) -> bool:
    """A clause break ("but", "lekin", "ale") lies between these two."""
    left, right = min(one.end, other.end), max(one.start, other.start)
    return any(left <= b.start and b.end <= right for b in context["clause_break"])


def _denial_word_denies(phrase: Found, context: dict[str, list[Found]],
                        danger: list[Found]) -> bool:
    """A denial word right before or right after this phrase (DENIAL_GAP), in the same
    clause, and not part of any danger phrase ("nie mam sily zyc" is a danger phrase,
    its "nie" denies nothing)."""
    if phrase.kind not in DENIABLE:
        return False
    def close(left: Found, right: Found, gap: int = DENIAL_GAP) -> bool:
        """Near, in one clause, and no other danger phrase between ("nobody | hits me,
        self-harm" does not deny the self-harm)."""
        return _close(left, right, context, gap) and \
            not any(left.end <= g.start and g.end <= right.start for g in danger)

    words = [d for d in context["denial"] + context["denial_after"]
             if not any(_inside(d, g) or (d.start < g.end and g.start < d.end) for g in danger)]
    return any(close(d, phrase) for d in words if d.label.endswith(":denial")) or \
        any(close(phrase, d, 0) for d in words if d.label.endswith(":denial_after"))


def labelled_patterns(content: dict[str, LanguageContent]) -> dict[tuple[str, str], list[str]]:
    """(label, language) -> the content's patterns for it ("danger:suicidal", "ur")."""
    labelled: dict[tuple[str, str], list[str]] = defaultdict(list)
    for language in content.values():
        for category, phrases in language.categories.items():
            if category not in CATEGORIES:
                raise ValueError(f"unknown crisis category '{category}'")
            labelled[f"danger:{category}", language.language] += phrases
        for category, phrases in language.concern.items():
            labelled[f"concern:{category}", language.language] += phrases
        for kind, patterns in language.context.items():
            labelled[f"context:{kind}", language.language] += patterns
    return labelled


class Detector:
    """The content of every language at once (residents mix languages and scripts),
    and a classifier trained from it."""

    def __init__(self, content: dict[str, LanguageContent], places: Sequence[str] = (),
                 classifier: CrisisClassifier | None = None):
        self.patterns = Patterns(labelled_patterns(content), places)
        self.calm = {" ".join(words_of(t)) for c in content.values() for t in c.calm}
        self.thresholds = {c.language: c.thresholds for c in content.values()}
        self.classifier = classifier

    def assess(self, text: str, language: str = "en") -> Assessment:
        """How worried to be about this message (see the module's docstring)."""
        limits = self.thresholds.get(language) or DEFAULT_THRESHOLDS
        return decide(self.read(text, language), limits)

    def read(self, text: str, language: str) -> Reading:
        """What the patterns and the classifier find in a message, before any threshold."""
        if (text or "").lstrip().startswith("/"):
            return Reading(Assessment(ORDINARY, reason="a button"))
        # Contact details (a callback number, an email) say nothing about safety.
        words = words_of(without_personal_details(text or ""))
        if len(words) <= 1 or " ".join(words) in self.calm:
            return Reading(Assessment(ORDINARY, reason="a single word or a short reply"))
        found = self._find(words, language)
        danger, explained, concern, calming = self._weigh(found)
        laughing = bool(LAUGHTER.search(text or ""))
        if danger:
            return self._second_witness(words, found, danger, laughing)
        content_words = self._content_words(words, found)
        if not concern and any(f.label == "place" for f in found) and \
                len(words) <= PLACE_MESSAGE_WORDS:
            return Reading(Assessment(ORDINARY, reason="a place name or postcode"))
        context = _context_of(found)
        history = _only_history(context)
        # "No danger, the smoke alarm beeps because its battery is low": the resident says
        # in so many words that it is not an emergency (a `negation` pattern), and no
        # danger phrase stands. The classifier, asked because "smoke" is urgent, reads
        # the words, not the denial: it may ask the safety check, never give 999 (round 11).
        reading = Reading(None, concern, frozenset(explained | calming),
                          denied=history or bool(context["negation"]) or
                          any(f.kind in concern and f.label.startswith("danger:")
                              for f in found),
                          laughing=laughing)
        # "I'm not in danger, I just want to move", "this flat is killing me", "someone
        # sleeps rough by our shop": the context says what the words mean, and the
        # classifier, which reads letters, not sense, would only guess against it.
        if self.classifier is None or content_words < CLASSIFIER_MIN_WORDS or explained \
                or (calming and not ASK_WHEN_CONTEXT_EXPLAINS_NOTHING):
            return reading
        score, category = self.classifier.score(_without_fixtures(words, found))
        return replace(reading, score=score, category=category)

    def _find(self, words: list[str], language: str) -> list[Found]:
        """The patterns in the message, once a fixture's name is set aside: in "the fire
        door won't shut", "my knife drawer broke" or "gas safety check", the danger word
        names a thing in the home, and no danger pattern may read it (round 12); nor,
        since round 14, the classifier (`_without_fixtures`)."""
        found = [f for f in self.patterns.find(words) if f.counts_in(language, words)]
        fixtures = [f for f in found if f.label == FIXTURE]
        if not fixtures:
            return found
        masked = list(words)
        for fixture in fixtures:
            masked[fixture.start:fixture.end] = [SET_ASIDE] * (fixture.end - fixture.start)
        # (no fixture is found again: its words are set aside)
        return fixtures + [f for f in self.patterns.find(masked)
                           if f.counts_in(language, masked)]

    def _second_witness(self, words: list[str], found: list[Found],
                        danger: tuple[str, ...], laughing: bool = False) -> Reading:
        """A danger phrase, with the classifier's score beside it when the message is long
        enough for the classifier to judge (`decide` weighs the two, PHRASE_DOUBT)."""
        if self.classifier is None or self._content_words(words, found) < CLASSIFIER_MIN_WORDS:
            if laughing:
                return Reading(None, phrase_danger=danger, laughing=True)
            return Reading(Assessment(DANGER, danger, "phrase"))
        score, _ = self.classifier.score(_without_fixtures(words, found))
        return Reading(None, score=score, phrase_danger=danger, laughing=laughing)

    def _weigh(self, found: list[Found]
               ) -> tuple[tuple[str, ...], set[str], tuple[str, ...], set[str]]:
        """The danger categories that stand once the context is read, the kinds of
        context that explained others away, the concern categories that stand, and the
        calming kinds of context in the message (none when it is urgent).
        The context explains a concern phrase as it does a danger phrase: "my cousin has
        nowhere to live, can she go on my tenancy" asks about someone else's housing."""
        context = _context_of(found)
        urgent = _urgent(context)
        # A legal term that is denied says the lock-out is unlawful: it explains nothing.
        context["legal"] = [c for c in context["legal"] if not _legal_denied(c, context)]
        # A negation that starts inside one danger phrase and reaches into the next one
        # borrowed the first phrase's own "not": "nie mam gdzie spac, jestem bezdomny"
        # (nowhere to sleep, I am homeless) is not "nie ... jestem bezdomny" (I am not
        # homeless). Around one phrase it stays a negation: "rabshad ma jirto".
        phrases = [f for f in found if f.label.startswith("danger:")]
        context["negation"] = [n for n in context["negation"] if not any(
            g.start <= n.start < g.end <= h.start < n.end for g in phrases for h in phrases)]
        kept: dict[str, set[str]] = {"danger": set(), "concern": set(), "denied": set()}
        # Any of these in the message says what its words are about (see `read`).
        calming = set() if urgent else {kind for kind in CALMING if context[kind]}
        # History, then a settled life now ("years ago I slept rough, now I have a job and
        # want my own tenancy"): a question about an application, not a check.
        if _only_history(context) and context["moved_on"]:
            calming.add("past")
        explained: set[str] = set()
        danger = [f for f in found if f.label.startswith("danger:")]
        for f in found:
            level = f.label.split(":", 1)[0]
            if level not in ("danger", "concern"):
                continue
            reason = self._explanation(f, context, urgent)
            if reason:
                explained.add(reason)
            elif level == "danger" and _told_as_history(f, context) and context["moved_on"]:
                explained.add("past")
            elif level == "danger" and (_denial_word_denies(f, context, danger) or
                                        _told_as_history(f, context)):
                kept["denied"].add(f.kind)
            else:
                kept[level].add(f.kind)
        # A category denied by every phrase that names it is a concern: the check, no 999.
        kept["concern"] |= kept["denied"] - kept["danger"]
        return (tuple(c for c in CATEGORIES if c in kept["danger"]), explained,
                tuple(c for c in CATEGORIES if c in kept["concern"]), calming)

    def _explanation(self, f: Found, context: dict[str, list[Found]], urgent: bool) -> str | None:
        """Why this danger phrase does not mean danger here, or None."""
        # A negation never reaches across "but": "I'm not suicidal but he is hitting me".
        if any(_negates(n, f) and not _across(n, f, context) for n in context["negation"]) or \
                any(_denies(n, f) and not _across(n, f, context) for n in context["negation_after"]):
            return "negation"
        figures = [h for h in context["hyperbole"] if h.start < f.end and f.start < h.end]
        # A person named inside the figure of speech is part of it, not someone doing it:
        # "my wife will kill me if we don't get a garden", "begum maar degi agar ...".
        someone = any(_near(p, f) and not any(_inside(p, h) for h in figures)
                      for p in context["person"])
        if not someone and figures:
            return "hyperbole"
        for kind, categories in EXPLAINS.items():
            # A legal term inside the phrase ("without notice") explains nothing.
            outside = [c for c in context[kind] if kind != "legal" or c.end <= f.start
                       or c.start >= f.end]
            if outside and f.kind in categories and not urgent and \
                    not (kind == "medical_housing" and someone):
                return kind
        return None

    @staticmethod
    def _content_words(words: list[str], found: list[Found]) -> int:
        """Words that are not a place name, a postcode district or a greeting."""
        places = {i for f in found if f.label in ("place", "context:greeting")
                  for i in range(f.start, f.end)}
        return sum(1 for i, w in enumerate(words)
                   if i not in places and not _POSTCODE_DISTRICT.match(w))



def _without_fixtures(words: list[str], found: list[Found]) -> list[str]:
    """The words the classifier reads: a fixture's name left out ("smoke alarm", "fire
    door", "zabić deskami", a letterbox opened "nożem"). Reading them, it scored "the smoke
    alarm is broken" 0.95 and "opened the letterbox with a knife" 0.90, danger, as if
    the thing's name were the danger (round 14); the danger patterns never read them."""
    aside = {i for f in found if f.label == FIXTURE for i in range(f.start, f.end)}
    kept = [w for i, w in enumerate(words) if i not in aside]
    return kept if aside and kept else words


def _context_of(found: list[Found]) -> dict[str, list[Found]]:
    """The context patterns found, by kind ("negation", "past", ...)."""
    context: dict[str, list[Found]] = defaultdict(list)
    for f in found:
        if f.label.startswith("context:"):
            context[f.kind].append(f)
    return context


def _only_history(context: dict[str, list[Found]]) -> bool:
    """The message tells of danger in the past ("ten years ago he hit me, now divorced",
    "years ago I was in a refuge") and says nothing of danger now (content `present`:
    "still", "again", "tonight", "found me"): a question about an application, not 999."""
    return bool(context["past"]) and not context["present"]


def _told_as_history(phrase: Found, context: dict[str, list[Found]]) -> bool:
    """This danger phrase shares a clause with a past marker, and nothing in the message
    says the danger is now: at most the safety check (a mistaken reading still reaches
    the resident). "Years ago I was in a refuge, but he found me again" stays danger.
    With a settled life now (content `moved_on`: "now I want to apply for a council
    flat") it is ordinary (round 7)."""
    return _only_history(context) and \
        any(not _across(p, phrase, context) for p in context["past"])


def _urgent(context: dict[str, list[Found]]) -> bool:
    """An urgency word outside any negation: "it's fine for now" is calm."""
    return any(not any(_inside(u, n) for n in context["negation"])
               for u in context["urgency"])


def decide(reading: Reading, limits: dict[str, float]) -> Assessment:
    """The outcome, with this language's classifier thresholds (danger, concern)."""
    if reading.settled is not None:
        return reading.settled
    if reading.phrase_danger:
        score = reading.score if reading.score is not None else 1.0
        if reading.laughing:
            return Assessment(CONCERN, reading.phrase_danger, "phrase, said laughing")
        if score < PHRASE_DOUBT:
            return Assessment(CONCERN, reading.phrase_danger,
                              f"phrase, classifier doubts it ({score:.2f})")
        return Assessment(DANGER, reading.phrase_danger, "phrase")
    danger, concern = limits["danger"], limits["concern"]
    score = reading.score if reading.score is not None else 0.0
    why = f"classifier {score:.2f}" if reading.score is not None else "no sign"
    if score >= danger and not reading.denied:
        if reading.laughing:
            return Assessment(CONCERN, _category(reading), why + ", said laughing")
        return Assessment(DANGER, _category(reading), why)
    if reading.concern:
        return Assessment(CONCERN, reading.concern,
                          "denied danger" if reading.denied else "concern phrase")
    if score >= concern and not reading.laughing:
        return Assessment(CONCERN, _category(reading), why)
    if score >= concern:
        return Assessment(ORDINARY, reason=why + ", said laughing")
    return Assessment(ORDINARY, reason=", ".join(sorted(reading.explained)) or why)


def _category(reading: Reading) -> tuple[str, ...]:
    """The classifier's category; it names one whenever its score passes a threshold
    (a classifier with no crisis categories scores every message 0)."""
    return (reading.category,) if reading.category is not None else ()


def build_detector() -> Detector:
    """The detector from the shipped content; its classifier from var/ when the same
    inputs trained it before (well under a second), else trained now (a minute or more
    on a loaded machine) and kept for the next start (safety.cache)."""
    content = load_content()
    learnt = {c.language: [c.phrases, c.examples, c.calm] for c in content.values()}
    classifier = cached(lambda: train_classifier(content.values()), inputs_key(learnt))
    return Detector(content, place_names(), classifier)


@built_once
def detector() -> Detector:
    """One detector per process, built on first use; callers arriving meanwhile wait."""
    return build_detector()


def assess(text: str, language: str = "en") -> Assessment:
    """How worried to be about a resident's message: danger, concern or ordinary."""
    return detector().assess(text, language)
