# Scale data for benchmarks: see tools.py (Odoo 18.0 has no factory populate).
from . import community_area
from . import community_skill
from . import community_household
from . import res_partner
from . import community_department
from . import community_petition_category
from . import community_steward
from . import community_steward_slot
from . import community_club
from . import community_club_award
from . import community_club_membership
from . import community_petition
from . import community_petition_dispatch
from . import community_petition_signature
from . import community_volunteer_hour
from . import community_volunteer_certificate
from .tools import populate
