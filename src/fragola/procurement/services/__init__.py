"""Every write of public contracts (``bodies``, ``tenders``, ``bids``, ``contracts``)."""

from fragola.procurement.services.bids import (
    executor_name,
    executor_remove,
    executors_recheck,
    reserved_check,
)
from fragola.procurement.services.bodies import (
    PublicBodyData,
    import_public_bodies,
    public_body_upsert,
)
from fragola.procurement.services.contracts import (
    ContractData,
    commission_link,
    contract_lot_add,
    contract_price_set,
    contract_record,
    contract_share_set,
    work_contract_link,
)
from fragola.procurement.services.tenders import (
    TenderData,
    lot_add,
    tender_award,
    tender_feed_get,
    tender_move,
    tender_record,
    tender_update,
)

__all__ = [
    "ContractData",
    "PublicBodyData",
    "TenderData",
    "commission_link",
    "contract_lot_add",
    "contract_price_set",
    "contract_record",
    "contract_share_set",
    "executor_name",
    "executor_remove",
    "executors_recheck",
    "import_public_bodies",
    "lot_add",
    "public_body_upsert",
    "reserved_check",
    "tender_award",
    "tender_feed_get",
    "tender_move",
    "tender_record",
    "tender_update",
    "work_contract_link",
]
