"""Keep the assistant quiet while an adviser holds the conversation.

When an adviser has claimed a resident's conversation, what the resident writes
is for the adviser: the assistant must not answer over them. The `with_adviser`
slot is read from the handoff queue on every message (actions/handoff.py); while
it is true this policy predicts "listen" with certainty, as a prediction made
without regard to what the user said, which Rasa's ensemble lets win over
every prediction that depends on it. Crisis replies are not affected: they are
sent while the message's slots are read, before any policy is asked.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

SLOT = "with_adviser"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class AdviserHoldsConversationPolicy(Policy):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Above RulePolicy (6), so a tie is also ours.
        return {"priority": 7}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain,
              **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(self, tracker: DialogueStateTracker, domain: Domain,
                                     rule_only_data: Optional[Dict[Text, Any]] = None,
                                     **kwargs: Any) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        # Rasa asks for a prediction with "listen" as the latest action only right after
        # the resident's message: that turn is the adviser's.
        if tracker.get_slot(SLOT) and tracker.latest_action_name == ACTION_LISTEN_NAME:
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
            return self._prediction(probabilities, is_no_user_prediction=True)
        return self._prediction(probabilities)
