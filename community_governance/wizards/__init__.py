from . import community_petition_wizard
from . import community_petition_governance_wizard
