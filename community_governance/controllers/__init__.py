from . import portal
from . import portal_petition
from . import portal_dispatch
from . import portal_club
from . import portal_activity
from . import portal_rota
from . import portal_volunteer
from . import portal_deliberation
