from . import controllers
from . import models
from . import populate
from . import report
from . import wizards
