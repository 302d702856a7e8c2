from . import community_steward_candidate_wizard
from . import community_steward_slot_generator
