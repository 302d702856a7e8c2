from . import community_steward_coverage
from . import community_club_bond_report
from . import community_volunteer_report
from . import community_volunteer_participation_report
from . import community_petition_report
from . import community_petition_department_report
from . import community_petition_rate_report
from . import report_petition_governance
