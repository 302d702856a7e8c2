from . import test_area
from . import test_resident
from . import test_access
from . import test_steward_term
from . import test_steward_candidate
from . import test_steward_rota
from . import test_club_membership
from . import test_club_portal
