from enum import StrEnum

class PatchActionV1ActionsActionIdPatchJsonActionPatchMergePatchStatusType0(StrEnum):
    CANCELLED = "cancelled"
    DONE = "done"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
