from . import (
    test_access,
    test_area,
    test_club_membership,
    test_club_portal,
    test_resident,
    test_steward_candidate,
    test_steward_rota,
    test_steward_term,
)
