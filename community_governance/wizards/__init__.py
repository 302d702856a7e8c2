from . import community_steward_candidate_wizard
from . import community_steward_slot_generator
from . import community_volunteer_hour_reject_wizard
from . import community_volunteer_certificate_wizard
from . import community_petition_wizard
from . import community_petition_governance_wizard
from . import community_deliberation_ballot_wizard
