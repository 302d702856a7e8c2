from . import community_volunteer_report
from . import community_volunteer_participation_report
