from . import community_steward_coverage
from . import community_club_bond_report
