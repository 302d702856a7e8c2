from . import community_steward_coverage
from . import community_club_bond_report
from . import community_volunteer_report
from . import community_volunteer_participation_report
