"""The notices the data licences require wherever career data is shown."""

from __future__ import annotations

from dataclasses import dataclass

ONET_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
ONET_DATABASE_URL = "https://www.onetcenter.org/database.html"
BLS_EP_URL = "https://www.bls.gov/emp/"


@dataclass(frozen=True)
class Attribution:
    """O*NET attribution, the notice that Mentora modified the data, and the BLS citation."""

    onet: str
    modification: str
    bls: str

    def as_dict(self) -> dict[str, str]:
        return {"onet": self.onet, "modification": self.modification, "bls": self.bls}


def attribution(onet_version: str | None, bls_version: str | None) -> Attribution:
    """The required wording for the loaded releases ("29.3", "2024–34")."""
    database = f"O*NET {onet_version} Database" if onet_version else "O*NET Database"
    period = f" ({bls_version})" if bls_version else ""
    return Attribution(
        onet=(
            f"This page includes information from the {database} by the U.S. Department of "
            "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
            "license. O*NET® is a trademark of USDOL/ETA."
        ),
        modification=(
            "Mentora has modified all or some of this information. USDOL/ETA has not approved, "
            "endorsed, or tested these modifications."
        ),
        bls=f"Source: U.S. Bureau of Labor Statistics, Employment Projections program{period}.",
    )
