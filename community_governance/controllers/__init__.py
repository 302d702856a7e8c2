from . import portal_club
from . import portal_steward
from . import portal_volunteer
from . import portal_petition
