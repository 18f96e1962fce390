from planlink.evidence.models.analysis import ProblemAnalysis, StoredProblem
from planlink.evidence.models.bmn import BmnImport, BmnResult
from planlink.evidence.models.families import (
    CapitalKind,
    CommunityCapital,
    FamilyImport,
    GvhVillage,
    HouseholdAccount,
    OccupationGroup,
    PoorHousehold,
    VbdVillage,
)
from planlink.evidence.models.reference import (
    DevelopmentCategory,
    Family,
    Indicator,
    IndicatorEdition,
    IndicatorUnit,
    ProblemSettings,
)

__all__ = [
    "BmnImport",
    "BmnResult",
    "CapitalKind",
    "CommunityCapital",
    "DevelopmentCategory",
    "Family",
    "FamilyImport",
    "GvhVillage",
    "HouseholdAccount",
    "Indicator",
    "IndicatorEdition",
    "IndicatorUnit",
    "OccupationGroup",
    "PoorHousehold",
    "ProblemAnalysis",
    "ProblemSettings",
    "StoredProblem",
    "VbdVillage",
]
