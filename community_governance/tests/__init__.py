from . import test_area
from . import test_resident
from . import test_access
from . import test_volunteer_hour
from . import test_volunteer_totals
from . import test_volunteer_certificate
from . import test_volunteer_access
from . import test_volunteer_portal
