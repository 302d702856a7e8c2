from . import community_petition_report
from . import community_petition_department_report
from . import community_petition_rate_report
from . import report_petition_governance
