from . import portal_petition
