from . import test_area
from . import test_resident
from . import test_access
from . import test_petition_workflow
from . import test_petition_access
from . import test_petition_portal
from . import test_petition_report
