from . import test_area
from . import test_resident
from . import test_access
from . import test_views
