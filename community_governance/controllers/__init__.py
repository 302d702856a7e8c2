from . import portal_volunteer
